#!/usr/bin/env bash
# A fuzzing campaign on one input format with accel-fuzz (a deterministic
# mutation driver: tools/accel-fuzz): the test fixtures as seeds, each
# mutated input run in a child with a time limit; findings (crashes, hangs)
# are saved to fuzz-findings/ and listed. Exits non-zero on a finding.
#
#   scripts/fuzz.sh TARGET CASES [SEED]     TARGET: onnx, mlir, yaml, fuse, run
#
# ACCEL_FUZZ_SANITIZERS=1 builds with ASan + UBSan first (a separate build
# directory, build-asan).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
target=${1:?"usage: scripts/fuzz.sh onnx|mlir|yaml|fuse|run CASES [SEED]"}
cases=${2:-10000}
seed=${3:-1}
if [ "${ACCEL_FUZZ_SANITIZERS:-0}" = 1 ]; then
  ACCEL_BUILD_DIR="$ACCEL_ROOT/build-asan"
  ACCEL_CMAKE_ARGS="-DACCEL_ENABLE_SANITIZERS=ON"
fi
accel_install_packages "${ACCEL_PACKAGES[@]}"
accel_configure
accel_build accel-fuzz accel-opt accel-onnx-fixtures
case "$target" in
onnx) seeds=("$ACCEL_BUILD_DIR"/test/Target/ONNX/fixtures/*.onnx) ;;
yaml) seeds=("$ACCEL_ROOT"/examples/arch/*.yaml "$ACCEL_ROOT"/test/Arch/Inputs/*.yaml) ;;
mlir)
  # accel networks and programs (upstream dialects' parsers are not ours)
  mapfile -t seeds < <(grep -L 'linalg\.\|tosa\.' "$ACCEL_ROOT"/examples/*.mlir \
    "$ACCEL_ROOT"/test/Transforms/Inputs/*.mlir "$ACCEL_ROOT"/test/Analysis/Inputs/*.mlir \
    "$ACCEL_ROOT"/test/Conversion/Inputs/lower-*.mlir "$ACCEL_ROOT"/test/Execution/Inputs/*.mlir) ;;
fuse) seeds=("$ACCEL_ROOT"/test/Transforms/Inputs/fuse-net.mlir
        "$ACCEL_ROOT"/test/Transforms/Inputs/tiny-layers.mlir
        "$ACCEL_ROOT"/test/Conversion/Inputs/lower-chain.mlir) ;;
run)
  # accel networks, and programs lowered from the lowering's test inputs
  programs="$ACCEL_BUILD_DIR/fuzz-programs"
  mkdir -p "$programs"
  for f in lower-chain lower-single lower-host; do
    "$ACCEL_BUILD_DIR/bin/accel-opt" "$ACCEL_ROOT/test/Conversion/Inputs/$f.mlir" \
      --accel-lower-to-acmd=precision=ir -o "$programs/$f.acmd.mlir" 2>/dev/null
  done
  seeds=("$ACCEL_ROOT"/test/Execution/Inputs/*.mlir "$programs"/*.acmd.mlir
         "$ACCEL_ROOT"/examples/conv_tiled.acmd.mlir) ;;
*) echo "unknown target $target (onnx, mlir, yaml, fuse or run)" >&2; exit 2 ;;
esac
"$ACCEL_BUILD_DIR/bin/accel-fuzz" "$target" "${seeds[@]}" --cases="$cases" \
  --seed="$seed" --out="$ACCEL_ROOT/fuzz-findings"
