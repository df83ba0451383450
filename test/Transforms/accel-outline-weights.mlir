// --accel-outline-weights moves every constant tensor but splats (and those
// under min-elements) to a function argument marked accel.weight, named by
// the constant's location (made unique), in the order the layers use them,
// and writes the values to the .npz file the module then names. numpy reads
// the arrays back in their own types; the module runs as before.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: accel-opt %s --accel-outline-weights="file=w.npz" -o out.mlir
// RUN: FileCheck %s < out.mlir
// RUN: %python -c "import numpy as n; z = n.load('w.npz'); [print(k, z[k].dtype, z[k].shape, z[k].ravel()[:3].tolist()) for k in z.files]" | FileCheck %s --check-prefix=NUMPY
// RUN: accel-run %s --function=net --seed=4 --output=before.npy
// RUN: accel-run out.mlir --function=net --seed=4 --compare=before.npy --tolerance=0 | FileCheck %s --check-prefix=SAME
// RUN: accel-opt %s --accel-outline-weights="file=small.npz min-elements=5" | FileCheck %s --check-prefix=MIN

// CHECK: module attributes {accel.weights_file = "w.npz"}
// CHECK: func.func @net(%arg0: tensor<1x2x4x4xf32>, %arg1: tensor<3x2x1x1xf32> {accel.weight = "conv.w"}, %arg2: tensor<3xf32> {accel.weight = "conv.b"}, %arg3: tensor<3x3x1x1xf32> {accel.weight = "conv.w_1"}, %arg4: tensor<1x3x1x1xbf16> {accel.weight = "scale"}, %arg5: tensor<1x3x1x1xi8> {accel.weight = "weight"})
// The splat stays: it is one number in the text.
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK: accel.conv2d %arg0, %arg1, %arg2
// CHECK: accel.conv2d %{{.*}}, %arg3, %[[ZERO]]
// NUMPY:      conv.w float32 (3, 2, 1, 1) [0.5, -1.0, 2.0]
// NUMPY-NEXT: conv.b float32 (3,) [0.25, 0.5, 0.75]
// NUMPY-NEXT: conv.w_1 float32 (3, 3, 1, 1) [1.0, 0.0, 0.0]
// bf16, which numpy lacks, is written as float32 (exactly).
// NUMPY-NEXT: scale float32 (1, 3, 1, 1) [0.5, 1.5, -3.0]
// A constant without a name is a "weight".
// NUMPY-NEXT: weight int8 (1, 3, 1, 1) [-128, 0, 127]
// SAME: weights: 5 arrays from w.npz
// SAME: max |diff| 0.000000e+00 {{.*}}: match
// With min-elements=5 the 3-element bias and per-channel constants stay.
// MIN: func.func @net(%arg0: tensor<1x2x4x4xf32>, %arg1: tensor<3x2x1x1xf32> {accel.weight = "conv.w"}, %arg2: tensor<3x3x1x1xf32> {accel.weight = "conv.w_1"})

func.func @net(%x: tensor<1x2x4x4xf32>) -> (tensor<1x3x4x4xf32>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xi8>) {
  %zero = arith.constant dense<0.0> : tensor<3xf32>
  %q = arith.constant dense<[[[[-128]], [[0]], [[127]]]]> : tensor<1x3x1x1xi8> loc(unknown)
  %s = arith.constant dense<[[[[0.5]], [[1.5]], [[-3.0]]]]> : tensor<1x3x1x1xbf16> loc("scale")
  %w2 = arith.constant dense<[[[[1.0]], [[0.0]], [[0.0]]], [[[0.0]], [[1.0]], [[0.0]]], [[[0.0]], [[0.0]], [[-1.0]]]]> : tensor<3x3x1x1xf32> loc("conv.w")
  %b = arith.constant dense<[0.25, 0.5, 0.75]> : tensor<3xf32> loc("conv.b")
  %w = arith.constant dense<[[[[0.5]], [[-1.0]]], [[[2.0]], [[1.0]]], [[[0.0]], [[3.0]]]]> : tensor<3x2x1x1xf32> loc("conv.w")
  %0 = accel.conv2d %x, %w, %b : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  %1 = accel.conv2d %0, %w2, %zero : (tensor<1x3x4x4xf32>, tensor<3x3x1x1xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
  return %1, %s, %q : tensor<1x3x4x4xf32>, tensor<1x3x1x1xbf16>, tensor<1x3x1x1xi8>
}

// A function something calls keeps its signature and its constants.
// CHECK-LABEL: func.func @called(%arg0: tensor<2xf32>) -> tensor<2xf32>
// CHECK: arith.constant dense<[1.000000e+00, 2.000000e+00]>
func.func @called(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = accel.add %x, %c : tensor<2xf32>, tensor<2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// CHECK-LABEL: func.func @caller
func.func @caller(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = func.call @called(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
