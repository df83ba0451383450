// Round trip (custom and generic form) of every acmd op and type: alloc, dealloc, dma_load (with a zero border), dma_store, copy, compute, host, yield, wait, !acmd.token, !acmd.buffer.

// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @types
// CHECK-SAME: !acmd.token
// CHECK-SAME: !acmd.buffer<1x8x4x4xf16, global>
// CHECK-SAME: !acmd.buffer<16xi8, local>
// CHECK-SAME: !acmd.buffer<f32, local>
// CHECK-SAME: !acmd.buffer<2x3xbf16, global>
// CHECK-SAME: !acmd.buffer<4xi1, global>
func.func @types(%a: !acmd.token, %b: !acmd.buffer<1x8x4x4xf16, global>, %c: !acmd.buffer<16xi8, local>, %d: !acmd.buffer<f32, local>, %e: !acmd.buffer<2x3xbf16, global>, %f: !acmd.buffer<4xi1, global>) {
  return
}

//===----------------------------------------------------------------------===//
// alloc
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @alloc
// CHECK: acmd.alloc shared offset 0 : !acmd.buffer<64xf32, global>
// CHECK: acmd.alloc weights offset 256 : !acmd.buffer<16x8x3x3xf16, global>
// CHECK: acmd.alloc inputs offset 3 : !acmd.buffer<1x8x4x4xi8, local>
// CHECK: acmd.alloc outputs offset 8 : !acmd.buffer<1x16x4x4xi32, local>
// CHECK: acmd.alloc shared offset 1 : !acmd.buffer<7xi1, local>
// GENERIC-LABEL: sym_name = "alloc"
// GENERIC: "acmd.alloc"() <{offset = 0 : i64, partition = #acmd<partition shared>}> : () -> !acmd.buffer<64xf32, global>
// GENERIC: "acmd.alloc"() <{offset = 256 : i64, partition = #acmd<partition weights>}> : () -> !acmd.buffer<16x8x3x3xf16, global>
func.func @alloc() {
  %0 = acmd.alloc shared offset 0 : !acmd.buffer<64xf32, global>
  %1 = acmd.alloc weights offset 256 : !acmd.buffer<16x8x3x3xf16, global>
  // A 1-byte element type allows any offset.
  %2 = acmd.alloc inputs offset 3 : !acmd.buffer<1x8x4x4xi8, local>
  %3 = acmd.alloc outputs offset 8 : !acmd.buffer<1x16x4x4xi32, local>
  %4 = acmd.alloc shared offset 1 : !acmd.buffer<7xi1, local>
  return
}

//===----------------------------------------------------------------------===//
// dma_load, dma_store, wait
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @dma
// CHECK-SAME: (%[[X:[a-z0-9_]+]]: memref<1x8x18x18xf16>, %[[Y:[a-z0-9_]+]]: memref<1x8x16x16xf16>)
// CHECK: %[[IN:[a-z0-9_]+]] = acmd.alloc inputs offset 0 : !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[T0:[a-z0-9_]+]] = acmd.dma_load %[[X]] [0, 0, 0, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[T1:[a-z0-9_]+]] = acmd.dma_load %[[X]] [0, 0, 8, 0] sizes [1, 4, 5, 9] strides [1, 2, 2, 2] into %[[IN]] [0, 4, 5, 9] after %[[T0]] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[T2:[a-z0-9_]+]] = acmd.dma_store %[[IN]] [0, 0, 0, 0] sizes [1, 8, 8, 16] into %[[Y]] [0, 0, 8, 0] strides [1, 1, 1, 1] : !acmd.buffer<1x8x10x18xf16, global> into memref<1x8x16x16xf16>
// CHECK: %[[T3:[a-z0-9_]+]] = acmd.dma_store %[[IN]] [0, 0, 2, 2] sizes [1, 8, 4, 8] into %[[Y]] [0, 0, 0, 1] strides [1, 1, 2, 2] after %[[T1]], %[[T2]] : !acmd.buffer<1x8x10x18xf16, global> into memref<1x8x16x16xf16>
// CHECK: acmd.wait %[[T3]]{{$}}
// CHECK: acmd.wait %[[T0]], %[[T1]], %[[T2]]{{$}}
// GENERIC-LABEL: sym_name = "dma"
// GENERIC: "acmd.dma_load"(%{{.+}}, %{{.+}}) <{buffer_offsets = array<i64: 0, 0, 0, 0>, dram_offsets = array<i64: 0, 0, 0, 0>, dram_strides = array<i64: 1, 1, 1, 1>, sizes = array<i64: 1, 8, 10, 18>}> : (memref<1x8x18x18xf16>, !acmd.buffer<1x8x10x18xf16, global>) -> !acmd.token
// GENERIC: "acmd.dma_load"(%{{.+}}, %{{.+}}, %{{.+}}) <{buffer_offsets = array<i64: 0, 4, 5, 9>, dram_offsets = array<i64: 0, 0, 8, 0>, dram_strides = array<i64: 1, 2, 2, 2>, sizes = array<i64: 1, 4, 5, 9>}> : (memref<1x8x18x18xf16>, !acmd.buffer<1x8x10x18xf16, global>, !acmd.token) -> !acmd.token
// GENERIC: "acmd.wait"(%{{.+}}, %{{.+}}, %{{.+}}) : (!acmd.token, !acmd.token, !acmd.token) -> ()
func.func @dma(%x: memref<1x8x18x18xf16>, %y: memref<1x8x16x16xf16>) {
  %in = acmd.alloc inputs offset 0 : !acmd.buffer<1x8x10x18xf16, global>
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %in [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
  // Strided DRAM access (every other channel, row and column) into the far
  // corner of the buffer: the buffer region ends exactly at the buffer's end.
  %t1 = acmd.dma_load %x [0, 0, 8, 0] sizes [1, 4, 5, 9] strides [1, 2, 2, 2] into %in [0, 4, 5, 9] after %t0 : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
  %t2 = acmd.dma_store %in [0, 0, 0, 0] sizes [1, 8, 8, 16] into %y [0, 0, 8, 0] strides [1, 1, 1, 1] : !acmd.buffer<1x8x10x18xf16, global> into memref<1x8x16x16xf16>
  %t3 = acmd.dma_store %in [0, 0, 2, 2] sizes [1, 8, 4, 8] into %y [0, 0, 0, 1] strides [1, 1, 2, 2] after %t1, %t2 : !acmd.buffer<1x8x10x18xf16, global> into memref<1x8x16x16xf16>
  acmd.wait %t3
  acmd.wait %t0, %t1, %t2
  return
}

// The last element read sits exactly on the last DRAM element: 1 + (8 - 1) * 2 = 15.
// CHECK-LABEL: func.func @dma_edge
// CHECK: acmd.dma_load %{{.+}} [1] sizes [8] strides [2] into %{{.+}} [0] : memref<16xi8> into !acmd.buffer<8xi8, local>
func.func @dma_edge(%x: memref<16xi8>) {
  %b = acmd.alloc shared offset 0 : !acmd.buffer<8xi8, local>
  %t = acmd.dma_load %x [1] sizes [8] strides [2] into %b [0] : memref<16xi8> into !acmd.buffer<8xi8, local>
  acmd.wait %t
  return
}

// Rank 0: a scalar transfer with empty offset, size and stride lists.
// CHECK-LABEL: func.func @dma_scalar
// CHECK: acmd.dma_load %{{.+}} [] sizes [] strides [] into %{{.+}} [] : memref<f32> into !acmd.buffer<f32, global>
func.func @dma_scalar(%x: memref<f32>) {
  %b = acmd.alloc shared offset 0 : !acmd.buffer<f32, global>
  %t = acmd.dma_load %x [] sizes [] strides [] into %b [] : memref<f32> into !acmd.buffer<f32, global>
  acmd.wait %t
  return
}

// A padded border: the DRAM region starts one row and one column before the
// tensor and ends one after it; those elements are zeros.
// CHECK-LABEL: func.func @dma_zero_border
// CHECK: acmd.dma_load %{{.+}} [0, 0, -1, -1] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %{{.+}} [0, 0, 0, 0] zero_border after %{{.+}} : memref<1x8x16x16xf16> into !acmd.buffer<1x8x10x18xf16, global>
// GENERIC-LABEL: sym_name = "dma_zero_border"
// GENERIC: "acmd.dma_load"({{.*}}) <{buffer_offsets = array<i64: 0, 0, 0, 0>, dram_offsets = array<i64: 0, 0, -1, -1>, dram_strides = array<i64: 1, 1, 1, 1>, sizes = array<i64: 1, 8, 10, 18>, zero_border}>
func.func @dma_zero_border(%x: memref<1x8x16x16xf16>, %t: !acmd.token) {
  %in = acmd.alloc shared offset 0 : !acmd.buffer<1x8x10x18xf16, global>
  %t0 = acmd.dma_load %x [0, 0, -1, -1] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %in [0, 0, 0, 0] zero_border after %t : memref<1x8x16x16xf16> into !acmd.buffer<1x8x10x18xf16, global>
  acmd.wait %t0
  return
}

//===----------------------------------------------------------------------===//
// copy, dealloc
//===----------------------------------------------------------------------===//

// A kept halo: the last two rows of one tile's buffer move to the top of
// the next one's; then rows move within one buffer, overlapping (a shift:
// the source is read whole first).
// CHECK-LABEL: func.func @copy
// CHECK: %[[A:[a-z0-9_]+]] = acmd.alloc shared offset 0 : !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[B:[a-z0-9_]+]] = acmd.alloc shared offset 2880 : !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[T:[a-z0-9_]+]] = acmd.copy %[[A]] [0, 0, 8, 0] sizes [1, 8, 2, 18] into %[[B]] [0, 0, 0, 0] : !acmd.buffer<1x8x10x18xf16, global> into !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[U:[a-z0-9_]+]] = acmd.copy %[[B]] [0, 0, 1, 0] sizes [1, 8, 4, 18] into %[[B]] [0, 0, 0, 0] after %[[T]] : !acmd.buffer<1x8x10x18xf16, global> into !acmd.buffer<1x8x10x18xf16, global>
// CHECK: acmd.dealloc %[[A]] after %[[T]] : !acmd.buffer<1x8x10x18xf16, global>
// CHECK: acmd.dealloc %[[B]] : !acmd.buffer<1x8x10x18xf16, global>
// GENERIC-LABEL: sym_name = "copy"
// GENERIC: "acmd.copy"(%{{.+}}, %{{.+}}) <{dest_offsets = array<i64: 0, 0, 0, 0>, sizes = array<i64: 1, 8, 2, 18>, source_offsets = array<i64: 0, 0, 8, 0>}> : (!acmd.buffer<1x8x10x18xf16, global>, !acmd.buffer<1x8x10x18xf16, global>) -> !acmd.token
// GENERIC: "acmd.dealloc"(%{{.+}}, %{{.+}}) : (!acmd.buffer<1x8x10x18xf16, global>, !acmd.token) -> ()
func.func @copy() {
  %a = acmd.alloc shared offset 0 : !acmd.buffer<1x8x10x18xf16, global>
  %b = acmd.alloc shared offset 2880 : !acmd.buffer<1x8x10x18xf16, global>
  %t = acmd.copy %a [0, 0, 8, 0] sizes [1, 8, 2, 18] into %b [0, 0, 0, 0] : !acmd.buffer<1x8x10x18xf16, global> into !acmd.buffer<1x8x10x18xf16, global>
  %u = acmd.copy %b [0, 0, 1, 0] sizes [1, 8, 4, 18] into %b [0, 0, 0, 0] after %t : !acmd.buffer<1x8x10x18xf16, global> into !acmd.buffer<1x8x10x18xf16, global>
  acmd.dealloc %a after %t : !acmd.buffer<1x8x10x18xf16, global>
  acmd.wait %u
  acmd.dealloc %b : !acmd.buffer<1x8x10x18xf16, global>
  return
}

//===----------------------------------------------------------------------===//
// compute, yield
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @compute
// CHECK: %[[IN:[a-z0-9_]+]] = acmd.alloc inputs offset 0 : !acmd.buffer<1x8x10x18xf16, global>
// CHECK: %[[WB:[a-z0-9_]+]] = acmd.alloc weights offset 0 : !acmd.buffer<16x8x3x3xf16, global>
// CHECK: %[[BB:[a-z0-9_]+]] = acmd.alloc weights offset 2304 : !acmd.buffer<16xf16, global>
// CHECK: %[[O1:[a-z0-9_]+]] = acmd.alloc outputs offset 0 : !acmd.buffer<1x16x8x16xf16, global>
// CHECK: %[[O2:[a-z0-9_]+]] = acmd.alloc outputs offset 4096 : !acmd.buffer<1x16x4x8xf16, global>
// CHECK: %[[T0:[a-z0-9_]+]] = acmd.dma_load
// CHECK: %[[T1:[a-z0-9_]+]] = acmd.dma_load
// CHECK: %[[C:[a-z0-9_]+]] = acmd.compute "conv1" ins(%[[IN]], %[[WB]], %[[BB]] : !acmd.buffer<1x8x10x18xf16, global>, !acmd.buffer<16x8x3x3xf16, global>, !acmd.buffer<16xf16, global>) outs(%[[O1]], %[[O2]] : !acmd.buffer<1x16x8x16xf16, global>, !acmd.buffer<1x16x4x8xf16, global>) after %[[T0]], %[[T1]] attributes {mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16]>} {
// CHECK-NEXT: ^bb0(%[[A:[a-z0-9_]+]]: tensor<1x8x10x18xf16>, %[[W:[a-z0-9_]+]]: tensor<16x8x3x3xf16>, %[[B:[a-z0-9_]+]]: tensor<16xf16>, %{{.+}}: tensor<1x16x8x16xf16>, %{{.+}}: tensor<1x16x4x8xf16>):
// CHECK-NEXT: %[[R:[a-z0-9_]+]] = accel.conv2d %[[A]], %[[W]], %[[B]] : (tensor<1x8x10x18xf16>, tensor<16x8x3x3xf16>, tensor<16xf16>) -> tensor<1x16x8x16xf16>
// CHECK-NEXT: %[[P:[a-z0-9_]+]] = accel.pool2d max %[[R]] {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x16x8x16xf16> -> tensor<1x16x4x8xf16>
// CHECK-NEXT: acmd.yield %[[R]], %[[P]] : tensor<1x16x8x16xf16>, tensor<1x16x4x8xf16>
// CHECK-NEXT: }
// CHECK: acmd.wait %[[C]]
// GENERIC-LABEL: sym_name = "compute"
// GENERIC: "acmd.compute"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) <{layer = "conv1", mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16]>, operandSegmentSizes = array<i32: 3, 2, 2>}> ({
// GENERIC: "acmd.yield"(%{{.+}}, %{{.+}}) : (tensor<1x16x8x16xf16>, tensor<1x16x4x8xf16>) -> ()
func.func @compute(%x: memref<1x8x18x18xf16>, %w: memref<16x8x3x3xf16>) {
  %in = acmd.alloc inputs offset 0 : !acmd.buffer<1x8x10x18xf16, global>
  %wb = acmd.alloc weights offset 0 : !acmd.buffer<16x8x3x3xf16, global>
  %bb = acmd.alloc weights offset 2304 : !acmd.buffer<16xf16, global>
  %o1 = acmd.alloc outputs offset 0 : !acmd.buffer<1x16x8x16xf16, global>
  %o2 = acmd.alloc outputs offset 4096 : !acmd.buffer<1x16x4x8xf16, global>
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %in [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
  %t1 = acmd.dma_load %w [0, 0, 0, 0] sizes [16, 8, 3, 3] strides [1, 1, 1, 1] into %wb [0, 0, 0, 0] : memref<16x8x3x3xf16> into !acmd.buffer<16x8x3x3xf16, global>
  %c = acmd.compute "conv1" ins(%in, %wb, %bb : !acmd.buffer<1x8x10x18xf16, global>, !acmd.buffer<16x8x3x3xf16, global>, !acmd.buffer<16xf16, global>) outs(%o1, %o2 : !acmd.buffer<1x16x8x16xf16, global>, !acmd.buffer<1x16x4x8xf16, global>) after %t0, %t1 attributes {mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16]>} {
  ^bb0(%a: tensor<1x8x10x18xf16>, %b: tensor<16x8x3x3xf16>, %bias: tensor<16xf16>, %acc: tensor<1x16x8x16xf16>, %acc2: tensor<1x16x4x8xf16>):
    %r = accel.conv2d %a, %b, %bias : (tensor<1x8x10x18xf16>, tensor<16x8x3x3xf16>, tensor<16xf16>) -> tensor<1x16x8x16xf16>
    %p = accel.pool2d max %r {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x16x8x16xf16> -> tensor<1x16x4x8xf16>
    acmd.yield %r, %p : tensor<1x16x8x16xf16>, tensor<1x16x4x8xf16>
  }
  acmd.wait %c
  return
}

// No ins, no after, no mapping: the body only sees (and may update) the
// output buffer; local buffers work the same way.
// CHECK-LABEL: func.func @compute_outs_only
// CHECK: %[[O:[a-z0-9_]+]] = acmd.alloc outputs offset 0 : !acmd.buffer<1x8x4x4xi8, local>
// CHECK: %[[C:[a-z0-9_]+]] = acmd.compute "relu" outs(%[[O]] : !acmd.buffer<1x8x4x4xi8, local>) {
// CHECK-NEXT: ^bb0(%[[A:[a-z0-9_]+]]: tensor<1x8x4x4xi8>):
// CHECK-NEXT: %[[R:[a-z0-9_]+]] = accel.activation #accel.act<relu> %[[A]] : tensor<1x8x4x4xi8>
// CHECK-NEXT: acmd.yield %[[R]] : tensor<1x8x4x4xi8>
// CHECK-NEXT: }
// CHECK: acmd.wait %[[C]]
func.func @compute_outs_only() {
  %o = acmd.alloc outputs offset 0 : !acmd.buffer<1x8x4x4xi8, local>
  %c = acmd.compute "relu" outs(%o : !acmd.buffer<1x8x4x4xi8, local>) {
  ^bb0(%a: tensor<1x8x4x4xi8>):
    %r = accel.activation #accel.act<relu> %a : tensor<1x8x4x4xi8>
    acmd.yield %r : tensor<1x8x4x4xi8>
  }
  acmd.wait %c
  return
}

// A compute command can wait on another compute command.
// CHECK-LABEL: func.func @compute_chain
// CHECK: %[[C0:[a-z0-9_]+]] = acmd.compute "a" outs(
// CHECK: acmd.compute "b" ins(%{{.+}} : !acmd.buffer<4xf32, global>) outs(%{{.+}} : !acmd.buffer<4xf32, global>) after %[[C0]] {
func.func @compute_chain() {
  %x = acmd.alloc shared offset 0 : !acmd.buffer<4xf32, global>
  %y = acmd.alloc shared offset 16 : !acmd.buffer<4xf32, global>
  %c0 = acmd.compute "a" outs(%x : !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>):
    acmd.yield %a : tensor<4xf32>
  }
  %c1 = acmd.compute "b" ins(%x : !acmd.buffer<4xf32, global>) outs(%y : !acmd.buffer<4xf32, global>) after %c0 {
  ^bb0(%a: tensor<4xf32>, %b: tensor<4xf32>):
    %s = accel.add %a, %b : tensor<4xf32>, tensor<4xf32> -> tensor<4xf32>
    acmd.yield %s : tensor<4xf32>
  }
  acmd.wait %c1
  return
}

//===----------------------------------------------------------------------===//
// host: an operator the accelerator does not run, DRAM to DRAM
//===----------------------------------------------------------------------===//

// CHECK-LABEL: func.func @host
// CHECK: %[[T:.+]] = acmd.host "Softmax" ins(%{{.+}} : memref<1x10xf32>) outs(%{{.+}} : memref<1x10xf32>) after %{{.+}} {
// CHECK: accel.opaque "Softmax"
// CHECK: acmd.yield
// CHECK: acmd.wait %[[T]]
func.func @host(%x: memref<1x10xf32>, %y: memref<1x10xf32>, %t: !acmd.token) {
  %h = acmd.host "Softmax" ins(%x : memref<1x10xf32>) outs(%y : memref<1x10xf32>) after %t {
  ^bb0(%a: tensor<1x10xf32>, %b: tensor<1x10xf32>):
    %r = accel.opaque "Softmax"(%a) : (tensor<1x10xf32>) -> tensor<1x10xf32>
    acmd.yield %r : tensor<1x10xf32>
  }
  acmd.wait %h
  return
}
