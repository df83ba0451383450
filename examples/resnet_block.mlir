// A ResNet-style block written by hand in the accel dialect: conv -> conv ->
// add with the skip connection, a depthwise conv, all fused into one
// accel.group with a mapping on every layer; then max pooling, global average
// pooling and a fully-connected classifier. Printed in accel-opt's canonical
// form, so `accel-opt` reproduces this file exactly (test/Examples).
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @resnet_block(%arg0: tensor<1x64x56x56xf16>, %arg1: tensor<64x64x3x3xf16>, %arg2: tensor<64xf16>, %arg3: tensor<64x64x3x3xf16>, %arg4: tensor<64xf16>, %arg5: tensor<64x1x3x3xf16>, %arg6: tensor<10x64xf16>, %arg7: tensor<10xf16>) -> tensor<1x10xf16> {
    %0 = accel.group (%arg8 = %arg0, %arg9 = %arg1, %arg10 = %arg2, %arg11 = %arg3, %arg12 = %arg4, %arg13 = %arg5) : (tensor<1x64x56x56xf16>, tensor<64x64x3x3xf16>, tensor<64xf16>, tensor<64x64x3x3xf16>, tensor<64xf16>, tensor<64x1x3x3xf16>) -> tensor<1x64x56x56xf16> attributes {name = "block1"} {
      %5 = accel.conv2d %arg8, %arg9, %arg10 {activation = #accel.act<relu>, mapping = #accel.mapping<[R*3 | C:16 P:4 K:8 R:1 S:3], [C*4 | C:1], [Q*14 | Q:1 P:1 K:8]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf16>, tensor<64x64x3x3xf16>, tensor<64xf16>) -> tensor<1x64x56x56xf16>
      %6 = accel.conv2d %5, %arg11, %arg12 {mapping = #accel.mapping<[R*3 | C:16 P:4 K:8 R:1 S:3], [C*4 | C:1], [Q*14 | Q:1 P:1 K:8]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf16>, tensor<64x64x3x3xf16>, tensor<64xf16>) -> tensor<1x64x56x56xf16>
      %7 = accel.add %6, %arg8 {activation = #accel.act<relu>, mapping = #accel.mapping<[G*12 | G:2 Q:4], [P*14 | G:1 P:2 Q:1 C:1]>} : tensor<1x64x56x56xf16>, tensor<1x64x56x56xf16> -> tensor<1x64x56x56xf16>
      %8 = accel.conv2d %7, %arg13 {activation = #accel.act<relu6>, groups = 64 : i64, mapping = #accel.mapping<[G*12 | G:1 P:28 Q:16], [P*14 | P:2 Q:1 R:2 S:1]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf16>, tensor<64x1x3x3xf16>) -> tensor<1x64x56x56xf16>
      accel.yield %8 : tensor<1x64x56x56xf16>
    }
    %1 = accel.pool2d max %0 {kernel = array<i64: 2, 2>, mapping = #accel.mapping<[G*12 | G:1 Q:8], [P*14 | P:1 Q:1 S:1]>, strides = array<i64: 2, 2>} : tensor<1x64x56x56xf16> -> tensor<1x64x28x28xf16>
    %2 = accel.pool2d avg %1 {global, mapping = #accel.mapping<[G*12 | G:2 R:1 S:1]>} : tensor<1x64x28x28xf16> -> tensor<1x64x1x1xf16>
    %3 = accel.flatten %2 : tensor<1x64x1x1xf16> -> tensor<1x64xf16>
    %4 = accel.matmul %3, %arg6, %arg7 {mapping = #accel.mapping<[C*12 | C:5], [K*10 | K:1 C:2]>, transpose_rhs} : (tensor<1x64xf16>, tensor<10x64xf16>, tensor<10xf16>) -> tensor<1x10xf16>
    return %4 : tensor<1x10xf16>
  }
}

