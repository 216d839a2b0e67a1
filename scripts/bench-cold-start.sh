#!/usr/bin/env bash
# Usage: scripts/bench-cold-start.sh [--starts N] [--events N] [--rss-runs N] [--jdk25 PATH] [--native EXE] [--jvm-aot TASK] [--baseline DIR] [--zip-only] [--first-sweep|--first-batch] [--echo] [--profile]
# Cold start and memory of the packaged function, side by side: each set-up (the script's JDK, 21 or newer, as
# Lambda unpacks the zip, as a jar, with AppCDS; JDK 25 as a jar, with AppCDS, with an AOT cache; the native
# executable given by --native; the jvm-aot build unpacked in TASK, as target/jvm-aot/task after
# scripts/build.sh jvm-aot, several times for several builds) starts N times (10) through the Lambda runtime API against the fake Flashduty;
# then each takes a cold start plus N events (1000) and its peak resident memory is read. Prints medians and
# ratios against the first set-up and function.zip's size; --profile adds where one cold start on that JDK goes.
# --baseline puts an earlier build first (a copy of target/local-run/task), --zip-only keeps the set-ups as Lambda
# unpacks the zip, --first-sweep measures a sweep that reconciles with the fake CloudWatch instead of an alarm's
# change, --first-batch an SQS batch; --echo adds a plain-Java echo handler on the same runtime, the floor.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk bench-cold-start.sh

work=target/local-run
./scripts/package-function.sh

exec java -Dsun.net.httpserver.nodelay=true -cp "target/test-classes:target/classes:$(cat "$work/test.classpath")" \
  dev.statuspagesync.local.ColdStartBenchmark \
  --function-dir "$work/task" --ric-classpath "$(cat "$work/ric.classpath")" "$@"
