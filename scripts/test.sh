#!/usr/bin/env bash
# Usage: scripts/test.sh [extra Maven arguments]
# Runs the whole test suite with the Maven wrapper (it downloads Maven 3.9 on first use), on a JDK 21 or newer:
# JAVA_HOME's or the one on PATH, else the newest installed one it finds (scripts/lib/jdk.bash).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk test.sh
exec ./mvnw -B --no-transfer-progress verify "$@"
