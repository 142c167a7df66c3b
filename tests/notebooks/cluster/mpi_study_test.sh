#!/usr/bin/env bash
# `mpirun -n N sgdbias ...` against a one-process run, byte for byte (label mpi, issue 23).
#   mpi_study_test.sh SGDBIAS MPIRUN WORKDIR CASE
# CASE identical   N = 1, 2, 3 ranks (1 thread each, and 2 ranks x 2 threads) write the same tables,
#                  report and run.json results as one process with 2 threads; run.json says N.
# CASE resume      an MPI run of 3 ranks interrupted (SIGINT to mpirun) after some chunks, resumed
#                  with 2 ranks: same tables as one uninterrupted process; the saved chunks are kept.
# CASE crash       a helper rank killed by SIGSEGV ends the job (no hang) with mpirun naming the rank
#                  and the signal, and sgdbias naming the silent rank; run.json says "failed"; one
#                  process resumes the run to the same tables.
# CASE failure     a helper whose run fails (no usable temporary folder) ends the job within seconds
#                  with one line naming that rank and the cause; run.json says "failed".
set -uo pipefail
sgdbias=$1 mpirun=$2 work=$3 case=$4
rm -rf "$work" && mkdir -p "$work/tmp" && cd "$work" || exit 1
export TMPDIR=$work/tmp  # the helpers' scratch folders (and Open MPI's session files) stay here
launch=("$mpirun" --oversubscribe --allow-run-as-root)
fail() { echo "FAIL: $*" >&2; exit 1; }

# Two ensembles (stochastic methods, then the deterministic ones) and three tables.
study=(run sparsity-bias --time 20 --trajectories 5 --methods sgd,gd,sgf-log-euler,gradient-flow --seed 3)
# 100 chunks of one trajectory (2 methods x 50), each long enough to interrupt the run halfway.
long=(run sparsity-bias --time 200 --trajectories 50 --methods sgd,sgf-log-euler --seed 7)

same_tables() {  # every file but run.json, and run.json's results and tables
  diff -r -x run.json "$1" "$2" >&2 || fail "$2 differs from $1"
  python3 - "$1/run.json" "$2/run.json" <<'PY' || fail "run.json results of $2 differ from $1"
import json, sys
a, b = (json.load(open(path)) for path in sys.argv[1:])
numbers = [{k: v for k, v in run["results"].items() if not k.endswith("per_second")} for run in (a, b)]  # rates: timing
sys.exit(0 if numbers[0] == numbers[1] and (a["tables"], a["options"]) == (b["tables"], b["options"]) else 1)
PY
}

status_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$1/run.json"; }

chunk_files() { find "$1/chunks" -name '*.chunk' 2>/dev/null | wc -l; }

# Starts "$@" in the background (its pid in $job) and waits until $folder holds >= $2 chunks.
start_and_wait_for_chunks() {
  local folder=$1 wanted=$2
  shift 2
  "$@" >"$folder.out" 2>"$folder.err" &
  job=$!
  for _ in $(seq 1 600); do
    [ "$(chunk_files "$folder")" -ge "$wanted" ] && return 0
    kill -0 "$job" 2>/dev/null || fail "the run ended before $wanted chunks were saved: $(tail -3 "$folder.err")"
    sleep 0.1
  done
  fail "no $wanted chunks after 60 s"
}

# Waits for $job at most $1 seconds; its exit code in $code.
wait_at_most() {
  for _ in $(seq 1 $(($1 * 10))); do
    if ! kill -0 "$job" 2>/dev/null; then
      wait "$job"
      code=$?
      return 0
    fi
    sleep 0.1
  done
  kill -9 "$job"
  fail "the job still ran after $1 s (a hang)"
}

case $case in
identical)
  "$sgdbias" "${study[@]}" --threads 2 --out plain >plain.report || fail "plain run"
  for layout in 1x1 2x1 3x1 2x2; do
    ranks=${layout%x*} threads=${layout#*x}
    "${launch[@]}" -n "$ranks" "$sgdbias" "${study[@]}" --threads "$threads" --out "mpi$layout" >"mpi$layout.report" \
      || fail "mpirun -n $ranks"
    same_tables plain "mpi$layout"
    diff <(grep -v '^data written' plain.report) <(grep -v '^data written' "mpi$layout.report") >&2 \
      || fail "the report of $ranks ranks x $threads threads differs"
    grep -q "\"processes\": $ranks," "mpi$layout/run.json" || fail "run.json of $ranks ranks does not say so"
  done
  [ -z "$(ls "$TMPDIR" | grep "^sgdbias-sparsity-bias-rank")" ] || fail "a helper left its scratch folder"
  ;;
resume)
  "$sgdbias" "${long[@]}" --threads 2 --out plain >/dev/null || fail "plain run"
  start_and_wait_for_chunks cut 20 "${launch[@]}" -n 3 "$sgdbias" "${long[@]}" --threads 1 --out cut
  kill -INT "$job"
  wait_at_most 30
  [ "$(status_of cut)" = interrupted ] || fail "run.json says $(status_of cut) after the interruption"
  saved=$(chunk_files cut)
  [ "$saved" -ge 20 ] || fail "$saved chunks saved (expected at least the 20 seen before the interruption)"
  "${launch[@]}" -n 2 "$sgdbias" resume cut >/dev/null 2>resume.err || fail "resume: $(tail -3 resume.err)"
  [ "$(status_of cut)" = complete ] || fail "run.json says $(status_of cut) after the resume"
  same_tables plain cut
  ;;
crash)
  "$sgdbias" "${long[@]}" --threads 2 --out plain >/dev/null || fail "plain run"
  start_and_wait_for_chunks crashed 20 "${launch[@]}" -n 2 "$sgdbias" "${long[@]}" --threads 1 --out crashed
  helper=$(pgrep -P "$job" -f "sgdbias run sparsity-bias" | while read -r pid; do
             tr '\0' '\n' <"/proc/$pid/environ" | grep -qx OMPI_COMM_WORLD_RANK=1 && echo "$pid"; done)
  [ -n "$helper" ] || fail "rank 1 not found among mpirun's children"
  kill -SEGV "$helper"
  wait_at_most 30
  [ "$code" -ne 0 ] || fail "mpirun exited 0 after a rank crashed"
  grep -q "rank 1 .*signal 11" crashed.err || fail "no message naming rank 1 and signal 11: $(cat crashed.err)"
  grep -q "^sgdbias: sparsity-bias failed on rank 1 of 2: ended without a word" crashed.err \
    || fail "sgdbias does not name the killed rank: $(cat crashed.err)"
  [ "$(status_of crashed)" = failed ] || fail "run.json says $(status_of crashed) after a rank was killed"
  "$sgdbias" resume crashed >/dev/null 2>resume.err || fail "resume: $(tail -3 resume.err)"
  same_tables plain crashed
  ;;
failure)
  start=$SECONDS
  "${launch[@]}" -n 1 "$sgdbias" "${long[@]}" --threads 1 --out failed : \
    -n 1 -x TMPDIR=/nonexistent-sgdbias-tmp "$sgdbias" "${long[@]}" --threads 1 --out failed >failed.out 2>failed.err &
  job=$!
  wait_at_most 30
  [ "$code" -ne 0 ] || fail "mpirun exited 0 although rank 1 failed"
  [ "$(grep -c '^sgdbias: ' failed.err)" -eq 1 ] || fail "expected one sgdbias message: $(cat failed.err)"
  grep -q "^sgdbias: sparsity-bias failed on rank 1 of 2 (.*): .*temp_directory_path" failed.err \
    || fail "the message does not name rank 1 and its cause: $(cat failed.err)"
  [ "$(status_of failed)" = failed ] || fail "run.json says $(status_of failed)"
  ;;
*) fail "unknown case $case" ;;
esac
echo "ok: $case"
