// A grouped convolution (2 groups of 2 -> 2 channels) and a depthwise one,
// for the MAESTRO export's golden file (accelerator:
// test/Analysis/Inputs/tiny.yaml; mapped with exportable=maestro).
func.func @grouped(%x: tensor<1x4x6x6xf16>, %w: tensor<4x2x3x3xf16>, %d: tensor<4x1x3x3xf16>) -> tensor<1x4x4x4xf16> {
  %0 = accel.conv2d %x, %w {groups = 2 : i64} : (tensor<1x4x6x6xf16>, tensor<4x2x3x3xf16>) -> tensor<1x4x4x4xf16> loc("grouped")
  %1 = accel.conv2d %0, %d {groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x4x4xf16>, tensor<4x1x3x3xf16>) -> tensor<1x4x4x4xf16> loc("depthwise")
  return %1 : tensor<1x4x4x4xf16>
}
