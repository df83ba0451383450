// The hand-checked layers of test/Analysis/accel-cost-report.mlir, for the
// export golden files (accelerator: test/Analysis/Inputs/tiny.yaml).
func.func @conv1d(%x: tensor<1x1x1x8xf16>, %w: tensor<1x1x1x3xf16>) -> tensor<1x1x1x6xf16> {
  %0 = accel.conv2d %x, %w {mapping = #accel.mapping<[Q*3 | Q:1]>} : (tensor<1x1x1x8xf16>, tensor<1x1x1x3xf16>) -> tensor<1x1x1x6xf16> loc("conv1d")
  return %0 : tensor<1x1x1x6xf16>
}
func.func @matmul(%a: tensor<4x2xf16>, %b: tensor<2x3xf16>) -> tensor<4x3xf16> {
  %0 = accel.matmul %a, %b {mapping = #accel.mapping<[K*3 | K:1 N:1]>} : (tensor<4x2xf16>, tensor<2x3xf16>) -> tensor<4x3xf16> loc("fc")
  return %0 : tensor<4x3xf16>
}
