// The hand-written ResNet-style block round-trips through accel-opt unchanged,
// in both the custom and the generic form.
// RUN: accel-opt %accel_src_root/examples/resnet_block.mlir -o %t
// RUN: grep -v '^//' %accel_src_root/examples/resnet_block.mlir | diff - %t
// RUN: accel-opt %t --mlir-print-op-generic | accel-opt | diff %t -
// RUN: FileCheck %s --input-file %t

// CHECK: module attributes {accel.target = #accel.target<preset = "eyeriss-like">}
// CHECK: accel.group
// CHECK-SAME: attributes {name = "block1"}
// CHECK: accel.conv2d {{.*}}activation = #accel.act<relu>, mapping = #accel.mapping<[K*16 | C:64 P:56 Q:56 K:4 R:3 S:3], [C*12 | K:1 C:4 R:1 S:1]>
// CHECK: accel.conv2d
// CHECK: accel.add {{.*}}mapping = #accel.mapping<[G*64 | G:1 P:8 Q:56]>
// CHECK: accel.conv2d {{.*}}groups = 64 : i64, mapping = #accel.mapping<[G*16 | G:4 P:56 Q:56], [P*14 | P:1 Q:56 R:3 S:3]>
// CHECK: accel.yield
// CHECK: accel.pool2d max
// CHECK: accel.pool2d avg {{.*}}{global}
// CHECK: accel.flatten
// CHECK: accel.matmul {{.*}}transpose_rhs
