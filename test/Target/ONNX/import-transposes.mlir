// ConvNeXt's channels-last islands: Transpose to NHWC, LayerNorm, linear
// layers (rank-4 MatMuls) with GELU, layer scale, Transpose back. The
// importer cancels each pair (--accel-cancel-transposes): the layer norms
// run over axis 1, the linear layers are 1x1 convolutions whose biases and
// GELU are the convolution's, the per-channel operands are [1, C, 1, 1].
// Only the output's Transpose, which nothing undoes, stays. The weights
// follow: a weight argument takes [K, C, 1, 1], a constant and the
// weights file hold the transposed values, and the interpreter runs all
// of it against numpy's NHWC block.
// RUN: accel-translate --import-onnx %onnx_fixtures/convnext_block.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/convnext_block.onnx --onnx-weights=inline 2>&1 | FileCheck %s --check-prefix=INLINE
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(3).uniform(-2, 2, (1, 8, 5, 6)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/convnext_block.onnx --input=%t.x.npy --output=%t.y.npy
// RUN: %python %S/Inputs/convnext_block_reference.py %onnx_fixtures/convnext_block.onnx %t.x.npy %t.y.npy | FileCheck %s --check-prefix=NUMPY
// RUN: accel-translate --import-onnx %onnx_fixtures/convnext_block.onnx --onnx-weights=file --onnx-weights-file=%t.npz -o %t.mlir
// RUN: %python -c "import numpy as n; a = n.load('%t.npz'); print(a['fc1.w'].shape, a['fc2.w'].shape)" | FileCheck %s --check-prefix=FILE
// RUN: accel-run %t.mlir --input=%t.x.npy --output=%t.yf.npy
// RUN: %python %S/Inputs/convnext_block_reference.py %onnx_fixtures/convnext_block.onnx %t.x.npy %t.yf.npy | FileCheck %s --check-prefix=NUMPY

// CHECK: warning: node 'to_nhwc_out' (Transpose): unsupported ONNX operator 'Transpose' kept as accel.opaque
// CHECK-NOT: warning
// CHECK: func.func @main(%arg0: tensor<1x8x5x6xf32> {onnx.name = "x"}
// CHECK-SAME: %[[W1:arg[0-9]+]]: tensor<16x8x1x1xf32> {accel.weight = "fc1.w"}, %[[B1:arg[0-9]+]]: tensor<16xf32> {accel.weight = "fc1.b"}
// CHECK-SAME: %[[W2:arg[0-9]+]]: tensor<8x16x1x1xf32> {accel.weight = "fc2.w"}, %[[B2:arg[0-9]+]]: tensor<8xf32> {accel.weight = "fc2.b"}
// CHECK-SAME: -> tensor<1x5x6x8xf32>
// CHECK: %[[DW:.*]] = accel.conv2d %arg0, {{.*}}groups = 8
// CHECK-NEXT: %[[N:.*]] = accel.layer_norm %[[DW]] {axis = 1 : i64, epsilon = {{.*}}} : tensor<1x8x5x6xf32>
// CHECK-NEXT: %[[G:.*]] = accel.reshape %{{.*}} : tensor<8xf32> -> tensor<1x8x1x1xf32>
// CHECK-NEXT: %[[S:.*]] = accel.mul %[[N]], %[[G]] : tensor<1x8x5x6xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x5x6xf32>
// CHECK-NEXT: %[[BE:.*]] = accel.reshape %{{.*}} : tensor<8xf32> -> tensor<1x8x1x1xf32>
// CHECK-NEXT: %[[LN:.*]] = accel.add %[[S]], %[[BE]] : tensor<1x8x5x6xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x5x6xf32>
// CHECK-NEXT: %[[FC1:.*]] = accel.conv2d %[[LN]], %[[W1]], %[[B1]] {activation = #accel.act<gelu>} : (tensor<1x8x5x6xf32>, tensor<16x8x1x1xf32>, tensor<16xf32>) -> tensor<1x16x5x6xf32>
// CHECK-NEXT: %[[FC2:.*]] = accel.conv2d %[[FC1]], %[[W2]], %[[B2]] : (tensor<1x16x5x6xf32>, tensor<8x16x1x1xf32>, tensor<8xf32>) -> tensor<1x8x5x6xf32>
// CHECK-NEXT: %[[LS:.*]] = accel.reshape %{{.*}} : tensor<8xf32> -> tensor<1x8x1x1xf32>
// CHECK-NEXT: %[[SC:.*]] = accel.mul %[[FC2]], %[[LS]]
// CHECK-NEXT: %[[R:.*]] = accel.add %[[SC]], %arg0
// CHECK-NEXT: %[[N2:.*]] = accel.layer_norm %[[R]] {axis = 1 : i64, epsilon = {{.*}}} : tensor<1x8x5x6xf32>
// CHECK: %[[Y:.*]] = accel.add
// CHECK-NEXT: %[[OUT:.*]] = accel.opaque "onnx.Transpose"(%[[Y]]) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x8x5x6xf32>) -> tensor<1x5x6x8xf32>
// CHECK-NEXT: return %[[OUT]]

// The constants are transposed ([16, 8] -> [16, 8, 1, 1]; no [C, K]
// matrix is left).
// INLINE-NOT: tensor<8x16xf32>
// INLINE-NOT: tensor<16x8xf32>
// INLINE: accel.conv2d {{.*}} : (tensor<1x8x5x6xf32>, tensor<16x8x1x1xf32>, tensor<16xf32>) -> tensor<1x16x5x6xf32>
// INLINE-NOT: tensor<8x16xf32>
// INLINE-NOT: tensor<16x8xf32>

// FILE: (16, 8, 1, 1) (8, 16, 1, 1)

// NUMPY: max relative difference {{[0-9.e-]+}}: ok
