// accel-run's errors: each names what is wrong and exits non-zero.
// RUN: rm -rf %t && mkdir -p %t && %python %S/Inputs/numpy_reference.py %t
// RUN: not accel-run %s --function=opaque 2>&1 | FileCheck %s --check-prefix=OPAQUE
// RUN: not accel-run %s --function=ints 2>&1 | FileCheck %s --check-prefix=INTS
// RUN: not accel-run %s --function=nope 2>&1 | FileCheck %s --check-prefix=NOPE
// RUN: not accel-run %s --function=opaque --input=%t/arg1.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not accel-run %s --function=opaque --input=%t/arg0.npy --input=%t/arg1.npy 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not accel-run %s --function=opaque --input=%t/missing.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not accel-run %s --function=opaque --input=%s 2>&1 | FileCheck %s --check-prefix=NOTNPY
// RUN: not accel-run %s --function=opaque --tolerance=nan 2>&1 | FileCheck %s --check-prefix=TOLERANCE
// RUN: not accel-run %s --function=opaque --tolerance=-1 2>&1 | FileCheck %s --check-prefix=TOLERANCE
// A NaN on either side is a mismatch, never hidden by the max.
// RUN: %python -c "import numpy as n; x = n.ones((1, 4), n.float32); x[0, 2] = n.nan; n.save('%t/nan.npy', x); n.save('%t/ones.npy', n.ones((1, 4), n.float32))"
// RUN: not accel-run %s --function=scale --input=%t/nan.npy --compare=%t/ones.npy | FileCheck %s --check-prefix=NAN
// RUN: not accel-run %s --function=scale --input=%t/ones.npy --compare=%t/nan.npy | FileCheck %s --check-prefix=NANREF
// Tensors and buffers larger than a reference run holds are errors, not an
// exhausted memory (a splat constant, an on-chip buffer, an argument).
// RUN: not accel-run %s --function=huge_splat 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not accel-run %s --function=huge_buffer 2>&1 | FileCheck %s --check-prefix=HUGEBUF
// RUN: not accel-run %s --function=huge_argument 2>&1 | FileCheck %s --check-prefix=HUGEARG

// OPAQUE: accel-run: error: {{.*}}accel-run-errors.mlir:{{[0-9]+}}:8: accel.opaque: no reference kernel for 'onnx.Softmax'
// INTS: accel-run: error: {{.*}}accel-run-errors.mlir:{{[0-9]+}}:8: accel.mul: a layer of i8: the reference interpreter runs float layers
// NOPE: accel-run: error: no function 'nope'
// SHAPE: accel-run: error: {{.*}}argument #0 has shape [6, 2, 3, 3], the function takes [1, 4, 9, 9]
// COUNT: accel-run: error: 2 inputs given, 'opaque' takes 1 arguments
// MISSING: accel-run: error: npy: {{.*}}missing.npy: No such file or directory
// NOTNPY: accel-run: error: npy: {{.*}}: not a .npy file (no \x93NUMPY magic)
// NAN: result #0: [1, 4], values in [1.00, 1.00], 1 NaN or infinite
// NAN: max |diff| 0.000000e+00 = 0.000000e+00 x max |reference| 1.000000e+00, 1 elements NaN or infinite and unequal: MISMATCH
// NANREF: 1 elements NaN or infinite and unequal: MISMATCH
// TOLERANCE: accel-run: error: --tolerance must be a finite number >= 0, got {{nan|-1}}
// HUGE: accel-run: error: {{.*}}: arith.constant: a result of shape [1, 2048, 1024, 1024] has more elements than a reference run holds (2^30)
// HUGEBUF: accel-run: error: {{.*}}: acmd.alloc: a buffer of shape [2048, 1024, 1024] has more elements than a reference run holds (2^30)
// HUGEARG: accel-run: error: argument #0 of shape [4096, 1024, 1024] has more elements than a reference run holds (2^30)

func.func @scale(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %one = arith.constant dense<1.0> : tensor<1x4xf32>
  %0 = accel.mul %x, %one : tensor<1x4xf32>, tensor<1x4xf32> -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

func.func @opaque(%x: tensor<1x4x9x9xf32>) -> tensor<1x4x9x9xf32> {
  %0 = accel.opaque "onnx.Softmax"(%x) {axis = 1 : i64} : (tensor<1x4x9x9xf32>) -> tensor<1x4x9x9xf32>
  return %0 : tensor<1x4x9x9xf32>
}

func.func @ints(%x: tensor<1x4x9x9xi8>) -> tensor<1x4x9x9xi8> {
  %0 = accel.mul %x, %x : tensor<1x4x9x9xi8>, tensor<1x4x9x9xi8> -> tensor<1x4x9x9xi8>
  return %0 : tensor<1x4x9x9xi8>
}

func.func @huge_splat(%x: tensor<1x1x1x1xf32>) -> tensor<1x2048x1024x1024xf32> {
  %0 = arith.constant dense<1.0> : tensor<1x2048x1024x1024xf32>
  %1 = accel.add %0, %x : tensor<1x2048x1024x1024xf32>, tensor<1x1x1x1xf32> -> tensor<1x2048x1024x1024xf32>
  return %1 : tensor<1x2048x1024x1024xf32>
}

func.func @huge_buffer(%x: memref<2x2xf32>) {
  %b = acmd.alloc shared offset 0 : !acmd.buffer<2048x1024x1024xf32, global>
  acmd.dealloc %b : !acmd.buffer<2048x1024x1024xf32, global>
  return
}

func.func @huge_argument(%x: memref<4096x1024x1024xf32>) {
  return
}
