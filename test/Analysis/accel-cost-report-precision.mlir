// The accelerator's precision, not the IR's element types, sizes every
// datum the cost model counts (docs/CostModel.md, "Precision"). On
// Inputs/tiny-mixed.yaml (tiny.yaml storing 8-bit weights and activations,
// 32-bit partial sums; 16-bit words) an f32 layer is costed at 1 B per
// weight and activation and 4 B per partial sum; precision=ir keeps 4 B.
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny-mixed.yaml format=json" -o /dev/null | FileCheck %s
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny-mixed.yaml format=json precision=ir" -o /dev/null | FileCheck %s --check-prefix=IR
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny-mixed.yaml" -o /dev/null | FileCheck %s --check-prefix=TABLE
// A mapping pass says when the two differ, and records a precision=ir choice
// in accel.target so that later passes cost the module the same way.
// RUN: accel-opt %s --accel-map="arch=%S/Inputs/tiny-mixed.yaml population=4 generations=1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: accel-opt %s --accel-map="arch=%S/Inputs/tiny-mixed.yaml precision=ir population=4 generations=1" 2>&1 | FileCheck %s --check-prefix=RECORDED
// RUN: accel-opt %s --accel-map="arch=%S/Inputs/tiny-mixed.yaml precision=ir population=4 generations=1" | accel-opt --accel-cost-report="format=json" -o /dev/null | FileCheck %s --check-prefix=MAPPED-IR
// RUN: accel-opt %s --accel-map="arch=%S/Inputs/tiny-mixed.yaml precision=ir population=4 generations=1" | accel-opt --accel-cost-report="format=json precision=accel" -o /dev/null | FileCheck %s --check-prefix=MAPPED-ACCEL
// RUN: not accel-opt %s --accel-cost-report="precision=int4" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// A dot product of 4 channels for 2 outputs, one MAC, the loops C(4) then
// K(2) above the buffer, which holds one of each: every C step cycles
// through both outputs, so each output is written to DRAM 4 times and read
// back 3 times. DRAM: 4 inputs and 8 weight reads at 1 B (12 B); of the 8
// output writes, 2 are final results at 1 B and 6 spilled partial sums at
// 4 B, and the 6 reads bring partial sums back at 4 B: 12 + 2 + 24 + 24 =
// 62 B. DRAM words (16 bit): reads 12 x 0.5 + 6 x 2 = 18, writes
// 2 x 0.5 + 6 x 2 = 13: 3100 pJ. At f32 (precision=ir), 26 x 4 = 104 B.
func.func @dot(%x: tensor<1x4x1x1xf32>, %w: tensor<2x4x1x1xf32>) -> tensor<1x2x1x1xf32> {
  %0 = accel.conv2d %x, %w {mapping = #accel.mapping<[C:1 K:1]>} : (tensor<1x4x1x1xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x1x1xf32> loc("dot")
  return %0 : tensor<1x2x1x1xf32>
}

// CHECK:      "energy_pj": 3100,
// CHECK-NEXT: "instances": 1,
// CHECK-NEXT: "name": "DRAM",
// CHECK:      "precision": {
// CHECK-NEXT:   "activations": 8,
// CHECK-NEXT:   "partial_sums": 32,
// CHECK-NEXT:   "weights": 8
// CHECK:      "dram_bytes": 62,

// IR:      "precision": "ir",
// IR:      "dram_bytes": 104,

// MAPPED-IR: "precision": "ir",
// MAPPED-ACCEL: "precision": {
// MAPPED-ACCEL-NEXT: "activations": 8,

// TABLE: accel-cost-report: 1 layers and groups on tiny-mixed (3 PEs, 1 GHz, 8-bit weights, 8-bit activations, 32-bit partial sums, 3.305 mm^2 at 45 nm)

// REMARK: remark: costed at tiny-mixed's precision (weights 8, activations 8, partial sums 32 bits), not the IR's element types (f32); precision=ir costs the IR's types

// RECORDED-NOT: remark: costed at
// RECORDED: accel.target = #accel.target<file = "{{.*}}tiny-mixed.yaml", precision = ir>

// BAD: for the --precision option: Cannot find option named 'int4'!
