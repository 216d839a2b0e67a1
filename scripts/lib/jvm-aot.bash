# Sourced by build.sh: the jvm-aot build, target/function.zip for Lambda's custom runtime (provided.al2023). It
# carries the function, its own Java runtime cut to the modules the function needs, and an AOT cache (JEPs 483,
# 514, 515) trained on the function's own work. A cache only serves the JVM that wrote it and the class path it
# was written with, paths and file times included, so the zip keeps every file's time, and the build ends by
# starting the zip unpacked in another folder with -XX:AOTMode=on, which refuses a cache it cannot use.

# The modules jdeps finds in the function and the runtime interface client (jdk.compiler aside: only an
# annotation processor of vertx-codegen names it), with those reached through services and JNDI alone.
# JVM_AOT_MODULES and JVM_AOT_TRAINING (all, or alarm: one alarm only) may be set to try another runtime or training.
if [ -z "${JVM_AOT_MODULES:-}" ]; then
  JVM_AOT_MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.rmi,java.sql
  JVM_AOT_MODULES+=,java.transaction.xa,java.xml,jdk.naming.dns,jdk.unsupported,jdk.zipfs
fi
# Every file's time, an even second (zip's DOS times have two-second steps): the cache checks each jar's. In
# touch's form, read in UTC, and jar's.
JVM_AOT_TOUCH=200001010000.00
JVM_AOT_DATE=2000-01-01T00:00:00Z

# Lambda's name for this machine's architecture.
host_architecture() {
  case "$(uname -m)" in
    x86_64|amd64) echo x86_64 ;;
    aarch64|arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

# $1: the template's Architecture the zip is for, which must be this machine's.
check_architecture() {
  local host
  host=$(host_architecture)
  if [ "$1" != "$host" ]; then
    echo "build.sh: jvm-aot carries a Java runtime and an AOT cache for the machine that builds it ($host), and" \
      "you asked for $1. Build it on an $1 Linux machine, or deploy with Architecture=$host." >&2
    exit 1
  fi
}

build_jvm_aot() {
  local work=target/jvm-aot tool
  for tool in zip unzip; do
    command -v "$tool" >/dev/null || { echo "build.sh: jvm-aot needs $tool (Debian: apt install zip unzip)" >&2;
      exit 1; }
  done
  export TZ=UTC # zip's DOS times are local: in UTC they equal the files' times wherever Lambda unpacks them
  # The zip carries this JDK, its TLS trust store included, and AWS does not patch a custom runtime: build on a
  # JDK you trust, and build again to take its updates. Early-access builds are refused.
  local version
  version=$(java -version 2>&1 | head -1)
  case "$version" in *-ea*) echo "build.sh: jvm-aot will not ship an early-access JDK ($version)" >&2; exit 1 ;; esac
  echo "build.sh: jvm-aot ships $version from $JAVA_HOME" >&2

  ./mvnw -B -q --no-transfer-progress package -DskipTests
  rm -rf "$work" && mkdir -p "$work/task/lib/ric" "$work/unpacked"
  ./mvnw -B -q --no-transfer-progress dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$work/test.classpath"
  local task=$work/task jar
  (cd "$work/unpacked" && unzip -q ../../function.zip)
  rm -f target/function.zip # the JVM build's; the jvm-aot zip takes its place once it passes the check
  mv "$work/unpacked/lib"/* "$task/lib/"
  while IFS= read -r -d : jar || [ -n "$jar" ]; do
    case "$jar" in
      */aws-lambda-java-runtime-interface-client-*.jar) cp "$jar" "$task/lib/ric/runtime-interface-client.jar" ;;
      */aws-lambda-java-serialization-*.jar) cp "$jar" "$task/lib/ric/serialization.jar" ;;
    esac
  done < "$work/test.classpath"
  for jar in runtime-interface-client serialization; do
    [ -s "$task/lib/ric/$jar.jar" ] || { echo "build.sh: the build's class path has no Lambda $jar jar" >&2;
      exit 1; }
  done
  # One jar for the function's own classes: a cache takes jars only, and its manifest's Class-Path lists
  # lib/*.jar in Quarkus' order, where a folder's listing order could change from one machine to the next.
  jar --create --file "$task/function.jar" --manifest "$work/unpacked/META-INF/MANIFEST.MF" \
    --date="$JVM_AOT_DATE" -C "$work/unpacked" .
  rm -rf "$work/unpacked"
  cp src/main/jvm-aot/bootstrap "$task/bootstrap" && chmod 755 "$task/bootstrap"
  echo "build.sh: linking a Java runtime of $JVM_AOT_MODULES" >&2
  jlink --add-modules "$JVM_AOT_MODULES" --strip-debug --no-header-files --no-man-pages --output "$task/runtime"
  find "$task" -exec touch -h -t "$JVM_AOT_TOUCH" {} +

  local tests="target/test-classes:target/classes:$(cat "$work/test.classpath")"
  # The training and the check run as Lambda would: no JVM options or AWS credentials of this machine's.
  local clean=(env -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS -u AWS_PROFILE -u AWS_SESSION_TOKEN)
  echo "build.sh: training the AOT cache on the function's own work (about a minute)..." >&2
  "${clean[@]}" JVM_AOT_TRAINING="${JVM_AOT_TRAINING:-all}" java -cp "$tests" dev.statuspagesync.local.AotTraining \
    train "$task" "$task/function.aot"
  [ -s "$task/function.aot" ] || { echo "build.sh: the training wrote no AOT cache" >&2; exit 1; }
  # The cache holds classes and profiles, not the training's settings: make sure the fakes' keys stayed out.
  if grep -a -q -e local-demo-key -e local-run-reference-key "$task/function.aot"; then
    echo "build.sh: the AOT cache holds a key of the training's fakes; it is not shipped" >&2
    exit 1
  fi
  touch -t "$JVM_AOT_TOUCH" "$task/function.aot"

  # Without -X zip keeps each file's time exactly, and the bootstrap's mode; the runtime's links become files.
  (cd "$task" && zip -q -r ../function.zip .)

  # Unpacked as Lambda unpacks it, elsewhere, and removed however the check ends.
  JVM_AOT_CHECK_DIR=$(mktemp -d)
  trap 'rm -rf "$JVM_AOT_CHECK_DIR"' EXIT
  mkdir -p "$JVM_AOT_CHECK_DIR/var/task" && unzip -q "$work/function.zip" -d "$JVM_AOT_CHECK_DIR/var/task"
  if ! "${clean[@]}" java -cp "$tests" dev.statuspagesync.local.AotTraining check "$JVM_AOT_CHECK_DIR/var/task"
  then
    echo "build.sh: the jvm-aot zip failed its check and stays in $work/function.zip; target/function.zip is not" \
      "written" >&2
    exit 1
  fi
  cp "$work/function.zip" target/function.zip
  echo "build.sh: the AOT cache loads where the zip is unpacked (checked with -XX:AOTMode=on); a copy stays in" \
    "$work/function.zip, as a later Maven build writes its own target/function.zip" >&2
}
