#!/usr/bin/env bash
# Usage: scripts/run-local.sh [--json] [--dry-run] [--story incident|flapping|maintenance|lost|aws-health] [[--lost] event.json ...]
# Builds the function, then runs the packaged function.zip through the Lambda runtime API, as the managed
# Java runtime does, on the given event files in order (or on a bundled story when none are given).
# --dry-run reads from Flashduty but prints the writes it would make instead of making them.
# --lost FILE: CloudWatch (a fake that follows every file) makes the change, but the function is not told of it.
# Flashduty is an embedded fake, serving the pages your STATUSPAGE_* settings name, unless FLASHDUTY_APP_KEY and a
# route are set too; then FLASHDUTY_BASE_URL (default https://api.flashcat.cloud) is called.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
usage="usage: scripts/run-local.sh [--json] [--dry-run] [--story incident|flapping|maintenance|lost|aws-health] [[--lost] event.json ...]"
source "$(dirname "$0")/lib/jdk.bash"
use_jdk run-local.sh

events=()
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --json|--dry-run) args+=("$1");;
    --story)
      case "${2:-}" in incident|flapping|maintenance|lost|aws-health) args+=("$1" "$2"); shift;;
        *) echo "run-local.sh: --story takes incident, flapping, maintenance, lost or aws-health" >&2; echo "$usage" >&2; exit 2;;
      esac;;
    --lost)
      [ -r "${2:-}" ] || { echo "run-local.sh: --lost takes a readable event file" >&2; echo "$usage" >&2; exit 2; }
      events+=("$1" "$2"); shift;;
    -*) echo "run-local.sh: unknown option $1" >&2; echo "$usage" >&2; exit 2;;
    *) if [ ! -r "$1" ]; then
         why="no such file"; [ -e "$1" ] && why="not readable"
         echo "run-local.sh: cannot read event file $1 ($why, from $(pwd))" >&2; echo "$usage" >&2; exit 2
       fi
       events+=("$1");;
  esac
  shift
done
if [[ " ${args[*]:-} " == *" --story "* ]] && [ ${#events[@]} -gt 0 ]; then
  echo "run-local.sh: --story runs a bundled story alone; give either a story or event files, not both" >&2
  echo "$usage" >&2
  exit 2
fi
caller_dir=$(pwd)
cd "$(dirname "$0")/.."

work=target/local-run
./scripts/package-function.sh

RUN_LOCAL_CALLER_DIR="$caller_dir" exec java -Dsun.net.httpserver.nodelay=true \
  -cp "target/test-classes:target/classes:$(cat "$work/test.classpath")" dev.statuspagesync.local.LocalRun \
  --function-dir "$work/task" --ric-classpath "$(cat "$work/ric.classpath")" "${args[@]}" "${events[@]}"
