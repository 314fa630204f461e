#!/usr/bin/env bash
# Makes FEED (this clone's artifacts/packages) the user's `deforum-interactive` NuGet source, enabled, so a notebook's
# `#r "nuget: Deforum.Interactive, *-*"` restores what this clone's `dotnet build` packed. Re-pointed when the source
# names another folder: a source left naming a deleted clone makes every restore fail (NU1301), whatever it asks for.
#   usage: environment/nuget-feed.sh FEED
set -euo pipefail

feed="${1:?usage: nuget-feed.sh FEED (the folder the build packs Deforum.Interactive into)}"
name=deforum-interactive
mkdir -p "$feed"

# `--format short` prints one "E <source>" (enabled) or "D <source>" (disabled) line per source: the whole line is
# compared, since a path can be the tail of another clone's (/work/main vs /check/work/main)
grep -qxF "E $feed" <<<"$(dotnet nuget list source --format short 2>/dev/null)" && exit 0
if grep -qE "^ +[0-9]+\. +$name \[" <<<"$(dotnet nuget list source 2>/dev/null)"; then
  dotnet nuget update source "$name" --source "$feed" >/dev/null
  dotnet nuget enable source "$name" >/dev/null
else
  dotnet nuget add source "$feed" --name "$name" >/dev/null
fi
