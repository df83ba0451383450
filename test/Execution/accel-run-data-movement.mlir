// The ONNX operators that only move data, kept as accel.opaque by the
// importer, run in the reference interpreter: ShuffleNet-v2's channel
// shuffle (Reshape-Transpose-Reshape) and channel split (Slice). Channels
// 0..3 of a 1x4x1x2 input come out interleaved as 0, 2, 1, 3, and the
// slices take channels [0, 2) and [2, 4) of that.
// RUN: %python -c "import numpy as n; n.save('%t.in.npy', n.array([0, 1, 10, 11, 20, 21, 30, 31], n.float32).reshape(1, 4, 1, 2))"
// RUN: accel-run %s --input=%t.in.npy --output=%t.first.npy --output=%t.second.npy
// RUN: %python -c "import numpy as n; print(n.load('%t.first.npy').ravel().tolist(), n.load('%t.second.npy').ravel().tolist())" | FileCheck %s
// RUN: not accel-run %s -function=bad_slice --input=%t.in.npy 2>&1 | FileCheck %s --check-prefix=BAD

func.func @shuffle(%x: tensor<1x4x1x2xf32>) -> (tensor<1x2x1x2xf32>, tensor<1x2x1x2xf32>) {
  %starts0 = arith.constant dense<0> : tensor<1xi64>
  %mid = arith.constant dense<2> : tensor<1xi64>
  %end = arith.constant dense<4> : tensor<1xi64>
  %axis = arith.constant dense<1> : tensor<1xi64>
  %0 = accel.reshape %x : tensor<1x4x1x2xf32> -> tensor<1x2x2x1x2xf32>
  %1 = accel.opaque "onnx.Transpose"(%0) {perm = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x2x1x2xf32>) -> tensor<1x2x2x1x2xf32>
  %2 = accel.reshape %1 : tensor<1x2x2x1x2xf32> -> tensor<1x4x1x2xf32>
  %3 = accel.opaque "onnx.Slice"(%2, %starts0, %mid, %axis) : (tensor<1x4x1x2xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<1x2x1x2xf32>
  %4 = accel.opaque "onnx.Slice"(%2, %mid, %end, %axis) : (tensor<1x4x1x2xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<1x2x1x2xf32>
  return %3, %4 : tensor<1x2x1x2xf32>, tensor<1x2x1x2xf32>
}

func.func @bad_slice(%x: tensor<1x4x1x2xf32>) -> tensor<1x2x1x2xf32> {
  %starts0 = arith.constant dense<0> : tensor<1xi64>
  %mid = arith.constant dense<2> : tensor<1xi64>
  %axis = arith.constant dense<1> : tensor<1xi64>
  %steps = arith.constant dense<0> : tensor<1xi64>
  %0 = accel.opaque "onnx.Slice"(%x, %starts0, %mid, %axis, %steps) : (tensor<1x4x1x2xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<1x2x1x2xf32>
  return %0 : tensor<1x2x1x2xf32>
}

// Input channel c holds (10c, 10c + 1).
// CHECK: [0.0, 1.0, 20.0, 21.0] [10.0, 11.0, 30.0, 31.0]
// BAD: onnx.Slice: starts, ends, axes and steps must have one entry per sliced axis, and no step 0
