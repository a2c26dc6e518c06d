# Shared helpers for bench/run and bench/parts/*.sh (sourced, not run).
# Variables set by bench/run: ROOT (repository), OUT (this run's results dir), WORK (scratch dir), RUNS, ROUNDS.

KEYS="$ROOT/bin/keys"
KEYS_2048="$ROOT/bench/lib/keys-2048" # new keys at 2,048 PBKDF2 iterations (the test entry point)
export NOTARY_ROOT_PASSPHRASE=bench-passphrase NOTARY_TARGETS_PASSPHRASE=bench-passphrase \
  NOTARY_SNAPSHOT_PASSPHRASE=bench-passphrase NOTARY_DELEGATION_PASSPHRASE=bench-passphrase

log() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

# need CMD DEBIAN_PACKAGE: install the package with apt-get when CMD is missing and we are root, else stop.
need() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing $pkg (for $cmd)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$pkg" >"$WORK/apt-$pkg.log" 2>&1 ||
      die "apt-get install $pkg failed (see $WORK/apt-$pkg.log)"
  fi
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd not found: install the Debian package $pkg"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

# keys_jvm_memory_opts: the memory flags bin/keys starts keys with on this machine (transparent huge pages where the
# kernel gives them), read from a real start of bin/keys rather than guessed, for the floors to run with the same.
keys_jvm_memory_opts() {
  if KEYS_JAVA_OPTS=-XX:+PrintFlagsFinal "$KEYS" --version 2>/dev/null |
    grep -qE 'bool UseTransparentHugePages +:?= true'; then
    echo "-XX:+UseTransparentHugePages"
  fi
}

# floor_cds_archive JSA CLASS ARGS...: the CDS archive JSA for the floor CLASS (in $WORK/floor/floor.jar), made as
# the build makes keys' (keys.xml, build.CdsArchives): one training run of CLASS ARGS writes the classes it loads
# (-XX:DumpLoadedClassList), and a static archive of exactly those is dumped (-Xshare:dump).
floor_cds_archive() {
  local jsa="$1" class="$2"; shift 2
  java -Xshare:off -XX:DumpLoadedClassList="$jsa.classlist" -XX:+UseSerialGC -cp "$WORK/floor/floor.jar" \
    "$class" "$@" >/dev/null 2>"$jsa.train.err" || die "cannot train the $class floor (see $jsa.train.err)"
  java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$jsa.classlist" -XX:SharedArchiveFile="$jsa" \
    -cp "$WORK/floor/floor.jar" >"$jsa.dump.log" 2>&1 || die "cannot make the $class floor's archive (see $jsa.dump.log)"
}

# md FILE LINE...: append lines to a markdown fragment
md() { local f="$1"; shift; printf '%s\n' "$@" >>"$f"; }

# hf NAME CMD...: hyperfine (no shell, warm-up 2) over ROUNDS rounds of RUNS runs, the command order reversed
# every other round so that neither tool always runs in the quieter half; JSON per round in $OUT/NAME.rN.json.
# With HF_PREPARE set, hyperfine runs it before every run (e.g. to remove what the last run wrote).
hf() {
  local name="$1"; shift
  local r cmds prep=()
  [[ -z ${HF_PREPARE:-} ]] || prep=(--prepare "$HF_PREPARE")
  for ((r = 1; r <= ROUNDS; r++)); do
    cmds=("$@")
    if ((r % 2 == 0)); then
      local rev=() i
      for ((i = ${#cmds[@]} - 1; i >= 0; i--)); do rev+=("${cmds[i]}"); done
      cmds=("${rev[@]}")
    fi
    hyperfine -N -w 2 -r "$RUNS" "${prep[@]}" --export-json "$OUT/$name.r$r.json" "${cmds[@]}" >"$OUT/$name.r$r.txt" 2>&1 ||
      die "hyperfine failed (see $OUT/$name.r$r.txt)"
  done
}

# paired_ratios NAME CMD_0 CMD_1...: bench/lib/paired over ROUNDS x RUNS interleaved cycles (HF_PREPARE before
# every run, as hf does); one line "median p25 p75" of CMD_0/CMD_i per CMD_i; JSON in $OUT/NAME.paired.json. Fails
# as paired does: the caller, which takes the lines by command substitution, stops then.
paired_ratios() {
  local name="$1"; shift
  local prep=()
  [[ -z ${HF_PREPARE:-} ]] || prep=(--prepare "$HF_PREPARE")
  "$ROOT/bench/lib/paired" "$((ROUNDS * RUNS))" "$OUT/$name.paired.json" "${prep[@]}" "$@"
}

# met RATIO TARGET: "yes" or "**no**"
met() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t) ? "yes" : "**no**" }'; }

# hf_stats NAME COMMAND: "median_ms mean_user_ms mean_sys_ms n" pooled over the rounds of NAME for COMMAND
hf_stats() {
  local name="$1" cmd="$2"
  jq -s --arg c "$cmd" -r '
    [ .[].results[] | select(.command == $c) ] as $rs
    | ([ $rs[].times[] ] | sort) as $t
    | ($t | length) as $n
    | (if $n % 2 == 1 then $t[($n - 1) / 2] else ($t[$n / 2 - 1] + $t[$n / 2]) / 2 end) as $med
    | (([ $rs[] | .user * (.times | length) ] | add) / $n) as $u
    | (([ $rs[] | .system * (.times | length) ] | add) / $n) as $s
    | "\($med * 1000) \($u * 1000) \($s * 1000) \($n)"' "$OUT/$name".r*.json
}

# hf_round_ratios NAME CMD_A CMD_B: the ratio of medians A/B within each round (same hyperfine run), space-separated
hf_round_ratios() {
  local name="$1" a="$2" b="$3" f out=""
  for f in "$OUT/$name".r*.json; do
    out+="$(jq -r --arg a "$a" --arg b "$b" '
      [ .results[] | select(.command == $a) | .median ][0] as $x
      | [ .results[] | select(.command == $b) | .median ][0] as $y
      | ($x / $y * 100 | round) / 100' "$f") "
  done
  echo "${out% }"
}

# from_archive CLASS LOG: whether the JVM that wrote LOG (-Xlog:class+load:file=LOG) took CLASS from a CDS archive
from_archive() { grep -qE "\] $1 source: shared objects file" "$2"; }

fmt() { printf '%.1f' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# timed LABEL CMD...: run once under /usr/bin/time; prints "wall_s user_s sys_s maxrss_kb"
timed() {
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time.$$" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err" ||
    die "$label failed (see $OUT/$label.err)"
  cat "$WORK/time.$$"
}

# median of numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# A seed key file for bench/lib/mktrust: one ECDSA key made by keys (at Notary's 2,048 iterations: listing never
# decrypts, so the count does not matter; generating it is quick).
seed_key() {
  if [[ ! -d $WORK/seed/private ]]; then
    "$KEYS_2048" -d "$WORK/seed" generate --role root >/dev/null
  fi
  ls "$WORK"/seed/private/*.key | head -1
}
sum() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }

# free_port: a TCP port free on 127.0.0.1 now
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# notary_server DIR: starts notary-server (Debian package notary) on 127.0.0.1 on a free port, in-memory storage,
# its configuration in DIR and its log in $OUT/notary-server.log; waits until it listens. Sets NOTARY_SERVER_PID
# and NOTARY_SERVER_URL; the caller stops it by that PID (kill "$NOTARY_SERVER_PID" in its EXIT trap).
notary_server() {
  local dir="$1" port i
  need notary-server notary
  need python3 python3
  mkdir -p "$dir"
  port="$(free_port)"
  printf '{"server":{"http_addr":"127.0.0.1:%s"},"trust_service":{"type":"local"},"storage":{"backend":"memory"},"logging":{"level":"error"}}\n' \
    "$port" >"$dir/server.json"
  notary-server -config "$dir/server.json" >"$OUT/notary-server.log" 2>&1 &
  NOTARY_SERVER_PID=$!
  NOTARY_SERVER_URL="http://127.0.0.1:$port"
  for ((i = 0; i < 100; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.2
  done
  kill -0 "$NOTARY_SERVER_PID" 2>/dev/null || die "notary-server did not start (see $OUT/notary-server.log)"
}
