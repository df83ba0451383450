// The hand-written ResNet-style block round-trips through accel-opt unchanged,
// in both the custom and the generic form.
// RUN: accel-opt %accel_src_root/examples/resnet_block.mlir -o %t
// RUN: grep -v '^//' %accel_src_root/examples/resnet_block.mlir | diff - %t
// RUN: accel-opt %t --mlir-print-op-generic | accel-opt | diff %t -
// RUN: FileCheck %s --input-file %t
// Every mapping in it is valid on eyeriss-like. The group is costed fused
// (intermediates on chip) and, for comparison, layer by layer; only the fused
// row counts in the total.
// RUN: accel-opt %t --accel-cost-report -o /dev/null | FileCheck %s --check-prefix=COST

// CHECK: module attributes {accel.target = #accel.target<preset = "eyeriss-like">}
// CHECK: accel.group
// CHECK-SAME: attributes {name = "block1"}
// CHECK: accel.conv2d {{.*}}activation = #accel.act<relu>, mapping = #accel.mapping<[R*3 | C:16 P:4 K:8 R:1 S:3], [C*4 | C:1], [Q*14 | Q:1 P:1 K:8]>
// CHECK: accel.conv2d
// CHECK: accel.add {{.*}}mapping = #accel.mapping<[G*12 | G:2 Q:4], [P*14 | G:1 P:2 Q:1 C:1]>
// CHECK: accel.conv2d {{.*}}groups = 64 : i64, mapping = #accel.mapping<[G*12 | G:1 P:28 Q:16], [P*14 | P:2 Q:1 R:2 S:1]>
// CHECK: accel.yield
// CHECK: accel.pool2d max
// CHECK: accel.pool2d avg {{.*}}{global, mapping
// CHECK: accel.flatten
// CHECK: accel.matmul {{.*}}transpose_rhs

// COST: accel-cost-report: 4 layers and groups on eyeriss-like (168 PEs, 0.2 GHz)
// COST: block1 {{ *}}group {{ *}}fused {{ *}}233418752 {{ *}}1496488 {{ *}}1389398
// COST: block1 {{ *}}group {{ *}}unfused {{ *}}233418752 {{ *}}1505408 {{ *}}1389398
// COST: pool2d@{{[0-9]+}} {{ *}}pool2d {{ *}}ir {{ *}}200704
// COST: total {{ *}}233670272
