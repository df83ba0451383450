// One 3x3 convolution (bias, ReLU) alone, whose mapping walks the input
// channels outside the rows above the global buffer: partial sums go back to
// DRAM and come back; input tiles slide along the rows.
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @single(%x: tensor<1x2x8x6xf32>) -> tensor<1x4x8x6xf32> {
  %w = arith.constant dense<0.5> : tensor<4x2x3x3xf32>
  %b = arith.constant dense<0.25> : tensor<4xf32>
  %y = accel.conv2d %x, %w, %b {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>, mapping = #accel.mapping<[C:1 P:4], [K*4 | K:1 P:1 Q:6 C:1 R:3 S:3]>} : (tensor<1x2x8x6xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x6xf32>
  return %y : tensor<1x4x8x6xf32>
}
}
