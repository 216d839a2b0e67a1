#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [duration]
# Fuzzes the payload reader and the mapping (AnyPayloadFuzzTest) with Jazzer for the duration (default 10m;
# e.g. 90s, 1h), then prints the executions and the findings. A finding fails the run and is kept as a test
# input under src/test/resources/dev/statuspagesync/lifecycle/AnyPayloadFuzzTestInputs/, which the suite replays.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk fuzz.sh

duration="${1:-10m}"
[[ "$duration" =~ ^[0-9]+[smh]?$ ]] || { echo "fuzz.sh: duration '$duration' is not like 90s, 10m or 1h" >&2; exit 2; }
inputs=src/test/resources/dev/statuspagesync/lifecycle/AnyPayloadFuzzTestInputs
mkdir -p target
log=target/fuzz.log
findings() { if [[ -d "$inputs" ]]; then find "$inputs" -type f -name 'crash-*' | wc -l; else echo 0; fi; }
before=$(findings)
status=0
./mvnw -B --no-transfer-progress test-compile surefire:test@fuzz -Dfuzz.duration="$duration" >"$log" 2>&1 || status=$?
after=$(findings)

done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)
echo "duration:   $duration"
echo "executions: ${done_line:-none recorded (see $log)}"
echo "findings:   $((after - before)) new (log: $log)"
if [[ $status -ne 0 ]]; then
  grep -E 'FuzzTestFindingException|Caused by' "$log" | head -5 >&2 || true
  echo "fuzz.sh: the run failed (exit $status); see $log" >&2
fi
exit "$status"
