// BatchNormalization after a convolution folds into its weights and bias
// (w' = w * scale / sqrt(var + eps), b' = (b - mean) * that + B), and the
// following Relu becomes the convolution's fused activation. With the
// weights as arguments (the default, --onnx-weights=args) the fold is
// structural: the weight arguments stand for the folded values.
// RUN: accel-translate --import-onnx --onnx-weights=inline %onnx_fixtures/bn_fold.onnx | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/bn_fold.onnx | %strip_names | FileCheck %s --check-prefix=ARGS

// CHECK: %[[W:.*]] = arith.constant dense<"0x{{[0-9A-F]+}}"> : tensor<4x3x3x3xf32>
// The folded bias: B - mean * scale / sqrt(var + eps), per channel.
// CHECK: %[[B:.*]] = arith.constant dense<[0.0398864411, 0.11916665, -0.704290568, -0.0693938211]> : tensor<4xf32>
// CHECK: accel.conv2d %arg0, %[[W]], %[[B]] {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>}
// CHECK-NOT: accel.mul
// CHECK-NOT: accel.add

// ARGS: func.func @main(%arg0: tensor<1x3x8x8xf32> {onnx.name = "input"}, %arg1: tensor<4x3x3x3xf32> {accel.weight = "conv.w"}
// ARGS: accel.conv2d %arg0, %arg1 {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>}

// Statistics that come through Identity nodes (torchvision's DenseNet) are
// constants all the same: the normalization folds into the convolution.
// RUN: accel-translate --import-onnx --onnx-weights=inline %onnx_fixtures/bn_identity.onnx 2>&1 | %strip_names | FileCheck %s --check-prefix=IDENTITY
// IDENTITY-NOT: accel.opaque
// IDENTITY-NOT: warning
// IDENTITY: accel.conv2d %arg0, %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
// IDENTITY-NOT: accel.add

// A normalization no convolution feeds becomes x * a + c per channel, also
// when the weights are arguments (the statistics are read all the same).
// RUN: accel-translate --import-onnx --onnx-weights=args %onnx_fixtures/bn_identity_preact.onnx 2>&1 | %strip_names | FileCheck %s --check-prefix=PREACT
// PREACT-NOT: accel.opaque
// PREACT: %[[A:.*]] = arith.constant dense<{{.*}}> : tensor<1x4x1x1xf32>
// PREACT: %[[C:.*]] = arith.constant dense<{{.*}}> : tensor<1x4x1x1xf32>
// PREACT: %[[M:.*]] = accel.mul %arg0, %[[A]]
// PREACT: accel.add %[[M]], %[[C]]
// PREACT-NOT: accel.opaque
