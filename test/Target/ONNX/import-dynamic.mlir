// A dynamic dimension (the batch "N" of dynamic_batch.onnx) is an error
// saying how to pin it; --onnx-batch pins every dynamic leading dimension,
// --onnx-dim a dimension by its name; ONNX shape inference carries the
// size through the graph.
// RUN: not accel-translate --import-onnx %onnx_fixtures/dynamic_batch.onnx 2>&1 | FileCheck %s --check-prefix=DYNAMIC
// RUN: accel-translate --import-onnx %onnx_fixtures/dynamic_batch.onnx --onnx-batch=2 | FileCheck %s --check-prefix=BATCH
// RUN: accel-translate --import-onnx %onnx_fixtures/dynamic_batch.onnx --onnx-dim=N=3 | FileCheck %s --check-prefix=NAMED
// RUN: not accel-translate --import-onnx %onnx_fixtures/dynamic_batch.onnx --onnx-dim=N 2>&1 | FileCheck %s --check-prefix=BADPIN
// RUN: not accel-translate --import-onnx %onnx_fixtures/dynamic_batch.onnx --onnx-dim=N=0 2>&1 | FileCheck %s --check-prefix=ZERO

// DYNAMIC: error: 'x' has a dynamic shape; accel needs static shapes (export the model with fixed sizes, or pin the dimension: --onnx-batch=N, --onnx-dim=NAME=N)
// BATCH: accel.conv2d {{.*}} : (tensor<2x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<2x4x8x8xf32>
// NAMED: accel.conv2d {{.*}} : (tensor<3x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<3x4x8x8xf32>
// BADPIN: error: --onnx-dim: expected NAME=SIZE, got 'N'
// ZERO: error: dimension 'N' pinned to 0: it must be >= 1
