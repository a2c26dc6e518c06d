# Part "jmh": JMH micro-benchmarks (bench/jmh): canonical JSON, metadata signing, unlocking a key (KDF).
part_jmh() {
  local f="$OUT/jmh.md" args=()
  need jq jq
  log "building bench/jmh (JMH ${JMH_VERSION:-1.37} from Maven Central)"
  (cd "$ROOT" && mvn -q -B -f bench/jmh/pom.xml package) >"$OUT/jmh-build.log" 2>&1 || die "bench/jmh build failed (see $OUT/jmh-build.log)"
  if ((QUICK)); then args=(-wi 1 -i 2 -w 500ms -r 500ms); fi
  local l0; l0="$(load)"
  java -cp "$ROOT/bench/jmh/target/classes:$ROOT/target/keys.jar:$(cat "$ROOT/bench/jmh/target/classpath.txt")" \
    org.openjdk.jmh.Main -f 1 "${args[@]}" -rf json -rff "$OUT/jmh.json" "${JMH_FILTER:-dev.trustkeys.bench}" \
    >"$OUT/jmh.txt" 2>&1 || die "JMH failed (see $OUT/jmh.txt)"
  md "$f" "## JMH micro-benchmarks (warmed-up JVM, 1 fork)" "" \
    "\`bench/jmh\`: JMH 1.37, separate pom (not part of \`mvn verify\`). Load $l0 → $(load)." "" \
    "| benchmark | parameters | score | error (99.9%) | unit |" "|---|---|---:|---:|---|"
  jq -r '.[] | "| \(.benchmark | sub("dev.trustkeys.bench."; "")) | \(.params // {} | to_entries | map("\(.key)=\(.value)") | join(", ")) | \(.primaryMetric.score * 100 | round / 100) | \(.primaryMetric.scoreError * 100 | round / 100) | \(.primaryMetric.scoreUnit) |"' \
    "$OUT/jmh.json" >>"$f"
  md "$f" ""
}
