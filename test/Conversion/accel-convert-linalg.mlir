// --accel-convert-linalg, op by op: NHWC convolutions through linalg.transpose
// (HWCF -> FCHW and HWC -> [C, 1, H, W] weights), a -inf tensor.pad absorbed
// into a max pooling, a zero-filled matmul, a batch matmul whose accumulator
// is added back, named and generic elementwise ops; a sum pooling stays with
// a remark.
// RUN: accel-opt %s --accel-convert-linalg -verify-diagnostics | FileCheck %s

// CHECK-LABEL: func.func @conv_nhwc
// CHECK: %[[X:.*]] = linalg.transpose ins(%arg0 : tensor<1x10x10x4xf32>) {{.*}} permutation = [0, 3, 1, 2]
// CHECK: %[[W:.*]] = linalg.transpose ins(%arg1 : tensor<3x3x4x8xf32>) {{.*}} permutation = [3, 2, 0, 1]
// CHECK: %[[C:.*]] = accel.conv2d %[[X]], %[[W]] {strides = array<i64: 2, 2>} : (tensor<1x4x10x10xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x4x4xf32>
// CHECK: linalg.transpose ins(%[[C]] : tensor<1x8x4x4xf32>) {{.*}} permutation = [0, 2, 3, 1]
func.func @conv_nhwc(%x: tensor<1x10x10x4xf32>, %w: tensor<3x3x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %0 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %w : tensor<1x10x10x4xf32>, tensor<3x3x4x8xf32>) outs(%f : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// CHECK-LABEL: func.func @depthwise_nhwc
// CHECK: %[[W:.*]] = linalg.transpose ins(%arg1 : tensor<3x3x4xf32>) {{.*}} permutation = [2, 0, 1]
// CHECK: %[[W4:.*]] = accel.reshape %[[W]] : tensor<4x3x3xf32> -> tensor<4x1x3x3xf32>
// CHECK: accel.conv2d %{{.*}}, %[[W4]] {dilations = array<i64: 2, 2>, groups = 4 : i64} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32>
func.func @depthwise_nhwc(%x: tensor<1x8x8x4xf32>, %w: tensor<3x3x4xf32>) -> tensor<1x4x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %0 = linalg.depthwise_conv_2d_nhwc_hwc {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<1x8x8x4xf32>, tensor<3x3x4xf32>) outs(%f : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// CHECK-LABEL: func.func @maxpool_padded
// CHECK-NEXT: %[[P:.*]] = accel.pool2d max %arg0 {kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : tensor<1x4x16x16xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT: return %[[P]]
func.func @maxpool_padded(%x: tensor<1x4x16x16xf32>) -> tensor<1x4x8x8xf32> {
  %low = arith.constant -3.40282347E+38 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 0, 0] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %low : f32
  } : tensor<1x4x16x16xf32> to tensor<1x4x17x17xf32>
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %f = linalg.fill ins(%low : f32) outs(%e : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %k = tensor.empty() : tensor<3x3xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%p, %k : tensor<1x4x17x17xf32>, tensor<3x3xf32>) outs(%f : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @matmuls
// CHECK-NEXT: %[[M:.*]] = accel.matmul %arg0, %arg1 : (tensor<4x8xf32>, tensor<8x3xf32>) -> tensor<4x3xf32>
// CHECK-NEXT: %[[B:.*]] = accel.matmul %arg2, %arg3 : (tensor<2x4x8xf32>, tensor<2x8x3xf32>) -> tensor<2x4x3xf32>
// CHECK-NEXT: %[[A:.*]] = accel.add %[[B]], %arg4 : tensor<2x4x3xf32>, tensor<2x4x3xf32> -> tensor<2x4x3xf32>
// CHECK-NEXT: return %[[M]], %[[A]]
func.func @matmuls(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>, %c: tensor<2x4x8xf32>, %d: tensor<2x8x3xf32>, %acc: tensor<2x4x3xf32>) -> (tensor<4x3xf32>, tensor<2x4x3xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  %0 = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x3xf32>) outs(%f : tensor<4x3xf32>) -> tensor<4x3xf32>
  %1 = linalg.batch_matmul ins(%c, %d : tensor<2x4x8xf32>, tensor<2x8x3xf32>) outs(%acc : tensor<2x4x3xf32>) -> tensor<2x4x3xf32>
  return %0, %1 : tensor<4x3xf32>, tensor<2x4x3xf32>
}

// CHECK-LABEL: func.func @elementwise
// CHECK-NEXT: %[[M:.*]] = accel.mul %arg0, %arg1 : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT: %[[A:.*]] = accel.add %[[M]], %arg0 : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32> -> tensor<1x4x8x8xf32>
// CHECK-NEXT: return %[[A]]
func.func @elementwise(%x: tensor<1x4x8x8xf32>, %y: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %0 = linalg.mul ins(%x, %y : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%e : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  %1 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%0, %x : tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<1x4x8x8xf32>
  return %1 : tensor<1x4x8x8xf32>
}

// CHECK-LABEL: func.func @sum_pool
// CHECK: linalg.pooling_nchw_sum
func.func @sum_pool(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x4x4x4xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  %k = tensor.empty() : tensor<2x2xf32>
  // expected-remark @+1 {{not converted to accel: a sum pooling (an average pooling needs its division recognised)}}
  %0 = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%x, %k : tensor<1x4x8x8xf32>, tensor<2x2xf32>) outs(%f : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}
