#!/usr/bin/env bash
# Installs what Deforum.Interactive needs and builds the native shim. Idempotent: silent when nothing is missing.
#   - ffmpeg, cmake, g++ (Debian/Ubuntu packages)
#   - libtorch: Debian's libtorch-dev, unless LIBTORCH_DIR names another libtorch (e.g. the CUDA libtorch of a
#     pip torch: LIBTORCH_DIR=$(python3 -c "import torch,os;print(os.path.dirname(torch.__file__))"))
#   - libopenblas0-pthread: Debian's libtorch calls the system libblas.so.3, which is the slow reference BLAS
#     unless an optimised one is installed
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
log="$root/native/build/setup.log"

say() { printf 'setup: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
# the real notebook client: Jupyter's nbconvert drives the dotnet-interactive kernel (tests and headless runs)
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=(jupyter-nbconvert jupyter-client)
if [[ -n "${LIBTORCH_DIR:-}" ]]; then
  [[ -d "$LIBTORCH_DIR" ]] || die "LIBTORCH_DIR=$LIBTORCH_DIR is not a folder; point it at a libtorch (the folder holding share/cmake/Torch)"
  compgen -G "$LIBTORCH_DIR/share/cmake/Torch/TorchConfig.cmake" >/dev/null \
    || compgen -G "$LIBTORCH_DIR/lib*/cmake/Torch/TorchConfig.cmake" >/dev/null \
    || die "LIBTORCH_DIR=$LIBTORCH_DIR has no share/cmake/Torch/TorchConfig.cmake; it is not a libtorch distribution"
elif command -v dpkg-query >/dev/null 2>&1; then
  has_pkg libtorch-dev || missing+=(libtorch-dev)
  has_pkg libopenblas0-pthread || missing+=(libopenblas0-pthread)
fi

if ((${#missing[@]} > 0)); then
  command -v apt-get >/dev/null 2>&1 \
    || die "missing: ${missing[*]}. This is not a Debian/Ubuntu system: install them with your package manager (or set LIBTORCH_DIR to a libtorch) and run this again."
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "missing: ${missing[*]}; run this script as root or install sudo, or install them yourself: apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  say "installing ${missing[*]} (apt-get) ..."
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >/dev/null || die "apt-get update failed; check the network or the apt sources"
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed; run it by hand to see why"
fi

# The BLAS libtorch will call (the binding reports it at start-up too; this catches a manual reference selection).
if [[ -z "${LIBTORCH_DIR:-}" ]] && command -v update-alternatives >/dev/null 2>&1; then
  blas="$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | awk '/^Value:/{print $2}')"
  if [[ "$blas" == */blas/libblas.so.3 ]]; then
    say "warning: libblas.so.3 points to the reference BLAS ($blas), 5-12x slower than OpenBLAS."
    say "         fix: update-alternatives --set libblas.so.3-x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"
  fi
fi

# The notebook kernel: the dotnet-interactive tool, registered with Jupyter, and this clone's package folder as a NuGet
# source, so a notebook's `#r "nuget: Deforum.Interactive, *-*"` restores what `dotnet build` packed.
interactive_version=1.0.712001
tools="$HOME/.dotnet/tools"
if ! dotnet tool list -g 2>/dev/null | grep -qi "microsoft.dotnet-interactive *$interactive_version"; then
  say "installing the dotnet-interactive tool $interactive_version ..."
  dotnet tool update -g Microsoft.dotnet-interactive --version "$interactive_version" >/dev/null \
    || die "dotnet tool install -g Microsoft.dotnet-interactive --version $interactive_version failed; run it by hand to see why"
fi
if ! jupyter kernelspec list 2>/dev/null | grep -q '\.net-csharp'; then
  PATH="$PATH:$tools" dotnet interactive jupyter install >/dev/null 2>&1 \
    || die "registering the .NET kernels with Jupyter failed: run \`$tools/dotnet-interactive jupyter install\` to see why"
fi
"$root/environment/nuget-feed.sh" "$root/artifacts/packages" \
  || die "registering $root/artifacts/packages as the deforum-interactive NuGet source failed; run environment/nuget-feed.sh $root/artifacts/packages to see why"

# Build the shim (incremental: CMake does nothing when it is up to date).
mkdir -p "$root/native/build"
prefix=()
[[ -n "${LIBTORCH_DIR:-}" ]] && prefix=(-DCMAKE_PREFIX_PATH="$LIBTORCH_DIR")
if ! { cmake -S "$root/native" -B "$root/native/build" -DCMAKE_BUILD_TYPE=Release "${prefix[@]}" \
       && cmake --build "$root/native/build" --parallel "$(nproc)"; } >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  die "building the native shim failed (full log: $log)"
fi
