#!/usr/bin/env bash
# Every test: install what is missing, build (warnings as errors), run the unit, statistical,
# install, notebook and (when built with MPI) mpi suites, then rebuild the unit suites under AddressSanitizer +
# UndefinedBehaviorSanitizer and run them. Opt-in long studies: `ctest --test-dir build -L slow`.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
sgdbias_ensure_packages
jobs=$(nproc)

echo "== Release build =="
sgdbias_build "$SGDBIAS_ROOT/build" -DSGDBIAS_WARNINGS_AS_ERRORS=ON
ctest --test-dir "$SGDBIAS_ROOT/build" -L 'unit|statistical|install|notebook|python|mpi' --output-on-failure \
      --parallel "$jobs" --timeout 900

echo "== Sanitizer build (ASan + UBSan), unit tests =="
sgdbias_build "$SGDBIAS_ROOT/build-sanitize" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSGDBIAS_SANITIZE=ON \
              -DSGDBIAS_WARNINGS_AS_ERRORS=ON -DSGDBIAS_BUILD_BENCHMARKS=OFF
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir "$SGDBIAS_ROOT/build-sanitize" -L unit --output-on-failure --parallel "$jobs" --timeout 900
