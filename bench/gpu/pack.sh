#!/usr/bin/env bash
# Packs what a lent GPU machine needs to run the CUDA tests and the GPU benchmark, into .device/ (ignored by git).
# That machine has PyTorch with CUDA, cmake and nvcc but no .NET SDK and no network, and one call carries at most
# 64 MiB with the working tree (22 MiB), so the pack comes in three stages, one per call (`carry` names the folder):
#   .device/stage1/dotnet-runtime.tar.xz  the runtime alone (dotnet host, host/, shared/Microsoft.NETCore.App/)
#   .device/stage1/payload.tar.xz         the built test assemblies, the Release bench and xunit's console runner
#   .device/stage2/golden-models.tar.xz   ../shared/golden's manifest, cases, vocabulary, configs and checkpoints
#   .device/stage3/golden-images.tar.xz   its image and depth-anything folders (the whole of it is 78 MB)
# bench/gpu/check.sh, run in each call, unpacks what came and, once all stages have, runs everything (see there).
#   bench/gpu/pack.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
golden=${DEFORUM_GOLDEN_DIR:-../shared/golden}
runner=~/.nuget/packages/xunit.runner.console/2.4.1/tools/netcoreapp2.0
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
budget=$((64 * 1024 * 1024))

if [ ! -f "$runner/xunit.console.dll" ]; then
  # restored once through a throwaway project: the runner is a tool package, no project of ours references it
  tmp=$(mktemp -d)
  printf '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><PackageReference Include="xunit.runner.console" Version="2.4.1" /></ItemGroup></Project>' >"$tmp/r.csproj"
  dotnet restore "$tmp/r.csproj" -v q >/dev/null
  rm -rf "$tmp"
fi
dotnet build Deforum.Interactive.sln -v q -nologo >/dev/null
dotnet build -c Release bench -v q -nologo >/dev/null

rm -rf .device && mkdir -p .device/xunit .device/stage1 .device/stage2 .device/stage3
cp -r "$runner"/. .device/xunit/
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* | sort -V | tail -n 1)
tar -C "$dotnet_root" -cf - dotnet host "shared/Microsoft.NETCore.App/$(basename "$runtime")" | xz -T0 -6 >.device/stage1/dotnet-runtime.tar.xz
# the shims built here are for this machine's libtorch: check.sh replaces them, so they stay out
tar --exclude=libdeforum_torch.so -cf - tests/Deforum.Testing/bin/Debug tests/Deforum.Torch.Tests/bin/Debug \
  tests/Deforum.Tests/bin/Debug bench/bin/Release .device/xunit | xz -T0 -6 >.device/stage1/payload.tar.xz
rm -rf .device/xunit
tar -C "$golden" -cf - manifest.json configs clip cases $(cd "$golden" && ls ./*.ckpt ./*.safetensors) | xz -T0 -6 >.device/stage2/golden-models.tar.xz
tar -C "$golden" -cf - image depth-anything | xz -T0 -6 >.device/stage3/golden-images.tar.xz
# check.sh runs the tests once every part named here has come
printf 'golden-models\ngolden-images\n' >.device/stage1/golden-parts

tree=$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -n 1 | cut -f1)
du -h .device/stage*/*.xz
for stage in stage1 stage2 stage3; do
  packed=$(du -cb .device/$stage/* | tail -n 1 | cut -f1)
  echo "$stage: working tree $((tree / 1048576)) MiB + $((packed / 1048576)) MiB of the 64 MiB a call carries"
  [ $((tree + packed)) -le $budget ] || { echo "$stage is over the 64 MiB a device call carries: pack less" >&2; exit 1; }
done
