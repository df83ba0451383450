// --accel-convert-tosa, layer by layer: NHWC layers are wrapped in
// transposes (which cancel between converted neighbours), weights are
// permuted (OHWI -> OIHW, HWCM -> [C*M, 1, H, W], transposed OHWI -> IOHW),
// TOSA's (top, bottom, left, right) pads become accel's (top, left, bottom,
// right). Quantised layers stay, with a remark; unknown ops stay silently.
// RUN: accel-opt %s --accel-convert-tosa -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @conv_pads
// CHECK: %[[X:.*]] = tosa.transpose %arg0 {perms = array<i32: 0, 3, 1, 2>}
// CHECK: %[[W:.*]] = tosa.transpose %arg1 {perms = array<i32: 0, 3, 1, 2>} : (tensor<8x3x3x4xf32>) -> tensor<8x4x3x3xf32>
// CHECK: %[[C:.*]] = accel.conv2d %[[X]], %[[W]], %arg2 {pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x10x10xf32>, tensor<8x4x3x3xf32>, tensor<8xf32>) -> tensor<1x8x5x5xf32>
// CHECK: tosa.transpose %[[C]] {perms = array<i32: 0, 2, 3, 1>}
func.func @conv_pads(%x: tensor<1x10x10x4xf32>, %w: tensor<8x3x3x4xf32>, %b: tensor<8xf32>) -> tensor<1x5x5x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>} : (tensor<1x10x10x4xf32>, tensor<8x3x3x4xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x5x5x8xf32>
  return %0 : tensor<1x5x5x8xf32>
}

// Output channel c * M + m of TOSA's [KH, KW, C, M] weight is accel's
// channel c * M + m: the constant becomes [1, 2, ..., 8].
// CHECK-LABEL: func.func @depthwise_multiplier
// CHECK: %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}2.000000e+00]]], {{\[\[\[}}3.000000e+00]]], {{\[\[\[}}4.000000e+00]]], {{\[\[\[}}5.000000e+00]]], {{\[\[\[}}6.000000e+00]]], {{\[\[\[}}7.000000e+00]]], {{\[\[\[}}8.000000e+00]]]]> : tensor<8x1x1x1xf32>
// CHECK: accel.conv2d %{{.*}}, %[[W]], %arg1 {groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<8x1x1x1xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
func.func @depthwise_multiplier(%x: tensor<1x8x8x4xf32>, %b: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w = "tosa.const"() <{values = dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]]]> : tensor<1x1x4x2xf32>}> : () -> tensor<1x1x4x2xf32>
  %0 = tosa.depthwise_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xf32>, tensor<1x1x4x2xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// out_pad -1 at the top and left crops one row and column: accel pads.
// CHECK-LABEL: func.func @transpose_conv
// CHECK: %[[W:.*]] = tosa.transpose %arg1 {perms = array<i32: 3, 0, 1, 2>} : (tensor<4x3x3x8xf32>) -> tensor<8x4x3x3xf32>
// CHECK: accel.conv_transpose2d %{{.*}}, %[[W]], %arg2 {pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x8x4x4xf32>, tensor<8x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x8xf32>
func.func @transpose_conv(%x: tensor<1x4x4x8xf32>, %w: tensor<4x3x3x8xf32>, %b: tensor<4xf32>) -> tensor<1x8x8x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.transpose_conv2d %x, %w, %b, %zp, %zp {acc_type = f32, out_pad = array<i64: -1, 0, -1, 0>, stride = array<i64: 2, 2>} : (tensor<1x4x4x8xf32>, tensor<4x3x3x8xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// CHECK-LABEL: func.func @matmul
// CHECK: accel.matmul %arg0, %arg1 : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
func.func @matmul(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.matmul %a, %b, %zp, %zp : (tensor<2x3x4xf32>, tensor<2x4x5xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// The transpose between the two pools cancels.
// CHECK-LABEL: func.func @pools
// CHECK: %[[M:.*]] = accel.pool2d max %{{.*}} {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x4x16x16xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT: accel.pool2d avg %[[M]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x4x4xf32>
func.func @pools(%x: tensor<1x16x16x4xf32>) -> tensor<1x4x4x4xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %0 = tosa.max_pool2d %x {kernel = array<i64: 3, 3>, pad = array<i64: 1, 0, 1, 0>, stride = array<i64: 2, 2>} : (tensor<1x16x16x4xf32>) -> tensor<1x8x8x4xf32>
  %1 = tosa.avg_pool2d %0, %zp, %zp {acc_type = f32, kernel = array<i64: 2, 2>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 2, 2>} : (tensor<1x8x8x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x4x4x4xf32>
  return %1 : tensor<1x4x4x4xf32>
}

// A [1, 1, 1, C] transpose only moves unit dimensions: a reshape.
// CHECK-LABEL: func.func @elementwise
// CHECK: %[[S:.*]] = accel.reshape %arg1 : tensor<1x1x1x4xf32> -> tensor<1x4x1x1xf32>
// CHECK: %[[G:.*]] = accel.activation #accel.act<sigmoid> %[[S]] : tensor<1x4x1x1xf32>
// CHECK: %[[M:.*]] = accel.mul %{{.*}}, %[[G]] : tensor<1x4x8x8xf32>, tensor<1x4x1x1xf32> -> tensor<1x4x8x8xf32>
// CHECK: %[[R:.*]] = accel.activation #accel.act<relu6> %[[M]]
// CHECK: %[[C:.*]] = accel.activation #accel.act<clip, min = -1.000000e+00, max = 1.000000e+00> %[[R]]
// CHECK: accel.activation #accel.act<tanh> %[[C]]
func.func @elementwise(%x: tensor<1x8x8x4xf32>, %s: tensor<1x1x1x4xf32>) -> tensor<1x8x8x4xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %0 = tosa.sigmoid %s : (tensor<1x1x1x4xf32>) -> tensor<1x1x1x4xf32>
  %1 = tosa.mul %x, %0, %shift : (tensor<1x8x8x4xf32>, tensor<1x1x1x4xf32>, tensor<1xi8>) -> tensor<1x8x8x4xf32>
  %2 = tosa.clamp %1 {min_val = 0.0 : f32, max_val = 6.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %3 = tosa.clamp %2 {min_val = -1.0 : f32, max_val = 1.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %4 = tosa.tanh %3 : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %4 : tensor<1x8x8x4xf32>
}

// scale 4/2 = 2 with offset 0: floor(output / 2), accel's nearest. The
// reshape works on the NHWC value, as TOSA's did.
// CHECK-LABEL: func.func @resize_reshape
// CHECK: %[[R:.*]] = accel.resize nearest %{{.*}} {scales = array<i64: 2, 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
// CHECK: %[[T:.*]] = tosa.transpose %[[R]] {perms = array<i32: 0, 2, 3, 1>}
// CHECK: accel.reshape %[[T]] : tensor<1x8x8x8xf32> -> tensor<1x512xf32>
func.func @resize_reshape(%x: tensor<1x4x4x8xf32>) -> tensor<1x512xf32> {
  %scale = tosa.const_shape {values = dense<[4, 2, 4, 2]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %offset = tosa.const_shape {values = dense<0> : tensor<2xindex>} : () -> !tosa.shape<2>
  %border = tosa.const_shape {values = dense<2> : tensor<2xindex>} : () -> !tosa.shape<2>
  %0 = tosa.resize %x, %scale, %offset, %border {mode = NEAREST_NEIGHBOR} : (tensor<1x4x4x8xf32>, !tosa.shape<4>, !tosa.shape<2>, !tosa.shape<2>) -> tensor<1x8x8x8xf32>
  %shape = tosa.const_shape {values = dense<[1, 512]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %1 = tosa.reshape %0, %shape : (tensor<1x8x8x8xf32>, !tosa.shape<2>) -> tensor<1x512xf32>
  return %1 : tensor<1x512xf32>
}

// CHECK-LABEL: func.func @not_converted
// CHECK: tosa.conv2d
// CHECK: tosa.exp
func.func @not_converted(%x: tensor<1x8x8x4xi8>, %w: tensor<8x1x1x4xi8>, %b: tensor<8xi32>, %y: tensor<1x8x8x4xf32>) -> (tensor<1x8x8x8xi32>, tensor<1x8x8x4xf32>) {
  %izp = "tosa.const"() <{values = dense<3> : tensor<1xi8>}> : () -> tensor<1xi8>
  %wzp = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  // expected-remark @+1 {{not converted to accel: quantised (non-zero zero points)}}
  %0 = tosa.conv2d %x, %w, %b, %izp, %wzp {acc_type = i32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x8x8x4xi8>, tensor<8x1x1x4xi8>, tensor<8xi32>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x8x8x8xi32>
  %1 = tosa.exp %y : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %0, %1 : tensor<1x8x8x8xi32>, tensor<1x8x8x4xf32>
}
