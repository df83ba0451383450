// A zero Pad of rows and columns read by one Conv or AveragePool folds into
// that layer's padding (Inception, DenseNet export them so); the average
// then counts padding (the Pad's zeros were elements). Before a MaxPool it
// stays opaque: max pooling pads with -inf, not 0.
// RUN: accel-translate --import-onnx %onnx_fixtures/pad_fold.onnx 2>&1 | %strip_names | FileCheck %s

// CHECK: warning: node 'pad2' (Pad): unsupported ONNX operator 'Pad' kept as accel.opaque (padding read by other than one Conv or AveragePool)
// CHECK: accel.conv2d %arg0, %{{.*}} {pads = array<i64: 1, 1, 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x7xf32>
// CHECK: accel.pool2d avg %{{.*}} {count_include_pad, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 0>} : tensor<1x4x8x7xf32> -> tensor<1x4x9x7xf32>
// CHECK: accel.opaque "onnx.Pad"
// CHECK: accel.pool2d max
