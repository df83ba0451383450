// onnxruntime's QOperator format: QLinearConv and QLinearMatMul import as
// the QDQ nodes they are defined as (DequantizeLinear of input and weights,
// the float layer, QuantizeLinear), so the integer rules of the QDQ import
// apply: the uint8 input held as i8 128 lower (zero point 60 -> -68), the
// int8 weight initializers as i8 constants, an i8 x i8 -> i32 convolution
// with its int32 bias unchanged (accumulator units), one dequantization per
// output channel and the quantization of its output (zero point 10 ->
// -118); the Flatten of quantized data stays quantized, and the
// QLinearMatMul becomes an i8 x i8 -> i32 matmul with the lhs zero point,
// dequantized per column. accel-run agrees with numpy's evaluation of the
// QOperator definitions (integer accumulators, float64 requantization).
// RUN: accel-translate --import-onnx %onnx_fixtures/qlinear.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(5).uniform(-1, 2, (1, 3, 4, 4)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/qlinear.onnx --input=%t.x.npy --output=%t.y.npy
// RUN: %python %S/Inputs/qlinear_reference.py %onnx_fixtures/qlinear.onnx %t.x.npy %t.y.npy | FileCheck %s --check-prefix=NUMPY
//
// With --onnx-quantized-convs=float the layers run in float on the
// dequantized values (ONNX's reference rule for QDQ).
// RUN: accel-translate --import-onnx %onnx_fixtures/qlinear.onnx --onnx-quantized-convs=float 2>&1 | %strip_names | FileCheck %s --check-prefix=FLOAT

// CHECK-NOT: accel.opaque
// CHECK-NOT: warning
// CHECK: %[[Q:.*]] = accel.quantize %arg0 {max = 127 : i64, min = -128 : i64, scale = 0.019999999552965164 : f64, zero_point = -68 : i64} : tensor<1x3x4x4xf32> -> tensor<1x3x4x4xi8>
// CHECK: %[[C:.*]] = accel.conv2d %[[Q]], %{{.*}}, %{{.*}} {input_zero_point = -68 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x4x4xi32>
// CHECK: %[[D:.*]] = accel.dequantize %[[C]] {scales = array<f64: {{[^,]+}}, {{[^,]+}}, {{[^,]+}}, {{[^>]+}}>} : tensor<1x4x4x4xi32> -> tensor<1x4x4x4xf32>
// CHECK: %[[Y:.*]] = accel.quantize %[[D]] {max = 127 : i64, min = -128 : i64, scale = 0.05000000074505806 : f64, zero_point = -118 : i64}
// CHECK: %[[F:.*]] = accel.flatten %[[Y]] : tensor<1x4x4x4xi8> -> tensor<1x64xi8>
// CHECK: %[[M:.*]] = accel.matmul %[[F]], %{{.*}} {lhs_zero_point = -118 : i64} : (tensor<1x64xi8>, tensor<64x5xi8>) -> tensor<1x5xi32>
// CHECK: accel.dequantize %[[M]] {scales = array<f64: {{[^,]+}}, {{[^,]+}}, {{[^,]+}}, {{[^,]+}}, {{[^>]+}}>} : tensor<1x5xi32> -> tensor<1x5xf32>
// CHECK-NOT: accel.opaque

// NUMPY: max difference {{[0-9.e-]+}} output steps, {{[0-9]+}}% equal: ok

// FLOAT: accel.conv2d %{{.*}}, %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
// FLOAT: accel.matmul %{{.*}}, %{{.*}} : (tensor<1x64xf32>, tensor<64x5xf32>) -> tensor<1x5xf32>
