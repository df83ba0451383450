// Round trip (custom and generic form) of every accel op: conv2d, conv_transpose2d, matmul, pool2d, add, mul, activation, layer_norm, quantize, dequantize, resize, concat, reshape, flatten, opaque, group, yield.

// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv2d_plain
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x8x16x16xf32>, %[[W:[a-z0-9_]+]]: tensor<16x8x3x3xf32>)
// CHECK: %[[R:[a-z0-9_]+]] = accel.conv2d %[[X]], %[[W]] : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
// CHECK: return %[[R]]
// Defaulted attributes are materialized in the generic form.
// GENERIC-LABEL: sym_name = "conv2d_plain"
// GENERIC: "accel.conv2d"(%{{.+}}, %{{.+}}) <{dilations = array<i64: 1, 1>, groups = 1 : i64, input_zero_point = 0 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>}> : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
func.func @conv2d_plain(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  %0 = accel.conv2d %x, %w : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// CHECK-LABEL: func.func @conv2d_bias
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x8x16x16xf32>, %[[W:[a-z0-9_]+]]: tensor<16x8x3x3xf32>, %[[B:[a-z0-9_]+]]: tensor<16xf32>)
// CHECK: accel.conv2d %[[X]], %[[W]], %[[B]] : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>) -> tensor<1x16x14x14xf32>
func.func @conv2d_bias(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x14x14xf32> {
  %0 = accel.conv2d %x, %w, %b : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>, tensor<16xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// Explicit default values (strides 1x1, groups 1) are elided when printing.
// CHECK-LABEL: func.func @conv2d_defaults_elided
// CHECK: accel.conv2d %{{.+}}, %{{.+}} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
func.func @conv2d_defaults_elided(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  %0 = accel.conv2d %x, %w {strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, groups = 1 : i64} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// CHECK-LABEL: func.func @conv2d_window
// CHECK: accel.conv2d %{{.+}}, %{{.+}} {dilations = array<i64: 2, 1>, pads = array<i64: 1, 1, 1, 0>, strides = array<i64: 2, 2>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x7x8xf32>
func.func @conv2d_window(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x7x8xf32> {
  %0 = accel.conv2d %x, %w {strides = array<i64: 2, 2>, dilations = array<i64: 2, 1>, pads = array<i64: 1, 1, 1, 0>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x7x8xf32>
  return %0 : tensor<1x16x7x8xf32>
}

// CHECK-LABEL: func.func @conv2d_grouped
// CHECK: accel.conv2d %{{.+}}, %{{.+}} {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<2x8x16x16xf32>, tensor<16x2x3x3xf32>) -> tensor<2x16x16x16xf32>
func.func @conv2d_grouped(%x: tensor<2x8x16x16xf32>, %w: tensor<16x2x3x3xf32>) -> tensor<2x16x16x16xf32> {
  %0 = accel.conv2d %x, %w {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<2x8x16x16xf32>, tensor<16x2x3x3xf32>) -> tensor<2x16x16x16xf32>
  return %0 : tensor<2x16x16x16xf32>
}

// Depthwise: groups = C, weight [C, 1, R, S].
// CHECK-LABEL: func.func @conv2d_depthwise
// CHECK: accel.conv2d %{{.+}}, %{{.+}} {groups = 32 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x16x16xf16>, tensor<32x1x3x3xf16>) -> tensor<1x32x16x16xf16>
func.func @conv2d_depthwise(%x: tensor<1x32x16x16xf16>, %w: tensor<32x1x3x3xf16>) -> tensor<1x32x16x16xf16> {
  %0 = accel.conv2d %x, %w {groups = 32 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x16x16xf16>, tensor<32x1x3x3xf16>) -> tensor<1x32x16x16xf16>
  return %0 : tensor<1x32x16x16xf16>
}

// CHECK-LABEL: func.func @conv2d_fused
// CHECK: accel.conv2d %{{.+}}, %{{.+}}, %{{.+}} {activation = #accel.act<relu6>, mapping = #accel.mapping<[K*16 | P:16 Q:16 K:1]>} : (tensor<1x8x16x16xi8>, tensor<16x8x1x1xi8>, tensor<16xi8>) -> tensor<1x16x16x16xi8>
func.func @conv2d_fused(%x: tensor<1x8x16x16xi8>, %w: tensor<16x8x1x1xi8>, %b: tensor<16xi8>) -> tensor<1x16x16x16xi8> {
  %0 = accel.conv2d %x, %w, %b {mapping = #accel.mapping<[K*16 | P:16 Q:16 K:1]>, activation = #accel.act<relu6>} : (tensor<1x8x16x16xi8>, tensor<16x8x1x1xi8>, tensor<16xi8>) -> tensor<1x16x16x16xi8>
  return %0 : tensor<1x16x16x16xi8>
}

//===----------------------------------------------------------------------===//
// conv_transpose2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @conv_transpose2d
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x16x8x8xf32>, %[[W:[a-z0-9_]+]]: tensor<16x8x3x3xf32>, %[[B:[a-z0-9_]+]]: tensor<8xf32>)
// CHECK: accel.conv_transpose2d %[[X]], %[[W]], %[[B]] {activation = #accel.act<sigmoid>, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
func.func @conv_transpose2d(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x16x16xf32> {
  %0 = accel.conv_transpose2d %x, %w, %b {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>, activation = #accel.act<sigmoid>} : (tensor<1x16x8x8xf32>, tensor<16x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

// Grouped, weight [C, K/groups, R, S], no bias.
// CHECK-LABEL: func.func @conv_transpose2d_grouped
// CHECK: accel.conv_transpose2d %{{.+}}, %{{.+}} {groups = 2 : i64, mapping = #accel.mapping<[G*2 | G:1 K:4]>, strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x4x2x2xf32>) -> tensor<1x8x16x16xf32>
// GENERIC-LABEL: sym_name = "conv_transpose2d_grouped"
// GENERIC: "accel.conv_transpose2d"(%{{.+}}, %{{.+}}) <{dilations = array<i64: 1, 1>, groups = 2 : i64, mapping = #accel.mapping<[G*2 | G:1 K:4]>, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}>
func.func @conv_transpose2d_grouped(%x: tensor<1x16x8x8xf32>, %w: tensor<16x4x2x2xf32>) -> tensor<1x8x16x16xf32> {
  %0 = accel.conv_transpose2d %x, %w {groups = 2 : i64, strides = array<i64: 2, 2>, mapping = #accel.mapping<[G*2 | G:1 K:4]>} : (tensor<1x16x8x8xf32>, tensor<16x4x2x2xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

// Fully-connected layer: rhs [N, K] with transpose_rhs, bias [N].
// CHECK-LABEL: func.func @matmul_fc
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<4x512xf32>, %[[W:[a-z0-9_]+]]: tensor<1000x512xf32>, %[[B:[a-z0-9_]+]]: tensor<1000xf32>)
// CHECK: accel.matmul %[[A]], %[[W]], %[[B]] {activation = #accel.act<leaky_relu, alpha = 1.000000e-02>, transpose_rhs} : (tensor<4x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<4x1000xf32>
func.func @matmul_fc(%x: tensor<4x512xf32>, %w: tensor<1000x512xf32>, %b: tensor<1000xf32>) -> tensor<4x1000xf32> {
  %0 = accel.matmul %x, %w, %b {transpose_rhs, activation = #accel.act<leaky_relu, alpha = 0.01>} : (tensor<4x512xf32>, tensor<1000x512xf32>, tensor<1000xf32>) -> tensor<4x1000xf32>
  return %0 : tensor<4x1000xf32>
}

// CHECK-LABEL: func.func @matmul_plain
// CHECK: accel.matmul %{{.+}}, %{{.+}} : (tensor<4x32xi32>, tensor<32x16xi32>) -> tensor<4x16xi32>
func.func @matmul_plain(%a: tensor<4x32xi32>, %b: tensor<32x16xi32>) -> tensor<4x16xi32> {
  %0 = accel.matmul %a, %b : (tensor<4x32xi32>, tensor<32x16xi32>) -> tensor<4x16xi32>
  return %0 : tensor<4x16xi32>
}

// Batched: rank 3, the batch is the G loop.
// CHECK-LABEL: func.func @matmul_batched
// CHECK: accel.matmul %{{.+}}, %{{.+}} {mapping = #accel.mapping<[G*8 | G:1 N:16 K:64 C:32]>} : (tensor<8x16x32xbf16>, tensor<8x32x64xbf16>) -> tensor<8x16x64xbf16>
func.func @matmul_batched(%a: tensor<8x16x32xbf16>, %b: tensor<8x32x64xbf16>) -> tensor<8x16x64xbf16> {
  %0 = accel.matmul %a, %b {mapping = #accel.mapping<[G*8 | G:1 N:16 K:64 C:32]>} : (tensor<8x16x32xbf16>, tensor<8x32x64xbf16>) -> tensor<8x16x64xbf16>
  return %0 : tensor<8x16x64xbf16>
}

//===----------------------------------------------------------------------===//
// pool2d
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @pool2d_max
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x8x16x16xf32>)
// CHECK: accel.pool2d max %[[X]] {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
// GENERIC-LABEL: sym_name = "pool2d_max"
// GENERIC: "accel.pool2d"(%{{.+}}) <{dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, kind = #accel<pool_kind max>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32>
func.func @pool2d_max(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  %0 = accel.pool2d max %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// ceil_mode: 15 -> 8 with kernel 2, stride 2.
// CHECK-LABEL: func.func @pool2d_avg
// CHECK: accel.pool2d avg %{{.+}} {ceil_mode, count_include_pad, kernel = array<i64: 2, 2>, mapping = #accel.mapping<[G*8 | G:1 P:8 Q:8]>, strides = array<i64: 2, 2>} : tensor<1x8x15x15xf32> -> tensor<1x8x8x8xf32>
func.func @pool2d_avg(%x: tensor<1x8x15x15xf32>) -> tensor<1x8x8x8xf32> {
  %0 = accel.pool2d avg %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, ceil_mode, count_include_pad, mapping = #accel.mapping<[G*8 | G:1 P:8 Q:8]>} : tensor<1x8x15x15xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// CHECK-LABEL: func.func @pool2d_global
// CHECK: accel.pool2d avg %{{.+}} {global} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
// CHECK: accel.pool2d max %{{.+}} {global} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
func.func @pool2d_global(%x: tensor<1x8x7x7xf32>) -> (tensor<1x8x1x1xf32>, tensor<1x8x1x1xf32>) {
  %0 = accel.pool2d avg %x {global} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
  %1 = accel.pool2d max %x {global} : tensor<1x8x7x7xf32> -> tensor<1x8x1x1xf32>
  return %0, %1 : tensor<1x8x1x1xf32>, tensor<1x8x1x1xf32>
}

//===----------------------------------------------------------------------===//
// add, mul
//===----------------------------------------------------------------------===//

// Squeeze-excite style broadcasting: [1, C, H, W] x [1, C, 1, 1].
// CHECK-LABEL: func.func @add_mul
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x8x16x16xf32>, %[[S:[a-z0-9_]+]]: tensor<1x8x1x1xf32>)
// CHECK: %[[M:[a-z0-9_]+]] = accel.mul %[[X]], %[[S]] : tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x16x16xf32>
// CHECK: %[[A:[a-z0-9_]+]] = accel.add %[[M]], %[[X]] {activation = #accel.act<relu>} : tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
// CHECK: %[[B:[a-z0-9_]+]] = accel.add %[[S]], %[[A]] : tensor<1x8x1x1xf32>, tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
// CHECK: %[[C:[a-z0-9_]+]] = accel.mul %[[B]], %[[S]] {mapping = #accel.mapping<[G*8 | G:1 P:4]>} : tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x16x16xf32>
// CHECK: return %[[C]]
func.func @add_mul(%x: tensor<1x8x16x16xf32>, %s: tensor<1x8x1x1xf32>) -> tensor<1x8x16x16xf32> {
  %0 = accel.mul %x, %s : tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x16x16xf32>
  %1 = accel.add %0, %x {activation = #accel.act<relu>} : tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
  %2 = accel.add %s, %1 : tensor<1x8x1x1xf32>, tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
  %3 = accel.mul %2, %s {mapping = #accel.mapping<[G*8 | G:1 P:4]>} : tensor<1x8x16x16xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x16x16xf32>
  return %3 : tensor<1x8x16x16xf32>
}

// Rank-extending broadcast: [C] against [N, C].
// CHECK-LABEL: func.func @add_rank_broadcast
// CHECK: accel.add %{{.+}}, %{{.+}} : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
func.func @add_rank_broadcast(%a: tensor<4x16xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %0 = accel.add %a, %b : tensor<4x16xf32>, tensor<16xf32> -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

//===----------------------------------------------------------------------===//
// activation
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @activations
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x8x4x4xf32>)
// CHECK: %[[A0:[a-z0-9_]+]] = accel.activation #accel.act<relu> %[[X]] : tensor<1x8x4x4xf32>
// CHECK: %[[A1:[a-z0-9_]+]] = accel.activation #accel.act<relu6> %[[A0]] : tensor<1x8x4x4xf32>
// CHECK: %[[A2:[a-z0-9_]+]] = accel.activation #accel.act<clip, min = -1.000000e+00, max = 1.000000e+00> %[[A1]] : tensor<1x8x4x4xf32>
// CHECK: %[[A3:[a-z0-9_]+]] = accel.activation #accel.act<sigmoid> %[[A2]] : tensor<1x8x4x4xf32>
// CHECK: %[[A4:[a-z0-9_]+]] = accel.activation #accel.act<hard_sigmoid, alpha = 2.000000e-01, beta = 5.000000e-01> %[[A3]] : tensor<1x8x4x4xf32>
// CHECK: %[[A5:[a-z0-9_]+]] = accel.activation #accel.act<hard_swish> %[[A4]] : tensor<1x8x4x4xf32>
// CHECK: %[[A6:[a-z0-9_]+]] = accel.activation #accel.act<leaky_relu, alpha = 1.000000e-01> %[[A5]] : tensor<1x8x4x4xf32>
// CHECK: %[[A7:[a-z0-9_]+]] = accel.activation #accel.act<tanh> %[[A6]] {mapping = #accel.mapping<[G*8 | G:1 P:2]>} : tensor<1x8x4x4xf32>
// CHECK: return %[[A7]]
// GENERIC-LABEL: sym_name = "activations"
// GENERIC: "accel.activation"(%{{.+}}) <{act = #accel.act<relu>}> : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
func.func @activations(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %0 = accel.activation #accel.act<relu> %x : tensor<1x8x4x4xf32>
  %1 = accel.activation #accel.act<relu6> %0 : tensor<1x8x4x4xf32>
  %2 = accel.activation #accel.act<clip, min = -1.0, max = 1.0> %1 : tensor<1x8x4x4xf32>
  %3 = accel.activation #accel.act<sigmoid> %2 : tensor<1x8x4x4xf32>
  %4 = accel.activation #accel.act<hard_sigmoid, alpha = 0.2, beta = 0.5> %3 : tensor<1x8x4x4xf32>
  %5 = accel.activation #accel.act<hard_swish> %4 : tensor<1x8x4x4xf32>
  %6 = accel.activation #accel.act<leaky_relu, alpha = 0.1> %5 : tensor<1x8x4x4xf32>
  %7 = accel.activation #accel.act<tanh> %6 {mapping = #accel.mapping<[G*8 | G:1 P:2]>} : tensor<1x8x4x4xf32>
  return %7 : tensor<1x8x4x4xf32>
}

//===----------------------------------------------------------------------===//
// layer_norm
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @layer_norm
// CHECK: accel.layer_norm %{{.+}} {epsilon = 9.9999999999999995E-7 : f64, mapping = #accel.mapping<[G*4 | G:1 P:4 Q:8]>} : tensor<1x4x4x8xf32>
// GENERIC: "accel.layer_norm"(%{{.+}}) <{axis = -1 : i64, epsilon = 9.9999999999999995E-7 : f64, mapping = #accel.mapping<[G*4 | G:1 P:4 Q:8]>}> : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
func.func @layer_norm(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %0 = accel.layer_norm %x {epsilon = 1.0e-06 : f64, mapping = #accel.mapping<[G*4 | G:1 P:4 Q:8]>} : tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// Over the channels of NCHW data (axis 1; the default -1 is not printed).
// CHECK-LABEL: func.func @layer_norm_channels
// CHECK: accel.layer_norm %{{.+}} {axis = 1 : i64, epsilon = 9.9999999999999995E-7 : f64} : tensor<1x8x4x4xf32>
// CHECK: accel.layer_norm %{{.+}} {epsilon = 9.9999999999999995E-7 : f64} : tensor<1x8x4x4xf32>
// GENERIC: "accel.layer_norm"(%{{.+}}) <{axis = 1 : i64, epsilon = 9.9999999999999995E-7 : f64}> : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
func.func @layer_norm_channels(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  %0 = accel.layer_norm %x {axis = 1 : i64, epsilon = 1.0e-06 : f64} : tensor<1x8x4x4xf32>
  %1 = accel.layer_norm %0 {axis = -1 : i64, epsilon = 1.0e-06 : f64} : tensor<1x8x4x4xf32>
  return %1 : tensor<1x8x4x4xf32>
}

//===----------------------------------------------------------------------===//
// quantize, integer conv2d, dequantize
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @quantized_conv
// CHECK: %[[Q:.+]] = accel.quantize %{{.+}} {max = -1 : i64, min = -128 : i64, scale = 2.000000e-02 : f64, zero_point = -68 : i64} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xi8>
// CHECK: %[[C:.+]] = accel.conv2d %[[Q]], %{{.+}}, %{{.+}} {input_zero_point = -68 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x8x8xi32>
// CHECK: accel.dequantize %[[C]] {scales = array<f64: 1.000000e-04, 2.000000e-04, 3.000000e-04, 4.000000e-04>} : tensor<1x4x8x8xi32> -> tensor<1x4x8x8xf32>
// GENERIC: "accel.quantize"(%{{.+}}) <{max = -1 : i64, min = -128 : i64, scale = 2.000000e-02 : f64, zero_point = -68 : i64}>
// GENERIC: "accel.dequantize"(%{{.+}}) <{axis = 1 : i64, scales = array<f64: 1.000000e-04, 2.000000e-04, 3.000000e-04, 4.000000e-04>, zero_point = 0 : i64}>
func.func @quantized_conv(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xi8>, %b: tensor<4xi32>) -> tensor<1x4x8x8xf32> {
  %q = accel.quantize %x {scale = 0.02 : f64, zero_point = -68 : i64, min = -128 : i64, max = -1 : i64} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xi8>
  %c = accel.conv2d %q, %w, %b {pads = array<i64: 1, 1, 1, 1>, input_zero_point = -68 : i64} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>, tensor<4xi32>) -> tensor<1x4x8x8xi32>
  %y = accel.dequantize %c {scales = array<f64: 1.0e-4, 2.0e-4, 3.0e-4, 4.0e-4>} : tensor<1x4x8x8xi32> -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @quantized_matmul
// CHECK: accel.matmul %{{.+}}, %{{.+}} {lhs_zero_point = -5 : i64, transpose_rhs} : (tensor<2x8xi8>, tensor<4x8xi8>) -> tensor<2x4xi32>
func.func @quantized_matmul(%x: tensor<2x8xi8>, %w: tensor<4x8xi8>) -> tensor<2x4xi32> {
  %0 = accel.matmul %x, %w {transpose_rhs, lhs_zero_point = -5 : i64} : (tensor<2x8xi8>, tensor<4x8xi8>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

//===----------------------------------------------------------------------===//
// resize
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @resize
// CHECK: accel.resize nearest %{{.+}} {scales = array<i64: 2, 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
// CHECK: accel.resize bilinear %{{.+}} {scales = array<i64: 2, 3>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x12xf32>
// CHECK: accel.resize bilinear %{{.+}} {align_corners, scales = array<i64: 2, 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
// GENERIC-LABEL: sym_name = "resize"
// GENERIC: "accel.resize"(%{{.+}}) <{mode = #accel<resize_mode nearest>, scales = array<i64: 2, 2>}>
func.func @resize(%x: tensor<1x8x4x4xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x8x12xf32>, tensor<1x8x8x8xf32>) {
  %0 = accel.resize nearest %x {scales = array<i64: 2, 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
  %1 = accel.resize bilinear %x {scales = array<i64: 2, 3>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x12xf32>
  %2 = accel.resize bilinear %x {align_corners, scales = array<i64: 2, 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
  return %0, %1, %2 : tensor<1x8x8x8xf32>, tensor<1x8x8x12xf32>, tensor<1x8x8x8xf32>
}

//===----------------------------------------------------------------------===//
// concat, reshape, flatten
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:[a-z0-9_]+]]: tensor<1x8x4x4xf32>, %[[B:[a-z0-9_]+]]: tensor<1x16x4x4xf32>)
// CHECK: accel.concat %[[A]], %[[B]], %[[A]] {axis = 1 : i64} : (tensor<1x8x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x32x4x4xf32>
// CHECK: accel.concat %[[A]] {axis = 3 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
func.func @concat(%a: tensor<1x8x4x4xf32>, %b: tensor<1x16x4x4xf32>) -> (tensor<1x32x4x4xf32>, tensor<1x8x4x4xf32>) {
  %0 = accel.concat %a, %b, %a {axis = 1 : i64} : (tensor<1x8x4x4xf32>, tensor<1x16x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x32x4x4xf32>
  %1 = accel.concat %a {axis = 3 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0, %1 : tensor<1x32x4x4xf32>, tensor<1x8x4x4xf32>
}

// CHECK-LABEL: func.func @reshape_flatten
// CHECK: accel.reshape %{{.+}} : tensor<1x8x4x4xf32> -> tensor<1x128xf32>
// CHECK: accel.flatten %{{.+}} {axis = 2 : i64} : tensor<1x8x4x4xf32> -> tensor<8x16xf32>
// CHECK: accel.flatten %{{.+}} : tensor<1x8x4x4xf32> -> tensor<1x128xf32>
// CHECK: accel.flatten %{{.+}} {axis = 0 : i64} : tensor<1x8x4x4xf32> -> tensor<1x128xf32>
// CHECK: accel.flatten %{{.+}} {axis = 4 : i64} : tensor<1x8x4x4xf32> -> tensor<128x1xf32>
func.func @reshape_flatten(%x: tensor<1x8x4x4xf32>) -> (tensor<1x128xf32>, tensor<8x16xf32>, tensor<1x128xf32>, tensor<1x128xf32>, tensor<128x1xf32>) {
  %0 = accel.reshape %x : tensor<1x8x4x4xf32> -> tensor<1x128xf32>
  %1 = accel.flatten %x {axis = 2 : i64} : tensor<1x8x4x4xf32> -> tensor<8x16xf32>
  %2 = accel.flatten %x : tensor<1x8x4x4xf32> -> tensor<1x128xf32>
  %3 = accel.flatten %x {axis = 0 : i64} : tensor<1x8x4x4xf32> -> tensor<1x128xf32>
  %4 = accel.flatten %x {axis = 4 : i64} : tensor<1x8x4x4xf32> -> tensor<128x1xf32>
  return %0, %1, %2, %3, %4 : tensor<1x128xf32>, tensor<8x16xf32>, tensor<1x128xf32>, tensor<1x128xf32>, tensor<128x1xf32>
}

//===----------------------------------------------------------------------===//
// opaque
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @opaque
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x1000xf32>, %[[K:[a-z0-9_]+]]: i64)
// CHECK: accel.opaque "custom.Print"(%[[X]]) : (tensor<1x1000xf32>) -> ()
// CHECK: %[[S:[a-z0-9_]+]] = accel.opaque "onnx.Softmax"(%[[X]]) {axis = 1 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
// CHECK: %[[T:[a-z0-9_]+]]:2 = accel.opaque "onnx.TopK"(%[[S]], %[[K]]) {axis = -1 : i64, largest = 1 : i64, mode = "fast"} : (tensor<1x1000xf32>, i64) -> (tensor<1x10xi64>, tensor<1x10xf32>)
// CHECK: accel.opaque "onnx.Constant"() {value = dense<0.000000e+00> : tensor<1xf32>} : () -> tensor<1xf32>
// CHECK: return %[[S]], %[[T]]#0, %[[T]]#1
// GENERIC-LABEL: sym_name = "opaque"
// GENERIC: "accel.opaque"(%{{.+}}) <{op_name = "onnx.Softmax"}> {axis = 1 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
func.func @opaque(%x: tensor<1x1000xf32>, %k: i64) -> (tensor<1x1000xf32>, tensor<1x10xi64>, tensor<1x10xf32>) {
  accel.opaque "custom.Print"(%x) : (tensor<1x1000xf32>) -> ()
  %0 = accel.opaque "onnx.Softmax"(%x) {axis = 1 : i64} : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
  %1:2 = accel.opaque "onnx.TopK"(%0, %k) {axis = -1 : i64, largest = 1 : i64, mode = "fast"} : (tensor<1x1000xf32>, i64) -> (tensor<1x10xi64>, tensor<1x10xf32>)
  %2 = accel.opaque "onnx.Constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  return %0, %1#0, %1#1 : tensor<1x1000xf32>, tensor<1x10xi64>, tensor<1x10xf32>
}

//===----------------------------------------------------------------------===//
// group, yield
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @group
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: tensor<1x8x8x8xf32>, %[[W0:[a-z0-9_]+]]: tensor<8x8x3x3xf32>, %[[W1:[a-z0-9_]+]]: tensor<8x8x1x1xf32>)
// CHECK: %[[G:[a-z0-9_]+]]:2 = accel.group (%[[A:[a-z0-9_]+]] = %[[X]], %[[W:[a-z0-9_]+]] = %[[W0]], %[[V:[a-z0-9_]+]] = %[[W1]]) : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8x8x1x1xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>) attributes {name = "block1"} {
// CHECK-NEXT: %[[Y:[a-z0-9_]+]] = accel.conv2d %[[A]], %[[W]] {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
// CHECK-NEXT: %[[Z:[a-z0-9_]+]] = accel.conv2d %[[Y]], %[[V]] : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
// CHECK-NEXT: %[[P:[a-z0-9_]+]] = accel.pool2d max %[[Z]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x8xf32> -> tensor<1x8x4x4xf32>
// CHECK-NEXT: accel.yield %[[Z]], %[[P]] : tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>
// CHECK-NEXT: }
// CHECK-NEXT: return %[[G]]#0, %[[G]]#1
// GENERIC-LABEL: sym_name = "group"
// GENERIC: "accel.group"(%{{.+}}, %{{.+}}, %{{.+}}) <{name = "block1"}> ({
// GENERIC: "accel.yield"(%{{.+}}, %{{.+}}) : (tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>) -> ()
// GENERIC: }) : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8x8x1x1xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>)
func.func @group(%x: tensor<1x8x8x8xf32>, %w0: tensor<8x8x3x3xf32>, %w1: tensor<8x8x1x1xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>) {
  %r:2 = accel.group (%a = %x, %w = %w0, %v = %w1) : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>, tensor<8x8x1x1xf32>) -> (tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>) attributes {name = "block1"} {
    %y = accel.conv2d %a, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
    %z = accel.conv2d %y, %v : (tensor<1x8x8x8xf32>, tensor<8x8x1x1xf32>) -> tensor<1x8x8x8xf32>
    %p = accel.pool2d max %z {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x8x8xf32> -> tensor<1x8x4x4xf32>
    accel.yield %z, %p : tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>
  }
  return %r#0, %r#1 : tensor<1x8x8x8xf32>, tensor<1x8x4x4xf32>
}

// One input, one result, unnamed: the result type is printed without parentheses.
// CHECK-LABEL: func.func @group_single
// CHECK: %[[G:[a-z0-9_]+]] = accel.group (%[[A:[a-z0-9_]+]] = %{{.+}}) : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
// CHECK-NEXT: %[[Y:[a-z0-9_]+]] = accel.activation #accel.act<relu> %[[A]] : tensor<1x8x8x8xf32>
// CHECK-NEXT: accel.yield %[[Y]] : tensor<1x8x8x8xf32>
// CHECK-NEXT: }
func.func @group_single(%x: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
  %r = accel.group (%a = %x) : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
    %y = accel.activation #accel.act<relu> %a : tensor<1x8x8x8xf32>
    accel.yield %y : tensor<1x8x8x8xf32>
  }
  return %r : tensor<1x8x8x8xf32>
}

// No inputs: a constant inside.
// CHECK-LABEL: func.func @group_no_inputs
// CHECK: accel.group () : () -> tensor<1x2x2x2xf32> {
// CHECK-NEXT: %[[C:[a-z0-9_]+]] = arith.constant dense<1.000000e+00> : tensor<1x2x2x2xf32>
// CHECK-NEXT: %[[Y:[a-z0-9_]+]] = accel.activation #accel.act<relu> %[[C]] : tensor<1x2x2x2xf32>
// CHECK-NEXT: accel.yield %[[Y]] : tensor<1x2x2x2xf32>
func.func @group_no_inputs() -> tensor<1x2x2x2xf32> {
  %r = accel.group () : () -> tensor<1x2x2x2xf32> {
    %c = arith.constant dense<1.0> : tensor<1x2x2x2xf32>
    %y = accel.activation #accel.act<relu> %c : tensor<1x2x2x2xf32>
    accel.yield %y : tensor<1x2x2x2xf32>
  }
  return %r : tensor<1x2x2x2xf32>
}

// Schedules: rows, halos, weights, double buffering, split, mode, shares;
// defaults are left out when printed.
// CHECK-LABEL: func.func @group_schedules
// CHECK: attributes {schedule = #accel.schedule<rows = 2>}
// CHECK: attributes {schedule = #accel.schedule<rows = 1, halo = recompute, weights = streamed, double_buffer = false, split = weights(4096)>}
// CHECK: attributes {schedule = #accel.schedule<rows = 4, split = shared, mode = pipelined, pes = [3, 5]>}
func.func @group_schedules(%x: tensor<1x8x8x8xf32>, %w: tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32> {
  %a = accel.group (%i = %x) : (tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> attributes {schedule = #accel.schedule<rows = 2, halo = keep, weights = resident, double_buffer = true, split = arch, mode = depth_first>} {
    %y = accel.activation #accel.act<relu> %i : tensor<1x8x8x8xf32>
    accel.yield %y : tensor<1x8x8x8xf32>
  }
  %b = accel.group (%i = %a, %k = %w) : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32> attributes {schedule = #accel.schedule<weights = streamed, rows = 1, split = weights(4096), halo = recompute, double_buffer = false>} {
    %y = accel.conv2d %i, %k {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
    accel.yield %y : tensor<1x8x8x8xf32>
  }
  %c = accel.group (%i = %b, %k = %w) : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32> attributes {schedule = #accel.schedule<rows = 4, mode = pipelined, pes = [3, 5], split = shared>} {
    %y = accel.conv2d %i, %k {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x8x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x8x8xf32>
    %z = accel.activation #accel.act<relu> %y : tensor<1x8x8x8xf32>
    accel.yield %z : tensor<1x8x8x8xf32>
  }
  return %c : tensor<1x8x8x8xf32>
}

// A group's default schedule takes the height of what its layers produce
// (3 rows here), not of an argument it passes straight through (16 rows).
// CHECK-LABEL: func.func @group_pass_through
// CHECK: accel.yield %{{.+}}, %{{.+}} : tensor<1x8x16x8xf32>, tensor<1x8x3x8xf32>
func.func @group_pass_through(%x: tensor<1x8x16x8xf32>, %y: tensor<1x8x3x8xf32>) -> (tensor<1x8x16x8xf32>, tensor<1x8x3x8xf32>) {
  %0:2 = accel.group (%a = %x, %b = %y) : (tensor<1x8x16x8xf32>, tensor<1x8x3x8xf32>) -> (tensor<1x8x16x8xf32>, tensor<1x8x3x8xf32>) {
    %z = accel.activation #accel.act<relu> %b : tensor<1x8x3x8xf32>
    accel.yield %a, %z : tensor<1x8x16x8xf32>, tensor<1x8x3x8xf32>
  }
  return %0#0, %0#1 : tensor<1x8x16x8xf32>, tensor<1x8x3x8xf32>
}
