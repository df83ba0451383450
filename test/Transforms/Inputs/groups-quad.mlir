// Layer groups for --accel-map on Inputs/quad.yaml (test/Analysis/Inputs):
// a depth-first chain of three 3x1 convolutions, a pipelined pair on 1 and
// 3 of its 4 units, and a convolution outside any group.
func.func @chain(%x: tensor<1x1x8x4xf16>, %w1: tensor<1x1x3x1xf16>, %w2: tensor<1x1x3x1xf16>, %w3: tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2, %k3 = %w3) : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> attributes {name = "chain", schedule = #accel.schedule<rows = 2>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv2")
    %2 = accel.conv2d %1, %k3 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv3")
    accel.yield %2 : tensor<1x1x8x4xf16>
  }
  %p = accel.group (%a = %g, %k1 = %w1, %k2 = %w2) : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> attributes {name = "pipe", schedule = #accel.schedule<rows = 2, mode = pipelined, pes = [1, 3]>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("p1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("p2")
    accel.yield %1 : tensor<1x1x8x4xf16>
  }
  %c = accel.conv2d %p, %w1 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("alone")
  return %c : tensor<1x1x8x4xf16>
}
