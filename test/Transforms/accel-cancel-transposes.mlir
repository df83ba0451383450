// --accel-cancel-transposes removes a layout transpose and the one that
// undoes it when every value between them feeds only layers that can run
// on the outer layout, and rewrites those layers; anything else keeps both
// (accel-cancel-transposes-kept.mlir). The rewritten functions compute
// what they did (the interpreter, seeded; the linear layer to f32 rounding:
// its bias is added inside the convolution, before one rounding).
// RUN: accel-opt %s --accel-cancel-transposes | FileCheck %s
// RUN: accel-opt %s --accel-cancel-transposes -o %t.mlir
// RUN: accel-run %s --function=linear --seed=5 --output=%t.before.npy
// RUN: accel-run %t.mlir --function=linear --seed=5 --compare=%t.before.npy --tolerance=1e-6 | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --function=merge --seed=6 --output=%t.merge.npy
// RUN: accel-run %t.mlir --function=merge --seed=6 --compare=%t.merge.npy --tolerance=0 | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --function=reversed --seed=7 --output=%t.rev.npy
// RUN: accel-run %t.mlir --function=reversed --seed=7 --compare=%t.rev.npy --tolerance=0 | FileCheck %s --check-prefix=SAME

// SAME: match

// A linear layer on NHWC data (the importer's rank-4 MatMul: reshape,
// matmul, reshape) with a constant weight is a 1x1 convolution whose weight
// is the transposed constant; the bias added after it and that add's
// activation become the convolution's; a per-channel scale [1, 1, 1, C]
// is a view [1, C, 1, 1] of its constant.
// CHECK-LABEL: func.func @linear(%arg0: tensor<1x2x3x3xf32>) -> tensor<1x3x3x3xf32>
// CHECK-NEXT: %[[N:.*]] = accel.layer_norm %arg0 {axis = 1 : i64, epsilon = {{.*}}} : tensor<1x2x3x3xf32>
// CHECK-NEXT: %[[W:.*]] = arith.constant dense<{{.*}}1.000000e+00{{.*}}4.000000e+00{{.*}}2.000000e+00{{.*}}5.000000e+00{{.*}}3.000000e+00{{.*}}6.000000e+00{{.*}}> : tensor<3x2x1x1xf32>
// CHECK-NEXT: %[[B:.*]] = arith.constant dense<[1.000000e-01, 2.000000e-01, 3.000000e-01]> : tensor<3xf32>
// CHECK-NEXT: %[[C:.*]] = accel.conv2d %[[N]], %[[W]], %[[B]] {accel.name = "fc", activation = #accel.act<gelu>} : (tensor<1x2x3x3xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x3x3xf32>
// CHECK-NEXT: %[[SC:.*]] = arith.constant dense<{{.*}}2.000000e+00{{.*}}3.000000e+00{{.*}}4.000000e+00{{.*}}> : tensor<1x3x1x1xf32>
// CHECK-NEXT: %[[M:.*]] = accel.mul %[[C]], %[[SC]] : tensor<1x3x3x3xf32>, tensor<1x3x1x1xf32> -> tensor<1x3x3x3xf32>
// CHECK-NEXT: return %[[M]]
func.func @linear(%x: tensor<1x2x3x3xf32>) -> tensor<1x3x3x3xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = arith.constant dense<[[[[0.1, 0.2, 0.3]]]]> : tensor<1x1x1x3xf32>
  %s = arith.constant dense<[[[[2.0, 3.0, 4.0]]]]> : tensor<1x1x1x3xf32>
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
  %n = accel.layer_norm %t {epsilon = 1.0e-06 : f64} : tensor<1x3x3x2xf32>
  %f = accel.reshape %n : tensor<1x3x3x2xf32> -> tensor<9x2xf32>
  %mm = accel.matmul %f, %w : (tensor<9x2xf32>, tensor<2x3xf32>) -> tensor<9x3xf32>
  %u = accel.reshape %mm {accel.name = "fc"} : tensor<9x3xf32> -> tensor<1x3x3x3xf32>
  %a = accel.add %b, %u {activation = #accel.act<gelu>} : tensor<1x1x1x3xf32>, tensor<1x3x3x3xf32> -> tensor<1x3x3x3xf32>
  %m = accel.mul %a, %s : tensor<1x3x3x3xf32>, tensor<1x1x1x3xf32> -> tensor<1x3x3x3xf32>
  %y = accel.opaque "onnx.Transpose"(%m) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %y : tensor<1x3x3x3xf32>
}

// A weight [K, C] with transpose_rhs is a view [K, C, 1, 1]; an argument
// marked accel.weight (no values in the module) takes the convolution's layout.
// CHECK-LABEL: func.func @weights(%arg0: tensor<1x2x3x3xf32>, %arg1: tensor<4x2xf32>, %arg2: tensor<4x4x1x1xf32> {accel.weight = "fc2.w"}) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: %[[V:.*]] = accel.reshape %arg1 : tensor<4x2xf32> -> tensor<4x2x1x1xf32>
// CHECK-NEXT: %[[C1:.*]] = accel.conv2d %arg0, %[[V]] : (tensor<1x2x3x3xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: %[[C2:.*]] = accel.conv2d %[[C1]], %arg2 : (tensor<1x4x3x3xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x3x3xf32>
// CHECK-NEXT: return %[[C2]]
func.func @weights(%x: tensor<1x2x3x3xf32>, %w1: tensor<4x2xf32>, %w2: tensor<4x4xf32> {accel.weight = "fc2.w"}) -> tensor<1x4x3x3xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
  %f = accel.reshape %t : tensor<1x3x3x2xf32> -> tensor<9x2xf32>
  %mm = accel.matmul %f, %w1 {transpose_rhs} : (tensor<9x2xf32>, tensor<4x2xf32>) -> tensor<9x4xf32>
  %u1 = accel.reshape %mm : tensor<9x4xf32> -> tensor<1x3x3x4xf32>
  %f2 = accel.reshape %u1 : tensor<1x3x3x4xf32> -> tensor<9x4xf32>
  %mm2 = accel.matmul %f2, %w2 : (tensor<9x4xf32>, tensor<4x4xf32>) -> tensor<9x4xf32>
  %u = accel.reshape %mm2 : tensor<9x4xf32> -> tensor<1x3x3x4xf32>
  %y = accel.opaque "onnx.Transpose"(%u) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x3x4xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// Two transposed values added (a residual inside the island): both
// transposes are entries of one island.
// CHECK-LABEL: func.func @merge(%arg0: tensor<1x2x3x4xf32>, %arg1: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
// CHECK-NEXT: %[[A:.*]] = accel.activation #accel.act<relu> %arg0 : tensor<1x2x3x4xf32>
// CHECK-NEXT: %[[S:.*]] = accel.add %[[A]], %arg1 : tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32> -> tensor<1x2x3x4xf32>
// CHECK-NEXT: return %[[S]]
func.func @merge(%x: tensor<1x2x3x4xf32>, %r: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %a = accel.activation #accel.act<relu> %t : tensor<1x3x4x2xf32>
  %tr = accel.opaque "onnx.Transpose"(%r) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %s = accel.add %a, %tr : tensor<1x3x4x2xf32>, tensor<1x3x4x2xf32> -> tensor<1x3x4x2xf32>
  %y = accel.opaque "onnx.Transpose"(%s) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  return %y : tensor<1x2x3x4xf32>
}

// The default permutation (none given) reverses the axes; its inverse is
// itself.
// CHECK-LABEL: func.func @reversed(%arg0: tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK-NEXT: %[[R:.*]] = accel.layer_norm %arg0 {axis = 0 : i64, epsilon = {{.*}}} : tensor<2x3x4xf32>
// CHECK-NEXT: return %[[R]]
func.func @reversed(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  %n = accel.layer_norm %t {epsilon = 1.0e-05 : f64} : tensor<4x3x2xf32>
  %y = accel.opaque "onnx.Transpose"(%n) : (tensor<4x3x2xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}
