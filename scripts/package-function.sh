#!/usr/bin/env bash
# Usage: scripts/package-function.sh
# Builds target/function.zip and unpacks it into target/local-run/task, as Lambda's managed runtime unpacks it
# into its task root; writes the test class path (local-run/test.classpath) and the Lambda runtime interface
# client's (local-run/ric.classpath) for the local tools. run-local.sh and bench-storm.sh call it.
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0;; esac
cd "$(dirname "$0")/.."
command -v java >/dev/null || { echo "package-function.sh: java (17 or newer) is not on PATH" >&2; exit 1; }

work=target/local-run
./mvnw -B -q --no-transfer-progress package -DskipTests >&2
./mvnw -B -q --no-transfer-progress dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/test.classpath" >&2
./mvnw -B -q --no-transfer-progress dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.includeArtifactIds=aws-lambda-java-runtime-interface-client,aws-lambda-java-core,aws-lambda-java-serialization \
  -Dmdep.outputFile="$work/ric.classpath" >&2
rm -rf "$work/task" && mkdir -p "$work/task"
(cd "$work/task" && jar xf ../../function.zip)
