#!/usr/bin/env bash
# Usage: scripts/bench-cold-start.sh [--starts N] [--events N] [--rss-runs N] [--jdk25 PATH] [--native EXE] [--baseline DIR] [--zip-only] [--first-sweep] [--profile]
# Cold start and memory of the packaged function, side by side: each set-up (JDK 17 as Lambda unpacks the zip,
# as a jar, with AppCDS; JDK 25 as a jar, with AppCDS, with an AOT cache; the native executable given by
# --native) starts N times (10) through the Lambda runtime API against the fake Flashduty; then each takes a
# cold start plus N events (1000) and its peak resident memory is read. Prints medians and ratios against the
# first set-up and function.zip's size; --profile adds where one JDK 17 cold start goes. --baseline puts an
# earlier build first (a copy of target/local-run/task), --zip-only keeps the set-ups as Lambda unpacks the zip,
# --first-sweep measures a sweep that reconciles with the fake CloudWatch instead of an alarm's change.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
command -v java >/dev/null || { echo "bench-cold-start.sh: java (17 or newer) is not on PATH" >&2; exit 1; }

work=target/local-run
./scripts/package-function.sh

exec java -Dsun.net.httpserver.nodelay=true -cp "target/test-classes:target/classes:$(cat "$work/test.classpath")" \
  dev.statuspagesync.local.ColdStartBenchmark \
  --function-dir "$work/task" --ric-classpath "$(cat "$work/ric.classpath")" "$@"
