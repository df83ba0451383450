// ONNX Resize (nearest from scales, linear half-pixel from sizes) and the
// opset-9 Upsample.
// RUN: accel-translate --import-onnx %onnx_fixtures/resize.onnx | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/upsample.onnx | %strip_names | FileCheck %s --check-prefix=UPSAMPLE

// CHECK: %[[N:.*]] = accel.resize nearest %arg0 {scales = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
// CHECK: accel.resize bilinear %[[N]] {scales = array<i64: 2, 2>} : tensor<1x4x16x16xf32> -> tensor<1x4x32x32xf32>
// UPSAMPLE: accel.resize nearest %arg0 {scales = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
