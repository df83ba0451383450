// A chain of three 3x3 convolutions fused into one group (16x16, f16).
func.func @chain(%x: tensor<1x4x16x16xf16>, %w1: tensor<8x4x3x3xf16>, %w2: tensor<8x8x3x3xf16>, %w3: tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2, %k3 = %w3) : (tensor<1x4x16x16xf16>, tensor<8x4x3x3xf16>, tensor<8x8x3x3xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "chain"} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x16x16xf16>, tensor<8x4x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv2")
    %2 = accel.conv2d %1, %k3 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv3")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}
