// A truncated file is an error, not a crash; a model without value_info for
// its intermediates imports through ONNX shape inference.
// RUN: not accel-translate --import-onnx %onnx_fixtures/truncated.onnx 2>&1 | FileCheck %s --check-prefix=TRUNCATED
// RUN: accel-translate --import-onnx %onnx_fixtures/no_value_info.onnx | FileCheck %s --check-prefix=INFER

// TRUNCATED: truncated.onnx:0:0: error: not a valid ONNX model (the protobuf does not parse: the file is truncated or not ONNX)

// INFER: %[[A:.*]] = accel.conv2d %arg0, {{.*}} -> tensor<1x8x4x4xf32>
// INFER: accel.conv2d %[[A]], {{.*}} : (tensor<1x8x4x4xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
