# Sourced by the scripts: makes a JDK 21 or newer the one that Maven and java run, or stops, saying what to install.
# It takes JAVA_HOME, else the java on PATH, when that is 21 or newer; otherwise the newest JDK installed under
# JDK_SEARCH_DIRS (colon-separated; by default the usual places on Linux and macOS), and says on standard error
# which one and why (standard output stays the calling script's). Bash built-ins only.

# Prints "<feature version> <java.home>" of the java command $1, nothing when it does not run.
jdk_describe() {
  local out
  out=$("$1" -XshowSettings:properties -version 2>&1) || return 0
  if [[ $out =~ java\.specification\.version\ =\ (1\.)?([0-9]+) ]]; then
    local major=${BASH_REMATCH[2]}
    [[ $out =~ java\.home\ =\ ([^$'\n']+) ]] && echo "$major ${BASH_REMATCH[1]}"
  fi
}

# $1: the calling script's name, for the message; $2: the oldest feature version that will do (21).
use_jdk() {
  local wanted=${2:-21} described major home tried=() seen=() root dir best="" best_major=0 i why=""
  local candidates=() labels=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java") && labels+=("JAVA_HOME's java")
  command -v java >/dev/null && candidates+=("$(command -v java)") && labels+=("java on PATH")
  for ((i = 0; i < ${#candidates[@]}; i++)); do
    described=$(jdk_describe "${candidates[i]}")
    major=${described%% *}
    home=${described#* }
    tried+=("${candidates[i]} (${major:-does not run})")
    if [ -n "$described" ] && [ "$major" -ge "$wanted" ] && [ -x "$home/bin/javac" ]; then
      export JAVA_HOME=$home PATH="$home/bin:$PATH"
      return 0
    fi
    if [ -z "$described" ]; then
      seen+=("${labels[i]} does not run")
    elif [ "$major" -ge "$wanted" ]; then
      seen+=("${labels[i]} is $major, without javac")
    else
      seen+=("${labels[i]} is $major")
    fi
  done
  local search=${JDK_SEARCH_DIRS:-/usr/lib/jvm:/usr/java:/opt/java:/opt/jdk:$HOME/.sdkman/candidates/java:$HOME/.jdks:/Library/Java/JavaVirtualMachines}
  local roots
  IFS=: read -r -a roots <<<"$search"
  for root in "${roots[@]}"; do
    for dir in "$root"/*/ "$root"/*/Contents/Home/; do
      dir=${dir%/}
      [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
      described=$(jdk_describe "$dir/bin/java")
      major=${described%% *}
      if [ -n "$described" ] && [ "$major" -gt "$best_major" ]; then
        best=${described#* }
        best_major=$major
      fi
    done
  done
  if [ "$best_major" -ge "$wanted" ]; then
    for ((i = 0; i < ${#seen[@]}; i++)); do
      why+="${why:+, }${seen[i]}"
    done
    echo "$1: using JDK $best_major at $best (${why:-no JAVA_HOME and no java on PATH})" >&2
    export JAVA_HOME=$best PATH="$best/bin:$PATH"
    return 0
  fi
  echo "$1: needs a JDK $wanted or newer, and found none (tried: ${tried[*]:-no JAVA_HOME, no java on PATH};" \
    "searched $search). Install one, for example Temurin $wanted or newer from https://adoptium.net or your" \
    "system's openjdk-$wanted-jdk package, and set JAVA_HOME to it." >&2
  exit 1
}
