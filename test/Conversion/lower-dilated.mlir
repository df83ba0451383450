// A dilated convolution alone (DeepLab's ASPP: dilation 3, padding 3, on a
// 4x4 map), its mapping taking one output row and one filter tap at a time
// above the global buffer: output row p's tap r reads input row
// p + 3r - 3, so rows 0 and 1 see only padding through tap 0 and rows 2
// and 3 through tap 2. Such a step loads nothing (the model counts no
// traffic for it) and runs on a window of zeros; the partial sums still
// accumulate in order and the bias and the ReLU apply with the last tap.
// RUN: accel-opt %s --accel-lower-to-acmd=precision=ir -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: accel-run %s --seed=4 --output=%t.npy
// RUN: accel-run %t.mlir --seed=4 --compare=%t.npy | FileCheck %s --check-prefix=EXEC

// The first step (row 0, taps (0, 0)): only padding, no input load before
// its compute, which runs unpadded on a 1 x 4 x 1 x 4 window of zeros.
// CHECK-LABEL: func.func @aspp
// CHECK-NOT: acmd.dma_load %arg0
// CHECK: acmd.compute
// CHECK: arith.constant dense<0.000000e+00> : tensor<1x4x1x4xf32>
// CHECK: accel.conv2d %{{.+}}, %{{.+}} {dilations = array<i64: 3, 3>} : (tensor<1x4x1x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x1x4xf32>

// EXEC: equal the cost model's prediction for each
// EXEC: match
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @aspp(%x: tensor<1x4x4x4xf32>, %w: tensor<2x4x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x2x4x4xf32> {
  %y = accel.conv2d %x, %w, %b {dilations = array<i64: 3, 3>, pads = array<i64: 3, 3, 3, 3>, activation = #accel.act<relu>, mapping = #accel.mapping<[K*2 | K:1 P:1 R:1 S:1], [C*4 | C:1 Q:1 P:1 R:1 S:1]>} : (tensor<1x4x4x4xf32>, tensor<2x4x3x3xf32>, tensor<2xf32>) -> tensor<1x2x4x4xf32>
  return %y : tensor<1x2x4x4xf32>
}
}
