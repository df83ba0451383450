// Nothing is silently dropped from a cost report: an operator the dialect
// does not model (accel.opaque) gets a row with the DRAM traffic it causes
// (its operands read, its results written: certain, whatever it computes),
// which the totals include, and a closing line says the totals leave out
// its compute. On Inputs/tiny.yaml (16-bit words and data, DRAM 100 pJ a
// word, unlimited bandwidth).
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny.yaml" -o /dev/null | FileCheck %s
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny.yaml format=json" -o /dev/null | FileCheck %s --check-prefix=JSON
// A module with no layers is not a network costing nothing.
// RUN: echo "module {}" | accel-opt --accel-cost-report="arch=%S/Inputs/tiny.yaml" -o /dev/null 2>&1 | FileCheck %s --check-prefix=EMPTY

// The softmax reads 10 and writes 10 elements of 2 B (the accelerator's
// 16 bits, not f32's 4): 40 B, 20 words, 2000 pJ; the erfs 8 + 8 each.
func.func @head(%x: tensor<1x10xf32>, %y: tensor<1x8xf32>) -> (tensor<1x10xf32>, tensor<1x8xf32>) {
  %0 = accel.opaque "onnx.Softmax"(%x) {axis = 1 : i64} : (tensor<1x10xf32>) -> tensor<1x10xf32> loc("softmax")
  %1 = accel.opaque "onnx.Erf"(%y) : (tensor<1x8xf32>) -> tensor<1x8xf32> loc("erf1")
  %2 = accel.opaque "onnx.Erf"(%1) : (tensor<1x8xf32>) -> tensor<1x8xf32> loc("erf2")
  return %0, %2 : tensor<1x10xf32>, tensor<1x8xf32>
}

// An operator that only moves data (ONNX Transpose, Slice) costs exactly
// its DRAM traffic, which is counted: nothing is left out.
func.func @moves(%x: tensor<1x2x4x1x1xf32>) -> tensor<1x4x2x1x1xf32> {
  %0 = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 1, 3, 4>} : (tensor<1x2x4x1x1xf32>) -> tensor<1x4x2x1x1xf32> loc("shuffle")
  return %0 : tensor<1x4x2x1x1xf32>
}

// CHECK:      softmax {{ *}}onnx.Softmax {{ *}}none {{ *}}0 {{ *}}0 {{ *}}0 {{ *}}0.0 {{ *}}0.002 {{ *}}0.0000 {{ *}}0.0
// CHECK:      erf1 {{ *}}onnx.Erf {{ *}}none
// (The transpose: 8 elements read and written, 32 B, 1600 pJ.)
// CHECK:      shuffle {{ *}}onnx.Transpose {{ *}}moves
// CHECK-NEXT: total
// CHECK-NEXT: the total leaves out the compute of 3 opaque operators (onnx.Erf x2, onnx.Softmax): only their DRAM traffic is counted
// CHECK-NEXT: the total counts 1 data-movement operator (onnx.Transpose) as their DRAM traffic, all they cost

// JSON:      "data_movement": false,
// JSON-NEXT: "dram_bytes": 40,
// JSON-NEXT: "energy_pj": 2000,
// JSON-NEXT: "modelled": false,
// JSON-NEXT: "name": "softmax",
// JSON-NEXT: "op": "opaque",
// JSON-NEXT: "source_op": "onnx.Softmax"
// JSON:      "total": {
// JSON-NEXT:   "cycles": 0,
// JSON-NEXT:   "dram_bytes": 136,
// JSON-NEXT:   "edp_pj_cycles": 0,
// JSON-NEXT:   "energy_pj": 6800,
// JSON-NEXT:   "infeasible_left_out": 0,
// JSON-NEXT:   "macs": 0,
// JSON-NEXT:   "opaque_compute_left_out": 3

// EMPTY: warning: no layers to cost: the module has no accel layers (import a network with accel-translate, or convert TOSA / linalg with --accel-pipeline)
// EMPTY-NOT: total
