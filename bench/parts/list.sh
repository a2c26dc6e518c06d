# Part "list": `keys list` beside `notary key list` over 100, 1,000 and 10,000 keys, cold processes.
part_list() {
  local f="$OUT/list.md" seed n dir k nt plain
  need hyperfine hyperfine
  need notary notary
  need jq jq
  seed="$(seed_key)"
  md "$f" "## keys list vs notary key list (cold process)" "" \
    "Trust directories made by \`bench/lib/mktrust\` (one encrypted key copied under N random IDs with role/gun" \
    "headers; both tools read only names and headers). hyperfine -N, 2 warm-ups, $ROUNDS rounds x $RUNS runs," \
    "command order reversed every other round; median of all runs; CPU = mean user+sys." \
    "\`keys\` is \`bin/keys\` (CDS archive, C1 for list); *plain* is \`java -jar target/keys.jar\` with no flags." "" \
    "| keys | notary median | keys median | keys/notary (pooled) | per-round ratios | notary CPU | keys CPU | load (1/5/15) |" \
    "|---:|---:|---:|---:|---|---:|---:|---|"
  for n in 100 1000 10000; do
    dir="$WORK/list-$n"
    rm -rf "$dir"
    "$ROOT/bench/lib/mktrust" "$seed" "$dir" "$n"
    k="$KEYS -d $dir list"
    nt="notary -d $dir key list"
    [[ $($k | grep -cE '[0-9a-f]{64}') -eq $n ]] || die "keys list did not list $n keys"
    [[ $($nt | grep -cE '[0-9a-f]{64}') -eq $n ]] || die "notary key list did not list $n keys"
    local l0; l0="$(load)"
    if [[ $n -eq 1000 ]]; then
      plain="java -jar $ROOT/target/keys.jar -d $dir list"
      hf "list-$n" "$nt" "$k" "$plain"
    else
      hf "list-$n" "$nt" "$k"
    fi
    read -r nm nu ns _ <<<"$(hf_stats "list-$n" "$nt")"
    read -r km ku ks _ <<<"$(hf_stats "list-$n" "$k")"
    md "$f" "| $n | $(fmt "$nm") ms | $(fmt "$km") ms | **$(ratio "$km" "$nm")** | $(hf_round_ratios "list-$n" "$k" "$nt") | $(fmt "$(sum "$nu" "$ns")") ms | $(fmt "$(sum "$ku" "$ks")") ms | $l0 → $(load) |"
    if [[ $n -eq 1000 ]]; then
      read -r pm pu ps _ <<<"$(hf_stats "list-$n" "$plain")"
      PLAIN_LINE="| 1000 (plain java -jar) | | $(fmt "$pm") ms | $(ratio "$pm" "$nm") | $(hf_round_ratios "list-$n" "$plain" "$nt") | | $(fmt "$(sum "$pu" "$ps")") ms | |"
    fi
    rm -rf "$dir"
  done
  md "$f" "$PLAIN_LINE" ""
}
