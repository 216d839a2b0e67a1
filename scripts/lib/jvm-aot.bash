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
# Every file's time, an even second (zip's DOS times have two-second steps): the cache checks each jar's.
JVM_AOT_EPOCH=946684800

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
      "you asked for $1. Build it on a $1 machine (or in SAM's build container for $1), or deploy with" \
      "Architecture=$host." >&2
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

  ./mvnw -B -q --no-transfer-progress package -DskipTests
  rm -rf "$work" && mkdir -p "$work/task/lib/ric" "$work/unpacked"
  ./mvnw -B -q --no-transfer-progress dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile="$work/test.classpath"
  local task=$work/task jar
  (cd "$work/unpacked" && unzip -q ../../function.zip)
  mv "$work/unpacked/lib"/* "$task/lib/"
  for jar in $(tr ':' '\n' < "$work/test.classpath"); do
    case "$jar" in
      */aws-lambda-java-runtime-interface-client-*.jar) cp "$jar" "$task/lib/ric/runtime-interface-client.jar" ;;
      */aws-lambda-java-serialization-*.jar) cp "$jar" "$task/lib/ric/serialization.jar" ;;
    esac
  done
  # One jar for the function's own classes: a cache takes jars only, and its manifest's Class-Path lists
  # lib/*.jar in Quarkus' order, where a folder's listing order could change from one machine to the next.
  jar --create --file "$task/function.jar" --manifest "$work/unpacked/META-INF/MANIFEST.MF" \
    --date="$(date -u -d @"$JVM_AOT_EPOCH" +%Y-%m-%dT%H:%M:%SZ)" -C "$work/unpacked" .
  rm -rf "$work/unpacked"
  install -m 755 src/main/jvm-aot/bootstrap "$task/bootstrap"
  echo "build.sh: linking a Java runtime of $JVM_AOT_MODULES" >&2
  jlink --add-modules "$JVM_AOT_MODULES" --strip-debug --no-header-files --no-man-pages --output "$task/runtime"
  find "$task" -exec touch -h -d @"$JVM_AOT_EPOCH" {} +

  local tests="target/test-classes:target/classes:$(cat "$work/test.classpath")"
  echo "build.sh: training the AOT cache on the function's own work (about a minute)..." >&2
  JVM_AOT_TRAINING=${JVM_AOT_TRAINING:-all} java -cp "$tests" dev.statuspagesync.local.AotTraining train "$task" \
    "$task/function.aot"
  [ -s "$task/function.aot" ] || { echo "build.sh: the training wrote no AOT cache" >&2; exit 1; }
  touch -d @"$JVM_AOT_EPOCH" "$task/function.aot"

  # Without -X zip keeps each file's time exactly, and the bootstrap's mode; the runtime's links become files.
  rm -f target/function.zip
  (cd "$task" && zip -q -r ../../function.zip .)

  local elsewhere
  elsewhere=$(mktemp -d)/var/task
  mkdir -p "$elsewhere" && (cd "$elsewhere" && unzip -q "$OLDPWD/target/function.zip")
  java -cp "$tests" dev.statuspagesync.local.AotTraining check "$elsewhere"
  rm -rf "${elsewhere%/var/task}"
  echo "build.sh: the AOT cache loads where the zip is unpacked (checked with -XX:AOTMode=on)" >&2
}
