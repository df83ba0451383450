// Two convolutions for accel-dse's tests (f32: each point costs them at
// its own precision).
func.func @net(%x: tensor<1x8x16x16xf32>, %w1: tensor<16x8x3x3xf32>, %w2: tensor<16x16x1x1xf32>) -> tensor<1x16x16x16xf32> {
  %0 = accel.conv2d %x, %w1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf32>, tensor<16x8x3x3xf32>) -> tensor<1x16x16x16xf32>
  %1 = accel.conv2d %0, %w2 : (tensor<1x16x16x16xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x16x16xf32>
  return %1 : tensor<1x16x16x16xf32>
}
