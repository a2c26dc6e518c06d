# Part "yubikey": card round trips (APDUs) on the virtual YubiKey 4 (simulator/yubikey, docs/simulator.md), counted
# from the simulator's APDU trace: every command APDU on the wire (chained blocks and GET RESPONSE included; the
# reader's presence polls are not APDUs and are not counted).
# A subshell, as part_softhsm: what `simulator/yubikey up` exports stays in this part.
part_yubikey() (
  local f="$OUT/yubikey.md" sim="$WORK/vyk" trace="$WORK/vyk-trace.jsonl" ykcs11 msg="$WORK/message.bin" i
  need pcscd pcscd
  need yubico-piv-tool yubico-piv-tool
  need pkcs11-tool opensc
  need notary notary
  need openssl openssl
  need jq jq
  ykcs11="$( (ls /usr/lib/*/libykcs11.so /usr/lib/libykcs11.so 2>/dev/null || true) | head -1)"
  [[ -n $ykcs11 ]] || die "libykcs11.so not found: install the Debian packages ykcs11 and libykpiv2"
  dpkg -s vsmartcard-vpcd >/dev/null 2>&1 || need vpcd-config vsmartcard-vpcd
  rm -rf "$sim" "$trace"
  eval "$("$ROOT/simulator/yubikey" up --dir "$sim" --serial 12345678 --trace "$trace")"
  trap '"$ROOT/simulator/yubikey" down --dir "$sim" >/dev/null 2>&1 || true' EXIT
  # a root key in slot 9c with a self-signed certificate CN=root, placed as Notary places it
  openssl ecparam -genkey -name prime256v1 -noout -out "$WORK/yk.ec" 2>/dev/null
  openssl pkcs8 -topk8 -nocrypt -in "$WORK/yk.ec" -out "$WORK/yk.key"
  openssl req -x509 -new -key "$WORK/yk.ec" -subj /CN=root -days 3650 -out "$WORK/yk.crt" 2>/dev/null
  yubico-piv-tool -a import-key -s 9c -i "$WORK/yk.key" >/dev/null 2>&1 || die "yubico-piv-tool import-key failed"
  yubico-piv-tool -a import-certificate -s 9c -i "$WORK/yk.crt" >/dev/null 2>&1 || die "import-certificate failed"
  rm -f "$WORK/yk.ec" "$WORK/yk.key"
  head -c 4096 /dev/urandom >"$msg"
  openssl dgst -sha256 -binary "$msg" >"$WORK/message.sha256"
  printf 123456 >"$WORK/yk.pin"
  chmod 600 "$WORK/yk.pin"

  md "$f" "## Card round trips on the virtual YubiKey 4 (APDUs per command, fresh process)" "" \
    "Slot 9c holds an imported P-256 key with a self-signed certificate CN=root (as \`notary\` places a root key)." \
    "Counted from the simulator's trace (\`simulator/yubikey up --trace FILE\`): command APDUs sent while the" \
    "command ran, chained blocks and GET RESPONSE included." "" \
    "| command | APDUs | by instruction |" "|---|---:|---|"
  apdus() { # LABEL CMD...: run CMD, append a row with the APDUs it caused
    local label="$1"; shift
    local a b
    a="$(grep -c '"cmd"' "$trace" || true)"
    "$@" >"$OUT/yubikey.$(echo "$label" | tr -c 'a-zA-Z0-9' _).out" 2>&1 || die "'$label' failed"
    sleep 0.6
    b="$(grep -c '"cmd"' "$trace" || true)"
    md "$f" "| $label | $((b - a)) | $(grep '"cmd"' "$trace" | sed -n "$((a + 1)),${b}p" | jq -r .ins | sort | uniq -c | awk '{ printf "%s %s, ", $2, $1 }' | sed 's/, $//') |"
  }
  md "$f" "| protocol minimum: list keys (SELECT + GET DATA 9A/9C/9D/9E) | 5 | SELECT 1, GET_DATA 4 (+ GET RESPONSE for certificates over 256 bytes) |"
  apdus "notary key list (ykcs11)" notary -d "$WORK/yk-trust" key list
  apdus "pkcs11-tool -O (ykcs11)" pkcs11-tool --module "$ykcs11" -O
  apdus "keys list --module ykcs11 (PKCS#11 back end)" "$KEYS" -d "$WORK/yk-trust" --module "$ykcs11" list
  md "$f" "| protocol minimum: one signature (SELECT, VERIFY PIN, GENERAL AUTHENTICATE) | 3 | |"
  apdus "pkcs11-tool --sign (ykcs11)" pkcs11-tool --module "$ykcs11" --login --pin 123456 --sign -m ECDSA --id 02 \
    -i "$WORK/message.sha256" -o "$WORK/yk.sig"
  KEYS_PKCS11_PIN_FILE="$WORK/yk.pin" apdus "keys sign --key pkcs11:...;id=%02 --module ykcs11" \
    "$KEYS" --module "$ykcs11" sign --key "pkcs11:token=YubiKey%20PIV%20%2312345678;id=%02" "$msg"
  if "$KEYS" --help 2>/dev/null | grep -qE '^ +yubikey'; then
    # the YubiKey back end (direct PIV through libykpiv, no ykcs11), from a fresh process each time
    md "$f" "| **keys, YubiKey back end (libykpiv, direct PIV)** | | |"
    apdus "keys yubikey list" "$KEYS" yubikey list
    apdus "keys list (file store + YubiKey)" "$KEYS" -d "$WORK/yk-trust" list
    local ykid
    ykid="$("$KEYS" -d "$WORK/yk-trust" list | grep 'yubikey:serial=' | grep -oE '[0-9a-f]{64}' | head -1)"
    [[ -n $ykid ]] || die "keys list shows no YubiKey key"
    KEYS_YUBIKEY_PIN=123456 apdus "keys sign --key ID (YubiKey slot 9c, PIN from KEYS_YUBIKEY_PIN)" \
      "$KEYS" -d "$WORK/yk-trust" sign --key "$ykid" "$msg"
    # TUF signing on the card from a fresh process: root v1 of a new repository signed by the YubiKey key (the
    # other roles by one file key at 2,048 iterations, which costs no APDU)
    local tid
    "$KEYS_2048" -d "$WORK/yk-trust" generate --role targets --gun example.com/bench/tuf >"$WORK/yk-tuf-key"
    tid="$(grep -oE '[0-9a-f]{64}' "$WORK/yk-tuf-key")"
    KEYS_YUBIKEY_PIN=123456 apdus "keys tuf init --root-key ID (TUF root v1 signed in slot 9c; other roles by a file key)" \
      "$KEYS" -d "$WORK/yk-trust" tuf init --root-key "$ykid" --targets-key "$tid" --snapshot-key "$tid" \
      --timestamp-key "$tid" "$WORK/yk-tuf"
    # Docker Content Trust with a signer's key on the card (notary cannot keep one there: notary #306). The key
    # goes to 9c, the slot keys reads first (its certificate is deleted so that 9c is free again); keys signer add
    # makes the repository on a notary-server with a new root key on the card (9a); keys tag sign signs
    # targets/releases and targets/ci in 9c (the key's backup file moved away), the server signs the snapshot.
    local dct="$WORK/yk-dct" gun=example.com/bench/yk ci tags=()
    notary_server "$WORK/yk-notary"
    trap '"$ROOT/simulator/yubikey" down --dir "$sim" >/dev/null 2>&1 || true; kill "$NOTARY_SERVER_PID" 2>/dev/null || true' EXIT
    yubico-piv-tool -a delete-certificate -s 9c >/dev/null 2>&1 || die "yubico-piv-tool delete-certificate failed"
    KEYS_YUBIKEY_PIN=123456 "$KEYS_2048" -d "$dct" generate --role targets/ci --yubikey >"$WORK/yk-ci-key" 2>&1 ||
      die "keys generate --yubikey failed (see $WORK/yk-ci-key)"
    ci="$(grep -oE '[0-9a-f]{64}' "$WORK/yk-ci-key" | head -1)"
    grep -q 'slot=9c' "$WORK/yk-ci-key" || die "the signer's key did not go to slot 9c (see $WORK/yk-ci-key)"
    mv "$dct/private/$ci.key" "$WORK/yk-ci-backup.key"
    KEYS_YUBIKEY_PIN=123456 apdus "keys signer add --key ID ci GUN (new repository: root key made in 9a, root signed there)" \
      "$KEYS_2048" -d "$dct" signer add -s "$NOTARY_SERVER_URL" --key "$ci" ci "$gun"
    KEYS_YUBIKEY_PIN=123456 apdus "keys tag sign GUN:1.0 (targets/releases and targets/ci signed in 9c, PIN policy always)" \
      "$KEYS" -d "$dct" tag sign -s "$NOTARY_SERVER_URL" --digest "sha256:$(printf '12%.0s' {1..32})" --size 321 "$gun:1.0"
    for ((i = 1; i <= 10; i++)); do tags+=("$gun:tag-$i"); done
    KEYS_YUBIKEY_PIN=123456 apdus "keys tag sign of 10 tags in one command (the same two signatures)" \
      "$KEYS" -d "$dct" tag sign -s "$NOTARY_SERVER_URL" --digest "sha256:$(printf '34%.0s' {1..32})" --size 321 "${tags[@]}"
    md "$f" "" "keys tag sign: the first signature 6 APDUs (SELECT; 9c's certificate, 2; PIN tries; VERIFY; GENERAL" \
      "AUTHENTICATE), each further one 3 with PIN policy always (9c's default: tries, VERIFY, GENERAL AUTHENTICATE) or 1" \
      "with policy once (the PIN stays verified for the process), then 3 to find the server's snapshot key on no slot" \
      "(9a, 9d). A key in 9a or 9d costs the certificates read before it (9c's: 2 APDUs)."
    md "$f" "" "Targets (fresh process): list ≤ 10 APDUs, one signature ≤ 6 — compare the rows of the YubiKey back end."
  else
    md "$f" "" "\`keys yubikey\` (the direct PIV back end, branch \`yubikey\`) is not in this build: the YubiKey targets" \
      "(list in ≤ 10 APDUs, one signature in ≤ 6) are **not measured**; the rows above measure what exists, \`keys\` over ykcs11." ""
  fi
  md "$f" ""
)
