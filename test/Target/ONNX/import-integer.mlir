// onnxruntime's integer operators: ConvInteger and MatMulInteger whose
// int32 results are only ever cast to float import as the i8 x i8 -> i32
// layers they are (the uint8 input held as i8 128 lower, zero point 60 ->
// -68; uint8 weights with zero point 128 -> int8 with zero point 0), each
// followed by one dequantization: the Cast is one with scale 1, and the Mul
// by the input and weight scales folds into it (per output channel for the
// convolution, per column for the matmul, through the view of its rows).
// The MatMulInteger of rank-3 activations by a matrix runs on their rows.
// accel-run agrees with numpy's evaluation of the ONNX definitions.
// RUN: accel-translate --import-onnx %onnx_fixtures/conv_integer.onnx 2>&1 | %strip_names | FileCheck %s
// RUN: %python -c "import numpy as n; n.save('%t.x.npy', n.random.default_rng(5).uniform(-1, 2, (1, 3, 4, 4)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/conv_integer.onnx --input=%t.x.npy --output=%t.y.npy
// RUN: %python %S/Inputs/integer_reference.py %onnx_fixtures/conv_integer.onnx %t.x.npy %t.y.npy | FileCheck %s --check-prefix=NUMPY
//
// The first run has the weights as arguments (the default): the scales
// fold all the same, and only the bias is left an argument. Inline, the
// same layers:
// RUN: accel-translate --import-onnx %onnx_fixtures/conv_integer.onnx --onnx-weights=inline 2>&1 | %strip_names | FileCheck %s
//
// With --onnx-quantized-convs=float the layers run in float on the
// integers (ONNX's reference rule) and the Muls stay.
// RUN: accel-translate --import-onnx %onnx_fixtures/conv_integer.onnx --onnx-quantized-convs=float 2>&1 | %strip_names | FileCheck %s --check-prefix=FLOAT
//
// A ConvInteger whose int32 result is read as integers stays opaque, and
// says why; so does a MatMulInteger with a zero point per row of its input.
// Asymmetric weights run in float on the integers, with a warning; weight
// zero points that are not one per output channel are an error.
// RUN: accel-translate --import-onnx %onnx_fixtures/conv_integer_kept.onnx 2>&1 | FileCheck %s --check-prefix=KEPT
// RUN: accel-translate --import-onnx %onnx_fixtures/matmul_integer_row_zero_points.onnx 2>&1 | FileCheck %s --check-prefix=ROWS
// RUN: accel-translate --import-onnx %onnx_fixtures/matmul_integer_batched_weights.onnx 2>&1 | FileCheck %s --check-prefix=BATCHED
// RUN: accel-translate --import-onnx %onnx_fixtures/conv_integer_asymmetric.onnx 2>&1 | FileCheck %s --check-prefix=ASYM
// RUN: not accel-translate --import-onnx %onnx_fixtures/conv_integer_bad_zero_points.onnx 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-NOT: warning
// CHECK: func.func @main(%arg0: tensor<1x3x4x4xf32> {onnx.name = "x"}{{(, %arg1: tensor<1x4x1x1xf32> {accel.weight = "b"})?}}) -> tensor<1x4x5xf32>
// CHECK: %[[Q:.*]] = accel.quantize %arg0 {max = 127 : i64, min = -128 : i64, scale = 0.019999999552965164 : f64, zero_point = -68 : i64}
// CHECK: %[[C:.*]] = accel.conv2d %[[Q]], %{{.*}} {input_zero_point = -68 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x4x4xi32>
// CHECK: %[[D:.*]] = accel.dequantize %[[C]] {scales = array<f64: 7.5347015808802098E-5, 6.3493673224002123E-5, 5.6720153224887326E-5, 6.7072120145894587E-5>} : tensor<1x4x4x4xi32> -> tensor<1x4x4x4xf32>
// CHECK: %[[B:.*]] = accel.add %[[D]], %{{.*}} {activation = #accel.act<relu>}
// CHECK: %[[Y:.*]] = accel.quantize %[[B]] {max = 127 : i64, min = -128 : i64, scale = 0.05000000074505806 : f64, zero_point = -118 : i64}
// CHECK: %[[R:.*]] = accel.reshape %[[Y]] : tensor<1x4x4x4xi8> -> tensor<4x16xi8>
// CHECK: %[[M:.*]] = accel.matmul %[[R]], %{{.*}} {lhs_zero_point = -118 : i64} : (tensor<4x16xi8>, tensor<16x5xi8>) -> tensor<4x5xi32>
// CHECK: %[[O:.*]] = accel.dequantize %[[M]] {scales = array<f64: 1.881460048025474E-4, 1.9126835104543716E-4, 1.9332491501700133E-4, 1.9117363262921572E-4, 1.4658547297585756E-4>} : tensor<4x5xi32> -> tensor<4x5xf32>
// CHECK: %[[V:.*]] = accel.reshape %[[O]] : tensor<4x5xf32> -> tensor<1x4x5xf32>
// CHECK-NEXT: return %[[V]]

// NUMPY: max difference {{[0-9.e-]+}} requantization steps, {{[0-9]+}}% equal: ok

// FLOAT: accel.conv2d %{{.*}}, %{{.*}} {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x4x4xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
// FLOAT-NEXT: accel.mul
// FLOAT: accel.matmul %{{.*}}, %{{.*}} : (tensor<4x16xf32>, tensor<16x5xf32>) -> tensor<4x5xf32>
// FLOAT-NEXT: accel.reshape %{{.*}} : tensor<4x5xf32> -> tensor<1x4x5xf32>
// FLOAT-NEXT: accel.mul

// KEPT: warning: node 'conv' (ConvInteger): unsupported ONNX operator 'ConvInteger' kept as accel.opaque (its int32 result is read as integers (by 'to_int64', Cast))
// KEPT: accel.opaque "onnx.ConvInteger"

// ROWS: warning: node 'fc' (MatMulInteger): unsupported ONNX operator 'MatMulInteger' kept as accel.opaque (it has a zero point per row of its input, where a dequantization takes one)

// BATCHED: warning: node 'fc' (MatMulInteger): unsupported ONNX operator 'MatMulInteger' kept as accel.opaque (it has a zero point per column of weights that are not a constant matrix)

// ASYM: warning: node 'conv' (ConvInteger, as Conv): runs in float on the dequantized values: its weights' zero point is 3 (an integer layer takes symmetric weights)
// ASYM: accel.conv2d %{{.*}}, %{{.*}} : (tensor<1x3x4x4xf32>, tensor<4x3x1x1xf32>) -> tensor<1x4x4x4xf32>

// BAD: error: node 'conv' (ConvInteger): has 3 weight zero points for 4 output channels
