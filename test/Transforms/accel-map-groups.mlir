// --accel-map on layer groups: each grouped layer is mapped for its tile,
// on the part of the accelerator it runs on there.
// RUN: accel-opt %S/Inputs/groups-quad.mlir --accel-map="arch=%S/../Analysis/Inputs/quad.yaml strategy=exhaustive objective=latency" --mlir-print-op-on-diagnostic=false 2>%t.remarks | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// The mapped groups are costed as --accel-map reported them.
// RUN: accel-opt %S/Inputs/groups-quad.mlir --accel-map="arch=%S/../Analysis/Inputs/quad.yaml strategy=exhaustive objective=latency remarks=false" | accel-opt --accel-cost-report="arch=%S/../Analysis/Inputs/quad.yaml" -o /dev/null | FileCheck %s --check-prefix=COST

// The chain's layers compute 2-row pieces in the steady state (conv1 one of
// 4 rows and two of 2, conv2 3, 2, 2, 1): each is mapped for a 2-row tile
// away from the borders, the four columns over the four units (3 cycles a
// row); the cost report's derivation of this group
// (test/Analysis/accel-cost-report-groups.mlir) gives 109 cycles.
// CHECK:      accel.group
// CHECK:      accel.conv2d {{.*}}mapping = #accel.mapping<[Q*4 | P:1 Q:1 R:1]>
// CHECK-NEXT: accel.conv2d {{.*}}mapping = #accel.mapping<[Q*4 | P:1 Q:1 R:1]>
// CHECK-NEXT: accel.conv2d {{.*}}mapping = #accel.mapping<[Q*4 | P:1 Q:1 R:1]>
// Pipelined: p1 runs on one unit, p2 on three.
// CHECK:      accel.group
// CHECK:      accel.conv2d {{.*}}mapping = #accel.mapping<[P*1 |
// CHECK-NEXT: accel.conv2d {{.*}}mapping = #accel.mapping<[R*3 |
// A layer outside a group is mapped whole.
// CHECK:      accel.conv2d {{.*}}mapping = #accel.mapping<[R*3 | Q:1 P:1 R:1]>
// CHECK-NEXT: return

// The tiles of conv2 and conv3 are one problem: searched once.
// REMARK: remark: loc("conv1"): conv1: exhaustive mapping (latency 6.000000e+00): 6 cycles
// REMARK: remark: loc("conv2"): conv2: exhaustive mapping (latency 6.000000e+00): 6 cycles, 1.00x the compute bound of 6, 0.001 uJ, [[N:[0-9]+]] of [[M:[0-9]+]] candidates valid
// REMARK: remark: loc("conv3"): conv3: exhaustive mapping (latency 6.000000e+00): 6 cycles, 1.00x the compute bound of 6, 0.001 uJ, [[N]] of [[M]] candidates valid
// REMARK: remark: chain: 4 tiles, 109 cycles, 1.51x the compute bound of 72, {{.*}}, 146 DRAM bytes
// REMARK: remark: pipe: 4 tiles, {{[0-9]+}} cycles

// COST: chain {{ *}}group {{ *}}fused {{ *}}288 {{ *}}109
