// Two identical 3x1 convolutions (K 2, P 3, R 3), their sum and a small
// matmul: small enough for exhaustive search on Inputs/small.yaml.
func.func @net(%x: tensor<1x1x3x1xf16>, %w: tensor<2x1x3x1xf16>, %m: tensor<2x3xf16>, %k: tensor<3x2xf16>) -> (tensor<1x2x3x1xf16>, tensor<2x2xf16>) {
  %0 = accel.conv2d %x, %w {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x3x1xf16>, tensor<2x1x3x1xf16>) -> tensor<1x2x3x1xf16> loc("conv_a")
  %1 = accel.conv2d %x, %w {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x1x3x1xf16>, tensor<2x1x3x1xf16>) -> tensor<1x2x3x1xf16> loc("conv_b")
  %2 = accel.add %0, %1 : tensor<1x2x3x1xf16>, tensor<1x2x3x1xf16> -> tensor<1x2x3x1xf16> loc("sum")
  %3 = accel.matmul %m, %k : (tensor<2x3xf16>, tensor<3x2xf16>) -> tensor<2x2xf16> loc("mm")
  return %2, %3 : tensor<1x2x3x1xf16>, tensor<2x2xf16>
}
