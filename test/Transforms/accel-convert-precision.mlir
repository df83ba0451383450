// --accel-convert-precision: the IR's tensors at the accelerator's
// precision, so that a lowered program moves and rounds what the cost model
// counted. eyeriss-like stores 16-bit data: the f32 chain of
// Conversion/Inputs/lower-chain.mlir becomes f16, its constants rounded to
// nearest (0.1 is 0.0999755859375 in f16).
// RUN: accel-opt %s --accel-convert-precision | FileCheck %s
// RUN: accel-opt %s --accel-convert-precision=precision=ir | FileCheck %s --check-prefix=KEPT
// bfloat16 keeps f32's range (8 significant bits: 0.1 is 0.10009765625).
// RUN: accel-opt %s --accel-convert-precision=float-type=bf16 | FileCheck %s --check-prefix=BF16
// Lowered at f16, the chain moves half the f32 bytes (read 2176 B and
// written 256 B at f32, Conversion/accel-lower-to-acmd.mlir), exactly as
// the model predicts, and computes what the f32 network computes within
// f16's rounding (accel-run's default tolerance for f16 data: 3.9e-3).
// RUN: accel-opt %S/../Conversion/Inputs/lower-chain.mlir --accel-convert-precision --accel-lower-to-acmd -o %t.f16.mlir
// RUN: accel-opt %t.f16.mlir --accel-check-acmd -o /dev/null
// RUN: accel-run %S/../Conversion/Inputs/lower-chain.mlir --seed=5 --output=%t.f32.npy
// RUN: accel-run %t.f16.mlir --seed=5 --compare=%t.f32.npy | FileCheck %s --check-prefix=EXEC
// Without the conversion, the lowering refuses data the model did not cost.
// RUN: not accel-opt %S/../Conversion/Inputs/lower-chain.mlir --accel-lower-to-acmd -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNCONVERTED
// What no type holds is an error naming the precision.
// RUN: not accel-opt %s --accel-convert-precision=arch=simba-like -o /dev/null 2>&1 | FileCheck %s --check-prefix=MIXED
// RUN: not accel-opt %s --accel-convert-precision=arch=%accel_src_root/examples/arch/small-ws.yaml -o /dev/null 2>&1 | FileCheck %s --check-prefix=NARROW

module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @block(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %w = arith.constant dense<0.1> : tensor<4x4x3x3xf32>
  %g = accel.group (%a = %x, %k = %w) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32> attributes {schedule = #accel.schedule<rows = 4>} {
    %y = accel.conv2d %a, %k {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
    accel.yield %y : tensor<1x4x8x8xf32>
  }
  %r = accel.activation #accel.act<relu> %g : tensor<1x4x8x8xf32>
  return %r : tensor<1x4x8x8xf32>
}
}

// CHECK-LABEL: func.func @block(%{{.*}}: tensor<1x4x8x8xf16>) -> tensor<1x4x8x8xf16>
// CHECK:   arith.constant dense<9.997550e-02> : tensor<4x4x3x3xf16>
// CHECK:   accel.group (%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) : (tensor<1x4x8x8xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x8x8xf16>
// CHECK:     accel.conv2d {{.*}} : (tensor<1x4x8x8xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x8x8xf16>
// CHECK:     accel.yield %{{.*}} : tensor<1x4x8x8xf16>
// CHECK:   accel.activation #accel.act<relu> %{{.*}} : tensor<1x4x8x8xf16>
// CHECK:   return %{{.*}} : tensor<1x4x8x8xf16>

// KEPT-LABEL: func.func @block(%{{.*}}: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
// KEPT: arith.constant dense<1.000000e-01> : tensor<4x4x3x3xf32>
// KEPT-NOT: f16

// BF16-LABEL: func.func @block(%{{.*}}: tensor<1x4x8x8xbf16>) -> tensor<1x4x8x8xbf16>
// BF16: arith.constant dense<1.000980e-01> : tensor<4x4x3x3xbf16>

// EXEC: 1 segments: DRAM traffic (and groups' on-chip peak) equal the cost model's prediction for each (read 1088 B, written 128 B)
// EXEC: result #0 vs {{.*}}: max |diff| {{.*}}: match (tolerance 3.906250e-03)

// UNCONVERTED: error: cannot lower 'f32' data for eyeriss-like, which stores 16-bit data: run --accel-convert-precision first (--accel-pipeline does), or lower with precision=ir

// MIXED: error: simba-like stores 8-bit weights, 8-bit activations, 24-bit partial sums: a lowered program holds each tensor in one element type, so only a precision of one width converts (precision=ir keeps the IR's types)

// NARROW: error: cannot store 'f32' data at small-ws's 8-bit precision: a float network needs a quantised model for an accelerator of this width (precision=ir keeps the IR's types)
