// ONNX Add (residual), Mul with squeeze-excite broadcasting, Concat; a Relu
// and a HardSigmoid fold into the convolutions that feed them.
// RUN: accel-translate --import-onnx %onnx_fixtures/elementwise.onnx --mlir-elide-elementsattrs-if-larger=1 | %strip_names | FileCheck %s

// CHECK: %[[C:.*]] = accel.conv2d %arg0, {{.*}} {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>}
// CHECK: %[[S:.*]] = accel.add %[[C]], %arg0 : tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32> -> tensor<1x8x8x8xf32>
// CHECK: %[[P:.*]] = accel.pool2d avg %[[S]] {global}
// CHECK: %[[E:.*]] = accel.conv2d %[[P]], {{.*}} {activation = #accel.act<hard_sigmoid, alpha = 0.16666666999999999, beta = 5.000000e-01>}
// CHECK: %[[M:.*]] = accel.mul %[[S]], %[[E]] : tensor<1x8x8x8xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x8x8xf32>
// CHECK: accel.concat %[[M]], %arg0 {axis = 1 : i64} : (tensor<1x8x8x8xf32>, tensor<1x8x8x8xf32>) -> tensor<1x16x8x8xf32>
