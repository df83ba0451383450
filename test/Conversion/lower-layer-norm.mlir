// A layer norm alone, its mapping walking the rows above the global buffer
// (P in tiles of 2: three steps) and keeping the normalized axis (Q, 16
// values) whole: each step loads 2 rows of 8 x 16 values, normalizes them
// on chip and stores them; run, it equals the interpreter and moves the
// predicted bytes (8 x 6 x 16 f32 = 3072 B each way).
// RUN: accel-opt %s --accel-lower-to-acmd=precision=ir -o %t.mlir
// RUN: FileCheck %s < %t.mlir
// RUN: accel-run %s --function=ln --seed=3 --output=%t.npy
// RUN: accel-run %t.mlir --function=ln --seed=3 --compare=%t.npy | FileCheck %s --check-prefix=EXEC
//
// A mapping that splits Q above the global buffer cannot be costed (the
// statistics need every value of a row on chip): the cost report refuses
// it, and the lowering runs the layer as a group of one instead.
// RUN: not accel-opt %s --accel-cost-report=precision=ir --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=SPLIT

// CHECK-LABEL: func.func @ln
// CHECK: acmd.dma_load %arg0 [0, 0, 0, 0] sizes [1, 8, 2, 16]
// CHECK: acmd.compute "layer_norm@{{[0-9]+}}"
// CHECK: acmd.dma_load %arg0 [0, 0, 2, 0] sizes [1, 8, 2, 16]
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 8, 2, 16] into %arg1 [0, 0, 0, 0]
// CHECK: acmd.dma_load %arg0 [0, 0, 4, 0] sizes [1, 8, 2, 16]
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 8, 2, 16] into %arg1 [0, 0, 2, 0]
// CHECK: acmd.dma_store %{{.+}} [0, 0, 0, 0] sizes [1, 8, 2, 16] into %arg1 [0, 0, 4, 0]

// EXEC: equal the cost model's prediction for each (read 3072 B, written 3072 B)
// EXEC: match

// SPLIT: error: mapping is invalid on eyeriss-like: Q must stay whole in GlobalBuffer (a normalization needs all of it), but the loops above it split it 2 ways
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @ln(%x: tensor<1x8x6x16xf32>) -> tensor<1x8x6x16xf32> {
  %y = accel.layer_norm %x {epsilon = 1.0e-05 : f64, mapping = #accel.mapping<[G*8 | G:1 P:2], [Q*1 | Q:1 P:1]>} : tensor<1x8x6x16xf32>
  return %y : tensor<1x8x6x16xf32>
}
func.func @split(%x: tensor<1x8x6x16xf32>) -> tensor<1x8x6x16xf32> {
  %y = accel.layer_norm %x {epsilon = 1.0e-05 : f64, mapping = #accel.mapping<[G*8 | G:1 Q:8 P:6], [Q*1 | Q:1 P:1]>} : tensor<1x8x6x16xf32>
  return %y : tensor<1x8x6x16xf32>
}
}
