#!/usr/bin/env bash
# After the container is created (and on a plain machine, in CPU mode, for a check): install what is missing, build,
# pack the notebook package, and say how to open the notebook.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./environment/setup.sh
dotnet build -c Release Deforum.Interactive.sln -v quiet -nologo
dotnet run -c Release --no-build --project src/Deforum.Cli -- doctor
echo "open notebooks/Deforum.ipynb (kernel: .NET (C#)); models are read from ${DEFORUM_MODELS:-~/models}"
