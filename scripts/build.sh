#!/usr/bin/env bash
# Usage: scripts/build.sh [jvm|jvm-aot|native] [--architecture x86_64|arm64]
# Builds target/function.zip for Lambda: jvm (the jar for the managed Java runtime); jvm-aot (for
# provided.al2023: the jar with its own Java 25 runtime and an AOT cache trained on the function's work, for
# this machine's architecture only; needs a JDK 25, zip and unzip); or native (default; the GraalVM executable
# for provided.al2023), with native-image when installed, else in a container through Docker or Podman.
# --architecture is the template's Architecture (x86_64 by default). Tests are not run here: scripts/test.sh runs
# them.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
kind="${1:-native}"
case "$kind" in
  jvm|jvm-aot|native) ;;
  *) echo "build.sh: unknown build '$kind'; use jvm, jvm-aot or native" >&2; exit 2 ;;
esac
architecture=x86_64
case "${2:-}" in
  --architecture) architecture="${3:-}" ;;
  --architecture=*) architecture="${2#--architecture=}" ;;
  "") ;;
  *) echo "build.sh: unknown option ${2}; use --architecture x86_64|arm64" >&2; exit 2 ;;
esac
case "${2:-}" in --architecture) [ $# -le 3 ] ;; *) [ $# -le 2 ] ;; esac \
  || { echo "build.sh: too many arguments; usage: scripts/build.sh [jvm|jvm-aot|native] [--architecture A]" >&2;
    exit 2; }
case "$architecture" in x86_64|arm64) ;; *) echo "build.sh: --architecture takes x86_64 or arm64" >&2; exit 2 ;; esac
source scripts/lib/jdk.bash
if [ "$kind" = jvm-aot ]; then
  source scripts/lib/jvm-aot.bash
  # The runtime and the cache are the build machine's: Lambda runs Linux.
  if [ "$(uname -s)" != Linux ]; then
    echo "build.sh: jvm-aot links a Linux Java runtime, so it builds on Linux (or in SAM's build container)" >&2
    exit 1
  fi
  check_architecture "$architecture"
  use_jdk build.sh 25
else
  use_jdk build.sh
fi

case "$kind" in
  jvm)
    ./mvnw -B --no-transfer-progress package -DskipTests ;;
  jvm-aot)
    build_jvm_aot ;;
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
    echo "build.sh: unknown build '$kind'; use jvm, jvm-aot or native" >&2; exit 2 ;;
esac
ls -l target/function.zip
