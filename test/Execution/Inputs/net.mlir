// A small network touching every kernel the interpreter runs, in f32; its
// numpy twin is numpy_reference.py.
func.func @net(%x: tensor<1x4x9x9xf32>, %w1: tensor<6x2x3x3xf32>, %b1: tensor<6xf32>,
               %w2: tensor<6x1x3x3xf32>, %wt: tensor<12x3x2x2xf32>,
               %fc: tensor<5x48xf32>, %bfc: tensor<5xf32>) -> tensor<1x5xf32> {
  // Grouped, strided, padded convolution with a fused ReLU: 1x6x5x5.
  %0 = accel.conv2d %x, %w1, %b1 {groups = 2 : i64, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x4x9x9xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x5x5xf32>
  // Depthwise, dilated (2), padded 2, leaky ReLU: 1x6x5x5.
  %1 = accel.conv2d %0, %w2 {groups = 6 : i64, dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 2, 2>, activation = #accel.act<leaky_relu, alpha = 1.000000e-01>} : (tensor<1x6x5x5xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x5x5xf32>
  // Squeeze-excite: global average, hard sigmoid, broadcast multiply.
  %2 = accel.pool2d avg %1 {global} : tensor<1x6x5x5xf32> -> tensor<1x6x1x1xf32>
  %3 = accel.activation #accel.act<hard_sigmoid, alpha = 2.000000e-01, beta = 5.000000e-01> %2 : tensor<1x6x1x1xf32>
  %4 = accel.mul %1, %3 : tensor<1x6x5x5xf32>, tensor<1x6x1x1xf32> -> tensor<1x6x5x5xf32>
  // Residual add with a tanh.
  %5 = accel.add %4, %0 {activation = #accel.act<tanh>} : tensor<1x6x5x5xf32>, tensor<1x6x5x5xf32> -> tensor<1x6x5x5xf32>
  // Max pool 3x3, stride 2, pad 1, ceil mode: 1x6x3x3.
  %6 = accel.pool2d max %5 {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode} : tensor<1x6x5x5xf32> -> tensor<1x6x3x3xf32>
  // Bilinear and nearest upsampling, concatenated: 1x12x6x6.
  %7 = accel.resize bilinear %6 {scales = array<i64: 2, 2>} : tensor<1x6x3x3xf32> -> tensor<1x6x6x6xf32>
  %8 = accel.resize nearest %6 {scales = array<i64: 2, 2>} : tensor<1x6x3x3xf32> -> tensor<1x6x6x6xf32>
  %9 = accel.concat %7, %8 {axis = 1 : i64} : (tensor<1x6x6x6xf32>, tensor<1x6x6x6xf32>) -> tensor<1x12x6x6xf32>
  // Transposed convolution, stride 2, pad 1, output padding 1: 1x3x12x12.
  %10 = accel.conv_transpose2d %9, %wt {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>} : (tensor<1x12x6x6xf32>, tensor<12x3x2x2xf32>) -> tensor<1x3x11x11xf32>
  // Average pool 3x3, stride 3, pad 1, padding not counted: 1x3x4x4.
  %11 = accel.pool2d avg %10 {kernel = array<i64: 3, 3>, strides = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>} : tensor<1x3x11x11xf32> -> tensor<1x3x4x4xf32>
  // Classifier: flatten, matmul (rhs transposed) + bias, hard swish.
  %12 = accel.flatten %11 : tensor<1x3x4x4xf32> -> tensor<1x48xf32>
  %13 = accel.matmul %12, %fc, %bfc {transpose_rhs, activation = #accel.act<hard_swish>} : (tensor<1x48xf32>, tensor<5x48xf32>, tensor<5xf32>) -> tensor<1x5xf32>
  return %13 : tensor<1x5xf32>
}
