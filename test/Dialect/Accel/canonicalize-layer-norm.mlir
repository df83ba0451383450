// Canonicalization recognises the layer norm older ONNX exports spell out
// (mean, difference, square by Pow or Mul, mean, + epsilon, sqrt, divide,
// all over one axis) as one accel.layer_norm over it; anything else stays.
// RUN: accel-opt %s --canonicalize | FileCheck %s

// CHECK-LABEL: func.func @pow
// CHECK-NEXT: %[[N:.+]] = accel.layer_norm %arg0 {epsilon = 9.99999997{{[0-9]+}}E-7 : f64} : tensor<1x4x4x8xf32>
// CHECK-NEXT: return %[[N]]
func.func @pow(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %two = arith.constant dense<2.0> : tensor<f32>
  %eps = arith.constant dense<1.0e-06> : tensor<f32>
  %m = accel.opaque "onnx.ReduceMean"(%x) {axes = array<i64: -1>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x1xf32>
  %d = accel.opaque "onnx.Sub"(%x, %m) : (tensor<1x4x4x8xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x8xf32>
  %p = accel.opaque "onnx.Pow"(%d, %two) : (tensor<1x4x4x8xf32>, tensor<f32>) -> tensor<1x4x4x8xf32>
  %v = accel.opaque "onnx.ReduceMean"(%p) {axes = array<i64: -1>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x1xf32>
  %a = accel.add %v, %eps : tensor<1x4x4x1xf32>, tensor<f32> -> tensor<1x4x4x1xf32>
  %s = accel.opaque "onnx.Sqrt"(%a) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %n = accel.opaque "onnx.Div"(%d, %s) : (tensor<1x4x4x8xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x8xf32>
  return %n : tensor<1x4x4x8xf32>
}

// The square as a product, the axis counted from the front, epsilon first.
// CHECK-LABEL: func.func @mul
// CHECK-NEXT: accel.layer_norm %arg0 {epsilon = 9.9999997{{[0-9]+}}E-6 : f64} : tensor<2x16xf32>
// CHECK-NEXT: return
func.func @mul(%x: tensor<2x16xf32>) -> tensor<2x16xf32> {
  %eps = arith.constant dense<1.0e-05> : tensor<1xf32>
  %m = accel.opaque "onnx.ReduceMean"(%x) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x16xf32>) -> tensor<2x1xf32>
  %d = accel.opaque "onnx.Sub"(%x, %m) : (tensor<2x16xf32>, tensor<2x1xf32>) -> tensor<2x16xf32>
  %p = accel.mul %d, %d : tensor<2x16xf32>, tensor<2x16xf32> -> tensor<2x16xf32>
  %v = accel.opaque "onnx.ReduceMean"(%p) {axes = array<i64: 1>} : (tensor<2x16xf32>) -> tensor<2x1xf32>
  %a = accel.add %eps, %v : tensor<1xf32>, tensor<2x1xf32> -> tensor<2x1xf32>
  %s = accel.opaque "onnx.Sqrt"(%a) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = accel.opaque "onnx.Div"(%d, %s) : (tensor<2x16xf32>, tensor<2x1xf32>) -> tensor<2x16xf32>
  return %n : tensor<2x16xf32>
}

// Statistics over another axis than the innermost: a layer norm over it.
// CHECK-LABEL: func.func @other_axis
// CHECK-NEXT: %[[N:.+]] = accel.layer_norm %arg0 {axis = 2 : i64, epsilon = {{.*}}} : tensor<1x4x4x8xf32>
// CHECK-NEXT: return %[[N]]
func.func @other_axis(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %two = arith.constant dense<2.0> : tensor<f32>
  %eps = arith.constant dense<1.0e-06> : tensor<f32>
  %m = accel.opaque "onnx.ReduceMean"(%x) {axes = array<i64: 2>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x1x8xf32>
  %d = accel.opaque "onnx.Sub"(%x, %m) : (tensor<1x4x4x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x4x8xf32>
  %p = accel.opaque "onnx.Pow"(%d, %two) : (tensor<1x4x4x8xf32>, tensor<f32>) -> tensor<1x4x4x8xf32>
  %v = accel.opaque "onnx.ReduceMean"(%p) {axes = array<i64: 2>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x1x8xf32>
  %a = accel.add %v, %eps : tensor<1x4x1x8xf32>, tensor<f32> -> tensor<1x4x1x8xf32>
  %s = accel.opaque "onnx.Sqrt"(%a) : (tensor<1x4x1x8xf32>) -> tensor<1x4x1x8xf32>
  %n = accel.opaque "onnx.Div"(%d, %s) : (tensor<1x4x4x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x4x8xf32>
  return %n : tensor<1x4x4x8xf32>
}

// The mean and the variance over different axes: not a layer norm.
// CHECK-LABEL: func.func @mixed_axes
// CHECK-NOT: accel.layer_norm
// CHECK: "onnx.Div"
func.func @mixed_axes(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %two = arith.constant dense<2.0> : tensor<f32>
  %eps = arith.constant dense<1.0e-06> : tensor<f32>
  %m = accel.opaque "onnx.ReduceMean"(%x) {axes = array<i64: 1>} : (tensor<1x4x4x8xf32>) -> tensor<1x1x4x8xf32>
  %d = accel.opaque "onnx.Sub"(%x, %m) : (tensor<1x4x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x4x4x8xf32>
  %p = accel.opaque "onnx.Pow"(%d, %two) : (tensor<1x4x4x8xf32>, tensor<f32>) -> tensor<1x4x4x8xf32>
  %v = accel.opaque "onnx.ReduceMean"(%p) {axes = array<i64: -1>} : (tensor<1x4x4x8xf32>) -> tensor<1x4x4x1xf32>
  %a = accel.add %v, %eps : tensor<1x4x4x1xf32>, tensor<f32> -> tensor<1x4x4x1xf32>
  %s = accel.opaque "onnx.Sqrt"(%a) : (tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
  %n = accel.opaque "onnx.Div"(%d, %s) : (tensor<1x4x4x8xf32>, tensor<1x4x4x1xf32>) -> tensor<1x4x4x8xf32>
  return %n : tensor<1x4x4x8xf32>
}

// The centred value is also returned: the chain stays.
// CHECK-LABEL: func.func @centred_escapes
// CHECK-NOT: accel.layer_norm
func.func @centred_escapes(%x: tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<2x16xf32>) {
  %two = arith.constant dense<2.0> : tensor<f32>
  %eps = arith.constant dense<1.0e-05> : tensor<f32>
  %m = accel.opaque "onnx.ReduceMean"(%x) {axes = array<i64: -1>} : (tensor<2x16xf32>) -> tensor<2x1xf32>
  %d = accel.opaque "onnx.Sub"(%x, %m) : (tensor<2x16xf32>, tensor<2x1xf32>) -> tensor<2x16xf32>
  %p = accel.opaque "onnx.Pow"(%d, %two) : (tensor<2x16xf32>, tensor<f32>) -> tensor<2x16xf32>
  %v = accel.opaque "onnx.ReduceMean"(%p) {axes = array<i64: -1>} : (tensor<2x16xf32>) -> tensor<2x1xf32>
  %a = accel.add %v, %eps : tensor<2x1xf32>, tensor<f32> -> tensor<2x1xf32>
  %s = accel.opaque "onnx.Sqrt"(%a) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = accel.opaque "onnx.Div"(%d, %s) : (tensor<2x16xf32>, tensor<2x1xf32>) -> tensor<2x16xf32>
  return %n, %d : tensor<2x16xf32>, tensor<2x16xf32>
}
