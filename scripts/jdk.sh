# Sourced by ./build, ./dynasplit and .ci/run: finds a JDK of 21 or newer.
# Order: $JAVA_HOME, then the machine's usual JVM folders (newest first), then java on PATH.
# Sets JAVA_HOME and puts its bin first on PATH, or prints why it could not and returns 1.

dynasplit_java_major() { # $1 = a java executable; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

dynasplit_select_jdk() {
  local min=21 candidate major tried=""
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  local dir
  for dir in /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  local best="" best_major=0
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    case " $tried " in *" $candidate("*) continue ;; esac
    major=$(dynasplit_java_major "$candidate/bin/java")
    [ -n "$major" ] || continue
    tried="$tried $candidate($major)"
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$major" -ge "$min" ]; then best=$candidate; best_major=$major; break; fi
    if [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then best=$candidate; best_major=$major; fi
  done
  if [ -z "$best" ]; then
    echo "dynasplit: no JDK $min or newer found (looked at JAVA_HOME, /usr/lib/jvm and java on PATH; found:${tried:- nothing})." >&2
    echo "dynasplit: install one (Eclipse Temurin 21+, or your distribution's openjdk-21-jdk or newer) or set JAVA_HOME to it." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

# JVM flags that keep JDK 24+ quiet about what Netty, protobuf and ONNX Runtime do on purpose
# (sun.misc.Unsafe memory access, native library loading). Prints nothing on older JDKs.
dynasplit_jvm_flags() {
  local major
  major=$(dynasplit_java_major "$JAVA_HOME/bin/java")
  if [ "${major:-0}" -ge 24 ]; then
    echo "--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  elif [ "${major:-0}" -ge 22 ]; then
    echo "--enable-native-access=ALL-UNNAMED"
  fi
}
