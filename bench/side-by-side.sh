#!/usr/bin/env bash
# Alternates each benchmark that has a PyTorch counterpart with that counterpart, round after round, on the same
# machine, so that whatever else the machine is doing falls on both sides alike; the order flips every round
# (ours first, then theirs first). Every process's JSON line goes to bench/results/side-by-side-<time>.jsonl, then
# a summary per pair: the median of the per-round medians of each side, their ratio (ours / PyTorch), and the
# spread of the per-round medians ((max - min) / median). Compare ratios and spreads, not seconds from other days.
#   bench/side-by-side.sh                      # every pair, 3 rounds
#   bench/side-by-side.sh -n 5 unet-tiny-8     # the pairs named, 5 rounds
#   DEFORUM_BENCH_DLL=dir/Deforum.Bench.dll PYTHON=python3 bench/side-by-side.sh unet-cuda-64-fp16   # a GPU machine
# Our process sets its own OpenMP wait (GOMP_SPINCOUNT=10000: spin briefly, then sleep; docs/performance.md); the
# PyTorch side gets the same, so both run libgomp alike, unless OMP_WAIT_POLICY or GOMP_SPINCOUNT is set for both.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"

declare -A anchor=(
  [op-overhead]="bench/python/torch_ops.py op-overhead"
  [conv2d]="bench/python/torch_ops.py conv2d"
  [sgemm-1024]="bench/python/torch_ops.py sgemm-1024"
  [safetensors-load]="bench/python/torch_ops.py safetensors-load"
  [ckpt-load]="bench/python/torch_ops.py ckpt-load"
  [unet-tiny-8]="bench/python/unet_anchor.py tiny"
  [unet-full-32]="bench/python/unet_anchor.py full32"
  [unet-full-64]="bench/python/unet_anchor.py full64"
  [unet-cuda-64-fp16]="bench/python/unet_anchor.py cuda64-fp16"   # a GPU and a CUDA torch (PYTHON=python3 there)
  [vae-decode-64]="bench/python/vae_anchor.py decode"
  [vae-encode-512]="bench/python/vae_anchor.py encode"
  [text-encoder]="bench/python/clip_anchor.py"
  [depth-adabins-512]="bench/python/adabins_anchor.py"   # needs the fetched originals on PYTHONPATH (see the script)
  [depth-anything-512]="bench/python/depth_anything_anchor.py"   # needs DEPTH_ANYTHING_V2_DIR (see the script)
  [depth-midas-512]="bench/python/midas_anchor.py"   # needs DEFORUM and TIMM (checkouts, see the script)
)

rounds=3
while getopts "n:" opt; do
  case $opt in
    n) rounds=$OPTARG ;;
    *) echo "usage: $0 [-n ROUNDS] [NAME...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "-n wants a positive number of rounds, got '$rounds'" >&2; exit 2; }
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${!anchor[@]}")
for name in "${names[@]}"; do
  [ -n "${anchor[$name]:-}" ] || { echo "no PyTorch counterpart for '$name'; known: ${!anchor[*]}" >&2; exit 2; }
done

# DEFORUM_BENCH_DLL: a bench built elsewhere (a machine with the .NET runtime and no SDK), used as it is
bench_dll=${DEFORUM_BENCH_DLL:-bench/bin/Release/net10.0/Deforum.Bench.dll}
[ -n "${DEFORUM_BENCH_DLL:-}" ] || dotnet build -c Release bench -v q -nologo >/dev/null
mkdir -p bench/results
out="bench/results/side-by-side-$(date +%Y%m%d-%H%M%S).jsonl"

run_side() {  # side name -> the benchmark's JSON line
  if [ "$1" = ours ]; then
    dotnet "$bench_dll" "$2" | tail -n 1
  else
    # shellcheck disable=SC2086  # the anchor command is a script and its arguments
    if [ -n "${OMP_WAIT_POLICY:-}${GOMP_SPINCOUNT:-}" ]; then $python ${anchor[$2]} | tail -n 1
    else GOMP_SPINCOUNT=10000 $python ${anchor[$2]} | tail -n 1; fi
  fi
}

for name in "${names[@]}"; do
  for ((round = 1; round <= rounds; round++)); do
    sides=(ours pytorch)
    ((round % 2 == 1)) || sides=(pytorch ours)
    for side in "${sides[@]}"; do
      load=$(cut -d' ' -f1 /proc/loadavg)
      line=$(run_side "$side" "$name")
      printf '{"bench":"%s","round":%d,"side":"%s","loadavg":%s,"result":%s}\n' "$name" "$round" "$side" "$load" "$line" >>"$out"
      echo "$name round $round $side: $(echo "$line" | cut -c1-120)"
    done
  done
done
$python bench/python/side_by_side_summary.py "$out"
echo "rounds and summary: $out"
