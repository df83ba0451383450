// A transposed convolution alone (4x4 input, 3x3 taps, stride 2, pads 1,
// output padding 1: 8x8 outputs), tile by tile. Its problem is a stride-1
// convolution over the zero-inserted input (7 rows, padded by 3 - 1 - 1 =
// 1, taps flipped), of which only the real rows (the even ones) are held
// and moved.
//
// @up walks the outputs in tiles of 2 rows. Tile t reads virtual rows
// [2t - 1, 2t + 3) clipped to [0, 7), whose even rows are the real rows
// [0, 2), [1, 3), [2, 4), [3, 4): the first tile loads 2 rows; the next
// ones keep the row they share (copied to the front) and load 1, 1, 0.
// Each tile runs as a transposed convolution of its own input rows
// (transposedTileWindow): the first, of rows 0 and 1, with pads 1 before
// (output row 2i + r - 1) and 2 after (its 5 rows less the 1 before and
// the 2 wanted), and the columns' 1 and 0. The DRAM traffic is the
// input once (4 x 4 x 4 x 4 B = 256 B), the weights once (288 B), the bias
// (8 B) and the output once (512 B), as the model predicts.
// RUN: accel-opt %s --accel-lower-to-acmd=precision=ir -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: accel-run %s --function=up --seed=3 --output=%t.up.npy
// RUN: accel-run %t.mlir --function=up --seed=3 --compare=%t.up.npy | FileCheck %s --check-prefix=UP
//
// @taps also splits the filter's taps above the global buffer, one at a
// time, and the outputs into single rows: half of its steps meet only
// inserted zeros (no input rows: nothing is loaded) and others reach
// outputs their taps do not touch (rows of zeros around the input tile);
// the partial sums accumulate and the ReLU applies with the last tap.
// RUN: accel-run %s --function=taps --seed=3 --output=%t.taps.npy
// RUN: accel-run %t.mlir --function=taps --seed=3 --compare=%t.taps.npy | FileCheck %s --check-prefix=TAPS
//
// @fused runs it in a group with the 3x3 convolution it feeds, in tiles of
// 2 rows of the group's output: the first tile needs up-convolution rows
// [0, 3) (the halo), from input rows [0, 2), with pads 1 before and 1
// after (5 rows less 1 less 3 wanted).
// RUN: accel-run %s --function=fused --seed=3 --output=%t.fused.npy
// RUN: accel-run %t.mlir --function=fused --seed=3 --compare=%t.fused.npy | FileCheck %s --check-prefix=TAPS

// CHECK-LABEL: func.func @up
// CHECK: acmd.dma_load %arg2 [0] sizes [2]
// CHECK: acmd.dma_load %arg0 [0, 0, 0, 0] sizes [1, 4, 2, 4] strides [1, 1, 1, 1] into %[[IN:.+]] [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg1 [0, 0, 0, 0] sizes [4, 2, 3, 3]
// CHECK: acmd.compute "conv_transpose2d@{{[0-9]+}}"
// CHECK: accel.conv_transpose2d %{{.+}} {pads = array<i64: 1, 1, 2, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x2x4xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x2x8xf32>
// CHECK: acmd.copy %[[IN]] [0, 0, 1, 0] sizes [1, 4, 1, 4] into %[[IN]] [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 0, 2, 0] sizes [1, 4, 1, 4] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 1, 0]
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 2, 2, 8] into %arg3 [0, 0, 0, 0]
// CHECK: acmd.compute
// CHECK: acmd.copy %[[IN]] [0, 0, 1, 0] sizes [1, 4, 1, 4] into %[[IN]] [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 0, 3, 0] sizes [1, 4, 1, 4] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 1, 0]
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 2, 2, 8] into %arg3 [0, 0, 2, 0]
// CHECK: acmd.compute
// CHECK: acmd.copy %[[IN]] [0, 0, 1, 0] sizes [1, 4, 1, 4] into %[[IN]] [0, 0, 0, 0]
// CHECK-NOT: acmd.dma_load %arg0
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 2, 2, 8] into %arg3 [0, 0, 4, 0]
// CHECK: acmd.compute
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 2, 2, 8] into %arg3 [0, 0, 6, 0]
// CHECK-LABEL: func.func @taps
// CHECK-LABEL: func.func @fused
// CHECK: accel.conv_transpose2d %{{.+}} {pads = array<i64: 1, 1, 1, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x2x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x3x8xf32>

// UP: equal the cost model's prediction for each (read 552 B, written 512 B)
// UP: match
// TAPS: equal the cost model's prediction for each
// TAPS: match
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @up(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x8x8xf32> {
  %y = accel.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, mapping = #accel.mapping<[K*2 | K:1 P:2], [C*4 | C:1 Q:1 P:1 S:1]>} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  return %y : tensor<1x2x8x8xf32>
}
func.func @taps(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x8x8xf32> {
  %y = accel.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, activation = #accel.act<relu>, mapping = #accel.mapping<[K*2 | K:1 P:1 R:1 S:1], [C*4 | C:1 Q:1 P:1 R:1 S:1]>} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  return %y : tensor<1x2x8x8xf32>
}
func.func @fused(%x: tensor<1x4x4x4xf32>, %w1: tensor<4x2x3x3xf32>, %w2: tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32> {
  %r = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32> attributes {schedule = #accel.schedule<rows = 2>} {
    %y = accel.conv_transpose2d %a, %k1 {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x8x8xf32>
    %z = accel.conv2d %y, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x8x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x8x8xf32>
    accel.yield %z : tensor<1x2x8x8xf32>
  }
  return %r : tensor<1x2x8x8xf32>
}
}
