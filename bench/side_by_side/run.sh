#!/usr/bin/env bash
# Side by side, in ONE invocation: the library's benchmarks, the reference implementations of
# ../shared/peers (NumPy loop, NumPy batched, PyTorch batched) on the same problem and step
# counts, and a roofline probe (Eigen GEMV/GEMM GFLOP/s on this machine, 1 core); then a table of
# ratios against the targets of issue 9 (bench/README.md explains every column).
#
#   bash bench/side_by_side/run.sh [--quick] [--native] [--rounds R] [--out DIR]
#
#   --quick    one round of 3 repetitions, shorter runs: a smoke test, not a measurement
#   --rounds R measure in R rounds (default 5), each running the probe, the library and the peers
#              with 2 repetitions; every ratio is formed within a round (library and reference
#              measured less than a minute apart) and the median over rounds reported
#   --native   build with -march=native (separate build dir); the roofline is re-measured with the
#              same flags, so library/roofline stays a like-for-like ratio
#   --no-build reuse the binaries already in the build directory
#   --out DIR  where the raw JSON / peer lines / table go (default: <build dir>/side_by_side)
# Environment: SGDBIAS_BENCH_BUILD_DIR overrides the build directory.
set -euo pipefail

quick=0
native=0
build_step=1
out=""
rounds=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --native) native=1 ;;
    --no-build) build_step=0 ;;
    --out|--rounds)
      [[ $# -ge 2 ]] || { echo "run.sh: $1 needs a value (see --help)" >&2; exit 2; }
      if [[ $1 == --out ]]; then out="$2"; else rounds="$2"; fi
      shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
peers="$(cd "$repo/.." && pwd)/shared/peers"
[[ -f "$peers/ref_numpy.py" ]] || { echo "run.sh: reference implementations not found at $peers (expected ../shared/peers next to the repository)" >&2; exit 1; }

# --- Debian packages: install only what is absent ------------------------------------------------
# libopenblas0-pthread: Debian's NumPy/PyTorch otherwise run on the netlib reference BLAS, which is
# ~25x slower on the batched GEMMs and would flatter the library (measured: NumPy batched GD 6.8e4
# vs 1.9e6 trajectory-steps/s).
packages=(python3-numpy python3-torch libopenblas0-pthread libbenchmark-dev libeigen3-dev cmake g++)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "run.sh: missing Debian packages (${missing[*]}); install them as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
  echo "installing ${missing[*]} ..."
  { apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; }; } ||
    { echo "run.sh: could not install ${missing[*]} with apt-get" >&2; exit 1; }
fi

# --- build -----------------------------------------------------------------------------------------
suffix=""
flags=""
if [[ $native == 1 ]]; then suffix="-native"; flags="-march=native"; fi
build="${SGDBIAS_BENCH_BUILD_DIR:-$repo/build-side-by-side$suffix}"
if [[ $build_step == 1 ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSGDBIAS_BUILD_BENCHMARKS=ON \
    -DSGDBIAS_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$flags" >"$build.configure.log" 2>&1 ||
    { echo "run.sh: cmake configure failed, see $build.configure.log" >&2; exit 1; }
  targets=(roofline_benchmark side_by_side_benchmark sgdbias)
  cmake --build "$build" --target "${targets[@]}" --parallel 2 >"$build.build.log" 2>&1 ||
    { echo "run.sh: build failed, see $build.build.log" >&2; exit 1; }
fi
out="${out:-$build/side_by_side}"
mkdir -p "$out"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --rounds needs a positive integer, got '$rounds'" >&2; exit 2; }
reps=2; min_time=0.3; loop_steps=4000; batched_steps=100; K=1000
program_trajectories=256; program_time=1000  # the study's default horizon: 50000 SGD steps, 100000 EM steps
if [[ $quick == 1 ]]; then rounds=1; reps=3; min_time=0.05; loop_steps=1000; batched_steps=20; program_time=100; fi

# --- one invocation: library, roofline, peers --------------------------------------------------------
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
# The peers README writes these as 64M/256M; glibc 2.36 reads "64M" as 64 BYTES (every allocation
# becomes an mmap, NumPy batched runs 20x slower). Byte counts give the intended setting.
numpy_env=(MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=268435456 MALLOC_TOP_PAD_=67108864)
python=/usr/bin/python3
# The CPU the ratios were measured on: they move with it (a Zen 4 core does one 512-bit multiply
# per cycle, a Zen 5 core two), so the table names it. CPUs counted with getconf, not nproc:
# nproc obeys the OMP_NUM_THREADS=1 exported above and would say 1.
cpu_description() {
  local model family cpu_model width="SSE2"
  model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
  family=$(grep -m1 '^cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
  cpu_model=$(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
  if grep -qw avx512f /proc/cpuinfo; then width="AVX-512"; elif grep -qw avx2 /proc/cpuinfo; then width="AVX2"; fi
  echo "${model:-unknown}, family $family model $cpu_model, $width, $(getconf _NPROCESSORS_ONLN) cpus"
}
{
  echo "date_utc=$(date -u +%FT%TZ) host_cpus=$(getconf _NPROCESSORS_ONLN) load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cxx_flags='$flags' build=$build K=$K loop_steps=$loop_steps batched_steps=$batched_steps rounds=$rounds reps=$reps"
  echo "cpu=$(cpu_description)"
} >"$out/environment.txt"

gbench() {  # gbench <binary> <json> [filter]
  "$build/bench/$1" --benchmark_repetitions="$reps" --benchmark_min_time="$min_time" \
    --benchmark_filter="${3:-.}" --benchmark_out="$out/$2" --benchmark_out_format=json \
    --benchmark_format=console >"$out/$2.console.txt" 2>&1 ||
    { echo "run.sh: $1 failed, see $out/$2.console.txt" >&2; exit 1; }
}
rm -rf "$out"/round[0-9]*  # a table must not mix in the rounds of an earlier run
for round in $(seq 1 "$rounds"); do
  dir="round$round"
  mkdir -p "$out/$dir"
  echo "round $round of $rounds: the roofline probe ..."
  gbench roofline_benchmark "$dir/roofline.json"
  echo "round $round of $rounds: the library ..."
  SGDBIAS_SBS_LOOP_STEPS=$loop_steps SGDBIAS_SBS_BATCHED_STEPS=$batched_steps SGDBIAS_SBS_K=$K \
    gbench side_by_side_benchmark "$dir/library.json"
  # The PROGRAM end to end (issue 22): what a user gets from the default study restricted to the
  # SGF, on one core like the peers; the process's wall time (data, ensembles, evaluation, tables)
  # and run.json's own ensemble rate (results.path_steps_per_second).
  echo "round $round of $rounds: the program (sgdbias run sparsity-bias, SGF Euler-Maruyama, 256 paths) ..."
  program_out="$out/$dir/program"
  rm -rf "$program_out"
  # Wall AND CPU seconds (getrusage of the child): on a shared machine the CPU-time rate is the
  # like-for-like figure against the benchmark's items_per_cpu_second.
  "$python" - "$build/sgdbias" run sparsity-bias --methods sgf-euler-maruyama --trajectories "$program_trajectories" \
    --time "$program_time" --threads 1 --out "$program_out" >"$out/$dir/program.txt" 2>"$out/$dir/program.console.txt" <<'PY' ||
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=sys.stderr)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"PROGRAM wall_seconds={wall} cpu_seconds={usage.ru_utime + usage.ru_stime} load={open('/proc/loadavg').read().split()[0]}")
PY
    { echo "run.sh: the program failed, see $out/$dir/program.console.txt" >&2; exit 1; }
  echo "round $round of $rounds: the peers (NumPy loop, NumPy batched, PyTorch batched) ..."
  peer_lines="$out/$dir/peers.txt"
  : >"$peer_lines"
  for alg in gd sgd sgf; do
    (cd "$peers" && "$python" ref_numpy.py --impl loop --alg "$alg" --steps "$loop_steps" --reps "$reps") >>"$peer_lines"
    (cd "$peers" && env "${numpy_env[@]}" "$python" ref_numpy.py --impl batched --alg "$alg" --K "$K" \
       --steps "$batched_steps" --reps "$reps") >>"$peer_lines"
    (cd "$peers" && "$python" ref_torch.py --impl batched --alg "$alg" --K "$K" --threads 1 \
       --steps "$batched_steps" --reps "$reps") >>"$peer_lines"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out/environment.txt"

"$python" "$here/compare.py" --out "$out" | tee "$out/table.md"
