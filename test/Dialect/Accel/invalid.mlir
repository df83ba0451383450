// Verifier and parser errors of the accel dialect, its attributes and the shape/mapping arithmetic its verifiers forward.

// RUN: accel-opt %s -split-input-file -verify-diagnostics -allow-unregistered-dialect

//===----------------------------------------------------------------------===//
// conv2d
//===----------------------------------------------------------------------===//

func.func @conv2d_result_shape(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x16x16xf32> {
  // expected-error @+1 {{'accel.conv2d' op result shape [1, 16, 16, 16] does not match the inferred shape [1, 16, 14, 14]}}
  %0 = accel.conv2d %x, %w : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x16x16xf32>
  return %0 : tensor<1x16x16x16xf32>
}

// -----

func.func @conv2d_strides_entries(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op 'strides' must have 2 entries, got 3}}
  %0 = accel.conv2d %x, %w {strides = array<i64: 1, 1, 1>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_dilations_entries(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op 'dilations' must have 2 entries, got 1}}
  %0 = accel.conv2d %x, %w {dilations = array<i64: 1>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_pads_entries(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x16x16xf32> {
  // expected-error @+1 {{'accel.conv2d' op 'pads' must have 4 entries, got 2}}
  %0 = accel.conv2d %x, %w {pads = array<i64: 1, 1>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x16x16xf32>
  return %0 : tensor<1x16x16x16xf32>
}

// -----

func.func @conv2d_input_rank(%x: tensor<8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op input must have rank 4, got [8, 16, 16]}}
  %0 = accel.conv2d %x, %w : (tensor<8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_weight_rank(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op weight must have rank 4, got [16, 8, 3]}}
  %0 = accel.conv2d %x, %w : (tensor<1x8x16x16xf32>, tensor<16x8x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_zero_stride(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op strides must be >= 1, got [0, 1]}}
  %0 = accel.conv2d %x, %w {strides = array<i64: 0, 1>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_zero_dilation(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op dilations must be >= 1, got [1, 0]}}
  %0 = accel.conv2d %x, %w {dilations = array<i64: 1, 0>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_negative_pad(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x13x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op pads must be >= 0, got [-1, 0, 0, 0]}}
  %0 = accel.conv2d %x, %w {pads = array<i64: -1, 0, 0, 0>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x13x14xf32>
  return %0 : tensor<1x16x13x14xf32>
}

// -----

func.func @conv2d_zero_groups(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op groups must be >= 1, got 0}}
  %0 = accel.conv2d %x, %w {groups = 0 : i64} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_groups_input_channels(%x: tensor<1x8x16x16xf32>, %w: tensor<12x2x3x3xf32>) -> tensor<1x12x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op input channels 8 are not divisible by groups 3}}
  %0 = accel.conv2d %x, %w {groups = 3 : i64} : (tensor<1x8x16x16xf32>, tensor<12x2x3x3xf32>) -> tensor<1x12x14x14xf32>
  return %0 : tensor<1x12x14x14xf32>
}

// -----

func.func @conv2d_groups_output_channels(%x: tensor<1x8x16x16xf32>, %w: tensor<15x4x3x3xf32>) -> tensor<1x15x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op output channels 15 (weight dim 0) are not divisible by groups 2}}
  %0 = accel.conv2d %x, %w {groups = 2 : i64} : (tensor<1x8x16x16xf32>, tensor<15x4x3x3xf32>) -> tensor<1x15x14x14xf32>
  return %0 : tensor<1x15x14x14xf32>
}

// -----

func.func @conv2d_weight_dim1(%x: tensor<1x8x16x16xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op weight dim 1 is 4 but input channels / groups is 8 / 1 = 8}}
  %0 = accel.conv2d %x, %w : (tensor<1x8x16x16xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_depthwise_weight_dim1(%x: tensor<1x8x16x16xf32>, %w: tensor<8x8x3x3xf32>) -> tensor<1x8x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op weight dim 1 is 8 but input channels / groups is 8 / 8 = 1}}
  %0 = accel.conv2d %x, %w {groups = 8 : i64} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x14x14xf32>
  return %0 : tensor<1x8x14x14xf32>
}

// -----

func.func @conv2d_window_too_large(%x: tensor<1x8x4x4xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x1x1xf32> {
  // expected-error @+1 {{'accel.conv2d' op window of extent 5 (kernel 3, dilation 2) exceeds the padded input extent 4}}
  %0 = accel.conv2d %x, %w {dilations = array<i64: 2, 2>} : (tensor<1x8x4x4xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x1x1xf32>
  return %0 : tensor<1x16x1x1xf32>
}

// -----

func.func @conv2d_empty_input(%x: tensor<1x8x0x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x1x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op operand #0 must be non-empty statically shaped tensor of numbers, dimensions at most 2^24, at most 2^40 elements, but got 'tensor<1x8x0x16xf32>'}}
  %0 = accel.conv2d %x, %w : (tensor<1x8x0x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x1x14xf32>
  return %0 : tensor<1x16x1x14xf32>
}

// -----

func.func @conv2d_bias_shape(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op bias shape [8] must be [16] (one value per output channel)}}
  %0 = accel.conv2d %x, %w, %b : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>, tensor<8xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_bias_rank(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>, %b: tensor<1x16xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op bias shape [1, 16] must be [16] (one value per output channel)}}
  %0 = accel.conv2d %x, %w, %b : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>, tensor<1x16xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_mapping_tile(%x: tensor<1x8x16x16xf32>, %w: tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op mapping does not fit the loop bounds N=1, K=16, C=8, P=14, Q=14, R=3, S=3, G=1: level 0: tile 32 of K exceeds the parent extent 16}}
  %0 = accel.conv2d %x, %w {mapping = #accel.mapping<[K:32]>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

func.func @conv2d_mapping_fanout(%x: tensor<1x8x16x16xf32>, %w: tensor<16x4x3x3xf32>) -> tensor<1x16x14x14xf32> {
  // expected-error @+1 {{'accel.conv2d' op mapping does not fit the loop bounds N=1, K=8, C=4, P=14, Q=14, R=3, S=3, G=2: level 1: fan-out 16 x tile 1 of K covers 16 but the parent extent is 8}}
  %0 = accel.conv2d %x, %w {groups = 2 : i64, mapping = #accel.mapping<[G:1], [K*16 | K:1]>} : (tensor<1x8x16x16xf32>, tensor<16x4x3x3xf32>) -> tensor<1x16x14x14xf32>
  return %0 : tensor<1x16x14x14xf32>
}

// -----

//===----------------------------------------------------------------------===//
// conv_transpose2d
//===----------------------------------------------------------------------===//

func.func @conv_transpose2d_result_shape(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x2x2xf32>) -> tensor<1x8x16x16xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op result shape [1, 8, 16, 16] does not match the inferred shape [1, 8, 9, 9]}}
  %0 = accel.conv_transpose2d %x, %w : (tensor<1x16x8x8xf32>, tensor<16x8x2x2xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

// -----

func.func @conv_transpose2d_output_padding_entries(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x2x2xf32>) -> tensor<1x8x16x16xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op 'output_padding' must have 2 entries, got 1}}
  %0 = accel.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 1>} : (tensor<1x16x8x8xf32>, tensor<16x8x2x2xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

// -----

func.func @conv_transpose2d_negative_output_padding(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x2x2xf32>) -> tensor<1x8x16x16xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op output padding must be >= 0, got [-1, 0]}}
  %0 = accel.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: -1, 0>} : (tensor<1x16x8x8xf32>, tensor<16x8x2x2xf32>) -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

// -----

func.func @conv_transpose2d_output_padding_too_large(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x2x2xf32>) -> tensor<1x8x18x18xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op output padding 2 must be smaller than the stride 2 or the dilation 1}}
  %0 = accel.conv_transpose2d %x, %w {strides = array<i64: 2, 2>, output_padding = array<i64: 2, 2>} : (tensor<1x16x8x8xf32>, tensor<16x8x2x2xf32>) -> tensor<1x8x18x18xf32>
  return %0 : tensor<1x8x18x18xf32>
}

// -----

func.func @conv_transpose2d_pads_remove_output(%x: tensor<1x4x1x1xf32>, %w: tensor<4x4x1x1xf32>) -> tensor<1x4x1x1xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op padding 1/0 removes the whole output}}
  %0 = accel.conv_transpose2d %x, %w {pads = array<i64: 1, 0, 0, 0>} : (tensor<1x4x1x1xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

func.func @conv_transpose2d_weight_dim0(%x: tensor<1x16x8x8xf32>, %w: tensor<8x8x2x2xf32>) -> tensor<1x8x9x9xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op weight dim 0 is 8 but must equal the input channels 16}}
  %0 = accel.conv_transpose2d %x, %w : (tensor<1x16x8x8xf32>, tensor<8x8x2x2xf32>) -> tensor<1x8x9x9xf32>
  return %0 : tensor<1x8x9x9xf32>
}

// -----

func.func @conv_transpose2d_groups(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x2x2xf32>) -> tensor<1x24x9x9xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op input channels 16 are not divisible by groups 3}}
  %0 = accel.conv_transpose2d %x, %w {groups = 3 : i64} : (tensor<1x16x8x8xf32>, tensor<16x8x2x2xf32>) -> tensor<1x24x9x9xf32>
  return %0 : tensor<1x24x9x9xf32>
}

// -----

func.func @conv_transpose2d_empty_input(%x: tensor<1x16x0x8xf32>, %w: tensor<16x8x2x2xf32>) -> tensor<1x8x1x9xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op operand #0 must be non-empty statically shaped tensor of numbers, dimensions at most 2^24, at most 2^40 elements, but got 'tensor<1x16x0x8xf32>'}}
  %0 = accel.conv_transpose2d %x, %w : (tensor<1x16x0x8xf32>, tensor<16x8x2x2xf32>) -> tensor<1x8x1x9xf32>
  return %0 : tensor<1x8x1x9xf32>
}

// -----

func.func @conv_transpose2d_bias_shape(%x: tensor<1x16x8x8xf32>, %w: tensor<16x8x2x2xf32>, %b: tensor<16xf32>) -> tensor<1x8x9x9xf32> {
  // expected-error @+1 {{'accel.conv_transpose2d' op bias shape [16] must be [8] (one value per output channel)}}
  %0 = accel.conv_transpose2d %x, %w, %b : (tensor<1x16x8x8xf32>, tensor<16x8x2x2xf32>, tensor<16xf32>) -> tensor<1x8x9x9xf32>
  return %0 : tensor<1x8x9x9xf32>
}

// -----

//===----------------------------------------------------------------------===//
// matmul
//===----------------------------------------------------------------------===//

func.func @matmul_result_shape(%a: tensor<4x32xf32>, %b: tensor<32x16xf32>) -> tensor<4x32xf32> {
  // expected-error @+1 {{'accel.matmul' op result shape [4, 32] does not match the inferred shape [4, 16]}}
  %0 = accel.matmul %a, %b : (tensor<4x32xf32>, tensor<32x16xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// -----

func.func @matmul_contraction(%a: tensor<4x32xf32>, %b: tensor<16x32xf32>) -> tensor<4x32xf32> {
  // expected-error @+1 {{'accel.matmul' op contraction sizes differ: lhs [4, 32] has 32, rhs [16, 32] has 16}}
  %0 = accel.matmul %a, %b : (tensor<4x32xf32>, tensor<16x32xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// -----

func.func @matmul_contraction_transposed(%a: tensor<4x32xf32>, %b: tensor<32x16xf32>) -> tensor<4x32xf32> {
  // expected-error @+1 {{'accel.matmul' op contraction sizes differ: lhs [4, 32] has 32, rhs [32, 16] has 16 (transposed)}}
  %0 = accel.matmul %a, %b {transpose_rhs} : (tensor<4x32xf32>, tensor<32x16xf32>) -> tensor<4x32xf32>
  return %0 : tensor<4x32xf32>
}

// -----

func.func @matmul_lhs_rank(%a: tensor<32xf32>, %b: tensor<32xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{'accel.matmul' op lhs must have rank 2 or 3, got [32]}}
  %0 = accel.matmul %a, %b : (tensor<32xf32>, tensor<32xf32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @matmul_rank_mismatch(%a: tensor<4x32xf32>, %b: tensor<2x32x16xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op lhs [4, 32] and rhs [2, 32, 16] must have the same rank}}
  %0 = accel.matmul %a, %b : (tensor<4x32xf32>, tensor<2x32x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x4x32xf32>, %b: tensor<3x32x16xf32>) -> tensor<2x4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op batch dimensions differ: 2 vs 3}}
  %0 = accel.matmul %a, %b : (tensor<2x4x32xf32>, tensor<3x32x16xf32>) -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

func.func @matmul_bias_shape(%a: tensor<4x32xf32>, %b: tensor<32x16xf32>, %c: tensor<4xf32>) -> tensor<4x16xf32> {
  // expected-error @+1 {{'accel.matmul' op bias shape [4] must be [16] (one value per output channel)}}
  %0 = accel.matmul %a, %b, %c : (tensor<4x32xf32>, tensor<32x16xf32>, tensor<4xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

//===----------------------------------------------------------------------===//
// pool2d
//===----------------------------------------------------------------------===//

func.func @pool2d_result_shape(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x7x7xf32> {
  // expected-error @+1 {{'accel.pool2d' op result shape [1, 8, 7, 7] does not match the inferred shape [1, 8, 8, 8]}}
  %0 = accel.pool2d max %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x8x16x16xf32> -> tensor<1x8x7x7xf32>
  return %0 : tensor<1x8x7x7xf32>
}

// -----

func.func @pool2d_global_result_shape(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32> {
  // expected-error @+1 {{'accel.pool2d' op result shape [1, 8, 16, 16] does not match the inferred shape [1, 8, 1, 1]}}
  %0 = accel.pool2d avg %x {global} : tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
  return %0 : tensor<1x8x16x16xf32>
}

// -----

func.func @pool2d_global_with_kernel(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{'accel.pool2d' op a global pooling takes no kernel, strides, dilations, pads or ceil_mode}}
  %0 = accel.pool2d avg %x {global, kernel = array<i64: 16, 16>} : tensor<1x8x16x16xf32> -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @pool2d_global_with_ceil_mode(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{'accel.pool2d' op a global pooling takes no kernel, strides, dilations, pads or ceil_mode}}
  %0 = accel.pool2d max %x {global, ceil_mode} : tensor<1x8x16x16xf32> -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @pool2d_no_kernel(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op needs a 'kernel' unless it is 'global'}}
  %0 = accel.pool2d max %x {strides = array<i64: 2, 2>} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @pool2d_kernel_entries(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op 'kernel' must have 2 entries, got 1}}
  %0 = accel.pool2d max %x {kernel = array<i64: 2>, strides = array<i64: 2, 2>} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @pool2d_pads_entries(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op 'pads' must have 4 entries, got 2}}
  %0 = accel.pool2d max %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0>} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @pool2d_count_include_pad_max(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op 'count_include_pad' only applies to avg pooling}}
  %0 = accel.pool2d max %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, count_include_pad} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @pool2d_zero_kernel(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op kernel must be >= 1, got [0, 2]}}
  %0 = accel.pool2d max %x {kernel = array<i64: 0, 2>, strides = array<i64: 2, 2>} : tensor<1x8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @pool2d_pads_not_smaller_than_kernel(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x9x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op pads [2, 0, 0, 0] must be smaller than the kernel [2, 2]}}
  %0 = accel.pool2d max %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 2, 0, 0, 0>} : tensor<1x8x16x16xf32> -> tensor<1x8x9x8xf32>
  return %0 : tensor<1x8x9x8xf32>
}

// -----

func.func @pool2d_input_rank(%x: tensor<8x16x16xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.pool2d' op input must have rank 4, got [8, 16, 16]}}
  %0 = accel.pool2d max %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<8x16x16xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @pool2d_window_too_large(%x: tensor<1x8x2x2xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{'accel.pool2d' op window of extent 3 (kernel 3, dilation 1) exceeds the padded input extent 2}}
  %0 = accel.pool2d max %x {kernel = array<i64: 3, 3>} : tensor<1x8x2x2xf32> -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

//===----------------------------------------------------------------------===//
// add, mul, activation
//===----------------------------------------------------------------------===//

func.func @add_not_broadcastable(%a: tensor<1x8x4x4xf32>, %b: tensor<1x4x1x1xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'accel.add' op shapes [1, 8, 4, 4] and [1, 4, 1, 1] are not broadcastable}}
  %0 = accel.add %a, %b : tensor<1x8x4x4xf32>, tensor<1x4x1x1xf32> -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @add_result_shape(%a: tensor<1x8x4x4xf32>, %b: tensor<1x8x1x1xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{'accel.add' op result shape [1, 8, 1, 1] does not match the inferred shape [1, 8, 4, 4]}}
  %0 = accel.add %a, %b : tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @mul_result_shape(%a: tensor<1x8x4x4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'accel.mul' op result shape [4] does not match the inferred shape [1, 8, 4, 4]}}
  %0 = accel.mul %a, %b : tensor<1x8x4x4xf32>, tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @mul_mapping(%a: tensor<1x8x4x4xf32>, %b: tensor<1x8x1x1xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'accel.mul' op mapping does not fit the loop bounds N=1, K=1, C=2, P=4, Q=4, R=1, S=1, G=8: level 0: fan-out 8 x tile 1 of K covers 8 but the parent extent is 1}}
  %0 = accel.mul %a, %b {mapping = #accel.mapping<[K*8 | K:1]>} : tensor<1x8x4x4xf32>, tensor<1x8x1x1xf32> -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @activation_not_an_act(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{custom op 'accel.activation' expected an #accel.act attribute}}
  %0 = accel.activation #accel.mapping<[K:1]> %x : tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @conv_mixed_types(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi16> {
  // expected-error @+1 {{'accel.conv2d' op element types must be one type, or i8 input and weight with i32 bias and result; got input 'i8', weight 'i8', bias 'i16', result 'i16'}}
  %0 = accel.conv2d %x, %w : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi16>
  return %0 : tensor<1x4x6x6xi16>
}

// -----

func.func @conv_float_zero_point(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'accel.conv2d' op input_zero_point applies to integer inputs, not 'f32'}}
  %0 = accel.conv2d %x, %w {input_zero_point = 3 : i64} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_zero_point_range(%x: tensor<1x3x8x8xi8>, %w: tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32> {
  // expected-error @+1 {{'accel.conv2d' op input_zero_point must be an 'i8', got 200}}
  %0 = accel.conv2d %x, %w {input_zero_point = 200 : i64} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>) -> tensor<1x4x6x6xi32>
  return %0 : tensor<1x4x6x6xi32>
}

// -----

func.func @matmul_float_zero_point(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'accel.matmul' op lhs_zero_point applies to integer inputs, not 'f32'}}
  %0 = accel.matmul %x, %w {lhs_zero_point = 1 : i64} : (tensor<2x8xf32>, tensor<8x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @quantize_to_float(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf16> {
  // expected-error @+1 {{'accel.quantize' op quantizes floats to signless integers of at most 32 bits, got 'f32' to 'f16'}}
  %0 = accel.quantize %x {scale = 0.02 : f64, zero_point = 0 : i64, min = -128 : i64, max = 127 : i64} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xf16>
  return %0 : tensor<1x3x8x8xf16>
}

// -----

func.func @quantize_zero_scale(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xi8> {
  // expected-error @+1 {{'accel.quantize' op scale must be finite and > 0, got 0}}
  %0 = accel.quantize %x {scale = 0.0 : f64, zero_point = 0 : i64, min = -128 : i64, max = 127 : i64} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xi8>
  return %0 : tensor<1x3x8x8xi8>
}

// -----

func.func @quantize_range(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xi8> {
  // expected-error @+1 {{'accel.quantize' op range [0, 255] must lie in 'i8''s [-128, 127] with min <= max}}
  %0 = accel.quantize %x {scale = 0.02 : f64, zero_point = 0 : i64, min = 0 : i64, max = 255 : i64} : tensor<1x3x8x8xf32> -> tensor<1x3x8x8xi8>
  return %0 : tensor<1x3x8x8xi8>
}

// -----

func.func @dequantize_scales(%x: tensor<1x4x8x8xi32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'accel.dequantize' op has 3 scales: one, or one per index of dimension 1 (4)}}
  %0 = accel.dequantize %x {scales = array<f64: 1.0, 2.0, 3.0>} : tensor<1x4x8x8xi32> -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @dequantize_axis(%x: tensor<1x4x8x8xi32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+1 {{'accel.dequantize' op axis 4 is not a dimension of 'tensor<1x4x8x8xf32>'}}
  %0 = accel.dequantize %x {scales = array<f64: 1.0>, axis = 4 : i64} : tensor<1x4x8x8xi32> -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @layer_norm_of_integers(%x: tensor<1x4x4x8xi8>) -> tensor<1x4x4x8xi8> {
  // expected-error @+1 {{'accel.layer_norm' op normalizes floats, got 'i8'}}
  %0 = accel.layer_norm %x {epsilon = 1.0e-06 : f64} : tensor<1x4x4x8xi8>
  return %0 : tensor<1x4x4x8xi8>
}

// -----

func.func @layer_norm_axis_out_of_range(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @+1 {{'accel.layer_norm' op axis -5 is not a dimension of 'tensor<1x4x4x8xf32>'}}
  %0 = accel.layer_norm %x {axis = -5 : i64, epsilon = 1.0e-06 : f64} : tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

func.func @layer_norm_folded_axis(%x: tensor<2x3x4x4x8xf32>) -> tensor<2x3x4x4x8xf32> {
  // expected-error @+1 {{'accel.layer_norm' op axis 1 of a rank-5 tensor: only the last 3 dimensions can be normalized over}}
  %0 = accel.layer_norm %x {axis = 1 : i64, epsilon = 1.0e-06 : f64} : tensor<2x3x4x4x8xf32>
  return %0 : tensor<2x3x4x4x8xf32>
}

// -----

func.func @layer_norm_negative_epsilon(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @+1 {{'accel.layer_norm' op epsilon must be finite and >= 0, got -1.000000e-01}}
  %0 = accel.layer_norm %x {epsilon = -0.1 : f64} : tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

func.func @layer_norm_missing_epsilon(%x: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  // expected-error @+1 {{'accel.layer_norm' op requires attribute 'epsilon'}}
  %0 = accel.layer_norm %x : tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// resize
//===----------------------------------------------------------------------===//

func.func @resize_result_shape(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x8x4xf32> {
  // expected-error @+1 {{'accel.resize' op result shape [1, 8, 8, 4] does not match the inferred shape [1, 8, 8, 8]}}
  %0 = accel.resize nearest %x {scales = array<i64: 2, 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @resize_align_corners_nearest(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.resize' op 'align_corners' only applies to bilinear resize}}
  %0 = accel.resize nearest %x {scales = array<i64: 2, 2>, align_corners} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @resize_scales_entries(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.resize' op scales must have 2 entries (H, W), got [2]}}
  %0 = accel.resize nearest %x {scales = array<i64: 2>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @resize_zero_scale(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{'accel.resize' op scales must be >= 1, got [2, 0]}}
  %0 = accel.resize bilinear %x {scales = array<i64: 2, 0>} : tensor<1x8x4x4xf32> -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @resize_input_rank(%x: tensor<8x4x4xf32>) -> tensor<8x8x8xf32> {
  // expected-error @+1 {{'accel.resize' op input must have rank 4, got [8, 4, 4]}}
  %0 = accel.resize nearest %x {scales = array<i64: 2, 2>} : tensor<8x4x4xf32> -> tensor<8x8x8xf32>
  return %0 : tensor<8x8x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// concat, reshape, flatten, opaque
//===----------------------------------------------------------------------===//

func.func @concat_result_shape(%a: tensor<1x8x4x4xf32>, %b: tensor<1x8x4x4xf32>) -> tensor<1x8x8x4xf32> {
  // expected-error @+1 {{'accel.concat' op result shape [1, 8, 8, 4] does not match the inferred shape [1, 16, 4, 4]}}
  %0 = accel.concat %a, %b {axis = 1 : i64} : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x8x4xf32>
  return %0 : tensor<1x8x8x4xf32>
}

// -----

func.func @concat_dim_mismatch(%a: tensor<1x8x4x4xf32>, %b: tensor<1x8x2x4xf32>) -> tensor<1x16x4x4xf32> {
  // expected-error @+1 {{'accel.concat' op input 1 [1, 8, 2, 4] differs from input 0 [1, 8, 4, 4] in dimension 2}}
  %0 = accel.concat %a, %b {axis = 1 : i64} : (tensor<1x8x4x4xf32>, tensor<1x8x2x4xf32>) -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}

// -----

func.func @concat_rank_mismatch(%a: tensor<1x8x4x4xf32>, %b: tensor<8x4x4xf32>) -> tensor<1x16x4x4xf32> {
  // expected-error @+1 {{'accel.concat' op input 1 has rank 3, expected 4}}
  %0 = accel.concat %a, %b {axis = 1 : i64} : (tensor<1x8x4x4xf32>, tensor<8x4x4xf32>) -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}

// -----

func.func @concat_axis_out_of_range(%a: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'accel.concat' op axis 4 is out of range for rank 4}}
  %0 = accel.concat %a {axis = 4 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @concat_negative_axis(%a: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'accel.concat' op axis -1 is out of range for rank 4}}
  %0 = accel.concat %a {axis = -1 : i64} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @reshape_element_count(%x: tensor<1x8x4x4xf32>) -> tensor<1x100xf32> {
  // expected-error @+1 {{'accel.reshape' op input has 128 elements but the result has 100}}
  %0 = accel.reshape %x : tensor<1x8x4x4xf32> -> tensor<1x100xf32>
  return %0 : tensor<1x100xf32>
}

// -----

func.func @flatten_axis_out_of_range(%x: tensor<1x8x4x4xf32>) -> tensor<128x1xf32> {
  // expected-error @+1 {{'accel.flatten' op axis 5 is out of range for rank 4}}
  %0 = accel.flatten %x {axis = 5 : i64} : tensor<1x8x4x4xf32> -> tensor<128x1xf32>
  return %0 : tensor<128x1xf32>
}

// -----

func.func @flatten_result_shape(%x: tensor<1x8x4x4xf32>) -> tensor<8x16xf32> {
  // expected-error @+1 {{'accel.flatten' op result shape [8, 16] does not match the inferred shape [1, 128]}}
  %0 = accel.flatten %x : tensor<1x8x4x4xf32> -> tensor<8x16xf32>
  return %0 : tensor<8x16xf32>
}

// -----

func.func @opaque_empty_name(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{'accel.opaque' op needs a non-empty 'op_name'}}
  %0 = accel.opaque ""(%x) : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// group
//===----------------------------------------------------------------------===//

func.func @group_input_type_count(%x: tensor<1x8xf32>, %y: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{expected 2 input types, got 1}}
  %0 = accel.group (%a = %x, %b = %y) : (tensor<1x8xf32>) -> tensor<1x8xf32> {
    accel.yield %a : tensor<1x8xf32>
  }
  return %0 : tensor<1x8xf32>
}

// -----

func.func @group_arg_count(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{'accel.group' op has 1 inputs but its body has 2 arguments}}
  %0 = "accel.group"(%x) ({
  ^bb0(%a: tensor<1x8xf32>, %b: tensor<1x8xf32>):
    "accel.yield"(%a) : (tensor<1x8xf32>) -> ()
  }) : (tensor<1x8xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @group_arg_type(%x: tensor<1x8xf32>) -> tensor<1x8xf16> {
  // expected-error @+1 {{'accel.group' op input #0 has type 'tensor<1x8xf32>' but the body argument has type 'tensor<1x8xf16>'}}
  %0 = "accel.group"(%x) ({
  ^bb0(%a: tensor<1x8xf16>):
    "accel.yield"(%a) : (tensor<1x8xf16>) -> ()
  }) : (tensor<1x8xf32>) -> tensor<1x8xf16>
  return %0 : tensor<1x8xf16>
}

// -----

func.func @group_no_results(%x: tensor<1x8xf32>) {
  // expected-error @+1 {{'accel.group' op must produce at least one result}}
  accel.group (%a = %x) : (tensor<1x8xf32>) -> () {
    accel.yield
  }
  return
}

// -----

func.func @group_yield_types(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %0 = accel.group (%a = %x) : (tensor<1x8xf32>) -> tensor<1x8xf32> {
    %r = accel.reshape %a : tensor<1x8xf32> -> tensor<8xf32>
    // expected-error @+1 {{'accel.yield' op yields types ('tensor<8xf32>') but the group returns ('tensor<1x8xf32>')}}
    accel.yield %r : tensor<8xf32>
  }
  return %0 : tensor<1x8xf32>
}

// -----

func.func @group_yield_count(%x: tensor<1x8xf32>) -> (tensor<1x8xf32>, tensor<1x8xf32>) {
  %0:2 = accel.group (%a = %x) : (tensor<1x8xf32>) -> (tensor<1x8xf32>, tensor<1x8xf32>) {
    // expected-error @+1 {{'accel.yield' op yields types ('tensor<1x8xf32>') but the group returns ('tensor<1x8xf32>', 'tensor<1x8xf32>')}}
    accel.yield %a : tensor<1x8xf32>
  }
  return %0#0, %0#1 : tensor<1x8xf32>, tensor<1x8xf32>
}

// -----

func.func @group_isolated(%x: tensor<1x8xf32>, %y: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-note @+1 {{required by region isolation constraints}}
  %0 = accel.group (%a = %x) : (tensor<1x8xf32>) -> tensor<1x8xf32> {
    // expected-error @+1 {{using value defined outside the region}}
    %r = accel.add %a, %y : tensor<1x8xf32>, tensor<1x8xf32> -> tensor<1x8xf32>
    accel.yield %r : tensor<1x8xf32>
  }
  return %0 : tensor<1x8xf32>
}

// -----

func.func @group_foreign_terminator(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{'accel.group' op body must end with 'accel.yield'}}
  %0 = accel.group (%a = %x) : (tensor<1x8xf32>) -> tensor<1x8xf32> {
    "test.terminator"(%a) : (tensor<1x8xf32>) -> ()
  }
  return %0 : tensor<1x8xf32>
}

// -----

func.func @yield_outside_group(%x: tensor<1x8xf32>) {
  // expected-error @+1 {{'accel.yield' op expects parent op 'accel.group'}}
  accel.yield %x : tensor<1x8xf32>
}

// -----

//===----------------------------------------------------------------------===//
// #accel.mapping
//===----------------------------------------------------------------------===//

// expected-error @+1 {{dimension K is listed twice in one level}}
func.func @mapping_listed_twice() attributes {m = #accel.mapping<[K:4 C:2 K:2]>} { return }

// -----

// expected-error @+1 {{invalid mapping: level 1: tile 8 of K exceeds the parent extent 4}}
func.func @mapping_tile_exceeds_parent() attributes {m = #accel.mapping<[K:4], [K:8]>} { return }

// -----

// expected-error @+1 {{invalid mapping: level 1: fan-out 4 x tile 4 of K covers 16 but the parent extent is 8}}
func.func @mapping_fanout_exceeds_parent() attributes {m = #accel.mapping<[K:8], [K*4 | K:4]>} { return }

// -----

// expected-error @+1 {{invalid mapping: level 0: spatial dimension K has no tile in the loop list}}
func.func @mapping_spatial_without_tile() attributes {m = #accel.mapping<[K*4 | C:1]>} { return }

// -----

// expected-error @+1 {{invalid mapping: level 0: tile of C must be >= 1, got 0}}
func.func @mapping_zero_tile() attributes {m = #accel.mapping<[K:1 C:0]>} { return }

// -----

// expected-error @+1 {{invalid mapping: level 0: fan-out must be >= 1, got 0}}
func.func @mapping_zero_fanout() attributes {m = #accel.mapping<[K*0 | K:1]>} { return }

// -----

// expected-error @+1 {{invalid mapping: level 1: has neither a spatial dimension nor loops}}
func.func @mapping_empty_level() attributes {m = #accel.mapping<[K:1], []>} { return }

// -----

// expected-error @+1 {{expected a loop dimension (N, K, C, P, Q, R, S or G), got 'X'}}
func.func @mapping_unknown_dim() attributes {m = #accel.mapping<[K:1 X:2]>} { return }

// -----

// expected-error @+1 {{expected a loop dimension (N, K, C, P, Q, R, S or G), got 'k'}}
func.func @mapping_lowercase_spatial_dim() attributes {m = #accel.mapping<[k*4 | K:1]>} { return }

// -----

// expected-error @+1 {{a mapping has at most 8 levels}}
func.func @mapping_too_many_levels() attributes {m = #accel.mapping<[K:1], [K:1], [K:1], [K:1], [K:1], [K:1], [K:1], [K:1], [K:1]>} { return }

// -----

// expected-error @+1 {{expected '['}}
func.func @mapping_no_levels() attributes {m = #accel.mapping<>} { return }

// -----

//===----------------------------------------------------------------------===//
// #accel.act
//===----------------------------------------------------------------------===//

// expected-error @+1 {{unknown activation 'swish2'}}
func.func @act_unknown_kind() attributes {a = #accel.act<swish2>} { return }

// -----

// expected-error @+1 {{clip min 6 is greater than max 0}}
func.func @act_clip_min_gt_max() attributes {a = #accel.act<clip, min = 6.0, max = 0.0>} { return }

// -----

// expected-error @+1 {{expected ','}}
func.func @act_missing_param() attributes {a = #accel.act<clip, min = 0.0>} { return }

// -----

// expected-error @+1 {{expected '>'}}
func.func @act_extra_param() attributes {a = #accel.act<relu, alpha = 0.1>} { return }

// -----

// expected-error @+1 {{expected 'alpha'}}
func.func @act_wrong_param_name() attributes {a = #accel.act<leaky_relu, beta = 0.1>} { return }

// -----

// expected-error @+1 {{expected 'min'}}
func.func @act_wrong_param_order() attributes {a = #accel.act<clip, max = 6.0, min = 0.0>} { return }

// -----

//===----------------------------------------------------------------------===//
// #accel.target and dialect attributes
//===----------------------------------------------------------------------===//

// expected-error @+1 {{#accel.target needs exactly one of 'preset' and 'file'}}
module attributes {accel.target = #accel.target<preset = "eyeriss-like", file = "my-accel.yaml">} {}

// -----

// expected-error @+1 {{#accel.target needs exactly one of 'preset' and 'file'}}
module attributes {accel.target = #accel.target<>} {}

// -----

// expected-error @+1 {{'accel.target' may only be attached to a module}}
func.func @target_on_func() attributes {accel.target = #accel.target<preset = "eyeriss-like">} { return }

// -----

// expected-error @+1 {{'accel.target' must be an #accel.target<...> attribute, got "eyeriss-like"}}
module attributes {accel.target = "eyeriss-like"} {}

// -----

// expected-error @+1 {{unknown accel attribute 'accel.targets'}}
module attributes {accel.targets = #accel.target<preset = "eyeriss-like">} {}

// -----

// expected-error @+1 {{'accel.weights_file' must be a non-empty string (a path) on a module}}
module attributes {accel.weights_file = ""} {}

// -----

// expected-error @+1 {{'accel.weights_file' must be a non-empty string (a path) on a module}}
func.func @weights_file_on_func() attributes {accel.weights_file = "w.npz"} { return }

// -----

// expected-error @+1 {{'accel.weight' on argument #1 must be a non-empty string (its array in the weights file), got 3 : i64}}
func.func @weight_not_a_name(%x: tensor<4xf32>, %w: tensor<4xf32> {accel.weight = 3}) { return }

// -----

// expected-error @+1 {{unknown accel argument attribute 'accel.weights' on argument #0}}
func.func @weight_misspelt(%w: tensor<4xf32> {accel.weights = "w"}) { return }

// -----

//===----------------------------------------------------------------------===//
// Enum keywords
//===----------------------------------------------------------------------===//

func.func @pool2d_unknown_kind(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{expected one of [max, avg] for pooling reduction, got: min}}
  %0 = accel.pool2d min %x {global} : tensor<1x8x4x4xf32> -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @resize_unknown_mode(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{expected one of [nearest, bilinear] for resize interpolation, got: cubic}}
  %0 = accel.resize cubic %x {scales = array<i64: 1, 1>} : tensor<1x8x4x4xf32> -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

// A global pooling's window attributes are still checked for their entry
// counts (they used to overflow the parameter arrays).
func.func @pool2d_global_bad_pads_count(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{'accel.pool2d' op 'pads' must have 4 entries, got 6}}
  %0 = accel.pool2d avg %x {global, pads = array<i64: 0, 0, 0, 0, 0, 0>} : tensor<1x8x4x4xf32> -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @pool2d_global_bad_strides_count(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{'accel.pool2d' op 'strides' must have 2 entries, got 3}}
  %0 = accel.pool2d avg %x {global, strides = array<i64: 1, 1, 1>} : tensor<1x8x4x4xf32> -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

// fan-out x tile must not overflow int64.
// expected-error @+1 {{invalid mapping: level 1: fan-out 4611686018427387904 x tile 4 of K overflows}}
#overflow = #accel.mapping<[K:8], [K*4611686018427387904 | K:4]>
func.func private @overflow() attributes {m = #overflow}

// -----

// expected-error @+1 {{unknown accelerator preset 'eyeris-like' (known: eyeriss-like, simba-like, nvdla-like, gamma-edge, gamma-edge-s1, gamma-edge-s3, gamma-cloud, gamma-cloud-s1, gamma-cloud-s3)}}
module attributes {accel.target = #accel.target<preset = "eyeris-like">} {}

//===----------------------------------------------------------------------===//
// #accel.schedule and the group's checks of it
//===----------------------------------------------------------------------===//

// -----

// expected-error @+1 {{a schedule needs 'rows'}}
#s = #accel.schedule<halo = keep>

// -----

// expected-error @+1 {{unknown schedule field 'tile' (expected rows, halo, weights, double_buffer, split, mode or pes)}}
#s = #accel.schedule<rows = 4, tile = 2>

// -----

// expected-error @+1 {{'rows' is given twice}}
#s = #accel.schedule<rows = 4, rows = 2>

// -----

// expected-error @+1 {{expected halo to be keep or recompute, got 'sometimes'}}
#s = #accel.schedule<rows = 4, halo = sometimes>

// -----

// expected-error @+1 {{expected weights to be resident or streamed, got 'cached'}}
#s = #accel.schedule<rows = 4, weights = cached>

// -----

// expected-error @+1 {{expected mode to be depth_first or pipelined, got 'parallel'}}
#s = #accel.schedule<rows = 4, mode = parallel>

// -----

// expected-error @+1 {{expected double_buffer to be true or false, got 'yes'}}
#s = #accel.schedule<rows = 4, double_buffer = yes>

// -----

// expected-error @+1 {{expected split to be arch, shared or weights(<bytes>), got 'half'}}
#s = #accel.schedule<rows = 4, split = half>

// -----

// expected-error @+1 {{invalid schedule: rows: must be >= 1, got 0}}
#s = #accel.schedule<rows = 0>
func.func private @f() attributes {s = #s}

// -----

// expected-error @+1 {{invalid schedule: split: the weights' bytes must be >= 0, got -5}}
#s = #accel.schedule<rows = 4, split = weights(-5)>
func.func private @f() attributes {s = #s}

// -----

// expected-error @+1 {{invalid schedule: pes: a pipelined group gives each computing layer a share of the PE array}}
#s = #accel.schedule<rows = 4, mode = pipelined>
func.func private @f() attributes {s = #s}

// -----

// expected-error @+1 {{invalid schedule: pes: layer 1's share must be >= 1, got 0}}
#s = #accel.schedule<rows = 4, mode = pipelined, pes = [2, 0]>
func.func private @f() attributes {s = #s}

// -----

// expected-error @+1 {{invalid schedule: weights: a pipelined group keeps its weights resident (every layer runs on every beat)}}
#s = #accel.schedule<rows = 4, weights = streamed, mode = pipelined, pes = [2]>
func.func private @f() attributes {s = #s}

// -----

// expected-error @+1 {{invalid schedule: pes: only a pipelined group shares out the PE array}}
#s = #accel.schedule<rows = 4, pes = [2]>
func.func private @f() attributes {s = #s}

// -----

func.func @schedule_rows_over_height(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
  // expected-error @+1 {{'accel.group' op schedule rows: 17 exceeds the 16 rows of the group's tallest output}}
  %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> attributes {schedule = #accel.schedule<rows = 17>} {
    %y = accel.activation #accel.act<relu> %a : tensor<1x8x16x8xf32>
    accel.yield %y : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}

// -----

func.func @schedule_pes_count(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
  // expected-error @+1 {{'accel.group' op schedule pes: 1 shares for 2 computing layers}}
  %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> attributes {schedule = #accel.schedule<rows = 4, mode = pipelined, pes = [4]>} {
    %y = accel.activation #accel.act<relu> %a : tensor<1x8x16x8xf32>
    %z = accel.activation #accel.act<relu> %y : tensor<1x8x16x8xf32>
    accel.yield %z : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}

// -----

func.func @group_opaque(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
  // expected-error @+1 {{'accel.group' op layer 'softmax' (an opaque operator) cannot run in a group: its semantics are unknown}}
  %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
    %y = accel.opaque "onnx.Softmax"(%a) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> loc("softmax")
    accel.yield %y : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}

// -----

func.func @group_not_a_tensor(%x: tensor<1x8x16x8xf32>, %n: i32) -> tensor<1x8x16x8xf32> {
  // expected-error @+1 {{'accel.group' op a layer reads or writes a value of type i32, not a statically shaped tensor of numbers}}
  %0 = accel.group (%a = %x, %b = %n) : (tensor<1x8x16x8xf32>, i32) -> tensor<1x8x16x8xf32> {
    %y = accel.opaque "onnx.Shift"(%a, %b) : (tensor<1x8x16x8xf32>, i32) -> tensor<1x8x16x8xf32>
    accel.yield %y : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}

// -----

// A mapping inside a group maps the layer's tile: 4 of its 16 rows here
// (the default schedule).
func.func @group_mapping_too_tall(%x: tensor<1x8x16x8xf32>, %w: tensor<8x8x3x3xf32>) -> tensor<1x8x16x8xf32> {
  %0 = accel.group (%a = %x, %k = %w) : (tensor<1x8x16x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x16x8xf32> {
    // expected-error @+1 {{'accel.conv2d' op mapping does not fit the layer's tile in its group (4 of 16 rows): level 0: tile 8 of P exceeds the parent extent 4}}
    %y = accel.conv2d %a, %k {pads = array<i64: 1, 1, 1, 1>, mapping = #accel.mapping<[K*8 | K:1 P:8]>} : (tensor<1x8x16x8xf32>, tensor<8x8x3x3xf32>) -> tensor<1x8x16x8xf32>
    accel.yield %y : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}

// -----

module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @schedule_split_over_level(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
    // expected-error @+1 {{'accel.group' op schedule on eyeriss-like: split: 200000 B for weights exceeds the 131072 B of GlobalBuffer}}
    %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> attributes {schedule = #accel.schedule<rows = 4, split = weights(200000)>} {
      %y = accel.activation #accel.act<relu> %a : tensor<1x8x16x8xf32>
      accel.yield %y : tensor<1x8x16x8xf32>
    }
    return %0 : tensor<1x8x16x8xf32>
  }
}

// -----

module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @schedule_pes_over_array(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
    // expected-error @+1 {{'accel.group' op schedule on eyeriss-like: pes: the shares add up to 14 but stage 'rows' below GlobalBuffer has 12 units}}
    %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> attributes {schedule = #accel.schedule<rows = 4, mode = pipelined, pes = [7, 7]>} {
      %y = accel.activation #accel.act<relu> %a : tensor<1x8x16x8xf32>
      %z = accel.activation #accel.act<relu> %y : tensor<1x8x16x8xf32>
      accel.yield %z : tensor<1x8x16x8xf32>
    }
    return %0 : tensor<1x8x16x8xf32>
  }
}

// -----

func.func @group_without_layers(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
  // expected-error @+1 {{'accel.group' op a group needs at least one layer}}
  %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
    accel.yield %a : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}

// -----

func.func @group_result_unused(%x: tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
  // expected-error @+1 {{'accel.group' op the group produces nothing that is used after it}}
  %0 = accel.group (%a = %x) : (tensor<1x8x16x8xf32>) -> tensor<1x8x16x8xf32> {
    %y = accel.activation #accel.act<relu> %a : tensor<1x8x16x8xf32>
    accel.yield %a : tensor<1x8x16x8xf32>
  }
  return %0 : tensor<1x8x16x8xf32>
}


// -----

// Limits (docs/Dialects.md): a tensor of more than 2^40 elements, whose
// element count would overflow the models' int64 arithmetic.
func.func @too_many_elements(%x: tensor<1x8x4611686018427387904x7xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{'accel.pool2d' op operand #0 must be non-empty statically shaped tensor of numbers, dimensions at most 2^24, at most 2^40 elements, but got 'tensor<1x8x4611686018427387904x7xf32>'}}
  %y = accel.pool2d avg %x {global} : tensor<1x8x4611686018427387904x7xf32> -> tensor<1x8x1x1xf32>
  return %y : tensor<1x8x1x1xf32>
}

// -----

// ... and a loop nest of more than 2^56 iterations from tensors within it.
func.func @too_many_iterations(%x: tensor<1x1048576x1x1048576xf32>, %w: tensor<1048576x1048576x1x1xf32>) -> tensor<1x1048576x1x1048576xf32> {
  // expected-error @+1 {{'accel.conv2d' op loop nest exceeds 2^56 iterations: N=1 x K=1048576 x C=1048576 x P=1 x Q=1048576 x R=1 x S=1 x G=1}}
  %y = accel.conv2d %x, %w : (tensor<1x1048576x1x1048576xf32>, tensor<1048576x1048576x1x1xf32>) -> tensor<1x1048576x1x1048576xf32>
  return %y : tensor<1x1048576x1x1048576xf32>
}

// -----

// Activation parameters are finite (a NaN clip bound once passed through).
func.func @nan_parameter(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{activation 'leaky_relu' has a parameter that is not finite (nan)}}
  %y = accel.activation #accel.act<leaky_relu, alpha = 0x7FF8000000000000> %x : tensor<1x4xf32>
  return %y : tensor<1x4xf32>
}

// -----

// A dimension above 2^24 (a 1-D convolution over 10^8 columns, which the
// models would walk column by column).
func.func @too_long(%x: tensor<1x1x1x100000000xf32>, %w: tensor<1x1x1x3xf32>) -> tensor<1x1x1x99999998xf32> {
  // expected-error @+1 {{'accel.conv2d' op operand #0 must be non-empty statically shaped tensor of numbers, dimensions at most 2^24, at most 2^40 elements, but got 'tensor<1x1x1x100000000xf32>'}}
  %y = accel.conv2d %x, %w : (tensor<1x1x1x100000000xf32>, tensor<1x1x1x3xf32>) -> tensor<1x1x1x99999998xf32>
  return %y : tensor<1x1x1x99999998xf32>
}

// -----

// Window and resize attributes near 2^63 (found by the sanitizer campaign:
// the output-size arithmetic overflowed before the verifier could answer).
func.func @huge_pad(%x: tensor<1x2x8x8xf16>, %w: tensor<2x2x3x3xf16>) -> tensor<1x2x8x8xf16> {
  // expected-error @+1 {{'accel.conv2d' op padding 9223372036854775807 exceeds the limit of 2^24}}
  %0 = accel.conv2d %x, %w {pads = array<i64: 9223372036854775807, 1, 1, 1>} : (tensor<1x2x8x8xf16>, tensor<2x2x3x3xf16>) -> tensor<1x2x8x8xf16>
  return %0 : tensor<1x2x8x8xf16>
}

// -----

func.func @huge_scale(%x: tensor<1x2x8x8xf16>) -> tensor<1x2x16x16xf16> {
  // expected-error @+1 {{'accel.resize' op resize of [1, 2, 8, 8] by [4611686018427387904, 2] exceeds the limit of 2^24}}
  %0 = accel.resize nearest %x {scales = array<i64: 4611686018427387904, 2>} : tensor<1x2x8x8xf16> -> tensor<1x2x16x16xf16>
  return %0 : tensor<1x2x16x16xf16>
}
