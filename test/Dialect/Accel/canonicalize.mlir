// Canonicalization recognises activations written as products:
// x * sigmoid(x) is SiLU (swish), x * hard_sigmoid(x; 1/6, 1/2) hard-swish;
// and the activation means the same (accel-run, before and after).
// RUN: accel-opt %s --canonicalize | FileCheck %s
// RUN: accel-run %s --function=silu --seed=4 --output=%t.before.npy
// RUN: accel-opt %s --canonicalize -o %t.mlir
// RUN: accel-run %t.mlir --function=silu --seed=4 --compare=%t.before.npy --tolerance=1e-6 | FileCheck %s --check-prefix=SAME

// CHECK-LABEL: func.func @silu
// CHECK-NEXT: %[[R:.+]] = accel.activation #accel.act<silu> %arg0 : tensor<1x4x3x3xf32>
// CHECK-NEXT: return %[[R]]
func.func @silu(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %s = accel.activation #accel.act<sigmoid> %x : tensor<1x4x3x3xf32>
  %y = accel.mul %x, %s : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32> -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// The sigmoid has another use: both stay.
// CHECK-LABEL: func.func @shared_gate
// CHECK: accel.activation #accel.act<sigmoid>
// CHECK: accel.mul
func.func @shared_gate(%x: tensor<1x4x3x3xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  %s = accel.activation #accel.act<sigmoid> %x : tensor<1x4x3x3xf32>
  %y = accel.mul %x, %s : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32> -> tensor<1x4x3x3xf32>
  return %y, %s : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}

// CHECK-LABEL: func.func @hard_swish
// CHECK-NEXT: accel.activation #accel.act<hard_swish> %arg0
func.func @hard_swish(%x: tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %s = accel.activation #accel.act<hard_sigmoid, alpha = 0.16666666666666666, beta = 5.000000e-01> %x : tensor<1x4x3x3xf32>
  %y = accel.mul %s, %x : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32> -> tensor<1x4x3x3xf32>
  return %y : tensor<1x4x3x3xf32>
}

// SAME: match
