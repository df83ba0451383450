#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds accel-opt and runs the
# main job on the example network.
#
# Today: parse, verify and print a hand-written ResNet-style block (a fused
# layer group with a mapping on every layer) and the acmd command program of
# a tiled convolution; report the block's cost layer by layer on two
# accelerators; show the verifier rejecting a mapping that does not fit its
# layer. It grows into import -> analyse -> fuse -> map -> lower on a real
# model as those stages land (see README "Status").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

accel_setup
opt="$ACCEL_BUILD_DIR/bin/accel-opt"

log "accel: a ResNet-style block, fused into one layer group and mapped"
"$opt" "$ACCEL_ROOT/examples/resnet_block.mlir"

log "acmd: one 3x3 convolution as two double-buffered row tiles"
"$opt" "$ACCEL_ROOT/examples/conv_tiled.acmd.mlir"

log "its cost on eyeriss-like, layer by layer (--accel-cost-report)"
"$opt" "$ACCEL_ROOT/examples/resnet_block.mlir" --accel-cost-report -o /dev/null

log "the same block on gamma-edge with default mappings (its own are tuned for eyeriss-like)"
"$opt" "$ACCEL_ROOT/examples/resnet_block.mlir" -o - |
  sed -E 's/, mapping = #accel.mapping<[^>]*>//; s/mapping = #accel.mapping<[^>]*>, //' |
  "$opt" --accel-cost-report=arch=gamma-edge -o /dev/null

log "a mapping that spreads 3 filter rows over 6 units is rejected:"
sed 's/\[R\*3 | C:16/[R*6 | C:16/' \
  "$ACCEL_ROOT/examples/resnet_block.mlir" | "$opt" 2>&1 >/dev/null | head -n 3 || true
log "done"
