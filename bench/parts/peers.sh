# Part "peers": capabilities notary has no single command for, beside the peer doing the same work (cold
# processes, hyperfine, same rounds as the other parts):
#   * `keys tag sign` of 100 tags in one command vs 100 `notary addhash` + one `notary publish` (bench/lib/notary-tags)
#   * `keys signer add` vs `notary delegation add` targets/NAME and targets/releases + `notary publish`, as `docker
#     trust signer add` does (bench/lib/next-signer: a new signer name per run, for both)
#   * `keys tuf verify` of Sigstore's root-signing repository (src/test/resources/tuf-compatibility, root chain 1..12)
#     and of a repository of 1,000 targets (bench/lib/mktuf) vs the tuf-js client (src/test/js) refreshing the same
#     repository from its initial root (bench/lib/tufjs-refresh.mjs)
# notary-server (Debian package notary) runs on 127.0.0.1 on a free port with in-memory storage, and the metadata
# is served by python3's http.server, both stopped by process ID at the end of the part.
part_peers() (
  local f="$OUT/peers.md" srv="$WORK/peers" server hpid="" hport gun=example.com/bench/peers
  need hyperfine hyperfine
  need jq jq
  need node nodejs
  need openssl openssl
  notary_server "$srv"
  trap 'kill "$NOTARY_SERVER_PID" ${hpid:+"$hpid"} 2>/dev/null || true' EXIT
  server="$NOTARY_SERVER_URL"
  local i
  # one repository, made by notary (keys at Notary's 2,048 iterations); both tools use the same trust directory
  notary -s "$server" -d "$srv/trust" init "$gun" -p >"$OUT/peers-init.log" 2>&1 || die "notary init failed (see $OUT/peers-init.log)"
  head -c 1234 /dev/urandom >"$srv/manifest"
  local hex tags=()
  hex="$(sha256sum "$srv/manifest" | cut -d' ' -f1)"
  for ((i = 1; i <= 100; i++)); do tags+=("$gun:tag-$i"); done
  openssl ecparam -genkey -name prime256v1 -noout -out "$srv/signer.ec" 2>/dev/null
  openssl req -x509 -new -key "$srv/signer.ec" -subj /CN=bench -days 30 -out "$srv/signer.crt" 2>/dev/null

  md "$f" "## New capabilities beside their peers (cold processes)" "" \
    "hyperfine -N, 2 warm-ups, $ROUNDS rounds x $RUNS runs, command order reversed every other round; median of all" \
    "runs; CPU = mean user+sys. notary-server 0.7 on 127.0.0.1 (in-memory storage), one repository made by" \
    "\`notary init -p\` (keys at 2,048 iterations), the same trust directory for both tools. The notary sides are" \
    "the scripts \`bench/lib/notary-tags\` and \`bench/lib/next-signer\` (one notary process per step, as a script" \
    "runs them); tuf-js 5.0.1 runs under node $(node --version) (\`bench/lib/tufjs-refresh.mjs\`)." "" \
    "| operation | peer | peer median | keys median | keys/peer (pooled) | per-round ratios | peer CPU | keys CPU | load (1/5/15) |" \
    "|---|---|---:|---:|---:|---|---:|---:|---|"
  row() { # NAME LABEL PEER_LABEL KEYS_CMD PEER_CMD
    local name="$1" label="$2" plabel="$3" k="$4" p="$5" l0 km ku ks pm pu ps
    l0="$(load)"
    hf "$name" "$k" "$p"
    read -r km ku ks _ <<<"$(hf_stats "$name" "$k")"
    read -r pm pu ps _ <<<"$(hf_stats "$name" "$p")"
    md "$f" "| $label | $plabel | $(fmt "$pm") ms | $(fmt "$km") ms | **$(ratio "$km" "$pm")** | $(hf_round_ratios "$name" "$k" "$p") | $(fmt "$(sum "$pu" "$ps")") ms | $(fmt "$(sum "$ku" "$ks")") ms | $l0 → $(load) |"
  }
  row peers-tags "sign 100 tags of one manifest" "100 notary addhash + notary publish" \
    "$KEYS -d $srv/trust tag sign -s $server --digest sha256:$hex --size 1234 ${tags[*]}" \
    "$ROOT/bench/lib/notary-tags $server $srv/trust $gun $hex 1234 100"
  row peers-signer "add a signer (targets/NAME + targets/releases)" "2 notary delegation add + notary publish" \
    "$ROOT/bench/lib/next-signer keys $srv/counter $server $srv/trust $gun $srv/signer.crt $KEYS" \
    "$ROOT/bench/lib/next-signer notary $srv/counter $server $srv/trust $gun $srv/signer.crt"
  # Sigstore's root chain: valid at the time of the fixture, expired today: both check as of that time
  local sig="$ROOT/src/test/resources/tuf-compatibility/sigstore-root-signing" at
  at="$(sed 's/ /T/; s/+00:00$/Z/' "$sig/faketime")"
  [[ -d $ROOT/src/test/js/node_modules/tuf-js ]] ||
    npm ci --prefix "$ROOT/src/test/js" --no-audit --no-fund --loglevel=error >"$OUT/npm.log" 2>&1 || die "npm ci failed (see $OUT/npm.log)"
  # a repository of 1,000 targets made by keys (bench/lib/mktuf), valid now
  "$ROOT/bench/lib/mktuf" "$KEYS_2048" "$srv/t1k" "$srv/t1k-trust" 1000 >"$OUT/mktuf.log" 2>&1 ||
    die "cannot make the 1,000-target repository (see $OUT/mktuf.log)"
  mkdir -p "$srv/http"
  ln -sfn "$sig/metadata" "$srv/http/sigstore"
  ln -sfn "$srv/t1k/metadata" "$srv/http/t1k"
  hport="$(free_port)"
  (cd "$srv/http" && exec python3 -m http.server --bind 127.0.0.1 "$hport") >"$OUT/http.log" 2>&1 &
  hpid=$!
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$hport") 2>/dev/null && break
    sleep 0.2
  done
  local tj="node $ROOT/bench/lib/tufjs-refresh.mjs $ROOT http://127.0.0.1:$hport/sigstore $srv/tufjs $sig/initial_root.json $at"
  local tk="node $ROOT/bench/lib/tufjs-refresh.mjs $ROOT http://127.0.0.1:$hport/t1k $srv/tufjs $srv/t1k/metadata/1.root.json"
  $tj >"$OUT/tufjs.out" 2>&1 || die "tuf-js did not refresh Sigstore's repository (see $OUT/tufjs.out)"
  $tk >"$OUT/tufjs.out" 2>&1 || die "tuf-js did not refresh the 1,000-target repository (see $OUT/tufjs.out)"
  "$KEYS" tuf verify "$sig" --at "$at" >"$OUT/keys-tuf-verify.out" 2>&1 || die "keys tuf verify failed (see $OUT/keys-tuf-verify.out)"
  row peers-tuf-sigstore "verify Sigstore's root chain (roots 1..12, targets, a delegation)" "tuf-js refresh from the initial root" \
    "$KEYS tuf verify $sig --at $at" "$tj"
  row peers-tuf-1000 "verify a repository of 1,000 targets (bench/lib/mktuf)" "tuf-js refresh from root v1" \
    "$KEYS tuf verify $srv/t1k" "$tk"
  md "$f" ""
)
