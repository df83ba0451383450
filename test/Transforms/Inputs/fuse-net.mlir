// A small network for --accel-fuse on Inputs/quad.yaml (test/Analysis):
// conv1 -> conv2 -> an opaque softmax -> conv3 (to 4 channels) -> conv4
// (back to 1) -> add with the softmax output. f16, 8 rows x 4 columns.
func.func @net(%x: tensor<1x1x8x4xf16>, %w1: tensor<1x1x3x1xf16>, %w2: tensor<1x1x3x1xf16>, %w3: tensor<4x1x3x1xf16>, %w4: tensor<1x4x3x1xf16>) -> tensor<1x1x8x4xf16> {
  %0 = accel.conv2d %x, %w1 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv1")
  %1 = accel.conv2d %0, %w2 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv2")
  %2 = accel.opaque "onnx.Softmax"(%1) {axis = 1 : i64} : (tensor<1x1x8x4xf16>) -> tensor<1x1x8x4xf16> loc("softmax")
  %3 = accel.conv2d %2, %w3 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x8x4xf16>, tensor<4x1x3x1xf16>) -> tensor<1x4x8x4xf16> loc("conv3")
  %4 = accel.conv2d %3, %w4 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x4x8x4xf16>, tensor<1x4x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv4")
  %5 = accel.add %4, %2 : tensor<1x1x8x4xf16>, tensor<1x1x8x4xf16> -> tensor<1x1x8x4xf16> loc("add")
  return %5 : tensor<1x1x8x4xf16>
}
