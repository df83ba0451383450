#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds accel-opt and runs the
# main job on a real model:
#   1. export ResNet-18 from torchvision to ONNX (random weights, nothing is
#      downloaded; needs Debian's python3-torch, installed here),
#   2. import it into the accel dialect (accel-translate --import-onnx; the
#      weights as function arguments, their values left out),
#   3. report its cost on eyeriss-like at the accelerator's precision
#      (16-bit data, whatever the f32 export says), layer
#      by layer, with the default mappings (--accel-cost-report),
#   4. fuse layers into groups and map every layer (--accel-pipeline:
#      the fusion GA over the layer graph, GAMMA's GA for every layer's
#      mapping, both seeded) and report the cost again, fused against layer
#      by layer,
#   5. the whole pipeline on the f32 import: fuse, map, convert it to the
#      accelerator's precision (f16 on eyeriss-like) and lower it to an
#      acmd program (--accel-pipeline; this import keeps the weights' values
#      in an .npz file), run the program (accel-run: DMA,
#      on-chip buffers, compute commands) and compare its output with
#      PyTorch's on the same input; the executor also checks that every
#      segment moves the DRAM bytes the cost model predicts and that a
#      group's peak on-chip bytes are its footprint, and writes the
#      program's timeline (a Chrome trace),
# then show a hand-written ResNet-style block fused into one layer group
# (its buffers against the global buffer, its cost fused and layer by
# layer), a tiled convolution in the acmd command dialect, and the verifier
# rejecting a mapping that does not fit its layer's tile.
#
# Environment: ACCEL_DEMO_MODEL (default resnet18; any name of
# scripts/export_models.py --list), ACCEL_DEMO_ARCH (default eyeriss-like).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

model=${ACCEL_DEMO_MODEL:-resnet18}
arch=${ACCEL_DEMO_ARCH:-eyeriss-like}
models="$ACCEL_ROOT/models"

accel_install_packages "${ACCEL_PACKAGES[@]}" python3-torch python3-torchvision
accel_configure
accel_build
opt="$ACCEL_BUILD_DIR/bin/accel-opt"
translate="$ACCEL_BUILD_DIR/bin/accel-translate"

log "exporting $model to ONNX"
/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --out "$models" \
  --only "$model"

log "importing $models/$model.onnx"
# The weights become function arguments without their values (mapping and
# costs need none): the text is the network alone.
start=$(date +%s.%N)
"$translate" --import-onnx "$models/$model.onnx" --mlir-print-debuginfo \
  -o "$models/$model.args.mlir"
end=$(date +%s.%N)
echo "imported in $(echo "$end - $start" | bc) s: $(grep -c 'accel\.' "$models/$model.args.mlir") accel ops," \
  "$(wc -c <"$models/$model.args.mlir") bytes of text"
grep -m 6 'accel\.' "$models/$model.args.mlir" | cut -c1-160 || true

# The f32 export is costed at the accelerator's precision (eyeriss-like:
# 16-bit data; simba-like: 8-bit data, 24-bit partial sums), the header
# says which.
log "$model on $arch, layer by layer (default mappings)"
"$opt" "$models/$model.args.mlir" --accel-cost-report="arch=$arch" -o /dev/null

log "$model on $arch: fusion GA + mapping search (--accel-pipeline, seed 1)"
start=$(date +%s.%N)
"$opt" "$models/$model.args.mlir" --accel-pipeline="arch=$arch seed=1 stop-after=fuse" \
  --mlir-print-op-on-diagnostic=false --mlir-print-debuginfo -o "$models/$model.fused.mlir" \
  2>"$models/$model.fuse-remarks.txt"
end=$(date +%s.%N)
echo "fused and mapped in $(echo "$end - $start" | bc) s; the groups and the summary:"
grep -E "fused[0-9]+:|fusion \(" "$models/$model.fuse-remarks.txt" | sed 's/^[^ ]* remark: //'
log "$model on $arch, fused (searched groups and mappings; last row: layer by layer)"
"$opt" "$models/$model.fused.mlir" --accel-cost-report="arch=$arch" -o /dev/null

log "$model from f32: import, fuse, map, convert to $arch's precision, lower to acmd (--accel-pipeline), run, compare with PyTorch"
# The weights' values go to an .npz file the module names; accel-run binds
# them from it.
"$translate" --import-onnx "$models/$model.onnx" --onnx-weights=file \
  --onnx-weights-file="$models/$model.weights.npz" -o "$models/$model.mlir"
echo "weights: $models/$model.weights.npz ($(wc -c <"$models/$model.weights.npz") bytes)"
# A float network converts to a 16-bit accelerator's f16; 8-bit data
# (simba-like) needs a quantised model, so there the program keeps f32.
precision=accel
"$opt" "$models/$model.fused.mlir" --accel-convert-precision -o /dev/null \
  2>/dev/null || precision=ir
echo "precision=$precision"
start=$(date +%s.%N)
"$opt" "$models/$model.mlir" --accel-pipeline="arch=$arch precision=$precision seed=1" \
  --mlir-print-op-on-diagnostic=false \
  -o "$models/$model.acmd.mlir" 2>"$models/$model.lower-remarks.txt"
end=$(date +%s.%N)
echo "fused, mapped and lowered in $(echo "$end - $start" | bc) s; the first commands:"
grep -m 4 -E 'acmd\.(alloc|dma_load|compute)' "$models/$model.acmd.mlir" | cut -c1-150
"$ACCEL_BUILD_DIR/bin/accel-run" "$models/$model.acmd.mlir" \
  --input="$models/$model.input.npy" --compare="$models/$model.output.npy" \
  --trace="$models/$model.trace.json"
echo "timeline of every command on its engine: $models/$model.trace.json" \
  "(Chrome trace: open it in https://ui.perfetto.dev or chrome://tracing)"

log "a hand-written ResNet-style block fused into one group, on eyeriss-like"
"$opt" "$ACCEL_ROOT/examples/resnet_block.mlir" --accel-print-buffer-footprint \
  -o /dev/null | grep -E '^group|^  inputs|fit'
"$opt" "$ACCEL_ROOT/examples/resnet_block.mlir" --accel-cost-report -o /dev/null

log "acmd: one 3x3 convolution as two double-buffered row tiles"
"$opt" "$ACCEL_ROOT/examples/conv_tiled.acmd.mlir"

log "a mapping that spreads 32 output channels over 64 x 4 is rejected:"
sed 's/\[K\*4 | Q:28/[K*64 | Q:28/' \
  "$ACCEL_ROOT/examples/resnet_block.mlir" | "$opt" 2>&1 >/dev/null | head -n 3 || true
log "done"
