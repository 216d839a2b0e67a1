#!/usr/bin/env bash
# Usage: scripts/test.sh [extra Maven arguments]
# Runs the whole test suite with the Maven wrapper (it downloads Maven 3.9 on first use). Needs Java 17+.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,3p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
command -v java >/dev/null || { echo "test.sh: java (17 or newer) is not on PATH" >&2; exit 1; }
exec ./mvnw -B --no-transfer-progress verify "$@"
