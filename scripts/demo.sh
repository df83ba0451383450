#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine (as root), builds accel-opt and runs the
# main job on the example network.
#
# Today the pipeline ends at the dialects: the demo parses, verifies and
# prints a hand-written ResNet-style block (a fused layer group with a mapping
# on every layer) and the acmd command program of a tiled convolution, and
# shows the verifier rejecting a mapping that does not fit its layer. It grows
# into import -> analyse -> fuse -> map -> lower on a real model as those
# stages land (see README "Status").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

accel_setup
opt="$ACCEL_BUILD_DIR/bin/accel-opt"

log "accel: a ResNet-style block, fused into one layer group and mapped"
"$opt" "$ACCEL_ROOT/examples/resnet_block.mlir"

log "acmd: one 3x3 convolution as two double-buffered row tiles"
"$opt" "$ACCEL_ROOT/examples/conv_tiled.acmd.mlir"

log "a mapping that spreads K=64 over 32 units of 4 channels is rejected:"
sed 's/\[K\*16 | C:64 P:56 Q:56 K:4/[K*32 | C:64 P:56 Q:56 K:4/' \
  "$ACCEL_ROOT/examples/resnet_block.mlir" | "$opt" 2>&1 >/dev/null | head -n 3 || true
log "done"
