#!/usr/bin/env bash
# Usage: scripts/package-function.sh [--force]
# Builds target/function.zip and unpacks it into target/local-run/task, as Lambda's managed runtime unpacks it
# into its task root; writes the test class path (local-run/test.classpath) and the Lambda runtime interface
# client's (local-run/ric.classpath) for the local tools. run-local.sh and bench-storm.sh call it.
# It builds only when the sources, the POM or the JDK changed since its last build (a digest of their contents
# in local-run/sources.sha256); --force builds anyway.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
force=false
case "${1:-}" in --force) force=true;; "") ;; *) echo "usage: scripts/package-function.sh [--force]" >&2; exit 2;; esac
cd "$(dirname "$0")/.."
source scripts/lib/jdk.bash
use_jdk package-function.sh

work=target/local-run
digest=$( { java -version 2>&1; find pom.xml .mvn src scripts/package-function.sh -type f -print0 | sort -z \
  | xargs -0 sha256sum; } | sha256sum | cut -d' ' -f1)
if ! $force && [ -f "$work/sources.sha256" ] && [ "$(cat "$work/sources.sha256")" = "$digest" ] \
    && [ -f target/function.zip ] && [ -d "$work/task" ] && [ -s "$work/test.classpath" ] \
    && [ -s "$work/ric.classpath" ]; then
  exit 0
fi
rm -f "$work/sources.sha256"
if [ -d "$work/task" ]; then
  echo "package-function.sh: the sources changed; building the function again (about a minute)..." >&2
else
  echo "package-function.sh: building the function (the first time takes about a minute, more while Maven" \
    "downloads its dependencies; later runs reuse the build)..." >&2
fi
# The caller's STATUSPAGE_* and FLASHDUTY_* settings are the run's, not the build's: the build reads its
# configuration through the same checks, and would stop on a setting the run is meant to show refused.
unset_settings=()
for name in $(compgen -e); do
  case "$name" in STATUSPAGE_*|FLASHDUTY_*) unset_settings+=(-u "$name");; esac
done
mvnw() { env ${unset_settings[@]+"${unset_settings[@]}"} ./mvnw "$@"; }
mvnw -B -q --no-transfer-progress package -DskipTests >&2
mvnw -B -q --no-transfer-progress dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile="$work/test.classpath" >&2
# The runtime interface client and what it needs beside the function's own jars, as PackagedFunctionLogIT takes them.
ric=aws-lambda-java-runtime-interface-client,aws-lambda-java-core,aws-lambda-java-serialization,utils-lite,annotations
mvnw -B -q --no-transfer-progress dependency:build-classpath -DincludeScope=test -DincludeArtifactIds="$ric" \
  -Dmdep.outputFile="$work/ric.classpath" >&2
rm -rf "$work/task" && mkdir -p "$work/task"
(cd "$work/task" && jar xf ../../function.zip)
echo "$digest" > "$work/sources.sha256"
echo "package-function.sh: built target/function.zip" >&2
