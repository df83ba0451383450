// A QDQ-quantised convolution (PyTorch's fake-quantization export): the
// uint8 activation becomes i8 128 lower (zero point 60 -> -68, and its Clip
// to [0, 127] the range [-128, -1]); the weights are folded into an i8
// constant; the convolution runs i8 x i8 -> i32 with the input's zero point
// and its bias in accumulator units, then one dequantization per output
// channel (input scale x channel scale). accel-run runs the integers and
// agrees with numpy's float64 evaluation of the QDQ graph to one step of
// the output's quantization. With --onnx-quantized-convs=float the
// convolution runs in float on the dequantized values.
// RUN: accel-translate --import-onnx %onnx_fixtures/qdq_conv.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/qdq_conv.onnx --onnx-quantized-convs=float 2>&1 | %strip_names | FileCheck %s --check-prefix=FLOAT
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(3).uniform(-1, 2, (1, 3, 8, 8)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/qdq_conv.onnx --input=%t.x.npy --output=%t.y.npy
// RUN: %python %S/Inputs/qdq_reference.py %onnx_fixtures/qdq_conv.onnx %t.x.npy %t.y.npy | FileCheck %s --check-prefix=NUMPY
//
// A classifier: the quantized activation flattened (its integers with it)
// and a Gemm on int8 weights per output row: an i8 x i8 -> i32 matmul with
// the lhs zero point, then a dequantization per column. Within half a step
// of the accumulator (the bias's rounding) of numpy's float64 evaluation.
// RUN: accel-translate --import-onnx %onnx_fixtures/qdq_gemm.onnx 2>&1 | %strip_names | FileCheck %s --check-prefix=GEMM
// RUN: %python -c "import numpy as n; n.save('%t.gx.npy', n.random.default_rng(4).uniform(-1, 3, (1, 4, 2, 2)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/qdq_gemm.onnx --input=%t.gx.npy --output=%t.gy.npy
// RUN: %python %S/Inputs/qdq_reference.py %onnx_fixtures/qdq_gemm.onnx %t.gx.npy %t.gy.npy | FileCheck %s --check-prefix=GEMM-NUMPY

// CHECK-NOT: accel.opaque
// CHECK: %[[Q:.*]] = accel.quantize %arg0 {max = -1 : i64, min = -128 : i64, scale = 0.019999999552965164 : f64, zero_point = -68 : i64} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xi8>
// CHECK: %[[C:.*]] = accel.conv2d %[[Q]], %{{.*}}, %{{.*}} {input_zero_point = -68 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x8x8xi32>
// CHECK: %[[D:.*]] = accel.dequantize %[[C]] {scales = array<f64: {{[^,]+}}, {{[^,]+}}, {{[^,]+}}, {{[^>]+}}>} : tensor<1x4x8x8xi32> -> tensor<1x4x8x8xf32>
// CHECK: %[[R:.*]] = accel.activation #accel.act<relu> %[[D]]
// CHECK: %[[YQ:.*]] = accel.quantize %[[R]] {max = 127 : i64, min = -128 : i64, scale = 0.0099999997764825821 : f64, zero_point = -128 : i64}
// CHECK: accel.dequantize %[[YQ]] {scales = array<f64: 0.0099999997764825821>, zero_point = -128 : i64} : tensor<1x4x8x8xi8> -> tensor<1x4x8x8xf32>
// CHECK-NOT: accel.opaque

// FLOAT: accel.conv2d %{{.*}}, %{{.*}}, %{{.*}} {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>

// NUMPY: max difference {{[0-9.e-]+}} output steps, {{[0-9]+}}% equal: ok

// GEMM: %[[Q:.*]] = accel.quantize %arg0 {max = 127 : i64, min = -128 : i64, scale = {{.*}} : f64, zero_point = -28 : i64}
// GEMM: %[[F:.*]] = accel.flatten %[[Q]] : tensor<1x4x2x2xi8> -> tensor<1x16xi8>
// GEMM: %[[M:.*]] = accel.matmul %[[F]], %{{.*}}, %{{.*}} {lhs_zero_point = -28 : i64, transpose_rhs} : (tensor<1x16xi8>, tensor<5x16xi8>, tensor<5xi32>) -> tensor<1x5xi32>
// GEMM: accel.dequantize %[[M]] {scales = array<f64: {{.*}}>} : tensor<1x5xi32> -> tensor<1x5xf32>
// GEMM-NOT: accel.opaque

// GEMM-NUMPY: max difference {{[0-9.e-]+}} accumulator steps: ok
