// A fused chain: a 3x3 convolution (padding 1) into a 3x3 convolution of
// stride 2, in tiles of 2 output rows, halos kept, double buffered.
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @chain(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %w1 = arith.constant dense<0.5> : tensor<4x4x3x3xf32>
  %w2 = arith.constant dense<0.25> : tensor<4x4x3x3xf32>
  %r = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32> attributes {schedule = #accel.schedule<rows = 2>} {
    %y = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x8x8xf32>
    %z = accel.conv2d %y, %k2 {pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x4xf32>
    accel.yield %z : tensor<1x4x4x4xf32>
  }
  return %r : tensor<1x4x4x4xf32>
}
}
