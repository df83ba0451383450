func.func @shift(%x: tensor<1x1x6x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x4x2xf32> {
  %0 = accel.conv2d %x, %w : (tensor<1x1x6x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x2xf32>
  return %0 : tensor<1x1x4x2xf32>
}
