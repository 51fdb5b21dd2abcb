#!/usr/bin/env bash
# Issue 14, item 2: adaptive against dynasplit on the VGG16 pool and on widened pools, seeds 1-5,
# with no scenario and under the bandwidth and busy-cloud scenarios. One line per run:
#   POOL SCENARIO SEED STRATEGY ENERGY_J SLA_MET_PCT
# usage: scripts/adaptive-noise-bar.sh [OUT_DIR] [extra simulate options, e.g. --evidence 0]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
out=${1:-out/adaptive-noise-bar}
shift || true
P=data/splinter
mkdir -p "$out"
./dynasplit pool widen --pool $P/simulation_pool_vgg16.csv --network vgg16 --factor 1 --seed 1 \
  --out "$out/vgg16-spread-x1.csv" >/dev/null
./dynasplit pool widen --pool $P/simulation_pool_vgg16.csv --network vgg16 --factor 3 --seed 1 \
  --out "$out/vgg16-spread-x3.csv" >/dev/null
for pool in $P/simulation_pool_vgg16.csv "$out/vgg16-spread-x1.csv" "$out/vgg16-spread-x3.csv"; do
  name=$(basename "$pool" .csv)
  for sc in none bandwidth cloud; do
    case $sc in
      none) scenario=() ;;
      bandwidth) scenario=(--scenario docs/scenarios/bandwidth-quarter-middle-third.csv) ;;
      cloud) scenario=(--scenario docs/scenarios/cloud-doubled-middle-third.csv) ;;
    esac
    for seed in 1 2 3 4 5; do
      dir="$out/$name-$sc-$seed"
      ./dynasplit simulate --pool "$pool" --workload $P/network_latency_10000_samples.csv \
        --network vgg16 --strategies dynasplit,adaptive --seed $seed --out "$dir" --no-charts \
        --no-progress "${scenario[@]}" "$@" >/dev/null
      awk -F, -v p="$name" -v s=$sc -v seed=$seed \
        'NR>1 {printf "%s %s %d %s %.4f %.3f\n", p, s, seed, $1, $2, $8}' "$dir/summary.csv"
    done
  done
done
