# Part "floors": the commands that unlock or make a key beside JVM floor programs that do the same work (cold
# processes, hyperfine): `keys sign` with a key at 2,048 PBKDF2 iterations beside bench/floor/SignFloor.java, and
# `keys generate` (600,000 iterations) beside bench/floor/GenerateFloor.java. Each floor runs with the JVM flags
# bin/keys uses for these commands and its own CDS archive, made the way the build makes keys.jsa. The ratios
# are the targets of issue 19: sign <= 1.3x its floor, generate <= 1.15x.
part_floors() {
  local f="$OUT/floors.md" msg="$WORK/message.bin" d2k="$WORK/floors-2048" id2k sk sf gk gf
  need hyperfine hyperfine
  need jq jq
  need python3 python3
  head -c 4096 /dev/urandom >"$msg"
  rm -rf "$d2k"
  "$KEYS_2048" -d "$d2k" generate --role targets --gun example.com/bench/floors >"$WORK/floors-id"
  id2k="$(grep -oE '[0-9a-f]{64}' "$WORK/floors-id")"
  build_floor
  floor_archive sign SignFloor "$d2k" "$id2k" "$msg"
  floor_archive generate GenerateFloor "$WORK/floors-train-gen" targets example.com/bench/floors
  sk="$KEYS -d $d2k sign --key $id2k $msg"
  sf="java $(floor_opts sign) -cp $WORK/floor/floor.jar SignFloor $d2k $id2k $msg"
  gk="$KEYS -d $WORK/gen-keys generate --role targets --gun example.com/bench/floors"
  gf="java $(floor_opts generate) -cp $WORK/floor/floor.jar GenerateFloor $WORK/gen-floor targets example.com/bench/floors"
  # the floor decrypted the key (a wrong key fails AES's padding check) and printed a raw P-256 signature
  [[ $($sf | tr -d '\n' | wc -c) -eq 88 ]] || die "the sign floor did not print a P-256 signature"
  [[ $($sk | tr -d '\n' | wc -c) -eq 88 ]] || die "keys sign did not print a P-256 signature"
  KEYS_JAVA_OPTS="-Xlog:class+load:file=$OUT/keys-sign.classes" $sk >/dev/null
  from_archive dev.trustkeys.cli.Main "$OUT/keys-sign.classes" || die "keys sign does not start with its CDS archive"
  md "$f" "## keys sign and keys generate vs their JVM floors (cold process)" "" \
    "hyperfine -N, 2 warm-ups, $ROUNDS rounds x $RUNS runs, command order reversed every other round; median of" \
    "all runs; CPU = mean user+sys. *Floor*: \`bench/floor/SignFloor.java\` (read Notary's key file, PBKDF2WithHmacSHA1" \
    "+ AES-256-CBC decrypt, SunEC P-256 sign of 4 KiB, print the signature) and \`bench/floor/GenerateFloor.java\`" \
    "(SunEC P-256 key pair, key ID, PBKDF2 at 600,000 iterations + AES-256-CBC, Notary's file format, atomic" \
    "write), JDK only, with bin/keys's JVM flags and each its own CDS archive. The key for signing was written by" \
    "\`bench/lib/keys-2048\` (2,048 iterations, as Notary writes them); generation writes into a fresh directory" \
    "each run (--prepare). *Interleaved*: \`bench/lib/paired\`, $((RUNS * ROUNDS)) cycles of one keys run and one floor" \
    "run in turn (order reversed every other cycle), the median of the cycles' keys/floor ratios (p25-p75): drift" \
    "of the machine's speed within seconds cannot bias it, as it can bias blocks of runs. *met?* for each." "" \
    "| command | floor median | keys median | keys/floor (pooled) | per-round ratios | keys/floor interleaved (p25-p75) | target | met? (pooled / interleaved) | floor CPU | keys CPU | load (1/5/15) |" \
    "|---|---:|---:|---:|---|---|---:|---|---:|---:|---|"
  floor_row() { # NAME LABEL KEYS_CMD FLOOR_CMD TARGET
    local name="$1" label="$2" k="$3" fl="$4" target="$5" l0 km ku ks fm fu fs r pr pm p25 p75
    l0="$(load)"
    hf "$name" "$k" "$fl"
    read -r km ku ks _ <<<"$(hf_stats "$name" "$k")"
    read -r fm fu fs _ <<<"$(hf_stats "$name" "$fl")"
    r="$(ratio "$km" "$fm")"
    pr="$(paired_ratios "$name" "$k" "$fl")" || die "interleaved runs of $name failed"
    read -r pm p25 p75 <<<"$pr"
    md "$f" "| $label | $(fmt "$fm") ms | $(fmt "$km") ms | **$r** | $(hf_round_ratios "$name" "$k" "$fl") | **$pm** ($p25-$p75) | ≤ $target | $(met "$r" "$target") / $(met "$pm" "$target") | $(fmt "$(sum "$fu" "$fs")") ms | $(fmt "$(sum "$ku" "$ks")") ms | $l0 → $(load) |"
  }
  floor_row floor-sign "keys sign, key at 2,048 iterations" "$sk" "$sf" 1.3
  HF_PREPARE="rm -rf $WORK/gen-keys $WORK/gen-floor" \
    floor_row floor-generate "keys generate (600,000 iterations)" "$gk" "$gf" 1.15
  md "$f" ""
}

# floor_opts NAME: the JVM flags bin/keys uses for commands other than list, with floor NAME's own CDS archive
floor_opts() {
  echo "-XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off $KEYS_MEMORY_OPTS -XX:SharedArchiveFile=$WORK/floor/$1.jsa"
}

# floor_archive NAME CLASS ARGS...: floor NAME's CDS archive, from one training run of CLASS ARGS (as the build
# makes keys' archives: floor_cds_archive)
floor_archive() {
  local name="$1" class="$2"; shift 2
  [[ -f $WORK/floor/$name.jsa ]] || floor_cds_archive "$WORK/floor/$name.jsa" "$class" "$@"
  # -Xshare:auto ignores an archive it cannot use (another jar, another class path) without a word: check that
  # the floor really starts with its own, or it would be timed without one
  java $(floor_opts "$name") -Xlog:class+load:file="$OUT/floor-$name.classes" -cp "$WORK/floor/floor.jar" \
    "$class" "$@" >/dev/null 2>&1 || die "the $name floor failed"
  from_archive "$class" "$OUT/floor-$name.classes" || die "the $name floor does not start with its CDS archive"
}
