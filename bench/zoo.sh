#!/usr/bin/env bash
# The model zoo end to end: export every model (scripts/export_models.py,
# the core set and the extended torchvision families), time the ONNX import
# (accel-bench-import-onnx), and for each model: its layers, the operators
# that only move data (Transpose, Slice: costed as their DRAM traffic), the
# operators left opaque (by source operator), the MACs of its convolutions and linear
# layers against the figure torchvision publishes, and its cost on an
# accelerator with the default mappings (--accel-cost-report, at the
# accelerator's precision). Needs Debian's python3-torch/torchvision.
#
#   bench/zoo.sh [ARCH]        (default eyeriss-like)
#   ACCEL_ZOO_SET=core|extended|all (default all)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
arch=${1:-eyeriss-like}
set_=${ACCEL_ZOO_SET:-all}
models="$ACCEL_ROOT/models"
accel_install_packages python3-torch python3-torchvision python3-onnx
accel_configure
accel_build accel-translate accel-opt accel-bench-import-onnx

export_models() { /usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" "$@"; }
export_models --out "$models" --set "$set_" >&2
listing=$(export_models --list --set "$set_")
names=$(echo "$listing" | awk '{print $1}')

log "import time (best of 3, weights included, IR not printed)"
files=()
for n in $names; do files+=("$models/$n.onnx"); done
"$ACCEL_BUILD_DIR/bench/accel-bench-import-onnx" "${files[@]}"

log "layers, opaque operators, MACs against torchvision's, cost on $arch (default mappings)"
printf '%-28s %6s %6s %6s %9s %9s %6s %12s %7s %10s  %s\n' model layers \
  moves opaque GMACs published ratio Mcycles util% energy-mJ \
  'opaque operators'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in $names; do
  published=$(echo "$listing" | awk -v n="$n" '$1 == n {print $3}')
  "$ACCEL_BUILD_DIR/bin/accel-translate" --import-onnx "$models/$n.onnx" \
    -o "$work/$n.mlir"
  "$ACCEL_BUILD_DIR/bin/accel-opt" "$work/$n.mlir" \
    --accel-cost-report="arch=$arch format=json" -o /dev/null |
    /usr/bin/python3 -c '
import collections, json, sys
name, published = sys.argv[1], sys.argv[2]
r = json.load(sys.stdin)
t = r["total"]
layers = [l for l in r["layers"] if l["op"] != "opaque"]
opaque = collections.Counter(l["source_op"] for l in r["layers"]
                             if l["op"] == "opaque" and not l["data_movement"])
moves = sum(1 for l in r["layers"]
            if l["op"] == "opaque" and l["data_movement"])
# Convolutions and linear layers: what torchvision counts.
macs = sum(l["macs"] for l in layers
           if l["op"] in ("conv2d", "conv_transpose2d", "matmul")) / 1e9
ratio = "%.3f" % (macs / float(published)) if published else "-"
util = t["macs"] / (t["cycles"] * r["pes"]) * 100
kinds = ", ".join("%s %d" % (k.replace("onnx.", ""), v)
                  for k, v in sorted(opaque.items()))
print("%-28s %6d %6d %6d %9.3f %9s %6s %12.2f %7.1f %10.3f  %s" % (
    name, len(layers), moves, sum(opaque.values()), macs, published or "-",
    ratio,
    t["cycles"] / 1e6, util, t["energy_pj"] / 1e9, kinds))
' "$n" "$published"
done
