// --accel-check-acmd: partitions that exist, buffers that fit, no two live
// buffers sharing bytes of a level (partitions are parts of one address
// space), no use after dealloc.
// RUN: accel-opt %s -split-input-file -verify-diagnostics --accel-check-acmd="arch=eyeriss-like"
// RUN: accel-opt %S/Inputs/acmd-peak.mlir --accel-check-acmd="arch=eyeriss-like peak=true" -o /dev/null | FileCheck %s --check-prefix=PEAK
// RUN: accel-opt %S/Inputs/acmd-peak.mlir --accel-check-acmd="arch=%S/../../examples/arch/eyeriss-partitioned.yaml peak=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=PARTITIONED

// eyeriss-like: the global buffer (131,072 B) is shared; each PE's
// scratchpad (440 B) is split 384 B weights, 24 B inputs, 32 B outputs.

// A freed buffer's bytes are reused; a buffer filling the whole level fits.
func.func @reuse() {
  %a = acmd.alloc shared offset 0 : !acmd.buffer<65536xf16, global>
  acmd.dealloc %a : !acmd.buffer<65536xf16, global>
  %b = acmd.alloc shared offset 0 : !acmd.buffer<65536xf16, global>
  %w = acmd.alloc weights offset 0 : !acmd.buffer<192xf16, local>
  %i = acmd.alloc inputs offset 0 : !acmd.buffer<12xf16, local>
  %o = acmd.alloc outputs offset 0 : !acmd.buffer<16xf16, local>
  return
}

// -----

func.func @overlap() {
  // expected-note @+1 {{that buffer is allocated here}}
  %a = acmd.alloc shared offset 0 : !acmd.buffer<1024xf16, global>
  // expected-error @+1 {{'acmd.alloc' op buffer [2046, 4094) of shared overlaps a live buffer [0, 2048) of shared}}
  %b = acmd.alloc shared offset 2046 : !acmd.buffer<1024xf16, global>
  return
}

// -----

// The level is 131,072 B: one element too many.
func.func @too_large() {
  // expected-error @+1 {{'acmd.alloc' op buffer [2, 131074) does not fit GlobalBuffer (shared) of eyeriss-like: 131072 B (over by 2 B)}}
  %a = acmd.alloc shared offset 2 : !acmd.buffer<65536xf16, global>
  return
}

// -----

func.func @too_large_partition() {
  // expected-error @+1 {{'acmd.alloc' op buffer [0, 26) does not fit PESpad (inputs) of eyeriss-like: 24 B (over by 2 B)}}
  %a = acmd.alloc inputs offset 0 : !acmd.buffer<13xf16, local>
  return
}

// -----

func.func @no_such_partition() {
  // expected-error @+1 {{'acmd.alloc' op partition 'weights' does not exist: GlobalBuffer of eyeriss-like is not partitioned (shared)}}
  %a = acmd.alloc weights offset 0 : !acmd.buffer<4xf16, global>
  return
}

// -----

// A partitioned level is one address space: `shared` is all of it and
// `activations` the input and output partitions, so they overlap the
// partitions they span.
func.func @shared_over_a_partition() {
  // expected-note @+1 {{that buffer is allocated here}}
  %w = acmd.alloc weights offset 0 : !acmd.buffer<4xf16, local>
  // expected-error @+1 {{'acmd.alloc' op buffer [0, 8) of shared overlaps a live buffer [0, 8) of weights}}
  %a = acmd.alloc shared offset 0 : !acmd.buffer<4xf16, local>
  return
}

// -----

func.func @activations_over_inputs() {
  // expected-note @+1 {{that buffer is allocated here}}
  %i = acmd.alloc inputs offset 8 : !acmd.buffer<2xf16, local>
  // expected-error @+1 {{'acmd.alloc' op buffer [4, 12) of activations overlaps a live buffer [8, 12) of inputs}}
  %a = acmd.alloc activations offset 4 : !acmd.buffer<4xf16, local>
  return
}

// -----

func.func @use_after_dealloc(%x: memref<4xf16>) {
  // expected-note @+1 {{allocated here}}
  %a = acmd.alloc shared offset 0 : !acmd.buffer<4xf16, global>
  acmd.dealloc %a : !acmd.buffer<4xf16, global>
  // expected-error @+1 {{'acmd.dma_load' op uses a buffer after its acmd.dealloc}}
  %t = acmd.dma_load %x [0] sizes [4] strides [1] into %a [0] : memref<4xf16> into !acmd.buffer<4xf16, global>
  return
}

// -----

func.func @double_free() {
  // expected-note @+1 {{allocated here}}
  %a = acmd.alloc shared offset 0 : !acmd.buffer<4xf16, global>
  acmd.dealloc %a : !acmd.buffer<4xf16, global>
  // expected-error @+1 {{'acmd.dealloc' op frees a buffer that is already freed}}
  acmd.dealloc %a : !acmd.buffer<4xf16, global>
  return
}

// Peak bytes in use: 2 x 2,880 (inputs) + 2,304 (weights) = 8,064 B, before
// the first input tile is freed and the output (2,048 B) takes its place.
// PEAK: tiles: GlobalBuffer (shared) peak 8064 B of 131072 B

// On a partitioned level, `shared` is the whole level, as a group whose
// schedule splits it its own way uses it.
// PARTITIONED: tiles: GlobalBuffer (shared) peak 8064 B of 131072 B

// -----

// Token order: a command that reads what an earlier one writes must wait for
// it (or for a later command of its queue, which completes after it).
func.func @race(%x: memref<1x1x4x4xf32>) {
  %a = acmd.alloc shared offset 0 : !acmd.buffer<1x1x4x4xf32, global>
  %b = acmd.alloc shared offset 64 : !acmd.buffer<1x1x4x4xf32, global>
  // expected-note @+1 {{the earlier command}}
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 1, 4, 4] strides [1, 1, 1, 1] into %a [0, 0, 0, 0] : memref<1x1x4x4xf32> into !acmd.buffer<1x1x4x4xf32, global>
  // expected-error @+1 {{'acmd.copy' op may run before the acmd.dma_load it conflicts with completes: it reads a box of a buffer that command writes, and waits for neither it nor a later command of its queue}}
  %t1 = acmd.copy %a [0, 0, 0, 0] sizes [1, 1, 4, 4] into %b [0, 0, 0, 0] : !acmd.buffer<1x1x4x4xf32, global> into !acmd.buffer<1x1x4x4xf32, global>
  acmd.wait %t1
  return
}

// -----

// Ordered: through a token, through a later load of the same queue, or
// through an acmd.wait; and a load into rows a compute does not read needs
// no order (the prefetch of double buffering).
func.func @ordered(%x: memref<1x1x4x4xf32>) {
  %a = acmd.alloc shared offset 0 : !acmd.buffer<1x1x4x4xf32, global>
  %b = acmd.alloc shared offset 64 : !acmd.buffer<1x1x4x4xf32, global>
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 1, 2, 4] strides [1, 1, 1, 1] into %a [0, 0, 0, 0] : memref<1x1x4x4xf32> into !acmd.buffer<1x1x4x4xf32, global>
  %t1 = acmd.dma_load %x [0, 0, 2, 0] sizes [1, 1, 2, 4] strides [1, 1, 1, 1] into %a [0, 0, 2, 0] : memref<1x1x4x4xf32> into !acmd.buffer<1x1x4x4xf32, global>
  %c = acmd.compute "relu" ins(%a : !acmd.buffer<1x1x4x4xf32, global>) outs(%b : !acmd.buffer<1x1x4x4xf32, global>) after %t0 {
  ^bb0(%in: tensor<1x1x4x4xf32>, %out: tensor<1x1x4x4xf32>):
    %s = tensor.extract_slice %in[0, 0, 0, 0] [1, 1, 2, 4] [1, 1, 1, 1] : tensor<1x1x4x4xf32> to tensor<1x1x2x4xf32>
    %r = accel.activation #accel.act<relu> %s : tensor<1x1x2x4xf32>
    %w = tensor.insert_slice %r into %out[0, 0, 0, 0] [1, 1, 2, 4] [1, 1, 1, 1] : tensor<1x1x2x4xf32> into tensor<1x1x4x4xf32>
    acmd.yield %w : tensor<1x1x4x4xf32>
  }
  %t2 = acmd.copy %a [0, 0, 0, 0] sizes [1, 1, 4, 4] into %b [0, 0, 0, 0] after %t1, %c : !acmd.buffer<1x1x4x4xf32, global> into !acmd.buffer<1x1x4x4xf32, global>
  acmd.wait %t2
  %t3 = acmd.copy %b [0, 0, 0, 0] sizes [1, 1, 4, 4] into %a [0, 0, 0, 0] : !acmd.buffer<1x1x4x4xf32, global> into !acmd.buffer<1x1x4x4xf32, global>
  acmd.wait %t3
  return
}
