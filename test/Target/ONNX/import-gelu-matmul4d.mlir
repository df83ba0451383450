// ConvNeXt's patterns: a rank-4 MatMul by a matrix is a matmul over the
// flattened rows (the reshapes are views), and GELU spelled out as
// (x * (erf(x / sqrt 2) + 1)) * 0.5 is one activation: no opaque operator
// is left. The interpreter runs it against numpy's GELU of x @ w.
// RUN: accel-translate --import-onnx %onnx_fixtures/gelu_matmul4d.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(1).uniform(-2, 2, (1, 4, 4, 8)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/gelu_matmul4d.onnx --input=%t.x.npy --output=%t.y.npy
// RUN: %python %S/Inputs/gelu_reference.py %onnx_fixtures/gelu_matmul4d.onnx %t.x.npy %t.y.npy | FileCheck %s --check-prefix=NUMPY

// CHECK-NOT: accel.opaque
// CHECK: %[[FLAT:.*]] = accel.reshape %arg0 : tensor<1x4x4x8xf32> -> tensor<16x8xf32>
// CHECK: %[[MM:.*]] = accel.matmul %[[FLAT]], %{{.*}} : (tensor<16x8xf32>, tensor<8x16xf32>) -> tensor<16x16xf32>
// CHECK: %[[Y:.*]] = accel.reshape %[[MM]] : tensor<16x16xf32> -> tensor<1x4x4x16xf32>
// CHECK: accel.activation #accel.act<gelu> %[[Y]] : tensor<1x4x4x16xf32>
// CHECK-NOT: accel.opaque
// CHECK-NOT: accel.mul

// NUMPY: max relative difference {{[0-9.e-]+}}: ok
