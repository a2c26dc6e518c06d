# Part "softhsm": signatures per second on a SoftHSM token, `keys sign --key pkcs11:...` beside pkcs11-tool.
# A subshell: `simulator/softhsm up` exports KEYS_PKCS11_MODULE, SOFTHSM2_CONF and KEYS_PKCS11_PIN_FILE, which must
# not reach the parts after this one (a later `keys list` would try the token this part has removed).
part_softhsm() (
  local f="$OUT/softhsm.md" hsm="$WORK/softhsm" msg="$WORK/message.bin" uri id k p
  need hyperfine hyperfine
  need softhsm2-util softhsm2
  need pkcs11-tool opensc
  need openssl openssl
  need jq jq
  rm -rf "$hsm"
  eval "$("$ROOT/simulator/softhsm" up "$hsm")"
  trap '"$ROOT/simulator/softhsm" down "$hsm" >/dev/null 2>&1 || true' EXIT
  head -c 4096 /dev/urandom >"$msg"
  openssl dgst -sha256 -binary "$msg" >"$WORK/message.sha256"
  uri="$("$KEYS" -d "$WORK/hsm-trust" generate --role targets --gun example.com/bench/hsm --pkcs11 "pkcs11:token=keys-sim" |
    sed -n 's/^Location: //p' | sed 's/;type=private$//')"
  [[ -n $uri ]] || die "keys generate --pkcs11 printed no location"
  id="$(pkcs11-tool --module "$KEYS_PKCS11_MODULE" --token-label keys-sim -O 2>/dev/null | awk '/ID:/ { print $2; exit }')"
  k="$KEYS sign --key $uri $msg"
  p="pkcs11-tool --module $KEYS_PKCS11_MODULE --token-label keys-sim --login --pin $(cat "$KEYS_PKCS11_PIN_FILE") --sign -m ECDSA --id $id -i $WORK/message.sha256 -o $WORK/sig.bin"
  $k >/dev/null || die "keys sign on SoftHSM failed"
  $p >/dev/null 2>&1 || die "pkcs11-tool --sign on SoftHSM failed"
  local l0; l0="$(load)"
  hf softhsm "$p" "$k"
  local pm pu ps km ku ks
  read -r pm pu ps _ <<<"$(hf_stats softhsm "$p")"
  read -r km ku ks _ <<<"$(hf_stats softhsm "$k")"
  md "$f" "## Signatures per second on a SoftHSM token (one process per signature)" "" \
    "ECDSA P-256 key made by \`keys generate --pkcs11 pkcs11:token=keys-sim\` on a throwaway token" \
    "(\`simulator/softhsm up\`); 4 KiB message; pkcs11-tool signs its SHA-256 (CKM_ECDSA), keys hashes in process." \
    "PIN from KEYS_PKCS11_PIN_FILE for keys; pkcs11-tool needs --pin (throwaway token). hyperfine -N, $ROUNDS x $RUNS runs." "" \
    "| tool | median per signature | signatures/s | CPU per signature | load before → after |" "|---|---:|---:|---:|---|" \
    "| pkcs11-tool --sign | $(fmt "$pm") ms | $(awk -v m="$pm" 'BEGIN { printf "%.1f", 1000 / m }') | $(fmt "$(sum "$pu" "$ps")") ms | $l0 → $(load) |" \
    "| keys sign --key pkcs11:... | $(fmt "$km") ms | $(awk -v m="$km" 'BEGIN { printf "%.1f", 1000 / m }') | $(fmt "$(sum "$ku" "$ks")") ms | |" \
    "" "keys/pkcs11-tool per-round ratios: $(hf_round_ratios softhsm "$k" "$p")." ""
)
