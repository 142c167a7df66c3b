#!/usr/bin/env bash
# Strong scaling of one fixed study over MPI ranks (issue 23), on this machine:
#   bash bench/mpi_scaling.sh [BUILD_DIR] [--quick]
# Runs the same sde-variants study (6 methods x 160 trajectories of 8000 SGD steps: ~100 s on one
# core; --quick: 40 trajectories) as 1 rank x 1 thread, 1 rank x 2 threads, 2 ranks x 1 thread and
# 2 ranks x 2 threads, checks that every layout wrote the same tables byte for byte, and prints
# the wall times, the speed-ups over 1 x 1 and the load average before each run (the machine may
# be shared: run it when `uptime` shows a load well below the core count).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
trajectories=160
[ "${2:-}" = --quick ] && trajectories=40
sgdbias=$build/sgdbias
[ -x "$sgdbias" ] || { echo "mpi_scaling: no $sgdbias (build it first: cmake --build $build --target sgdbias)" >&2; exit 1; }
command -v mpirun >/dev/null || { echo "mpi_scaling: no mpirun (apt-get install openmpi-bin)" >&2; exit 1; }
out=$(mktemp -d /tmp/sgdbias-mpi-scaling.XXXXXX)
study=(run sde-variants --trajectories "$trajectories" --seed 11)
# --bind-to none: the ranks' threads may use both cores (Open MPI binds each rank to one core by
# default for 2 ranks, which is also right for 1 thread per rank).
launch=(mpirun --oversubscribe --allow-run-as-root --bind-to none)

run() {  # NAME RANKS THREADS
  local load start end
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  if [ "$2" = 1 ]; then
    "$sgdbias" "${study[@]}" --threads "$3" --out "$out/$1" >/dev/null 2>&1
  else
    "${launch[@]}" -n "$2" "$sgdbias" "${study[@]}" --threads "$3" --out "$out/$1" >/dev/null 2>&1
  fi
  end=$(date +%s.%N)
  echo "$1 $2 $3 $(echo "$end - $start" | bc) $load"
}

echo "# sgdbias ${study[*]}, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
results=()
for layout in "1x1 1 1" "1x2 1 2" "2x1 2 1" "2x2 2 2"; do
  read -r name ranks threads <<<"$layout"
  results+=("$(run "$name" "$ranks" "$threads")")
  [ "$name" = 1x1 ] || diff -r -x run.json "$out/1x1" "$out/$name" >/dev/null \
    || { echo "mpi_scaling: $name wrote other tables than 1x1" >&2; exit 1; }
done
base=$(echo "${results[0]}" | cut -d' ' -f4)
printf '| ranks x threads | wall s | speed-up over 1 x 1 | load before |\n|---|---|---|---|\n'
for line in "${results[@]}"; do
  read -r name ranks threads seconds load <<<"$line"
  printf '| %s x %s | %.1f | %.2f | %s |\n' "$ranks" "$threads" "$seconds" "$(echo "$base / $seconds" | bc -l)" "$load"
done
echo "(tables identical across layouts; runs in $out)"
