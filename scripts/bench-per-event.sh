#!/usr/bin/env bash
# Usage: scripts/bench-per-event.sh [JMH options]
# The work of a warm function per event, without network: parse, read the envelope, route, map to the create
# request, serialise; with JMH in sample mode (p50, p90, p99 in microseconds), one fork, 5 warm-up and 5
# measured seconds per fixture. JMH options (e.g. -f 3 -i 10, or -h) are passed on.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk bench-per-event.sh

work=target/local-run
./mvnw -B -q --no-transfer-progress test-compile >&2
./mvnw -B -q --no-transfer-progress dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$work/test.classpath" >&2
exec java -cp "target/test-classes:target/classes:$(cat "$work/test.classpath")" org.openjdk.jmh.Main \
  PerEventBenchmark "$@"
