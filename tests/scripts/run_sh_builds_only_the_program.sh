#!/usr/bin/env bash
# scripts/run.sh (the main job) must build only the `sgdbias` program: on a fresh machine it used
# to build every test and benchmark first (48 of 55 targets). A stand-in `cmake` on PATH records
# the build command and provides a stand-in program; the real packages check runs as in CI.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/bin"
cat >"$scratch/bin/cmake" <<'FAKE'
#!/usr/bin/env bash
echo "cmake $*" >>"$FAKE_CMAKE_LOG"
if [ "$1" = "--build" ]; then
  printf '#!/bin/sh\necho "program ran with: $*"\n' >"$2/sgdbias"
  chmod +x "$2/sgdbias"
fi
FAKE
chmod +x "$scratch/bin/cmake"
output=$(FAKE_CMAKE_LOG="$scratch/log" SGDBIAS_BUILD_DIR="$scratch/build" PATH="$scratch/bin:$PATH" \
         bash "$root/scripts/run.sh" list)
build_line=$(grep -- "--build" "$scratch/log")
case "$build_line" in
  *"--target sgdbias"*) ;;
  *) echo "FAIL: scripts/run.sh builds more than the program: $build_line"; exit 1 ;;
esac
[ "$output" = "program ran with: list" ] || { echo "FAIL: the program did not run with the arguments: $output"; exit 1; }
echo "ok: $build_line"
