// A bilinear 2x resize alone on simba-like (64 KiB global buffer), in
// pieces of channels and output rows that fit it (planResizeProgram;
// fewer rows, then fewer channels, halving). All channels fit with tiles
// of 8 output rows (32 x 8 x 32 x 4 B = 32 KiB), whose
// half-pixel sources (y + 0.5) / 2 - 0.5 read input rows [0, 5), [3, 9),
// [7, 13), [11, 16): at most 6 rows (12 KiB). Each tile keeps the 2 rows
// it shares with the previous one (copied to the front) and loads the
// rest, so every input row is loaded once: 32,768 B read, 131,072 B
// written, what a group of one moves.
// RUN: accel-opt %s --accel-lower-to-acmd=precision=ir -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: accel-run %s --seed=1 --output=%t.npy
// RUN: accel-run %t.mlir --seed=1 --compare=%t.npy | FileCheck %s --check-prefix=EXEC

// CHECK-LABEL: func.func @up
// CHECK: %[[IN:.+]] = acmd.alloc shared offset 0 : !acmd.buffer<1x32x6x16xf32, global>
// CHECK: %[[OUT:.+]] = acmd.alloc shared offset 12288 : !acmd.buffer<1x32x8x32xf32, global>
// CHECK: acmd.dma_load %arg0 [0, 0, 0, 0] sizes [1, 32, 5, 16] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 0, 0]
// CHECK: acmd.compute
// CHECK: acmd.dma_store %[[OUT]] [0, 0, 0, 0] sizes [1, 32, 8, 32] into %arg1 [0, 0, 0, 0]
// CHECK: acmd.copy %[[IN]] [0, 0, 3, 0] sizes [1, 32, 2, 16] into %[[IN]] [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 0, 5, 0] sizes [1, 32, 4, 16] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 2, 0]
// CHECK: acmd.dma_store %[[OUT]] [0, 0, 0, 0] sizes [1, 32, 8, 32] into %arg1 [0, 0, 8, 0]
// CHECK: acmd.copy %[[IN]] [0, 0, 4, 0] sizes [1, 32, 2, 16] into %[[IN]] [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 0, 9, 0] sizes [1, 32, 4, 16] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 2, 0]
// CHECK: acmd.dma_store %[[OUT]] [0, 0, 0, 0] sizes [1, 32, 8, 32] into %arg1 [0, 0, 16, 0]
// CHECK: acmd.copy %[[IN]] [0, 0, 4, 0] sizes [1, 32, 2, 16] into %[[IN]] [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 0, 13, 0] sizes [1, 32, 3, 16] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 2, 0]
// CHECK: acmd.dma_store %[[OUT]] [0, 0, 0, 0] sizes [1, 32, 8, 32] into %arg1 [0, 0, 24, 0]

// EXEC: equal the cost model's prediction for each (read 32768 B, written 131072 B)
// EXEC: match
module attributes {accel.target = #accel.target<preset = "simba-like">} {
func.func @up(%x: tensor<1x32x16x16xf32>) -> tensor<1x32x32x32xf32> {
  %y = accel.resize bilinear %x {scales = array<i64: 2, 2>} : tensor<1x32x16x16xf32> -> tensor<1x32x32x32xf32>
  return %y : tensor<1x32x32x32xf32>
}
}
