// Rows 2-5 of the input convolved (3x3, no padding) into rows 1-2 of a
// zero output: what a compute body does with a tile of its buffers.
func.func @slices(%x: tensor<1x1x8x4xf32>, %w: tensor<1x1x3x3xf32>, %y: tensor<1x1x4x2xf32>) -> tensor<1x1x4x2xf32> {
  %rows = tensor.extract_slice %x[0, 0, 2, 0] [1, 1, 4, 4] [1, 1, 1, 1] : tensor<1x1x8x4xf32> to tensor<1x1x4x4xf32>
  %c = accel.conv2d %rows, %w : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  %out = tensor.insert_slice %c into %y[0, 0, 1, 0] [1, 1, 2, 2] [1, 1, 1, 1] : tensor<1x1x2x2xf32> into tensor<1x1x4x2xf32>
  return %out : tensor<1x1x4x2xf32>
}
