// Layer normalization over the last axis (ConvNeXt): spelled out as torch
// exports it before opset 17 (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt,
// Div), and as ONNX's LayerNormalization; both import as one
// accel.layer_norm, its scale and shift an accel.mul and an accel.add, no
// opaque operator left. The interpreter runs both against numpy.
// RUN: accel-translate --import-onnx %onnx_fixtures/layer_norm.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/layer_norm17.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(2).uniform(-2, 2, (1, 4, 4, 8)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/layer_norm.onnx --input=%t.x.npy --output=%t.y.npy
// RUN: %python %S/Inputs/layer_norm_reference.py %onnx_fixtures/layer_norm.onnx %t.x.npy %t.y.npy | FileCheck %s --check-prefix=NUMPY
// RUN: accel-run %onnx_fixtures/layer_norm17.onnx --input=%t.x.npy --output=%t.y17.npy
// RUN: %python %S/Inputs/layer_norm_reference.py %onnx_fixtures/layer_norm17.onnx %t.x.npy %t.y17.npy | FileCheck %s --check-prefix=NUMPY

// CHECK-NOT: accel.opaque
// CHECK: %[[N:.*]] = accel.layer_norm %arg0 {epsilon = {{.*}}E-7 : f64} : tensor<1x4x4x8xf32>
// CHECK: %[[S:.*]] = accel.mul %[[N]], %{{.*}} : tensor<1x4x4x8xf32>, tensor<1x1x1x8xf32> -> tensor<1x4x4x8xf32>
// CHECK: accel.add %[[S]], %{{.*}} : tensor<1x4x4x8xf32>, tensor<1x1x1x8xf32> -> tensor<1x4x4x8xf32>
// CHECK-NOT: accel.opaque

// NUMPY: max relative difference {{[0-9.e-]+}}: ok
