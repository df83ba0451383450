// The acmd program for one tiled convolution round-trips through accel-opt
// unchanged, in both the custom and the generic form.
// RUN: accel-opt %accel_src_root/examples/conv_tiled.acmd.mlir -o %t
// RUN: grep -v '^//' %accel_src_root/examples/conv_tiled.acmd.mlir | diff - %t
// RUN: accel-opt %t --mlir-print-op-generic | accel-opt | diff %t -
// RUN: FileCheck %s --input-file %t

// CHECK-COUNT-5: acmd.alloc
// CHECK-COUNT-3: acmd.dma_load
// CHECK: acmd.compute "conv1" {{.*}} after %{{.*}}, %{{.*}} attributes {mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16], [P*8 | P:1 Q:16 R:3 S:3]>}
// CHECK: accel.conv2d
// CHECK: acmd.yield
// CHECK: acmd.compute "conv1"
// CHECK-COUNT-2: acmd.dma_store
// CHECK: acmd.wait %{{.*}}, %{{.*}}
