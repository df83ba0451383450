#!/usr/bin/env bash
# What keeping the weights out of the text buys: for each model, the three
# places --import-onnx can put its weights (--onnx-weights=inline: constants
# in the text; args, the default: arguments without values; file:
# arguments with their values in an .npz file), the import's seconds, the
# text's bytes, and the seconds and peak memory of fusing and mapping it
# (--accel-pipeline stop-after=fuse on eyeriss-like, seed 1); then the
# whole pipeline down to acmd from the inline and the file imports, and
# accel-run of the file one against PyTorch's output (weights bound from
# the .npz). Times are medians of 3 runs, memory the peak resident set
# (GNU time). Needs Debian's python3-torch/torchvision.
#
#   bench/weights.sh [MODEL...]       (default: resnet50 wide_resnet50_2)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
models="$ACCEL_ROOT/models"
accel_install_packages python3-torch python3-torchvision python3-onnx time
accel_configure
accel_build accel-opt accel-translate accel-run
names=${*:-resnet50 wide_resnet50_2}
/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --out "$models" \
  --only "$(echo $names | tr ' ' ',')" >&2
bin="$ACCEL_BUILD_DIR/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | sed -n 2p; }
# "SECONDS KB" of one run of "$@" (its output discarded).
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
mib() { awk '{printf "%.1f", $1 / 1024}'; }

printf '%-18s %-7s %9s %14s %8s %9s\n' model weights import-s text-bytes fuse-s fuse-MiB
for n in $names; do
  for mode in inline args file; do
    extra=()
    [ "$mode" = file ] && extra=(--onnx-weights-file="$work/$n.npz")
    import=$(for i in 1 2 3; do
      measure "$bin/accel-translate" --import-onnx "$models/$n.onnx" \
        --onnx-weights=$mode "${extra[@]}" -o "$work/$n.$mode.mlir"
    done | median | cut -d' ' -f1)
    fuse=$(for i in 1 2 3; do
      measure "$bin/accel-opt" "$work/$n.$mode.mlir" \
        --accel-pipeline="arch=eyeriss-like seed=1 stop-after=fuse" -o /dev/null
    done | median)
    printf '%-18s %-7s %9s %14s %8s %9s\n' "$n" "$mode" "$import" \
      "$(stat -c %s "$work/$n.$mode.mlir")" "${fuse% *}" \
      "$(echo "${fuse#* }" | mib)"
  done
  [ -f "$work/$n.npz" ] && echo "  weights file: $(stat -c %s "$work/$n.npz") bytes"
  for mode in inline file; do
    lower=$(measure "$bin/accel-opt" "$work/$n.$mode.mlir" \
      --accel-pipeline="arch=eyeriss-like seed=1" -o "$work/$n.$mode.acmd.mlir")
    echo "  lowered from $mode: ${lower% *} s, $(echo "${lower#* }" | mib) MiB," \
      "program text $(stat -c %s "$work/$n.$mode.acmd.mlir") bytes"
  done
  # The weights file is found next to the program.
  "$bin/accel-run" "$work/$n.file.acmd.mlir" --input="$models/$n.input.npy" \
    --compare="$models/$n.output.npy" | grep -E "^weights|vs" | sed 's/^/  /'
  rm -f "$work/$n".*
done
