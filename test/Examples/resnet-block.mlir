// The hand-written ResNet-style block round-trips through accel-opt unchanged,
// in both the custom and the generic form.
// RUN: accel-opt %accel_src_root/examples/resnet_block.mlir -o %t
// RUN: grep -v '^//' %accel_src_root/examples/resnet_block.mlir | diff - %t
// RUN: accel-opt %t --mlir-print-op-generic | accel-opt | diff %t -
// RUN: FileCheck %s --input-file %t
// Every mapping in it is valid on eyeriss-like, the group's for their tiles,
// and the group fits the global buffer. The group is costed fused
// (intermediates on chip) and, for comparison, layer by layer; only the fused
// row counts in the total.
// RUN: accel-opt %t --accel-cost-report -o /dev/null | FileCheck %s --check-prefix=COST

// CHECK: module attributes {accel.target = #accel.target<preset = "eyeriss-like">}
// CHECK: accel.group
// CHECK-SAME: attributes {name = "block1", schedule = #accel.schedule<rows = 1>}
// CHECK: accel.conv2d {{.*}}activation = #accel.act<relu>, mapping = #accel.mapping<
// CHECK: accel.conv2d
// CHECK: accel.add {{.*}}mapping = #accel.mapping<
// CHECK: accel.conv2d {{.*}}groups = 32 : i64, mapping = #accel.mapping<
// CHECK: accel.yield
// CHECK: accel.pool2d max
// CHECK: accel.pool2d avg {{.*}}{global, mapping
// CHECK: accel.flatten
// CHECK: accel.matmul {{.*}}transpose_rhs

// The fused group keeps its intermediates on chip: 428.7 KiB of DRAM
// traffic against 2976.6 KiB layer by layer.
// COST: accel-cost-report: 4 layers and groups on eyeriss-like (168 PEs, 0.2 GHz, 16-bit data, 1.430 mm^2 at 45 nm)
// COST: block1 {{ *}}group {{ *}}fused {{ *}}58906624 {{ *}}376641 {{ *}}350635 {{.*}} 428.7
// COST: block1 {{ *}}group {{ *}}unfused {{ *}}58906624 {{ *}}408680 {{ *}}350635 {{.*}} 2976.6
// COST: pool2d@{{[0-9]+}} {{ *}}pool2d {{ *}}ir {{ *}}100352
// COST: total {{ *}}59032384
