#!/usr/bin/env bash
# The main job: install what is missing, build, and run the default experiment.
# Any arguments are passed to the `sgdbias` program (e.g. `bash scripts/run.sh list`).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sgdbias_ensure_packages
sgdbias_build "$SGDBIAS_ROOT/build"
exec "$SGDBIAS_ROOT/build/sgdbias" "$@"
