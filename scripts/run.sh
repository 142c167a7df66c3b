#!/usr/bin/env bash
# The main job: install what is missing, build the program (only it: the tests and benchmarks
# are scripts/test.sh's), and run the default experiment.
# Any arguments are passed to the `sgdbias` program (e.g. `bash scripts/run.sh list`).
# SGDBIAS_BUILD_DIR chooses the build folder (default: build/ in the repository).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
build_dir=${SGDBIAS_BUILD_DIR:-$SGDBIAS_ROOT/build}
sgdbias_ensure_packages
SGDBIAS_BUILD_TARGETS=sgdbias sgdbias_build "$build_dir"
exec "$build_dir/sgdbias" "$@"
