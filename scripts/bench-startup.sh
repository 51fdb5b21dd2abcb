#!/usr/bin/env bash
# Startup with and without the AOT cache that ./build jar trains: `up` until it serves, then the
# latency of its first 100 requests (classifier frames at split 59, one at a time), and `version`.
# Usage: scripts/bench-startup.sh DATA_DIR [ROUNDS]   (DATA_DIR/fronts/ppocr-cls.json: the front to serve)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$root/scripts/jdk.sh"
dynasplit_select_jdk
data=${1:?usage: $0 DATA_DIR [ROUNDS]}
rounds=${2:-3}
jar=$root/app/target/dynasplit.jar
cache=$(dynasplit_aot_cache "$root")
[ -f "$cache" ] || { echo "no AOT cache: run ./build jar with a JDK 25+" >&2; exit 1; }
java=("$JAVA_HOME/bin/java" $(dynasplit_jvm_flags))
log=$(mktemp -d)
for round in $(seq 1 "$rounds"); do
  for mode in none aot; do
    aot=(); [ "$mode" = aot ] && aot=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
    off=0; [ "$mode" = aot ] && off=1
    port=$((19000 + round * 2 + off))
    out=$log/up-$mode-$round.log
    t0=$(date +%s%N)
    "${java[@]}" "${aot[@]}" -jar "$jar" up --data "$data" --models ppocr-cls --port "$port" --http-port 0 > "$out" 2>&1 &
    pid=$!
    until grep -q "Ctrl-C" "$out"; do sleep 0.05; done
    t1=$(date +%s%N)
    lat=$("${java[@]}" -jar "$jar" request --broker-port "$port" --model ppocr-cls --random-tensor --frame \
      --sla 10000 --count 100 --concurrency 1 2>/dev/null | grep latency)
    echo "$mode round $round: serving after $(( (t1 - t0) / 1000000 )) ms; first 100 $lat"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    sleep 3
  done
done
for mode in none aot; do
  aot=(); [ "$mode" = aot ] && aot=(-XX:AOTCache="$cache" -Xlog:aot=off -Xlog:cds=off)
  for i in 1 2 3; do
    t0=$(date +%s%N); "${java[@]}" "${aot[@]}" -jar "$jar" version > /dev/null; t1=$(date +%s%N)
    echo "$mode version: $(( (t1 - t0) / 1000000 )) ms"
  done
done
rm -rf "$log"
