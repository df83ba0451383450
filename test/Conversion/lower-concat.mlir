// A concat alone on simba-like (64 KiB global buffer, shared): each
// operand goes through it in chunks of at most half of it (32 KiB, 8,192
// f32), alternating between two buffers, into its place in the result.
// The 48-channel operand (48 KiB) is too large: chunks of 32 channels
// (8,192 elements) and the 16 left; the 16-channel one fits whole, at
// channel 48. It moves what a group of one would (which holds whole rows
// of the operands and the result: too much for small levels): every
// operand read once, the result written once (65,536 B each way), equal to
// the group model's prediction.
// RUN: accel-opt %s --accel-lower-to-acmd=precision=ir -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: accel-run %s --function=cat --seed=1 --output=%t.npy
// RUN: accel-run %t.mlir --function=cat --seed=1 --compare=%t.npy | FileCheck %s --check-prefix=EXEC
//
// @fire (SqueezeNet's fire module): both operands are computed by layers
// and read by nothing else, so they are written in place: each
// convolution stores its tiles straight into the concat's result (the 4
// channels of %a at channel 0, the 6 of %b from channel 4), the concat
// moves nothing, as the cost model counts it, and the program has three
// segments, not four.
// RUN: accel-run %s --function=fire --seed=2 --output=%t.fire.npy
// RUN: accel-run %t.mlir --function=fire --seed=2 --compare=%t.fire.npy | FileCheck %s --check-prefix=FIRE
//
// @dense (a DenseNet block): each concat's operands begin the next one's,
// so the family lives in the longest one's result: x0 at channel 0, %a at
// 4, %b at 6; the first concat is its prefix [0, 6), read from there, and
// neither concat moves anything.
// RUN: accel-run %s --function=dense --seed=3 --output=%t.dense.npy
// RUN: accel-run %t.mlir --function=dense --seed=3 --compare=%t.dense.npy | FileCheck %s --check-prefix=DENSE

// CHECK-LABEL: func.func @cat
// CHECK: %[[A:.+]] = acmd.alloc shared offset 0 : !acmd.buffer<1x32x16x16xf32, global>
// CHECK: %[[B:.+]] = acmd.alloc shared offset 32768 : !acmd.buffer<1x32x16x16xf32, global>
// CHECK: acmd.dma_load %arg0 [0, 0, 0, 0] sizes [1, 32, 16, 16] strides [1, 1, 1, 1] into %[[A]] [0, 0, 0, 0]
// CHECK: acmd.dma_store %[[A]] [0, 0, 0, 0] sizes [1, 32, 16, 16] into %arg2 [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 32, 0, 0] sizes [1, 16, 16, 16] strides [1, 1, 1, 1] into %[[B]] [0, 0, 0, 0]
// CHECK: acmd.dma_store %[[B]] [0, 0, 0, 0] sizes [1, 16, 16, 16] into %arg2 [0, 32, 0, 0]
// CHECK: %[[C:.+]] = acmd.alloc shared offset 0 : !acmd.buffer<1x16x16x16xf32, global>
// CHECK: acmd.dma_load %arg1 [0, 0, 0, 0] sizes [1, 16, 16, 16] strides [1, 1, 1, 1] into %[[C]] [0, 0, 0, 0]
// CHECK: acmd.dma_store %[[C]] [0, 0, 0, 0] sizes [1, 16, 16, 16] into %arg2 [0, 48, 0, 0]
// CHECK-LABEL: func.func @fire
// CHECK: %[[CAT:.+]] = memref.alloc() : memref<1x10x8x8xf32>
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 4, 8, 8] into %[[CAT]] [0, 0, 0, 0]
// CHECK: acmd.dma_store %{{.+}} into %[[CAT]] [0, 4, 0, 0]
// CHECK: acmd.dma_load %[[CAT]] [0, 0, 0, 0]
// CHECK-LABEL: func.func @dense
// CHECK: %[[BLOCK:.+]] = memref.alloc() : memref<1x8x8x8xf32>
// CHECK: acmd.dma_store %{{.+}} sizes [1, 4, 8, 8] into %[[BLOCK]] [0, 0, 0, 0]
// CHECK: acmd.dma_store %{{.+}} sizes [1, 2, 8, 8] into %[[BLOCK]] [0, 4, 0, 0]
// CHECK: acmd.dma_load %[[BLOCK]] [0, 0, 0, 0] sizes [1, 6, 8, 8]
// CHECK: acmd.dma_store %{{.+}} sizes [1, 2, 8, 8] into %[[BLOCK]] [0, 6, 0, 0]
// CHECK: acmd.dma_load %[[BLOCK]] [0, 0, 0, 0] sizes [1, 8, 8, 8]

// EXEC: equal the cost model's prediction for each (read 65536 B, written 65536 B)
// EXEC: match
// FIRE: 3 segments: DRAM traffic
// FIRE: match
// DENSE: 4 segments: DRAM traffic
// DENSE: match
module attributes {accel.target = #accel.target<preset = "simba-like">} {
func.func @cat(%a: tensor<1x48x16x16xf32>, %b: tensor<1x16x16x16xf32>) -> tensor<1x64x16x16xf32> {
  %y = accel.concat %a, %b {axis = 1 : i64} : (tensor<1x48x16x16xf32>, tensor<1x16x16x16xf32>) -> tensor<1x64x16x16xf32>
  return %y : tensor<1x64x16x16xf32>
}
func.func @fire(%x: tensor<1x8x8x8xf32>, %w1: tensor<4x8x1x1xf32>, %w2: tensor<6x8x3x3xf32>, %w3: tensor<4x10x1x1xf32>) -> tensor<1x4x8x8xf32> {
  %a = accel.conv2d %x, %w1 {activation = #accel.act<relu>} : (tensor<1x8x8x8xf32>, tensor<4x8x1x1xf32>) -> tensor<1x4x8x8xf32>
  %b = accel.conv2d %x, %w2 {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x8xf32>, tensor<6x8x3x3xf32>) -> tensor<1x6x8x8xf32>
  %c = accel.concat %a, %b {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x6x8x8xf32>) -> tensor<1x10x8x8xf32>
  %y = accel.conv2d %c, %w3 : (tensor<1x10x8x8xf32>, tensor<4x10x1x1xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}
func.func @dense(%x: tensor<1x4x8x8xf32>, %w1: tensor<2x4x3x3xf32>, %w2: tensor<2x6x3x3xf32>, %w3: tensor<2x8x1x1xf32>) -> tensor<1x2x8x8xf32> {
  %x0 = accel.activation #accel.act<relu> %x : tensor<1x4x8x8xf32>
  %a = accel.conv2d %x0, %w1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<2x4x3x3xf32>) -> tensor<1x2x8x8xf32>
  %c1 = accel.concat %x0, %a {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x6x8x8xf32>
  %b = accel.conv2d %c1, %w2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x6x8x8xf32>, tensor<2x6x3x3xf32>) -> tensor<1x2x8x8xf32>
  %c2 = accel.concat %x0, %a, %b {axis = 1 : i64} : (tensor<1x4x8x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x8x8x8xf32>
  %y = accel.conv2d %c2, %w3 : (tensor<1x8x8x8xf32>, tensor<2x8x1x1xf32>) -> tensor<1x2x8x8xf32>
  return %y : tensor<1x2x8x8xf32>
}
}
