// Canonicalization and CSE keep every command that moves or computes data:
// each states what it reads and writes (DRAM memrefs, on-chip memory), so
// two identical loads both stay (the second one rewrites the buffer), a load
// whose token nobody waits for stays, and nothing moves across a wait. An
// allocation nobody uses is dropped (it only allocates).
// RUN: accel-opt %s --canonicalize --cse | FileCheck %s

// CHECK-LABEL: func.func @kept
// CHECK-NOT:   acmd.alloc shared offset 4096
// CHECK:       %[[A:.+]] = acmd.alloc shared offset 0
// CHECK:       %[[B:.+]] = acmd.alloc shared offset 512
// CHECK:       acmd.dma_load %{{.+}} into %[[A]]
// CHECK-NEXT:  %[[T1:.+]] = acmd.dma_load %{{.+}} into %[[A]]
// CHECK-NEXT:  %[[T2:.+]] = acmd.copy %[[A]] {{.+}} into %[[B]] {{.+}} after %[[T1]]
// CHECK-NEXT:  %[[T3:.+]] = acmd.dma_store %[[B]]
// CHECK-NEXT:  acmd.dealloc %[[A]] after %[[T2]]
// CHECK-NEXT:  acmd.wait %[[T3]]
// CHECK-NEXT:  acmd.dma_load %{{.+}} into %[[B]]
// CHECK-NEXT:  return
func.func @kept(%x: memref<1x4x8x8xf16>, %y: memref<1x4x8x8xf16>) {
  %dead = acmd.alloc shared offset 4096 : !acmd.buffer<4xf16, global>
  %a = acmd.alloc shared offset 0 : !acmd.buffer<1x4x8x8xf16, global>
  %b = acmd.alloc shared offset 512 : !acmd.buffer<1x4x8x8xf16, global>
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 4, 8, 8] strides [1, 1, 1, 1] into %a [0, 0, 0, 0] : memref<1x4x8x8xf16> into !acmd.buffer<1x4x8x8xf16, global>
  %t1 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 4, 8, 8] strides [1, 1, 1, 1] into %a [0, 0, 0, 0] : memref<1x4x8x8xf16> into !acmd.buffer<1x4x8x8xf16, global>
  %t2 = acmd.copy %a [0, 0, 0, 0] sizes [1, 4, 8, 8] into %b [0, 0, 0, 0] after %t1 : !acmd.buffer<1x4x8x8xf16, global> into !acmd.buffer<1x4x8x8xf16, global>
  %t3 = acmd.dma_store %b [0, 0, 0, 0] sizes [1, 4, 8, 8] into %y [0, 0, 0, 0] strides [1, 1, 1, 1] after %t2 : !acmd.buffer<1x4x8x8xf16, global> into memref<1x4x8x8xf16>
  acmd.dealloc %a after %t2 : !acmd.buffer<1x4x8x8xf16, global>
  acmd.wait %t3
  %t4 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 4, 8, 8] strides [1, 1, 1, 1] into %b [0, 0, 0, 0] : memref<1x4x8x8xf16> into !acmd.buffer<1x4x8x8xf16, global>
  return
}
