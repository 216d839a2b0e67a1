#!/usr/bin/env bash
# Usage: scripts/bench-hostile.sh [--sizes 2000,4000,8000,100000] [--runs 5] [--limit-seconds 30]
# How long the readers of hostile text take (the alarm list's member lines, the key line, a routing glob) on
# crafted inputs of growing size: the median of the runs per input, in microseconds.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk bench-hostile.sh
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/hostile.classpath >/dev/null
exec java -cp "target/test-classes:target/classes:$(cat target/hostile.classpath)" \
  dev.statuspagesync.local.HostileInputBenchmark "$@"
