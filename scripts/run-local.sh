#!/usr/bin/env bash
# Usage: scripts/run-local.sh [--json] [--dry-run] [event.json ...]
# Builds the function, then runs the packaged function.zip through the Lambda runtime API, as the managed
# Java runtime does, on the given event files in order (or on a bundled story when none are given).
# --dry-run reads from Flashduty but prints the writes it would make instead of making them.
# Flashduty is an embedded fake unless FLASHDUTY_APP_KEY and a route (STATUSPAGE_ROUTES, or STATUSPAGE_PAGE_ID
# and STATUSPAGE_COMPONENT_IDS) are set; then FLASHDUTY_BASE_URL (default https://api.flashcat.cloud) is called.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
command -v java >/dev/null || { echo "run-local.sh: java (17 or newer) is not on PATH" >&2; exit 1; }

events=()
for arg in "$@"; do
  case "$arg" in
    --json|--dry-run) ;;
    -*) echo "run-local.sh: unknown option $arg" >&2; echo "usage: scripts/run-local.sh [--json] [--dry-run] [event.json ...]" >&2; exit 2;;
    *) [ -r "$arg" ] || { echo "run-local.sh: cannot read event file $arg" >&2; exit 2; }
       events+=("$arg");;
  esac
done
caller_dir=$(pwd)
cd "$(dirname "$0")/.."

work=target/local-run
./scripts/package-function.sh

args=()
for arg in "$@"; do case "$arg" in --json|--dry-run) args+=("$arg");; esac; done
RUN_LOCAL_CALLER_DIR="$caller_dir" exec java -Dsun.net.httpserver.nodelay=true \
  -cp "target/test-classes:$(cat "$work/test.classpath")" dev.statuspagesync.local.LocalRun \
  --function-dir "$work/task" --ric-classpath "$(cat "$work/ric.classpath")" "${args[@]}" "${events[@]}"
