#!/usr/bin/env bash
# The GPU check, run on a lent GPU machine in each of three calls made one right after the other (the machine stays
# warm about 30 s; bench/gpu/pack.sh made the stages): it unpacks the stage that came into .device/home, and once
# all have come it builds the shim against that machine's torch, runs the Torch and Deforum suites on the GPU
# (DEFORUM_TEST_DEVICE=cuda) under xunit's console runner, and times unet-cuda-64-fp16 against PyTorch eager on the
# same GPU, alternating, 3 rounds. Everything it says lands in $OUT (device.txt, each suite's output, bench.txt, the
# rounds). That machine has no ffmpeg: the tests that encode video fail there and only there.
#   device run, carry [".device/stage1"]: bench/gpu/check.sh     (then stage2, then stage3, the same command)
# On the CPU here, to try it: DEFORUM_TEST_DEVICE=cpu CHECK_BENCH=unet-tiny-8 PYTHON=/usr/bin/python3 OUT=/tmp/out bench/gpu/check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:?OUT: the folder whose files come back}
python=${PYTHON:-python3}
home=.device/home
mkdir -p "$home" "$out"

if [ -f .device/stage1/dotnet-runtime.tar.xz ] && [ ! -x "$home/dotnet/dotnet" ]; then
  mkdir -p "$home/dotnet"
  xz -dc .device/stage1/dotnet-runtime.tar.xz | tar -xf - -C "$home/dotnet"
  xz -dc .device/stage1/payload.tar.xz | tar -xf -
  torch_dir=${Torch_DIR:-$("$python" -c "import torch;print(torch.utils.cmake_prefix_path)")}
  { cmake -S native -B "$home/shim" -DCMAKE_PREFIX_PATH="$torch_dir" -DCMAKE_BUILD_TYPE=Release &&
    cmake --build "$home/shim" -j "$(nproc)"; } >"$out/shim-build.txt" 2>&1 || { tail -n 20 "$out/shim-build.txt"; exit 1; }
  echo "stage 1: the runtime, the built tests and bench unpacked; the shim built against $torch_dir"
fi
[ -f .device/stage1/golden-parts ] && cp .device/stage1/golden-parts "$home/"
for part in .device/stage*/golden-*.tar.xz; do
  [ -f "$part" ] || continue
  name=$(basename "$part" .tar.xz)
  [ -f "$home/golden/.$name" ] && continue
  mkdir -p "$home/golden"
  xz -dc "$part" | tar -xf - -C "$home/golden"
  touch "$home/golden/.$name"
  echo "$name unpacked"
done
missing=()
[ -x "$home/dotnet/dotnet" ] || missing+=(stage1)
if [ -f "$home/golden-parts" ]; then
  while read -r name; do [ -f "$home/golden/.$name" ] || missing+=("$name"); done <"$home/golden-parts"
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "still to come: ${missing[*]} (run this again with its stage carried)"
  exit 0
fi

for dir in tests/Deforum.Torch.Tests/bin/Debug/net10.0 tests/Deforum.Tests/bin/Debug/net10.0 bench/bin/Release/net10.0; do
  cp "$home/shim/libdeforum_torch.so" "$dir/"
done
export PATH="$PWD/$home/dotnet:$PATH" DOTNET_ROOT="$PWD/$home/dotnet" DOTNET_ROLL_FORWARD=Major
export DEFORUM_GOLDEN_DIR="$PWD/$home/golden" DEFORUM_TEST_DEVICE=${DEFORUM_TEST_DEVICE:-cuda}
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv 2>/dev/null || echo "no nvidia-smi"
  "$python" -c "import torch;print('torch', torch.__version__, 'cuda', torch.version.cuda)"; } >"$out/device.txt" 2>&1
cat "$out/device.txt"

status=0
for suite in Deforum.Torch.Tests Deforum.Tests; do
  dotnet .device/xunit/xunit.console.dll "tests/$suite/bin/Debug/net10.0/$suite.dll" -nocolor >"$out/$suite.txt" 2>&1 || status=1
  tail -n 1 "$out/$suite.txt"
done
DEFORUM_BENCH_DLL=bench/bin/Release/net10.0/Deforum.Bench.dll PYTHON="$python" \
  bench/side-by-side.sh -n "${CHECK_ROUNDS:-3}" "${CHECK_BENCH:-unet-cuda-64-fp16}" >"$out/bench.txt" 2>&1 || status=1
tail -n 4 "$out/bench.txt"
exit $status
