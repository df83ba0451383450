// A QDQ-quantised convolution through the whole pipeline on simba-like with
// the IR's types (precision=ir): i8 activations and weights, i32
// accumulators and bias, f32 between layers. Buffers of one area sit widest
// elements first, so i8 beside i32 stays aligned (the acmd verifier checks
// every offset); the lowered program equals the imported model exactly and
// moves the bytes the model predicts.
// RUN: accel-translate --import-onnx %onnx_fixtures/qdq_conv.onnx -o %t.mlir
// RUN: accel-opt %t.mlir --accel-pipeline="arch=simba-like seed=1 precision=ir" -o %t.acmd.mlir
// RUN: FileCheck %s < %t.acmd.mlir
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(3).uniform(-1, 2, (1, 3, 8, 8)).astype(n.float32))"
// RUN: accel-run %t.mlir --input=%t.x.npy --output=%t.y.npy
// RUN: accel-run %t.acmd.mlir --input=%t.x.npy --compare=%t.y.npy --tolerance=0 | FileCheck %s --check-prefix=EXEC

// CHECK: acmd.alloc {{.*}} : !acmd.buffer<{{[0-9x]+}}xi32
// CHECK: accel.conv2d %{{.*}} {input_zero_point = -68 : i64, {{.*}}} : (tensor<{{[0-9x]+}}xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<{{[0-9x]+}}xi32>
// EXEC: equal the cost model's prediction for each
// EXEC: max |diff| 0.000000e+00 {{.*}}: match
