#!/usr/bin/env bash
# Runs each benchmark that has a PyTorch counterpart right after that counterpart, on the same machine in one go,
# and writes both JSON lines to bench/results/side-by-side.jsonl (compare ratios, not seconds from other days).
#   bench/side-by-side.sh                 # every pair
#   bench/side-by-side.sh unet-tiny-8     # the pairs named
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"   # neighbours' spinning workers otherwise dominate (see ModelBenchmarks)
python="${PYTHON:-/usr/bin/python3}"

declare -A anchor=(
  [op-overhead]="bench/python/torch_ops.py op-overhead"
  [conv2d]="bench/python/torch_ops.py conv2d"
  [safetensors-load]="bench/python/torch_ops.py safetensors-load"
  [ckpt-load]="bench/python/torch_ops.py ckpt-load"
  [unet-tiny-8]="bench/python/unet_anchor.py tiny"
  [unet-full-32]="bench/python/unet_anchor.py full32"
  [unet-full-64]="bench/python/unet_anchor.py full64"
  [vae-decode-64]="bench/python/vae_anchor.py decode"
  [vae-encode-512]="bench/python/vae_anchor.py encode"
  [text-encoder]="bench/python/clip_anchor.py"
  [depth-midas-512]="bench/python/midas_anchor.py"   # needs DEFORUM and TIMM (checkouts, see the script)
)
names=("$@")
[ ${#names[@]} -gt 0 ] || names=("${!anchor[@]}")

dotnet build -c Release bench -v q -nologo >/dev/null
out=bench/results/side-by-side.jsonl
mkdir -p bench/results
for name in "${names[@]}"; do
  [ -n "${anchor[$name]:-}" ] || { echo "no PyTorch counterpart for '$name'; known: ${!anchor[*]}" >&2; exit 2; }
  ours=$(dotnet bench/bin/Release/net10.0/Deforum.Bench.dll "$name" | tail -n 1)
  theirs=$($python ${anchor[$name]} | tail -n 1)
  echo "$ours" | tee -a "$out"
  echo "$theirs" | tee -a "$out"
done
