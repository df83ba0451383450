// A depthwise convolution (edge tiles: 12 units over 64 groups) and a pooling
// layer (not exportable) on eyeriss-like, for the export golden files.
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @net(%x: tensor<1x64x56x56xf16>, %w: tensor<64x1x3x3xf16>) -> tensor<1x64x28x28xf16> {
    %0 = accel.conv2d %x, %w {groups = 64, pads = array<i64: 1, 1, 1, 1>, mapping = #accel.mapping<[G*12 | G:1 P:28 Q:16], [P*14 | P:2 Q:1 R:2 S:1]>} : (tensor<1x64x56x56xf16>, tensor<64x1x3x3xf16>) -> tensor<1x64x56x56xf16> loc("dw")
    %1 = accel.pool2d max %0 {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>} : tensor<1x64x56x56xf16> -> tensor<1x64x28x28xf16> loc("pool")
    return %1 : tensor<1x64x28x28xf16>
  }
}
