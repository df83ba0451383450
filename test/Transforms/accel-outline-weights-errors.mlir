// --accel-outline-weights needs a file, a positive min-elements, and a
// module that does not already keep its weights in one.
// RUN: not accel-opt %s --accel-outline-weights 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not accel-opt %s --accel-outline-weights="file=%t.npz min-elements=0" 2>&1 | FileCheck %s --check-prefix=MIN
// RUN: accel-opt %s --accel-outline-weights="file=%t.npz" | not accel-opt --accel-outline-weights="file=%t.2.npz" 2>&1 | FileCheck %s --check-prefix=TWICE
// RUN: not accel-opt %s --accel-outline-weights="file=%t.missing/w.npz" 2>&1 | FileCheck %s --check-prefix=UNWRITABLE
// NOFILE: error: --accel-outline-weights needs file=PATH (the .npz file to write)
// MIN: error: --accel-outline-weights: min-elements must be >= 1
// TWICE: error: the module already keeps its weights in '{{.*}}.npz'
// UNWRITABLE: error: cannot write the weights: {{.*}}No such file or directory

func.func @f(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %0 = accel.conv2d %x, %w : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}
