// Canonicalization folds constant positive scales multiplied onto a
// dequantization into its scales (an integer layer's accumulators cast to
// float, then scaled by the input and weight scales: onnxruntime's
// ConvInteger and MatMulInteger), per tensor or per index of its axis, and
// through the view of a matmul's rows along the innermost axis; and the
// result is the same (accel-run, before and after).
// RUN: accel-opt %s --canonicalize | FileCheck %s
// RUN: accel-run %s --function=per_channel --seed=3 --output=%t.before.npy
// RUN: accel-opt %s --canonicalize -o %t.mlir
// RUN: accel-run %t.mlir --function=per_channel --seed=3 --compare=%t.before.npy --tolerance=1e-6 | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --function=through_view --seed=3 --output=%t.view.npy
// RUN: accel-run %t.mlir --function=through_view --seed=3 --compare=%t.view.npy --tolerance=1e-6 | FileCheck %s --check-prefix=SAME

// CHECK-LABEL: func.func @per_channel
// CHECK-NEXT: %[[D:.+]] = accel.dequantize %arg0 {scales = array<f64: 2.500000e-01, 1.000000e+00, 7.500000e-01>} : tensor<1x3x2x2xi32> -> tensor<1x3x2x2xf32>
// CHECK-NEXT: return %[[D]]
// SAME: match (tolerance
func.func @per_channel(%acc: tensor<1x3x2x2xi32>) -> tensor<1x3x2x2xf32> {
  %d = accel.dequantize %acc {scales = array<f64: 0.5>} : tensor<1x3x2x2xi32> -> tensor<1x3x2x2xf32>
  %s = arith.constant dense<[[[[0.5]], [[2.0]], [[1.5]]]]> : tensor<1x3x1x1xf32>
  %y = accel.mul %s, %d : tensor<1x3x1x1xf32>, tensor<1x3x2x2xf32> -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// Per channel times per tensor, and zero point kept.
// CHECK-LABEL: func.func @scalar_factor
// CHECK-NEXT: %[[D:.+]] = accel.dequantize %arg0 {scales = array<f64: 1.000000e+00, 2.000000e+00, 3.000000e+00>, zero_point = 4 : i64} : tensor<1x3x2x2xi8> -> tensor<1x3x2x2xf32>
// CHECK-NEXT: return %[[D]]
func.func @scalar_factor(%q: tensor<1x3x2x2xi8>) -> tensor<1x3x2x2xf32> {
  %d = accel.dequantize %q {scales = array<f64: 0.5, 1.0, 1.5>, zero_point = 4 : i64} : tensor<1x3x2x2xi8> -> tensor<1x3x2x2xf32>
  %s = arith.constant dense<2.0> : tensor<1x1x1x1xf32>
  %y = accel.mul %d, %s : tensor<1x3x2x2xf32>, tensor<1x1x1x1xf32> -> tensor<1x3x2x2xf32>
  return %y : tensor<1x3x2x2xf32>
}

// CHECK-LABEL: func.func @through_view
// CHECK-NEXT: %[[D:.+]] = accel.dequantize %arg0 {scales = array<f64: 1.000000e+00, 3.000000e+00>} : tensor<6x2xi32> -> tensor<6x2xf32>
// CHECK-NEXT: %[[V:.+]] = accel.reshape %[[D]] : tensor<6x2xf32> -> tensor<1x6x2xf32>
// CHECK-NEXT: return %[[V]]
func.func @through_view(%acc: tensor<6x2xi32>) -> tensor<1x6x2xf32> {
  %d = accel.dequantize %acc {scales = array<f64: 0.5, 1.5>} : tensor<6x2xi32> -> tensor<6x2xf32>
  %v = accel.reshape %d : tensor<6x2xf32> -> tensor<1x6x2xf32>
  %s = arith.constant dense<[[[2.0, 2.0]]]> : tensor<1x1x2xf32>
  %y = accel.mul %v, %s : tensor<1x6x2xf32>, tensor<1x1x2xf32> -> tensor<1x6x2xf32>
  return %y : tensor<1x6x2xf32>
}

// Kept: a negative factor (scales are > 0), factors along an axis other
// than the dequantization's, along an axis a view does not keep, a
// dequantization read elsewhere too, and a factor that broadcasts the
// result.
// CHECK-LABEL: func.func @kept
// CHECK-COUNT-5: accel.mul
func.func @kept(%acc: tensor<1x3x2x2xi32>, %rows: tensor<6x2xi32>) -> (tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>, tensor<2x3x2xf32>, tensor<1x3x2x2xf32>, tensor<2x3x2x2xf32>) {
  %d = accel.dequantize %acc {scales = array<f64: 0.5>} : tensor<1x3x2x2xi32> -> tensor<1x3x2x2xf32>
  %neg = arith.constant dense<-2.0> : tensor<1x1x1x1xf32>
  %a = accel.mul %d, %neg : tensor<1x3x2x2xf32>, tensor<1x1x1x1xf32> -> tensor<1x3x2x2xf32>
  %d2 = accel.dequantize %acc {scales = array<f64: 0.5, 1.0, 1.5>} : tensor<1x3x2x2xi32> -> tensor<1x3x2x2xf32>
  %w = arith.constant dense<[[[[1.0, 2.0]]]]> : tensor<1x1x1x2xf32>
  %b = accel.mul %d2, %w : tensor<1x3x2x2xf32>, tensor<1x1x1x2xf32> -> tensor<1x3x2x2xf32>
  %d3 = accel.dequantize %rows {scales = array<f64: 0.5>} : tensor<6x2xi32> -> tensor<6x2xf32>
  %v = accel.reshape %d3 : tensor<6x2xf32> -> tensor<2x3x2xf32>
  %m = arith.constant dense<[[[1.0], [2.0], [3.0]]]> : tensor<1x3x1xf32>
  %c = accel.mul %v, %m : tensor<2x3x2xf32>, tensor<1x3x1xf32> -> tensor<2x3x2xf32>
  %d4 = accel.dequantize %acc {scales = array<f64: 0.25>} : tensor<1x3x2x2xi32> -> tensor<1x3x2x2xf32>
  %two = arith.constant dense<2.0> : tensor<1x1x1x1xf32>
  %e = accel.mul %d4, %two : tensor<1x3x2x2xf32>, tensor<1x1x1x1xf32> -> tensor<1x3x2x2xf32>
  %f = accel.add %d4, %e : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32> -> tensor<1x3x2x2xf32>
  %d5 = accel.dequantize %acc {scales = array<f64: 0.125>} : tensor<1x3x2x2xi32> -> tensor<1x3x2x2xf32>
  %big = arith.constant dense<2.0> : tensor<2x1x1x1xf32>
  %g = accel.mul %d5, %big : tensor<1x3x2x2xf32>, tensor<2x1x1x1xf32> -> tensor<2x3x2x2xf32>
  return %a, %b, %c, %f, %g : tensor<1x3x2x2xf32>, tensor<1x3x2x2xf32>, tensor<2x3x2xf32>, tensor<1x3x2x2xf32>, tensor<2x3x2x2xf32>
}
