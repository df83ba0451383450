#!/usr/bin/env bash
# Every zoo model run by accel-run's reference interpreter against PyTorch:
# scripts/export_models.py writes each model's seeded input and PyTorch's
# output (<name>.input.npy, <name>.output.npy); accel-run imports the ONNX
# file (weights as constants), runs it in f32 and compares (max |diff| /
# max |output| <= 1e-4). Prints one line per model and fails if any differs.
#
#   bench/numerics.sh [MODEL...]      (default: every zoo model)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
models="$ACCEL_ROOT/models"
accel_install_packages python3-torch python3-torchvision python3-onnx python3-numpy
accel_configure
accel_build accel-run
names=${*:-$(/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --list | awk '{print $1}')}
/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --out "$models" \
  --only "$(echo $names | tr ' ' ',')" >&2
status=0
printf '%-20s %10s %14s %s\n' model seconds rel-diff verdict
for n in $names; do
  out=$("$ACCEL_BUILD_DIR/bin/accel-run" "$models/$n.onnx" \
    --input="$models/$n.input.npy" --compare="$models/$n.output.npy") || status=1
  seconds=$(echo "$out" | sed -n 's/^ran @.* in \([0-9.]*\) s.*/\1/p')
  rel=$(echo "$out" | sed -n 's/.*= \([0-9.e+-]*\) x max.*/\1/p')
  verdict=$(echo "$out" | grep -o 'match$\|MISMATCH$')
  printf '%-20s %10s %14s %s\n' "$n" "$seconds" "$rel" "$verdict"
done
exit $status
