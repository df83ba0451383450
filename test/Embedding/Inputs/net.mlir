// Two convolutions for the embedding test.
func.func @net(%x: tensor<1x8x16x16xf16>) -> tensor<1x16x16x16xf16> {
  %w1 = arith.constant dense<0.5> : tensor<16x8x3x3xf16>
  %w2 = arith.constant dense<0.25> : tensor<16x16x1x1xf16>
  %y = accel.conv2d %x, %w1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<16x8x3x3xf16>) -> tensor<1x16x16x16xf16>
  %z = accel.conv2d %y, %w2 : (tensor<1x16x16x16xf16>, tensor<16x16x1x1xf16>) -> tensor<1x16x16x16xf16>
  return %z : tensor<1x16x16x16xf16>
}
