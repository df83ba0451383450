// The layer examples/conv_tiled.acmd.mlir computes in two tiles: a 3x3
// convolution, 8 -> 16 channels, on an 18x18 input (padding included).
func.func @conv(%x: tensor<1x8x18x18xf16>, %w: tensor<16x8x3x3xf16>) -> tensor<1x16x16x16xf16> {
  %0 = accel.conv2d %x, %w : (tensor<1x8x18x18xf16>, tensor<16x8x3x3xf16>) -> tensor<1x16x16x16xf16>
  return %0 : tensor<1x16x16x16xf16>
}
