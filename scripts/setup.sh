#!/usr/bin/env bash
# Shared set-up, sourced by scripts/run.sh and scripts/test.sh:
#   sgdbias_ensure_packages      apt-get install the Debian packages that are missing (only those)
#   sgdbias_build DIR [ARGS...]  configure (Release, -O3, no -march=native) and build into DIR
#                                (only the targets in SGDBIAS_BUILD_TARGETS when it is set)
# Every failure ends with one line saying what went wrong and what to do.
set -euo pipefail

SGDBIAS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Build + test + notebook dependencies, all Debian packages.
SGDBIAS_PACKAGES=(
  build-essential cmake
  libeigen3-dev libpcg-cpp-dev libboost-dev libgtest-dev libbenchmark-dev
  nlohmann-json3-dev libglpk-dev
  libopenmpi-dev openmpi-bin
  python3-numpy python3-pandas python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel
  pybind11-dev python3-pybind11 python3-pytest python3-dev
)

sgdbias_fail() { echo "sgdbias setup: $*" >&2; exit 1; }

sgdbias_ensure_packages() {
  local missing=()
  for package in "${SGDBIAS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "sgdbias setup: installing missing Debian packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || sgdbias_fail "missing packages (${missing[*]}) and not root, no sudo: install them as root."
    sudo="sudo"
  fi
  local log
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 5 "$log" >&2
    sgdbias_fail "apt-get could not install ${missing[*]} (is the Debian mirror reachable? log above)."
  fi
  rm -f "$log"
}

sgdbias_build() {
  local build_dir=$1
  shift
  local log="$build_dir/configure.log"
  mkdir -p "$build_dir"
  if ! cmake -S "$SGDBIAS_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@" >"$log" 2>&1; then
    grep -m1 -A3 "sgdbias:" "$log" >&2 || tail -n 20 "$log" >&2
    sgdbias_fail "CMake configuration failed in $build_dir (full log: $log)."
  fi
  local targets=()
  for target in ${SGDBIAS_BUILD_TARGETS:-}; do targets+=(--target "$target"); done
  cmake --build "$build_dir" --parallel "$(nproc)" "${targets[@]}" ||
    sgdbias_fail "build failed in $build_dir (compiler output above)."
}
