// ONNX Conv and ConvTranspose: explicit pads and strides, auto_pad
// SAME_UPPER (uneven padding goes at the end), depthwise with dilation,
// transposed convolutions with output_padding.
// RUN: accel-translate --import-onnx --onnx-weights=inline %onnx_fixtures/conv.onnx --mlir-elide-elementsattrs-if-larger=1 | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx --onnx-weights=inline %onnx_fixtures/conv_transpose.onnx --mlir-elide-elementsattrs-if-larger=1 | %strip_names | FileCheck %s --check-prefix=TRANSPOSED

// CHECK-LABEL: func.func @main(%arg0: tensor<1x3x16x16xf32> {onnx.name = "input"}) -> tensor<1x8x4x4xf32>
// CHECK: %[[W0:.*]] = arith.constant {{.*}} : tensor<8x3x3x3xf32>
// CHECK: %[[B0:.*]] = arith.constant {{.*}} : tensor<8xf32>
// CHECK: %[[C0:.*]] = accel.conv2d %arg0, %[[W0]], %[[B0]] {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x16x16xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
// 3x3 stride 2 on 8 -> 4 outputs needs one row of padding: at the end.
// CHECK: %[[C1:.*]] = accel.conv2d %[[C0]], {{.*}} {pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
// CHECK: %[[C2:.*]] = accel.conv2d %[[C1]], {{.*}} {dilations = array<i64: 2, 2>, groups = 8 : i64, pads = array<i64: 2, 2, 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x4x4xf32>
// CHECK: return %[[C2]]

// TRANSPOSED: %[[T0:.*]] = accel.conv_transpose2d %arg0, {{.*}} {strides = array<i64: 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x4x2x2xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
// TRANSPOSED: accel.conv_transpose2d %[[T0]], {{.*}} {output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x16x16xf32>
