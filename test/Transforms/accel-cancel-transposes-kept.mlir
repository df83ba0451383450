// What --accel-cancel-transposes leaves as it was: an island one of whose
// values leaves it, an exit that is not the inverse permutation, an operand
// whose outer form is not a view, a weight it cannot transpose (an
// argument not marked accel.weight, one used twice, a weights file
// the argument's array lives in), a layer it does not know, a layer norm
// over an axis its rank cannot hold.
// RUN: accel-opt %s --split-input-file --accel-cancel-transposes | FileCheck %s

// CHECK-LABEL: func.func @escapes
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @escapes(%x: tensor<1x2x3x4xf32>) -> (tensor<1x2x3x4xf32>, tensor<1x3x4x2xf32>) {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %a = accel.activation #accel.act<relu> %t : tensor<1x3x4x2xf32>
  %y = accel.opaque "onnx.Transpose"(%a) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  return %y, %a : tensor<1x2x3x4xf32>, tensor<1x3x4x2xf32>
}

// -----

// CHECK-LABEL: func.func @not_inverse
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @not_inverse(%x: tensor<1x2x3x4xf32>) -> tensor<1x4x2x3xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %a = accel.activation #accel.act<relu> %t : tensor<1x3x4x2xf32>
  %y = accel.opaque "onnx.Transpose"(%a) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x3x4x2xf32>) -> tensor<1x4x2x3xf32>
  return %y : tensor<1x4x2x3xf32>
}

// -----

// A full NHWC operand from outside: its NCHW form would be a transpose.
// CHECK-LABEL: func.func @not_a_view
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @not_a_view(%x: tensor<1x2x3x4xf32>, %o: tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %a = accel.mul %t, %o : tensor<1x3x4x2xf32>, tensor<1x3x4x2xf32> -> tensor<1x3x4x2xf32>
  %y = accel.opaque "onnx.Transpose"(%a) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  return %y : tensor<1x2x3x4xf32>
}

// -----

// An argument that is the caller's data keeps its type.
// CHECK-LABEL: func.func @data_argument(%arg0: tensor<1x2x3x3xf32>, %arg1: tensor<2x4xf32>)
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @data_argument(%x: tensor<1x2x3x3xf32>, %w: tensor<2x4xf32>) -> tensor<1x4x3x3xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
  %f = accel.reshape %t : tensor<1x3x3x2xf32> -> tensor<9x2xf32>
  %mm = accel.matmul %f, %w : (tensor<9x2xf32>, tensor<2x4xf32>) -> tensor<9x4xf32>
  %u = accel.reshape %mm : tensor<9x4xf32> -> tensor<1x3x3x4xf32>
  %y = accel.opaque "onnx.Transpose"(%u) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x3x4xf32>) -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// -----

// A weight argument something else reads too.
// CHECK-LABEL: func.func @shared_weight(%arg0: tensor<1x2x3x3xf32>, %arg1: tensor<2x4xf32> {accel.weight = "w"}
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @shared_weight(%x: tensor<1x2x3x3xf32>, %w: tensor<2x4xf32> {accel.weight = "w"}) -> (tensor<1x4x3x3xf32>, tensor<2x4xf32>) {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
  %f = accel.reshape %t : tensor<1x3x3x2xf32> -> tensor<9x2xf32>
  %mm = accel.matmul %f, %w : (tensor<9x2xf32>, tensor<2x4xf32>) -> tensor<9x4xf32>
  %u = accel.reshape %mm : tensor<9x4xf32> -> tensor<1x3x3x4xf32>
  %y = accel.opaque "onnx.Transpose"(%u) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x3x4xf32>) -> tensor<1x4x3x3xf32>
  return %y, %w : tensor<1x4x3x3xf32>, tensor<2x4xf32>
}

// -----

// The weights file holds the argument's [C, K] array.
// CHECK-LABEL: func.func @weights_in_a_file(%arg0: tensor<1x2x3x3xf32>, %arg1: tensor<2x4xf32> {accel.weight = "w"})
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
module attributes {accel.weights_file = "w.npz"} {
  func.func @weights_in_a_file(%x: tensor<1x2x3x3xf32>, %w: tensor<2x4xf32> {accel.weight = "w"}) -> tensor<1x4x3x3xf32> {
    %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x3xf32>) -> tensor<1x3x3x2xf32>
    %f = accel.reshape %t : tensor<1x3x3x2xf32> -> tensor<9x2xf32>
    %mm = accel.matmul %f, %w : (tensor<9x2xf32>, tensor<2x4xf32>) -> tensor<9x4xf32>
    %u = accel.reshape %mm : tensor<9x4xf32> -> tensor<1x3x3x4xf32>
    %y = accel.opaque "onnx.Transpose"(%u) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x3x4xf32>) -> tensor<1x4x3x3xf32>
    return %y : tensor<1x4x3x3xf32>
  }
}

// -----

// An operator it does not know (a softmax over the inner layout's last
// axis).
// CHECK-LABEL: func.func @unknown_layer
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @unknown_layer(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
  %s = accel.opaque "onnx.Softmax"(%t) {axis = -1 : i64} : (tensor<1x3x4x2xf32>) -> tensor<1x3x4x2xf32>
  %y = accel.opaque "onnx.Transpose"(%s) {perm = array<i64: 0, 3, 1, 2>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  return %y : tensor<1x2x3x4xf32>
}

// -----

// A rank-5 layer norm whose axis would become a leading one (which folds
// into N).
// CHECK-LABEL: func.func @folded_axis
// CHECK-COUNT-2: accel.opaque "onnx.Transpose"
func.func @folded_axis(%x: tensor<2x3x4x5x6xf32>) -> tensor<2x3x4x5x6xf32> {
  %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 1, 2, 3, 4, 0>} : (tensor<2x3x4x5x6xf32>) -> tensor<3x4x5x6x2xf32>
  %n = accel.layer_norm %t {epsilon = 1.0e-05 : f64} : tensor<3x4x5x6x2xf32>
  %y = accel.opaque "onnx.Transpose"(%n) {perm = array<i64: 4, 0, 1, 2, 3>} : (tensor<3x4x5x6x2xf32>) -> tensor<2x3x4x5x6xf32>
  return %y : tensor<2x3x4x5x6xf32>
}
