#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds accel-opt and runs the
# whole test suite: lit regression tests and the gtest unit tests (run by lit,
# one lit test per test case). Ends with "N passed, N failed".
# To run part of the suite: lit -v build/test --filter mapping (see README).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

accel_setup
# A single-node Slurm for test/Tools/dse-slurm.test.
accel_install_packages slurm-wlm munge
# accel-fuzz with ASan + UBSan, in a tree of its own, for
# test/Fuzz/fuzz-asan.test (ACCEL_SKIP_ASAN=1 skips it: the test is then
# reported unsupported).
if [[ "${ACCEL_CMAKE_ARGS:-}" == *ACCEL_ENABLE_SANITIZERS=ON* ]]; then
  export ACCEL_ASAN_TOOLS_DIR="$ACCEL_BUILD_DIR/bin" # this tree is the one
elif [ "${ACCEL_SKIP_ASAN:-0}" != 1 ]; then
  (
    ACCEL_BUILD_DIR="$ACCEL_BUILD_DIR-asan"
    ACCEL_CMAKE_ARGS="-DACCEL_ENABLE_SANITIZERS=ON ${ACCEL_CMAKE_ARGS:-}"
    accel_configure
    accel_build accel-fuzz
  )
  export ACCEL_ASAN_TOOLS_DIR="$ACCEL_BUILD_DIR-asan/bin"
fi

log "running the test suite (ninja check-accel)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
ninja -C "$ACCEL_BUILD_DIR" check-accel 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# lit's summary ("  Passed: 26 (100.00%)") counts every lit test and every
# gtest test case.
count() {
  local n
  n=$(sed -n "s/^ *$1: *\([0-9]*\).*/\1/p" "$out" | tail -n 1)
  echo "${n:-0}"
}
passed=$(( $(count 'Passed') + $(count 'Expectedly Failed') ))
failed=$(( $(count 'Failed') + $(count 'Unresolved') + $(count 'Timed Out') \
  + $(count 'Unexpectedly Passed') ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the build or lit itself failed before a test could report
fi
echo "$passed passed, $failed failed"
exit "$status"
