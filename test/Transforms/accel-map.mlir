// --accel-map on small layers (Inputs/tiny-layers.mlir) on the small
// accelerator of Inputs/small.yaml (2 x 3 PEs, 12-byte register files).
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml population=40 generations=20 seed=1" --mlir-print-op-on-diagnostic=false 2>%t.ga | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.ga

// The same seed gives the same mappings whatever the thread count: threads
// of its own (threads=N), the context's pool (threads=0, the default), or
// none (--mlir-disable-threading, as a compiler embedding it may run).
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml population=40 generations=20 seed=1 threads=1" -o %t.1 2>/dev/null
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml population=40 generations=20 seed=1 threads=2" -o %t.2 2>/dev/null
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml population=40 generations=20 seed=1" -o %t.3 2>/dev/null
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --mlir-disable-threading --accel-map="arch=%S/Inputs/small.yaml population=40 generations=20 seed=1" -o %t.4 2>/dev/null
// RUN: diff %t.1 %t.2
// RUN: diff %t.1 %t.3
// RUN: diff %t.1 %t.4

// Exhaustive search finds the optimum: the GA's EDP above equals it.
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml strategy=exhaustive" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPT

// The mapped network goes on: the cost report uses the mappings in the IR.
// RUN: accel-opt %t.1 --accel-cost-report="arch=%S/Inputs/small.yaml" -o /dev/null | FileCheck %s --check-prefix=COST

// User constraints: P spread at the only level, K tiles of 1.
// RUN: accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml population=40 generations=20 seed=1 dataflow=P fix-tile=0:K:1 remarks=false" | FileCheck %s --check-prefix=FIXED

// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<[K*2 | P:1 K:1], [R*3 | R:1]>
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<[K*2 | P:1 K:1], [R*3 | R:1]>
// CHECK: accel.add {{.*}}mapping = #accel.mapping<[C*2 | P:1 G:1 C:1]>
// CHECK: accel.matmul {{.*}}mapping = #accel.mapping<[K*2 | K:1 N:1], [C*3 | C:1]>

// Both convolutions have one shape: searched once, the same remark twice.
// REMARK: remark: loc("conv_a"): conv_a: ga mapping (edp 8.838000e+03): 4 cycles, 1.50x the compute bound of 3, 0.002 uJ, 800 of 800 candidates valid ({{[0-9]+}} shrunk to fit the buffers first)
// REMARK: remark: loc("conv_b"): conv_b: ga mapping (edp 8.838000e+03)
// REMARK: remark: loc("sum"): sum: ga mapping (edp 1.339200e+04)
// REMARK: remark: loc("mm"): mm: ga mapping (edp 1.206000e+04)

// OPT: remark: loc("conv_a"): conv_a: exhaustive mapping (edp 8.838000e+03): 4 cycles, 1.50x the compute bound of 3, 0.002 uJ, {{[0-9]+}} of {{[0-9]+}} candidates valid{{$}}
// OPT: remark: loc("sum"): sum: exhaustive mapping (edp 1.339200e+04)
// OPT: remark: loc("mm"): mm: exhaustive mapping (edp 1.206000e+04)

// COST: conv2d@{{[0-9]+}} {{ *}}conv2d {{ *}}ir {{ *}}18 {{ *}}4 {{ *}}3
// COST: matmul@{{[0-9]+}} {{ *}}matmul {{ *}}ir {{ *}}12

// FIXED: accel.conv2d {{.*}}mapping = #accel.mapping<[P*2 | P:1 K:1 R:1]>
// FIXED: accel.matmul {{.*}}mapping = #accel.mapping<[P*1 | P:1 K:1 N:1 C:1]>
