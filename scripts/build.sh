#!/usr/bin/env bash
# Usage: scripts/build.sh [jvm|native]
# Builds target/function.zip for Lambda: jvm (the jar for the managed Java runtime) or native (default; the
# GraalVM executable for provided.al2023), with native-image when installed, else in a container through
# Docker or Podman. Tests are not run here: scripts/test.sh runs them.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
kind="${1:-native}"
source scripts/lib/jdk.bash
use_jdk build.sh

case "$kind" in
  jvm)
    ./mvnw -B --no-transfer-progress package -DskipTests ;;
  native)
    if command -v native-image >/dev/null; then
      ./mvnw -B --no-transfer-progress package -Dnative -DskipTests
    else
      engine=""
      for candidate in docker podman; do
        if command -v "$candidate" >/dev/null && "$candidate" info >/dev/null 2>&1; then engine="$candidate"; break; fi
      done
      if [[ -z "$engine" ]]; then
        echo "build.sh: a native build needs GraalVM or Mandrel (native-image on PATH) or a running container" \
          "engine (docker or podman); neither is here. Build the JVM package with: scripts/build.sh jvm" >&2
        exit 1
      fi
      ./mvnw -B --no-transfer-progress package -Dnative -DskipTests -Dquarkus.native.container-build=true \
        -Dquarkus.native.container-runtime="$engine"
    fi ;;
  *)
    echo "build.sh: unknown build '$kind'; use jvm or native" >&2; exit 2 ;;
esac
ls -l target/function.zip
