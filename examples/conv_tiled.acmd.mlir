// An acmd program for one tiled convolution: 3x3 conv, 8 -> 16 channels,
// 16x16 output computed as two tiles of 8 output rows. Input tiles (10 rows:
// 8 + the 2-row halo) are double-buffered so the second load overlaps the
// first compute; each command waits for the tokens it depends on. The
// buffers share eyeriss-like's global buffer (not partitioned) side by side:
// 16,256 of its 131,072 B (--accel-check-acmd). Printed in
// accel-opt's canonical form (test/Examples checks it reproduces exactly).
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
  func.func @conv_tiled(%arg0: memref<1x8x18x18xf16>, %arg1: memref<16x8x3x3xf16>, %arg2: memref<1x16x16x16xf16>) {
    %0 = acmd.alloc shared offset 0 : !acmd.buffer<16x8x3x3xf16, global>
    %1 = acmd.alloc shared offset 2304 : !acmd.buffer<1x8x10x18xf16, global>
    %2 = acmd.alloc shared offset 5184 : !acmd.buffer<1x8x10x18xf16, global>
    %3 = acmd.alloc shared offset 8064 : !acmd.buffer<1x16x8x16xf16, global>
    %4 = acmd.alloc shared offset 12160 : !acmd.buffer<1x16x8x16xf16, global>
    %5 = acmd.dma_load %arg1 [0, 0, 0, 0] sizes [16, 8, 3, 3] strides [1, 1, 1, 1] into %0 [0, 0, 0, 0] : memref<16x8x3x3xf16> into !acmd.buffer<16x8x3x3xf16, global>
    %6 = acmd.dma_load %arg0 [0, 0, 0, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %1 [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
    %7 = acmd.dma_load %arg0 [0, 0, 8, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %2 [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
    %8 = acmd.compute "conv1" ins(%1, %0 : !acmd.buffer<1x8x10x18xf16, global>, !acmd.buffer<16x8x3x3xf16, global>) outs(%3 : !acmd.buffer<1x16x8x16xf16, global>) after %6, %5 attributes {mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16], [P*8 | P:1 Q:16 R:3 S:3]>} {
    ^bb0(%arg3: tensor<1x8x10x18xf16>, %arg4: tensor<16x8x3x3xf16>, %arg5: tensor<1x16x8x16xf16>):
      %12 = accel.conv2d %arg3, %arg4 : (tensor<1x8x10x18xf16>, tensor<16x8x3x3xf16>) -> tensor<1x16x8x16xf16>
      acmd.yield %12 : tensor<1x16x8x16xf16>
    }
    %9 = acmd.compute "conv1" ins(%2, %0 : !acmd.buffer<1x8x10x18xf16, global>, !acmd.buffer<16x8x3x3xf16, global>) outs(%4 : !acmd.buffer<1x16x8x16xf16, global>) after %7, %8 attributes {mapping = #accel.mapping<[K*16 | K:1 C:8 P:8 Q:16], [P*8 | P:1 Q:16 R:3 S:3]>} {
    ^bb0(%arg3: tensor<1x8x10x18xf16>, %arg4: tensor<16x8x3x3xf16>, %arg5: tensor<1x16x8x16xf16>):
      %12 = accel.conv2d %arg3, %arg4 : (tensor<1x8x10x18xf16>, tensor<16x8x3x3xf16>) -> tensor<1x16x8x16xf16>
      acmd.yield %12 : tensor<1x16x8x16xf16>
    }
    %10 = acmd.dma_store %3 [0, 0, 0, 0] sizes [1, 16, 8, 16] into %arg2 [0, 0, 0, 0] strides [1, 1, 1, 1] after %8 : !acmd.buffer<1x16x8x16xf16, global> into memref<1x16x16x16xf16>
    %11 = acmd.dma_store %4 [0, 0, 0, 0] sizes [1, 16, 8, 16] into %arg2 [0, 0, 8, 0] strides [1, 1, 1, 1] after %9 : !acmd.buffer<1x16x8x16xf16, global> into memref<1x16x16x16xf16>
    acmd.wait %10, %11
    return
  }
}

