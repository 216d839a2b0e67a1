#!/usr/bin/env bash
# Usage: scripts/bench-storm.sh [--alarms N] [--components C] [--batch B] [--delivery sns|sqs|both] [--arrival interleaved|by-component] [--quiet off|on|both] [--resolve-after 5m]
# A regional outage against the packaged function and the fake Flashduty (which answers 429 beyond 50
# requests a second): N alarms (default 1000) over C components (10) fire and recover, first one per
# invocation as SNS delivers them, then in SQS batches of B (100); consecutive alarms affect different
# components unless --arrival by-component. Each runs without a quiet period and with one (then one sweep
# resolves). Prints the calls they cost, per path, and the updates subscribers hear of.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk bench-storm.sh

work=target/local-run
./scripts/package-function.sh

exec java -Dsun.net.httpserver.nodelay=true -cp "target/test-classes:target/classes:$(cat "$work/test.classpath")" \
  dev.statuspagesync.local.StormBenchmark \
  --function-dir "$work/task" --ric-classpath "$(cat "$work/ric.classpath")" "$@"
