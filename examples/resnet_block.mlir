// A ResNet-style block written by hand in the accel dialect (32 channels,
// 56x56, f16): conv -> conv -> add with the skip connection, a depthwise
// conv, all fused into one accel.group run in tiles of one output row (its
// #accel.schedule; with taller tiles the group's buffers outgrow the 128 KiB
// global buffer of eyeriss-like, and with 64 channels even one-row tiles
// do), every layer mapped for its tile by --accel-map; then max pooling,
// global average pooling and a fully-connected classifier. Printed in
// accel-opt's canonical form, so `accel-opt` reproduces this file exactly
// (test/Examples).
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @resnet_block(%arg0: tensor<1x32x56x56xf16>, %arg1: tensor<32x32x3x3xf16>, %arg2: tensor<32xf16>, %arg3: tensor<32x32x3x3xf16>, %arg4: tensor<32xf16>, %arg5: tensor<32x1x3x3xf16>, %arg6: tensor<10x32xf16>, %arg7: tensor<10xf16>) -> tensor<1x10xf16> {
    %0 = accel.group (%arg8 = %arg0, %arg9 = %arg1, %arg10 = %arg2, %arg11 = %arg3, %arg12 = %arg4, %arg13 = %arg5) : (tensor<1x32x56x56xf16>, tensor<32x32x3x3xf16>, tensor<32xf16>, tensor<32x32x3x3xf16>, tensor<32xf16>, tensor<32x1x3x3xf16>) -> tensor<1x32x56x56xf16> attributes {name = "block1", schedule = #accel.schedule<rows = 1>} {
      %5 = accel.conv2d %arg8, %arg9, %arg10 {activation = #accel.act<relu>, mapping = #accel.mapping<[K*4 | Q:28 K:4 C:16], [S*3 | R:1 S:1 C:7], [Q*14 | Q:2 C:1]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x56x56xf16>, tensor<32x32x3x3xf16>, tensor<32xf16>) -> tensor<1x32x56x56xf16>
      %6 = accel.conv2d %5, %arg11, %arg12 {mapping = #accel.mapping<[K*4 | Q:28 K:4 C:16], [S*3 | R:1 S:1 C:7], [Q*14 | Q:2 C:1]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x56x56xf16>, tensor<32x32x3x3xf16>, tensor<32xf16>) -> tensor<1x32x56x56xf16>
      %7 = accel.add %6, %arg8 {activation = #accel.act<relu>, mapping = #accel.mapping<[G*12 | Q:25 G:2], [C*2 | G:1 C:1 Q:5]>} : tensor<1x32x56x56xf16>, tensor<1x32x56x56xf16> -> tensor<1x32x56x56xf16>
      %8 = accel.conv2d %7, %arg13 {activation = #accel.act<relu6>, groups = 32 : i64, mapping = #accel.mapping<[S*3 | S:1 G:1], [Q*4 | Q:14 R:1], [Q*7 | Q:2]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x56x56xf16>, tensor<32x1x3x3xf16>) -> tensor<1x32x56x56xf16>
      accel.yield %8 : tensor<1x32x56x56xf16>
    }
    %1 = accel.pool2d max %0 {kernel = array<i64: 2, 2>, mapping = #accel.mapping<[G*8 | G:1 Q:14 P:1], [Q*1 | Q:14], [Q*14 | Q:1]>, strides = array<i64: 2, 2>} : tensor<1x32x56x56xf16> -> tensor<1x32x28x28xf16>
    %2 = accel.pool2d avg %1 {global, mapping = #accel.mapping<[G*8 | G:1 R:15 S:2], [S*1 | S:1 R:13], [R*13 | R:1]>} : tensor<1x32x28x28xf16> -> tensor<1x32x1x1xf16>
    %3 = accel.flatten %2 : tensor<1x32x1x1xf16> -> tensor<1x32xf16>
    %4 = accel.matmul %3, %arg6, %arg7 {mapping = #accel.mapping<[C*4 | C:8 K:5], [C*2 | C:4 K:3], [C*4 | C:1 K:2]>, transpose_rhs} : (tensor<1x32xf16>, tensor<10x32xf16>, tensor<10xf16>) -> tensor<1x10xf16>
    return %4 : tensor<1x10xf16>
  }
}

