# Part "kdf": generating a key, and unlocking one (the PBKDF2 price: 600,000 iterations vs Notary's 2,048).
part_kdf() {
  local f="$OUT/kdf.md" d600="$WORK/kdf-600k" d2k="$WORK/kdf-2048" msg="$WORK/message.bin" id600 id2k
  need hyperfine hyperfine
  need notary notary
  need jq jq
  head -c 4096 /dev/urandom >"$msg"
  md "$f" "## Key generation and unlocking one key (cold process)" "" \
    "hyperfine -N, 1 warm-up, $ROUNDS rounds x $RUNS runs; median; CPU = mean user+sys. Generation writes into a" \
    "fresh trust directory each run (--prepare). Unlocking = \`keys sign --key ID FILE\` (decrypt the key, sign" \
    "4 KiB), the same file key written at 600,000 and at 2,048 PBKDF2 iterations" \
    "(\`bench/lib/keys-2048\`: the test entry point, since keys itself takes no such knob)." "" \
    "| operation | median | CPU | load before → after |" "|---|---:|---:|---|"
  rm -rf "$d600" "$d2k"
  local gk="$KEYS -d $WORK/gen generate --role targets --gun example.com/bench/kdf"
  local gn="notary -d $WORK/gen key generate ecdsa --role targets/bench"
  local l0; l0="$(load)"
  for ((r = 1; r <= ROUNDS; r++)); do
    hyperfine -N -w 1 -r "$RUNS" --prepare "rm -rf $WORK/gen" --export-json "$OUT/gen.r$r.json" \
      -n "keys generate (600,000 iterations)" "$gk" \
      -n "keys generate (2,048 iterations)" "$KEYS_2048 -d $WORK/gen generate --role targets --gun example.com/bench/kdf" \
      -n "notary key generate (2,048 iterations)" "$gn" >"$OUT/gen.r$r.txt" 2>&1 || die "hyperfine (see $OUT/gen.r$r.txt)"
  done
  local name m u s
  for name in "keys generate (600,000 iterations)" "keys generate (2,048 iterations)" "notary key generate (2,048 iterations)"; do
    read -r m u s _ <<<"$(hf_stats gen "$name")"
    md "$f" "| $name | $(fmt "$m") ms | $(fmt "$(sum "$u" "$s")") ms | $l0 → $(load) |"
  done
  "$KEYS" -d "$d600" generate --role targets --gun example.com/bench/kdf >"$WORK/id600"
  "$KEYS_2048" -d "$d2k" generate --role targets --gun example.com/bench/kdf >"$WORK/id2k"
  id600="$(grep -oE '[0-9a-f]{64}' "$WORK/id600")"
  id2k="$(grep -oE '[0-9a-f]{64}' "$WORK/id2k")"
  l0="$(load)"
  for ((r = 1; r <= ROUNDS; r++)); do
    hyperfine -N -w 1 -r "$RUNS" --export-json "$OUT/unlock.r$r.json" \
      -n "keys sign, key at 600,000 iterations" "$KEYS -d $d600 sign --key $id600 $msg" \
      -n "keys sign, key at 2,048 iterations" "$KEYS -d $d2k sign --key $id2k $msg" >"$OUT/unlock.r$r.txt" 2>&1 ||
      die "hyperfine (see $OUT/unlock.r$r.txt)"
  done
  local m6 m2 u6 s6 u2 s2
  read -r m6 u6 s6 _ <<<"$(hf_stats unlock "keys sign, key at 600,000 iterations")"
  read -r m2 u2 s2 _ <<<"$(hf_stats unlock "keys sign, key at 2,048 iterations")"
  md "$f" "| keys sign, key at 600,000 iterations | $(fmt "$m6") ms | $(fmt "$(sum "$u6" "$s6")") ms | $l0 → $(load) |" \
    "| keys sign, key at 2,048 iterations | $(fmt "$m2") ms | $(fmt "$(sum "$u2" "$s2")") ms | |" "" \
    "**KDF price per unlock (cold CLI): $(fmt "$(sum "$m6" "-$m2")") ms wall, $(fmt "$(awk -v a="$u6" -v b="$s6" -v c="$u2" -v d="$s2" 'BEGIN{print a+b-c-d}')") ms CPU** (600,000 minus 2,048 iterations; see also JmhKdf below for a warmed-up JVM)." ""
}
