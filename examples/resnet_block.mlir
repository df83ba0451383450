// A ResNet-style block written by hand in the accel dialect: conv -> conv ->
// add with the skip connection, a depthwise conv, all fused into one
// accel.group with a mapping on every layer; then max pooling, global average
// pooling and a fully-connected classifier. Printed in accel-opt's canonical
// form, so `accel-opt` reproduces this file exactly (test/Examples).
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @resnet_block(%arg0: tensor<1x64x56x56xf32>, %arg1: tensor<64x64x3x3xf32>, %arg2: tensor<64xf32>, %arg3: tensor<64x64x3x3xf32>, %arg4: tensor<64xf32>, %arg5: tensor<64x1x3x3xf32>, %arg6: tensor<10x64xf32>, %arg7: tensor<10xf32>) -> tensor<1x10xf32> {
    %0 = accel.group (%arg8 = %arg0, %arg9 = %arg1, %arg10 = %arg2, %arg11 = %arg3, %arg12 = %arg4, %arg13 = %arg5) : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>, tensor<64x1x3x3xf32>) -> tensor<1x64x56x56xf32> attributes {name = "block1"} {
      %5 = accel.conv2d %arg8, %arg9, %arg10 {activation = #accel.act<relu>, mapping = #accel.mapping<[K*16 | C:64 P:56 Q:56 K:4 R:3 S:3], [C*12 | K:1 C:4 R:1 S:1]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
      %6 = accel.conv2d %5, %arg11, %arg12 {mapping = #accel.mapping<[K*16 | C:64 P:56 Q:56 K:4 R:3 S:3], [C*12 | K:1 C:4 R:1 S:1]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
      %7 = accel.add %6, %arg8 {activation = #accel.act<relu>, mapping = #accel.mapping<[G*64 | G:1 P:8 Q:56]>} : tensor<1x64x56x56xf32>, tensor<1x64x56x56xf32> -> tensor<1x64x56x56xf32>
      %8 = accel.conv2d %7, %arg13 {activation = #accel.act<relu6>, groups = 64 : i64, mapping = #accel.mapping<[G*16 | G:4 P:56 Q:56], [P*14 | P:1 Q:56 R:3 S:3]>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x64x56x56xf32>, tensor<64x1x3x3xf32>) -> tensor<1x64x56x56xf32>
      accel.yield %8 : tensor<1x64x56x56xf32>
    }
    %1 = accel.pool2d max %0 {kernel = array<i64: 2, 2>, mapping = #accel.mapping<[G*64 | G:1 P:28 Q:28 R:2 S:2]>, strides = array<i64: 2, 2>} : tensor<1x64x56x56xf32> -> tensor<1x64x28x28xf32>
    %2 = accel.pool2d avg %1 {global} : tensor<1x64x28x28xf32> -> tensor<1x64x1x1xf32>
    %3 = accel.flatten %2 : tensor<1x64x1x1xf32> -> tensor<1x64xf32>
    %4 = accel.matmul %3, %arg6, %arg7 {mapping = #accel.mapping<[K*10 | K:1 C:64]>, transpose_rhs} : (tensor<1x64xf32>, tensor<10x64xf32>, tensor<10xf32>) -> tensor<1x10xf32>
    return %4 : tensor<1x10xf32>
  }
}

