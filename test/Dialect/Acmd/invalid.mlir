// Verifier and parser errors of the acmd dialect: alloc, !acmd.buffer, dma_load/dma_store transfers (and zero borders), copy, compute/yield, wait.

// RUN: accel-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

//===----------------------------------------------------------------------===//
// alloc
//===----------------------------------------------------------------------===//

func.func @alloc_negative_offset() {
  // expected-error @+1 {{'acmd.alloc' op offset must be >= 0, got -4}}
  %0 = acmd.alloc inputs offset -4 : !acmd.buffer<4xf32, global>
  return
}

// -----

func.func @alloc_misaligned_offset() {
  // expected-error @+1 {{'acmd.alloc' op offset 3 is not aligned to the element size of 2 bytes}}
  %0 = acmd.alloc weights offset 3 : !acmd.buffer<4xf16, global>
  return
}

// -----

func.func @alloc_misaligned_offset_i32() {
  // expected-error @+1 {{'acmd.alloc' op offset 6 is not aligned to the element size of 4 bytes}}
  %0 = acmd.alloc outputs offset 6 : !acmd.buffer<4xi32, local>
  return
}

// -----

func.func @alloc_unknown_partition() {
  // expected-error @+1 {{expected one of [shared, weights, inputs, outputs, activations] for buffer partition, got: global}}
  %0 = acmd.alloc global offset 0 : !acmd.buffer<4xf32, global>
  return
}

// -----

//===----------------------------------------------------------------------===//
// !acmd.buffer
//===----------------------------------------------------------------------===//

// expected-error @+1 {{buffer dimensions must be static and >= 1}}
func.func @buffer_zero_dim(%b: !acmd.buffer<4x0xf32, global>) { return }

// -----

// A dynamic dimension is rejected by the dimension-list parser before the
// type's own check.
// expected-error @+1 {{expected static shape}}
func.func @buffer_dynamic_dim(%b: !acmd.buffer<?xf32, global>) { return }

// -----

// expected-error @+1 {{buffer element type must be an integer or float, got 'index'}}
func.func @buffer_index_element(%b: !acmd.buffer<4xindex, global>) { return }

// -----

// expected-error @+1 {{buffer element type must be an integer or float, got 'vector<4xf32>'}}
func.func @buffer_vector_element(%b: !acmd.buffer<4xvector<4xf32>, local>) { return }

// -----

// expected-error @+1 {{unknown memory level 'dram' (expected 'global' or 'local')}}
func.func @buffer_unknown_level(%b: !acmd.buffer<4xf32, dram>) { return }

// -----

// expected-error @+1 {{expected ','}}
func.func @buffer_missing_level(%b: !acmd.buffer<4xf32>) { return }

// -----

//===----------------------------------------------------------------------===//
// dma_load / dma_store
//===----------------------------------------------------------------------===//

func.func @dma_rank_mismatch(%x: memref<4x4xf32>, %b: !acmd.buffer<16xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op buffer rank 1 differs from the DRAM tensor rank 2}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 4] strides [1, 1] into %b [0] : memref<4x4xf32> into !acmd.buffer<16xf32, global>
  return
}

// -----

func.func @dma_sizes_entries(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op sizes have 1 entries but the rank is 2}}
  %t = acmd.dma_load %x [0, 0] sizes [4] strides [1, 1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_dram_offsets_entries(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op DRAM offsets have 3 entries but the rank is 2}}
  %t = acmd.dma_load %x [0, 0, 0] sizes [4, 4] strides [1, 1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_dram_strides_entries(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op strides have 1 entries but the rank is 2}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 4] strides [1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_buffer_offsets_entries(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op buffer offsets have 0 entries but the rank is 2}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 4] strides [1, 1] into %b [] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_element_type(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf16, global>) {
  // expected-error @+1 {{'acmd.dma_load' op element types differ: DRAM 'f32', buffer 'f16'}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 4] strides [1, 1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf16, global>
  return
}

// -----

func.func @dma_zero_size(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op sizes must be >= 1, got [4, 0]}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 0] strides [1, 1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_negative_stride(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op strides must be >= 0, got [-1, 1]}}
  %t = acmd.dma_load %x [3, 0] sizes [4, 4] strides [-1, 1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

// A store cannot broadcast: it would write one element several times.
func.func @dma_store_zero_stride(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_store' op strides must be >= 1, got [0, 1]}}
  %t = acmd.dma_store %b [0, 0] sizes [4, 4] into %x [0, 0] strides [0, 1] : !acmd.buffer<4x4xf32, global> into memref<4x4xf32>
  return
}

// -----

func.func @dma_negative_dram_offset(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op DRAM offset -1 in dimension 0 is negative (a padded border needs 'zero_border')}}
  %t = acmd.dma_load %x [-1, 0] sizes [4, 4] strides [1, 1] into %b [0, 0] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_negative_buffer_offset(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op buffer offset -1 in dimension 1 is negative}}
  %t = acmd.dma_load %x [0, 0] sizes [1, 1] strides [1, 1] into %b [0, -1] : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_dram_region_outside(%x: memref<4x8xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op DRAM region leaves the tensor in dimension 1: offset 2 + (size 4 - 1) * stride 2 = 8 but the dimension has 8 elements}}
  %t = acmd.dma_load %x [0, 2] sizes [4, 4] strides [1, 2] into %b [0, 0] : memref<4x8xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

// Offsets and strides near int64's limits (found by accel-fuzz: the sums
// wrapped around, passed, and the executor wrote outside its arrays).
func.func @dma_buffer_offset_overflows(%x: memref<8x8xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op buffer region exceeds its allocation in dimension 1: offset 9223372036854775807 + size 4 overflows int64}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 4] strides [1, 1] into %b [0, 9223372036854775807] : memref<8x8xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_dram_stride_overflows(%b: !acmd.buffer<4x4xf32, global>, %y: memref<8x8xf32>) {
  // expected-error @+1 {{'acmd.dma_store' op DRAM region's last element in dimension 0 (offset 0 + (size 4 - 1) * stride 9223372036854775807) overflows int64}}
  %t = acmd.dma_store %b [0, 0] sizes [4, 4] into %y [0, 0] strides [9223372036854775807, 1] : !acmd.buffer<4x4xf32, global> into memref<8x8xf32>
  return
}

// -----

func.func @dma_dram_offset_overflows(%x: memref<8x8xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op DRAM region's last element in dimension 1 (offset 9223372036854775807 + (size 4 - 1) * stride 1) overflows int64}}
  %t = acmd.dma_load %x [0, 9223372036854775807] sizes [4, 4] strides [1, 1] into %b [0, 0] : memref<8x8xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @copy_offset_overflows(%a: !acmd.buffer<4x4xf32, global>, %b: !acmd.buffer<8x4xf32, global>) {
  // expected-error @+1 {{'acmd.copy' op destination region exceeds its allocation in dimension 0: offset 9223372036854775806 + size 4 overflows int64}}
  %t = acmd.copy %a [0, 0] sizes [4, 4] into %b [9223372036854775806, 0] : !acmd.buffer<4x4xf32, global> into !acmd.buffer<8x4xf32, global>
  return
}

// -----

func.func @dma_buffer_region_outside(%x: memref<8x8xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op buffer region exceeds its allocation in dimension 0: offset 1 + size 4 = 5 > 4}}
  %t = acmd.dma_load %x [0, 0] sizes [4, 4] strides [1, 1] into %b [1, 0] : memref<8x8xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_load_dynamic_memref(%x: memref<?xf32>, %b: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op operand #0 must be statically shaped memref of floating-point or signless integer values, but got 'memref<?xf32>'}}
  %t = acmd.dma_load %x [0] sizes [4] strides [1] into %b [0] : memref<?xf32> into !acmd.buffer<4xf32, global>
  return
}

// -----

func.func @dma_store_rank_mismatch(%b: !acmd.buffer<4x4xf32, global>, %y: memref<16xf32>) {
  // expected-error @+1 {{'acmd.dma_store' op buffer rank 2 differs from the DRAM tensor rank 1}}
  %t = acmd.dma_store %b [0, 0] sizes [4, 4] into %y [0] strides [1] : !acmd.buffer<4x4xf32, global> into memref<16xf32>
  return
}

// -----

func.func @dma_store_buffer_offsets_entries(%b: !acmd.buffer<4x4xf32, global>, %y: memref<4x4xf32>) {
  // expected-error @+1 {{'acmd.dma_store' op buffer offsets have 1 entries but the rank is 2}}
  %t = acmd.dma_store %b [0] sizes [4, 4] into %y [0, 0] strides [1, 1] : !acmd.buffer<4x4xf32, global> into memref<4x4xf32>
  return
}

// -----

func.func @dma_store_element_type(%b: !acmd.buffer<4xi8, global>, %y: memref<4xi32>) {
  // expected-error @+1 {{'acmd.dma_store' op element types differ: DRAM 'i32', buffer 'i8'}}
  %t = acmd.dma_store %b [0] sizes [4] into %y [0] strides [1] : !acmd.buffer<4xi8, global> into memref<4xi32>
  return
}

// -----

func.func @dma_store_dram_region_outside(%b: !acmd.buffer<4x4xf32, global>, %y: memref<4x4xf32>) {
  // expected-error @+1 {{'acmd.dma_store' op DRAM region leaves the tensor in dimension 0: offset 1 + (size 4 - 1) * stride 1 = 4 but the dimension has 4 elements}}
  %t = acmd.dma_store %b [0, 0] sizes [4, 4] into %y [1, 0] strides [1, 1] : !acmd.buffer<4x4xf32, global> into memref<4x4xf32>
  return
}

// -----

func.func @dma_store_buffer_region_outside(%b: !acmd.buffer<4x4xf32, global>, %y: memref<8x8xf32>) {
  // expected-error @+1 {{'acmd.dma_store' op buffer region exceeds its allocation in dimension 1: offset 2 + size 4 = 6 > 4}}
  %t = acmd.dma_store %b [0, 2] sizes [4, 4] into %y [0, 0] strides [1, 1] : !acmd.buffer<4x4xf32, global> into memref<8x8xf32>
  return
}

// -----

// A zero border still has to touch the tensor.
func.func @dma_zero_border_misses(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op DRAM region misses the tensor in dimension 1: elements -5 to -2 but the dimension has 4 elements (a zero border needs some of the tensor)}}
  %t = acmd.dma_load %x [0, -5] sizes [4, 4] strides [1, 1] into %b [0, 0] zero_border : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @dma_zero_border_past_the_end(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op DRAM region misses the tensor in dimension 0: elements 4 to 7 but the dimension has 4 elements (a zero border needs some of the tensor)}}
  %t = acmd.dma_load %x [4, 0] sizes [4, 4] strides [1, 1] into %b [0, 0] zero_border : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

// The border is zeros, the buffer side still has to fit.
func.func @dma_zero_border_buffer_overflow(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.dma_load' op buffer region exceeds its allocation in dimension 0: offset 1 + size 4 = 5 > 4}}
  %t = acmd.dma_load %x [-1, 0] sizes [4, 4] strides [1, 1] into %b [1, 0] zero_border : memref<4x4xf32> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

// dma_store has no zero border.
func.func @dma_store_zero_border(%x: memref<4x4xf32>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{expected 'strides'}}
  %t = acmd.dma_store %b [0, 0] sizes [4, 4] into %x [0, 0] zero_border strides [1, 1] : !acmd.buffer<4x4xf32, global> into memref<4x4xf32>
  return
}

// -----

//===----------------------------------------------------------------------===//
// copy
//===----------------------------------------------------------------------===//

func.func @copy_rank(%a: !acmd.buffer<4x4xf32, global>, %b: !acmd.buffer<16xf32, global>) {
  // expected-error @+1 {{'acmd.copy' op source rank 2 differs from the destination rank 1}}
  %t = acmd.copy %a [0, 0] sizes [4, 4] into %b [0] : !acmd.buffer<4x4xf32, global> into !acmd.buffer<16xf32, global>
  return
}

// -----

func.func @copy_element_type(%a: !acmd.buffer<4xf32, global>, %b: !acmd.buffer<4xf16, global>) {
  // expected-error @+1 {{'acmd.copy' op element types differ: source 'f32', destination 'f16'}}
  %t = acmd.copy %a [0] sizes [4] into %b [0] : !acmd.buffer<4xf32, global> into !acmd.buffer<4xf16, global>
  return
}

// -----

func.func @copy_list_length(%a: !acmd.buffer<4x4xf32, global>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.copy' op destination offsets have 1 entries but the rank is 2}}
  %t = acmd.copy %a [0, 0] sizes [4, 4] into %b [0] : !acmd.buffer<4x4xf32, global> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @copy_zero_size(%a: !acmd.buffer<4x4xf32, global>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.copy' op sizes must be >= 1, got [4, 0]}}
  %t = acmd.copy %a [0, 0] sizes [4, 0] into %b [0, 0] : !acmd.buffer<4x4xf32, global> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

func.func @copy_source_out_of_bounds(%a: !acmd.buffer<4x4xf32, global>, %b: !acmd.buffer<8x4xf32, global>) {
  // expected-error @+1 {{'acmd.copy' op source region exceeds its allocation in dimension 0: offset 2 + size 4 = 6 > 4}}
  %t = acmd.copy %a [2, 0] sizes [4, 4] into %b [0, 0] : !acmd.buffer<4x4xf32, global> into !acmd.buffer<8x4xf32, global>
  return
}

// -----

func.func @copy_dest_negative(%a: !acmd.buffer<4x4xf32, global>, %b: !acmd.buffer<4x4xf32, global>) {
  // expected-error @+1 {{'acmd.copy' op destination offset -1 in dimension 1 is negative}}
  %t = acmd.copy %a [0, 0] sizes [2, 2] into %b [0, -1] : !acmd.buffer<4x4xf32, global> into !acmd.buffer<4x4xf32, global>
  return
}

// -----

//===----------------------------------------------------------------------===//
//===----------------------------------------------------------------------===//
// compute / yield
//===----------------------------------------------------------------------===//

func.func @compute_empty_layer(%o: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{'acmd.compute' op needs a non-empty layer name}}
  %c = acmd.compute "" outs(%o : !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>):
    acmd.yield %a : tensor<4xf32>
  }
  return
}

// -----

// The custom form cannot express an empty 'outs' list; the generic form can.
func.func @compute_no_outs(%i: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{'acmd.compute' op needs at least one output buffer}}
  %c = "acmd.compute"(%i) <{layer = "l", operandSegmentSizes = array<i32: 1, 0, 0>}> ({
  ^bb0(%a: tensor<4xf32>):
    "acmd.yield"() : () -> ()
  }) : (!acmd.buffer<4xf32, global>) -> !acmd.token
  return
}

// -----

func.func @compute_arg_count(%i: !acmd.buffer<4xf32, global>, %o: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{'acmd.compute' op body has 1 arguments but the command has 2 buffers (ins then outs)}}
  %c = acmd.compute "l" ins(%i : !acmd.buffer<4xf32, global>) outs(%o : !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>):
    acmd.yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @compute_arg_type(%i: !acmd.buffer<4xf32, global>, %o: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{'acmd.compute' op body argument #1 has type 'tensor<4xf16>' but its buffer holds 'tensor<4xf32>'}}
  %c = acmd.compute "l" ins(%i : !acmd.buffer<4xf32, global>) outs(%o : !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>, %b: tensor<4xf16>):
    acmd.yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @compute_yield_count(%o1: !acmd.buffer<4xf32, global>, %o2: !acmd.buffer<4xf32, global>) {
  %c = acmd.compute "l" outs(%o1, %o2 : !acmd.buffer<4xf32, global>, !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>, %b: tensor<4xf32>):
    // expected-error @+1 {{'acmd.yield' op yields 1 values for 2 output buffers}}
    acmd.yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @compute_yield_type(%o: !acmd.buffer<2x2xf32, global>) {
  %c = acmd.compute "l" outs(%o : !acmd.buffer<2x2xf32, global>) {
  ^bb0(%a: tensor<2x2xf32>):
    %r = accel.reshape %a : tensor<2x2xf32> -> tensor<4xf32>
    // expected-error @+1 {{'acmd.yield' op value #0 has type 'tensor<4xf32>' but output buffer #0 holds 'tensor<2x2xf32>'}}
    acmd.yield %r : tensor<4xf32>
  }
  return
}

// -----

func.func @compute_foreign_terminator(%o: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{'acmd.compute' op body must end with 'acmd.yield'}}
  %c = acmd.compute "l" outs(%o : !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>):
    "test.terminator"(%a) : (tensor<4xf32>) -> ()
  }
  return
}

// -----

func.func @compute_isolated(%o: !acmd.buffer<4xf32, global>, %x: tensor<4xf32>) {
  // expected-note @+1 {{required by region isolation constraints}}
  %c = acmd.compute "l" outs(%o : !acmd.buffer<4xf32, global>) {
  ^bb0(%a: tensor<4xf32>):
    // expected-error @+1 {{using value defined outside the region}}
    acmd.yield %x : tensor<4xf32>
  }
  return
}

// -----

func.func @compute_mapping_not_a_mapping(%o: !acmd.buffer<4xf32, global>) {
  // expected-error @+1 {{attribute 'mapping' failed to satisfy constraint: #accel.mapping}}
  %c = acmd.compute "l" outs(%o : !acmd.buffer<4xf32, global>) attributes {mapping = #accel.act<relu>} {
  ^bb0(%a: tensor<4xf32>):
    acmd.yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @yield_outside_compute(%x: tensor<4xf32>) {
  // expected-error @+1 {{'acmd.yield' op expects parent op to be one of 'acmd.compute, acmd.host'}}
  acmd.yield %x : tensor<4xf32>
}

// -----

//===----------------------------------------------------------------------===//
// wait
//===----------------------------------------------------------------------===//

func.func @wait_no_tokens() {
  // expected-error @+1 {{'acmd.wait' op needs at least one token}}
  acmd.wait
  return
}

// -----

func.func @host_without_name(%x: memref<4xf32>) {
  // expected-error @+1 {{'acmd.host' op needs a non-empty operator name}}
  %h = acmd.host "" outs(%x : memref<4xf32>) {
  ^bb0(%a: tensor<4xf32>):
    acmd.yield %a : tensor<4xf32>
  }
  return
}

// -----

func.func @host_body_types(%x: memref<4xf32>, %y: memref<4xf32>) {
  // expected-error @+1 {{'acmd.host' op body argument #1 has type 'tensor<5xf32>' but its tensor holds 'tensor<4xf32>'}}
  %h = acmd.host "Softmax" ins(%x : memref<4xf32>) outs(%y : memref<4xf32>) {
  ^bb0(%a: tensor<4xf32>, %b: tensor<5xf32>):
    acmd.yield %a : tensor<4xf32>
  }
  return
}
