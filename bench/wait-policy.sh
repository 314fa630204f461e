#!/usr/bin/env bash
# How libgomp's wait and binding settings hold up when other processes want the cores: the tiny UNet (ours and
# PyTorch's) under each setting with 0, 1, 2 and 4 busy-loop processes beside it. One line per run into
# bench/results/wait-policy-<time>.txt: repeat, hogs, setting, median / min / CPU ms per forward.
#   bench/wait-policy.sh          # 2 repeats
#   bench/wait-policy.sh 4        # 4 repeats
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"
repeats=${1:-2}
[[ $repeats =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [REPEATS]" >&2; exit 2; }
dotnet build -c Release bench -v q -nologo >/dev/null
mkdir -p bench/results
out="bench/results/wait-policy-$(date +%Y%m%d-%H%M%S).txt"
hogs=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done; hogs=(); }
trap stop_hogs EXIT
summary() { "$python" -c "import sys,json;r=json.loads(sys.stdin.read().strip().splitlines()[-1]);print('%.2f %.2f %s'%(r['median_ms'],r['min_ms'],r['median_cpu_ms']))"; }
ours() { env "$@" dotnet bench/bin/Release/net10.0/Deforum.Bench.dll unet-tiny-8 | summary; }
theirs() { env "$@" "$python" bench/python/unet_anchor.py tiny | summary; }
for ((rep = 1; rep <= repeats; rep++)); do
  for n in 0 1 2 4; do
    for ((h = 0; h < n; h++)); do sh -c 'while :; do :; done' & hogs+=($!); done
    sleep 1
    for setting in OMP_WAIT_POLICY=passive GOMP_SPINCOUNT=3000 GOMP_SPINCOUNT=10000 GOMP_SPINCOUNT=30000 OMP_WAIT_POLICY=active OMP_PROC_BIND=true; do
      echo "$rep $n ours $setting $(ours "$setting")" | tee -a "$out"
    done
    echo "$rep $n pytorch default $(theirs)" | tee -a "$out"
    echo "$rep $n pytorch OMP_WAIT_POLICY=passive $(theirs OMP_WAIT_POLICY=passive)" | tee -a "$out"
    stop_hogs
  done
done
echo "lines: $out"
