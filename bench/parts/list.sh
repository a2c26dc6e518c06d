# Part "list": `keys list` beside `notary key list` over 100, 1,000, 3,000 and 10,000 keys, cold processes.
part_list() {
  local f="$OUT/list.md" seed n dir k nt fl sw plain hello pr pw pw25 pw75 pn pn25 pn75
  need hyperfine hyperfine
  need python3 python3
  need notary notary
  need jq jq
  seed="$(seed_key)"
  build_floor
  fl="java $FLOOR_OPTS -cp $WORK/floor/floor.jar ListFloor"
  sw="java $SAME_OPTS -cp $WORK/floor/floor.jar ListSameWorkFloor"
  hello="java $FLOOR_OPTS -cp $WORK/floor/floor.jar Hello"
  md "$f" "## keys list vs notary key list (cold process)" "" \
    "Trust directories made by \`bench/lib/mktrust\` (one encrypted key copied under N random IDs with role/gun" \
    "headers; both tools read only names and headers). hyperfine -N, 2 warm-ups, $ROUNDS rounds x $RUNS runs," \
    "command order reversed every other round; median of all runs; CPU = mean user+sys." \
    "\`keys\` is \`bin/keys\` (CDS archive, C1 for list); *plain* is \`java -jar target/keys.jar\` with no flags." \
    "*JVM floor* is \`bench/floor/ListFloor.java\`: the least a Java program can do to list like notary (read each" \
    "file, take the role/gun headers, print a line; no checks, no decoding), with bin/keys's JVM flags and its own" \
    "CDS archive; *JVM hello* prints one line. They show what any JVM-based lister costs here." \
    "*Same-work floor* is \`bench/floor/ListSameWorkFloor.java\`, the floor as issue 19 defines floors: JDK only, the" \
    "work \`keys list\` does (the stat that refuses FIFOs, whole files read, PEM and base64 decoded, role checked," \
    "algorithm told from the ciphertext length, Notary's order, aligned columns, control characters replaced), one" \
    "thread, its own CDS archive; its output is checked identical to keys' (cmp) before anything is timed. keys reads" \
    "with two threads from 200 keys; the line *keys, one reader thread* has its ratio with one (through \`env\`)." \
    "*Interleaved*: \`bench/lib/paired\`, $((RUNS * ROUNDS)) cycles of one run each of keys, the same-work floor and" \
    "notary in turn (order reversed every other cycle), the median (p25-p75) of the cycles' ratios: drift of the" \
    "machine's speed within seconds cannot bias them, as it can bias blocks of runs." "" \
    "Targets (issue 19): keys/same-work floor ≤ 1.15 at 1,000 keys; keys/notary ≤ 1 from 3,000 keys up." "" \
    "| keys | notary median | keys median | keys/notary (pooled) | per-round ratios | keys/notary interleaved | notary CPU | keys CPU | JVM floor median | floor/notary | keys/floor (pooled) | per-round keys/floor | same-work floor median | keys/same-work floor (pooled) | per-round keys/same-work | keys/same-work interleaved | load (1/5/15) |" \
    "|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|---|---|"
  for n in 100 1000 3000 10000; do
    dir="$WORK/list-$n"
    rm -rf "$dir"
    "$ROOT/bench/lib/mktrust" "$seed" "$dir" "$n"
    k="$KEYS -d $dir list"
    nt="notary -d $dir key list"
    [[ $($k | grep -cE '[0-9a-f]{64}') -eq $n ]] || die "keys list did not list $n keys"
    [[ $($nt | grep -cE '[0-9a-f]{64}') -eq $n ]] || die "notary key list did not list $n keys"
    [[ $($fl "$dir" | grep -cE '[0-9a-f]{64}') -eq $n ]] || die "the JVM floor did not list $n keys"
    cmp -s <($k) <($sw "$dir") || die "the same-work floor's output differs from keys list's ($n keys)"
    KEYS_JAVA_OPTS="-Xlog:class+load:file=$OUT/keys-list-$n.classes" $k >/dev/null
    from_archive dev.trustkeys.cli.Main "$OUT/keys-list-$n.classes" || die "keys list does not start with its CDS archive"
    local l0; l0="$(load)"
    if [[ $n -eq 1000 ]]; then
      plain="java -jar $ROOT/target/keys.jar -d $dir list"
      hf "list-$n" "$nt" "$k" "$fl $dir" "$sw $dir" "$plain" "$hello"
    else
      hf "list-$n" "$nt" "$k" "$fl $dir" "$sw $dir"
    fi
    read -r nm nu ns _ <<<"$(hf_stats "list-$n" "$nt")"
    read -r km ku ks _ <<<"$(hf_stats "list-$n" "$k")"
    read -r fm _ <<<"$(hf_stats "list-$n" "$fl $dir")"
    read -r sm _ <<<"$(hf_stats "list-$n" "$sw $dir")"
    pr="$(paired_ratios "list-$n" "$k" "$sw $dir" "$nt")" || die "interleaved runs of list-$n failed"
    { read -r pw pw25 pw75; read -r pn pn25 pn75; } <<<"$pr"
    md "$f" "| $n | $(fmt "$nm") ms | $(fmt "$km") ms | **$(ratio "$km" "$nm")** | $(hf_round_ratios "list-$n" "$k" "$nt") | **$pn** ($pn25-$pn75) | $(fmt "$(sum "$nu" "$ns")") ms | $(fmt "$(sum "$ku" "$ks")") ms | $(fmt "$fm") ms | $(ratio "$fm" "$nm") | **$(ratio "$km" "$fm")** | $(hf_round_ratios "list-$n" "$k" "$fl $dir") | $(fmt "$sm") ms | **$(ratio "$km" "$sm")** | $(hf_round_ratios "list-$n" "$k" "$sw $dir") | **$pw** ($pw25-$pw75) | $l0 → $(load) |"
    if [[ $n -eq 1000 ]]; then
      read -r pm pu ps _ <<<"$(hf_stats "list-$n" "$plain")"
      read -r hm hu hs _ <<<"$(hf_stats "list-$n" "$hello")"
      # keys with one reader thread, as the same-work floor reads (through env, which adds its own exec to keys)
      local p1 p1a p1b
      read -r p1 p1a p1b <<<"$(paired_ratios "list-$n-one-thread" "env KEYS_JAVA_OPTS=-Dkeys.scan.parallelThreshold=1000000000 $k" "$sw $dir")" ||
        die "interleaved runs of list-$n with one reader thread failed"
      EXTRA_LINES=("| 1000 (keys, one reader thread) | | | | | | | | | | | | | | | **$p1** ($p1a-$p1b) | |"
        "| 1000 (plain java -jar) | | $(fmt "$pm") ms | $(ratio "$pm" "$nm") | $(hf_round_ratios "list-$n" "$plain" "$nt") | | | $(fmt "$(sum "$pu" "$ps")") ms | | | | | | | | | |"
        "| JVM hello (no keys) | | $(fmt "$hm") ms | $(ratio "$hm" "$nm") (vs notary at 1000) | | | | $(fmt "$(sum "$hu" "$hs")") ms | | | | | | | | | |")
    fi
    rm -rf "$dir"
  done
  md "$f" "${EXTRA_LINES[@]}" ""
}

# The JVM floor programs (bench/floor): compiled into $WORK/floor, with CDS archives made the way the build makes
# keys' (floor_cds_archive: a training run's class list, dumped into a static archive; ListFloor's and
# ListSameWorkFloor's each their own), and run with bin/keys's JVM flags for `list` (KEYS_MEMORY_OPTS: those bin/keys
# gives every command on this machine).
build_floor() {
  local d="$WORK/floor"
  KEYS_MEMORY_OPTS="$(keys_jvm_memory_opts)"
  FLOOR_OPTS="-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off $KEYS_MEMORY_OPTS -XX:SharedArchiveFile=$d/floor.jsa"
  SAME_OPTS="-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off $KEYS_MEMORY_OPTS -XX:SharedArchiveFile=$d/list-same.jsa"
  [[ -f $d/floor.jsa && -f $d/list-same.jsa ]] && return 0
  mkdir -p "$d/classes" "$d/train/private"
  # -XDstringConcat=inline as keys is compiled (pom.xml): string concatenation as StringBuilder calls, not
  # invokedynamic, whose method handles the JVM spins at run time (about 10 ms a floor would pay and keys does not)
  javac -XDstringConcat=inline -d "$d/classes" "$ROOT"/bench/floor/*.java || die "cannot compile bench/floor"
  jar cf "$d/floor.jar" -C "$d/classes" . || die "cannot make floor.jar"
  cp "$(seed_key)" "$d/train/private/"
  floor_cds_archive "$d/floor.jsa" ListFloor "$d/train"
  floor_cds_archive "$d/list-same.jsa" ListSameWorkFloor "$d/train"
  # each starts with its own archive (-Xshare:auto would ignore an unusable one without a word)
  java $FLOOR_OPTS -Xlog:class+load:file="$d/list-floor.classes" -cp "$d/floor.jar" ListFloor "$d/train" >/dev/null
  from_archive ListFloor "$d/list-floor.classes" || die "ListFloor does not start with its CDS archive"
  java $SAME_OPTS -Xlog:class+load:file="$d/list-same.classes" -cp "$d/floor.jar" ListSameWorkFloor "$d/train" >/dev/null
  from_archive ListSameWorkFloor "$d/list-same.classes" || die "ListSameWorkFloor does not start with its CDS archive"
}
