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

# The AOT cache of the runnable jar (JDK 25+, JEP 514/515): classes loaded and linked, and method
# profiles, from a training run; ./build jar writes it, ./dynasplit uses it while it is newer than
# the jar. Measured in docs/PERFORMANCE.md (startup and the first 100 requests).
dynasplit_aot_cache() {
  echo "$1/app/target/dynasplit.aot"
}

# Trains the AOT cache on a short real run (broker, edge, cloud and ONNX Runtime through
# `dynasplit bench dataplane` with the classifier); skipped before JDK 25 or with DYNASPLIT_AOT=0;
# a failed training leaves no cache and only warns.
dynasplit_train_aot() {
  local root=$1 jar=$1/app/target/dynasplit.jar cache major
  cache=$(dynasplit_aot_cache "$root")
  rm -f "$cache"
  [ "${DYNASPLIT_AOT:-1}" != 0 ] || return 0
  major=$(dynasplit_java_major "$JAVA_HOME/bin/java")
  [ "${major:-0}" -ge 25 ] || return 0
  echo "build: training the AOT cache (about 30 s; DYNASPLIT_AOT=0 skips it)..." >&2
  # shellcheck disable=SC2046
  if ! "$JAVA_HOME/bin/java" $(dynasplit_jvm_flags) -XX:AOTCacheOutput="$cache" -Xlog:aot=off -Xlog:cds=off \
      -jar "$jar" bench dataplane --models ppocr-cls --codecs fp32 --n 5 --warmup 1 \
      --throughput-requests 40 --in-flight 4 --no-mosquitto > "$cache.log" 2>&1; then
    echo "build: AOT training failed (see $cache.log); the jar runs without a cache" >&2
    rm -f "$cache"
    return 0
  fi
  rm -f "$cache.log"
}

# The JVM option that uses the AOT cache, when there is one newer than the jar.
dynasplit_aot_flags() {
  local root=$1 cache
  cache=$(dynasplit_aot_cache "$root")
  if [ -f "$cache" ] && [ "$cache" -nt "$root/app/target/dynasplit.jar" ]; then
    echo "-XX:AOTCache=$cache -Xlog:aot=off -Xlog:cds=off"
  fi
}
