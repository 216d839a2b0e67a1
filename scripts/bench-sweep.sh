#!/usr/bin/env bash
# Usage: scripts/bench-sweep.sh [--alarms N,N,...] [--firing PERCENT] [--components C]
# What a reconciling sweep costs, for accounts of 10, 1,000 and 10,000 alarms (--alarms), 10 % of them in ALARM
# (--firing) over 10 components: the packaged function against the fake CloudWatch (through the AWS SDK) and the
# fake Flashduty (50 requests a second). Three sweeps each: every firing alarm's delivery lost, the page in
# agreement, every recovery's delivery lost. Prints the CloudWatch and Flashduty calls of each sweep.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk bench-sweep.sh

work=target/local-run
./scripts/package-function.sh

exec java -Dsun.net.httpserver.nodelay=true -cp "target/test-classes:target/classes:$(cat "$work/test.classpath")" \
  dev.statuspagesync.local.SweepCostBenchmark \
  --function-dir "$work/task" --ric-classpath "$(cat "$work/ric.classpath")" "$@"
