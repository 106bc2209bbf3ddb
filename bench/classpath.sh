# Sourced by the bench scripts: builds the bench module when needed and prints its class path.
# OPENCLONE_BENCH_CLASSPATH, when set, is used as it is (the smoke test runs the scripts inside a Maven build).
bench_classpath() {
  if [ -n "${OPENCLONE_BENCH_CLASSPATH:-}" ]; then
    printf '%s' "$OPENCLONE_BENCH_CLASSPATH"
    return
  fi
  local jar="$root/bench/target/openclone-bench-0.1.0.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/backend/src/main" "$root/bench/src/main" "$root/bench/pom.xml" "$root/agent/src/main" "$root"/plugins/*/src/main -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "bench: building (first use or changed sources)..." >&2
    (cd "$root" && ./mvnw -q -B -DskipTests -pl bench -am package) >&2
  fi
  printf '%s:%s' "$jar" "$(ls "$root"/bench/target/lib/*.jar | tr '\n' ':')"
}
