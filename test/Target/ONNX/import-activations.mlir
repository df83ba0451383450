// ONNX activations: Relu, Clip (bounds from initializers or Constant nodes;
// [0, 6] is relu6), Sigmoid, HardSigmoid, HardSwish, LeakyRelu, Tanh. A
// one-sided Clip is kept as accel.opaque with a warning naming the node.
// RUN: accel-translate --import-onnx %onnx_fixtures/activations.onnx 2>%t.err | %strip_names | FileCheck %s
// RUN: FileCheck %s --check-prefix=WARN --input-file %t.err

// CHECK: %[[A0:.*]] = accel.activation #accel.act<relu> %arg0 : tensor<1x4x8x8xf32>
// CHECK: %[[A1:.*]] = accel.activation #accel.act<clip, min = -2.500000e-01, max = 7.500000e-01> %[[A0]]
// CHECK: %[[A2:.*]] = accel.activation #accel.act<sigmoid> %[[A1]]
// CHECK: %[[A3:.*]] = accel.activation #accel.act<hard_sigmoid, alpha = 2.000000e-01, beta = 5.000000e-01> %[[A2]]
// CHECK: %[[A4:.*]] = accel.activation #accel.act<hard_swish> %[[A3]]
// CHECK: %[[A5:.*]] = accel.activation #accel.act<leaky_relu, alpha = 1.000000e-01> %[[A4]]
// CHECK: %[[A6:.*]] = accel.activation #accel.act<tanh> %[[A5]]
// CHECK: %[[A7:.*]] = accel.activation #accel.act<relu6> %[[A6]]
// CHECK: accel.opaque "onnx.Clip"(%[[A7]], %{{.*}}) : (tensor<1x4x8x8xf32>, tensor<f32>) -> tensor<1x4x8x8xf32>

// WARN: warning: node 'clip_min' (Clip): unsupported ONNX operator 'Clip' kept as accel.opaque (one-sided clip)
