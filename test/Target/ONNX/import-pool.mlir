// ONNX MaxPool, AveragePool (count_include_pad) and GlobalAveragePool.
// RUN: accel-translate --import-onnx %onnx_fixtures/pool.onnx | %strip_names | FileCheck %s

// CHECK: %[[P0:.*]] = accel.pool2d max %arg0 {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x4x16x16xf32> -> tensor<1x4x8x8xf32>
// CHECK: %[[P1:.*]] = accel.pool2d avg %[[P0]] {count_include_pad, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x5x5xf32>
// CHECK: %[[P2:.*]] = accel.pool2d avg %[[P1]] {global} : tensor<1x4x5x5xf32> -> tensor<1x4x1x1xf32>
// CHECK: return %[[P2]]
