#!/usr/bin/env bash
# The model zoo end to end: export every model (scripts/export_models.py),
# time the ONNX import (accel-bench-import-onnx), and report each model's
# cost on an accelerator with the default mappings (--accel-cost-report).
# Needs a build (scripts/test.sh) and Debian's python3-torch/torchvision.
#
#   bench/zoo.sh [ARCH]        (default eyeriss-like)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
arch=${1:-eyeriss-like}
models="$ACCEL_ROOT/models"
accel_install_packages python3-torch python3-torchvision python3-onnx
accel_build accel-translate accel-opt accel-bench-import-onnx

/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --out "$models" >&2
names=$(/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --list |
  awk '{print $1}')

log "import time (best of 3, weights included, IR not printed)"
files=()
for n in $names; do files+=("$models/$n.onnx"); done
"$ACCEL_BUILD_DIR/bench/accel-bench-import-onnx" "${files[@]}"

log "cost on $arch with default mappings (layer by layer, totals)"
printf '%-20s %8s %16s %14s %14s %7s %12s\n' model layers MACs cycles \
  compute-bound util% energy-mJ
for n in $names; do
  "$ACCEL_BUILD_DIR/bin/accel-translate" --import-onnx "$models/$n.onnx" \
    --onnx-weights-as-args |
    "$ACCEL_BUILD_DIR/bin/accel-opt" --accel-cost-report="arch=$arch format=json" \
      -o /dev/null |
    /usr/bin/python3 -c '
import json, sys
r = json.load(sys.stdin)
t = r["total"]
bound = sum(l["compute_bound"] for l in r["layers"])
util = t["macs"] / (t["cycles"] * r["pes"]) * 100
layers = len(r["layers"])
print("%-20s %8d %16d %14d %14d %7.1f %12.3f" % (sys.argv[1], layers,
      t["macs"], int(t["cycles"]), bound, util, t["energy_pj"] / 1e9))
' "$n"
done
