// --accel-print-buffer-footprint: the peak on-chip bytes of layer groups run
// in row tiles (f16: 2 B per element), and the fit check against the
// accelerator's outermost on-chip level (small-ws: a 32 KiB buffer split
// 16 KiB weights / 8 KiB inputs / 8 KiB outputs).
// RUN: accel-opt %S/Inputs/groups.mlir --accel-print-buffer-footprint="tile-rows=8 arch=%accel_src_root/examples/arch/small-ws.yaml" -o /dev/null | FileCheck %s
// RUN: accel-opt %S/Inputs/groups.mlir --accel-print-buffer-footprint="tile-rows=4 weights=streamed double-buffer=true arch=eyeriss-like" -o /dev/null | FileCheck %s --check-prefix=STREAM
// RUN: not accel-opt %S/Inputs/groups.mlir --accel-print-buffer-footprint="weights=some" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// ResNet basic block, 8-row tiles: input rows [6, 16) = 10 x 16 x 8 x 2 B =
// 2560 B; conv1 9 rows (2304 B) + conv2 8 rows (2048 B); the add's 8 rows
// 2048 B; two 8x8x3x3 weights 2304 B.
// CHECK:      group basic: 2 tiles of 8 rows, weights resident
// CHECK-NEXT:   inputs 2560 B, intermediates 4352 B, outputs 2048 B (peak tile)
// CHECK-NEXT:   activations 8960 B + weights 2304 B = 11264 B
// CHECK-NEXT:   fits Buffer of small-ws: weights: 2304 B of 16384 B, activations: 8960 B of 16384 B

// The inverted residual's 48-channel expansion (9 rows, 13824 B) and
// depthwise output (8 rows, 12288 B) overflow the activation parts.
// CHECK:      group mbv2: 2 tiles of 8 rows, weights resident
// CHECK-NEXT:   inputs 2304 B, intermediates 28160 B, outputs 2048 B (peak tile)
// CHECK-NEXT:   activations 32512 B + weights 2400 B = 34912 B
// CHECK-NEXT:   does not fit Buffer of small-ws: weights: 2400 B of 16384 B, activations: 32512 B of 16384 B (over by 16128 B)

// CHECK:      group unet: 2 tiles of 8 rows, weights resident
// CHECK-NEXT:   inputs 3584 B, intermediates 6912 B, outputs 2048 B (peak tile)
// CHECK-NEXT:   activations 12544 B + weights 3328 B = 15872 B
// CHECK-NEXT:   fits Buffer of small-ws

// Streamed weights keep only the largest layer's (1152 B); double-buffered
// inputs and outputs take twice their tile: input rows [2, 10) = 2048 B x 2.
// STREAM:      group basic: 4 tiles of 4 rows, weights streamed
// STREAM-NEXT:   inputs 4096 B, intermediates 2560 B, outputs 2048 B (peak tile)
// STREAM-NEXT:   activations 8704 B + weights 1152 B = 9856 B
// STREAM-NEXT:   fits GlobalBuffer of eyeriss-like: weights + activations: 9856 B of 131072 B

// BAD: error: expected tile-rows >= 1 and weights=resident or streamed, got tile-rows=4 weights=some
