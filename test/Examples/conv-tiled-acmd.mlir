// The acmd program for one tiled convolution round-trips through accel-opt
// unchanged, in both the custom and the generic form.
// RUN: accel-opt %accel_src_root/examples/conv_tiled.acmd.mlir -o %t
// RUN: grep -v '^//' %accel_src_root/examples/conv_tiled.acmd.mlir | diff - %t
// RUN: accel-opt %t --mlir-print-op-generic | accel-opt | diff %t -
// RUN: FileCheck %s --input-file %t
// Canonicalization and CSE change nothing; its buffers fit the global
// buffer: 2 x 2,880 B (inputs) + 2,304 B (weights) + 2 x 4,096 B (outputs).
// RUN: accel-opt %t --canonicalize --cse | diff %t -
// RUN: accel-opt %t --accel-check-acmd=peak=true -o /dev/null | FileCheck %s --check-prefix=PEAK
// PEAK: conv_tiled: GlobalBuffer (shared) peak 16256 B of 131072 B

// CHECK-COUNT-5: acmd.alloc
// CHECK-COUNT-3: acmd.dma_load
// CHECK: acmd.compute "conv1" {{.*}} after %{{.*}}, %{{.*}} attributes {mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16], [P*8 | P:1 Q:16 R:3 S:3]>}
// CHECK: accel.conv2d
// CHECK: acmd.yield
// CHECK: acmd.compute "conv1"
// CHECK-COUNT-2: acmd.dma_store
// CHECK: acmd.wait %{{.*}}, %{{.*}}
