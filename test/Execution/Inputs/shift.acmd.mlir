// A 3x3 convolution (no padding) on a 6x4 input, one output row per tile,
// with a single 3-row input buffer that keeps its halo by shifting: after
// the first tile, rows 1-2 move up to rows 0-1 (overlapping regions of one
// buffer) and only the new row is loaded. Each input row crosses DRAM once.
func.func @shift(%x: memref<1x1x6x4xf32>, %w: memref<1x1x3x3xf32>, %y: memref<1x1x4x2xf32>) {
  %wb = acmd.alloc shared offset 0 : !acmd.buffer<1x1x3x3xf32, global>
  %in = acmd.alloc shared offset 36 : !acmd.buffer<1x1x3x4xf32, global>
  %o = acmd.alloc shared offset 84 : !acmd.buffer<1x1x1x2xf32, global>
  %tw = acmd.dma_load %w [0, 0, 0, 0] sizes [1, 1, 3, 3] strides [1, 1, 1, 1] into %wb [0, 0, 0, 0] : memref<1x1x3x3xf32> into !acmd.buffer<1x1x3x3xf32, global>
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 1, 3, 4] strides [1, 1, 1, 1] into %in [0, 0, 0, 0] : memref<1x1x6x4xf32> into !acmd.buffer<1x1x3x4xf32, global>
  %c0 = acmd.compute "conv" ins(%in, %wb : !acmd.buffer<1x1x3x4xf32, global>, !acmd.buffer<1x1x3x3xf32, global>) outs(%o : !acmd.buffer<1x1x1x2xf32, global>) after %t0, %tw {
  ^bb0(%a: tensor<1x1x3x4xf32>, %k: tensor<1x1x3x3xf32>, %acc: tensor<1x1x1x2xf32>):
    %r = accel.conv2d %a, %k : (tensor<1x1x3x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x2xf32>
    acmd.yield %r : tensor<1x1x1x2xf32>
  }
  %s0 = acmd.dma_store %o [0, 0, 0, 0] sizes [1, 1, 1, 2] into %y [0, 0, 0, 0] strides [1, 1, 1, 1] after %c0 : !acmd.buffer<1x1x1x2xf32, global> into memref<1x1x4x2xf32>
  %h1 = acmd.copy %in [0, 0, 1, 0] sizes [1, 1, 2, 4] into %in [0, 0, 0, 0] after %c0 : !acmd.buffer<1x1x3x4xf32, global> into !acmd.buffer<1x1x3x4xf32, global>
  %l1 = acmd.dma_load %x [0, 0, 3, 0] sizes [1, 1, 1, 4] strides [1, 1, 1, 1] into %in [0, 0, 2, 0] after %h1 : memref<1x1x6x4xf32> into !acmd.buffer<1x1x3x4xf32, global>
  %c1 = acmd.compute "conv" ins(%in, %wb : !acmd.buffer<1x1x3x4xf32, global>, !acmd.buffer<1x1x3x3xf32, global>) outs(%o : !acmd.buffer<1x1x1x2xf32, global>) after %l1, %s0 {
  ^bb0(%a: tensor<1x1x3x4xf32>, %k: tensor<1x1x3x3xf32>, %acc: tensor<1x1x1x2xf32>):
    %r = accel.conv2d %a, %k : (tensor<1x1x3x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x2xf32>
    acmd.yield %r : tensor<1x1x1x2xf32>
  }
  %s1 = acmd.dma_store %o [0, 0, 0, 0] sizes [1, 1, 1, 2] into %y [0, 0, 1, 0] strides [1, 1, 1, 1] after %c1 : !acmd.buffer<1x1x1x2xf32, global> into memref<1x1x4x2xf32>
  %h2 = acmd.copy %in [0, 0, 1, 0] sizes [1, 1, 2, 4] into %in [0, 0, 0, 0] after %c1 : !acmd.buffer<1x1x3x4xf32, global> into !acmd.buffer<1x1x3x4xf32, global>
  %l2 = acmd.dma_load %x [0, 0, 4, 0] sizes [1, 1, 1, 4] strides [1, 1, 1, 1] into %in [0, 0, 2, 0] after %h2 : memref<1x1x6x4xf32> into !acmd.buffer<1x1x3x4xf32, global>
  %c2 = acmd.compute "conv" ins(%in, %wb : !acmd.buffer<1x1x3x4xf32, global>, !acmd.buffer<1x1x3x3xf32, global>) outs(%o : !acmd.buffer<1x1x1x2xf32, global>) after %l2, %s1 {
  ^bb0(%a: tensor<1x1x3x4xf32>, %k: tensor<1x1x3x3xf32>, %acc: tensor<1x1x1x2xf32>):
    %r = accel.conv2d %a, %k : (tensor<1x1x3x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x2xf32>
    acmd.yield %r : tensor<1x1x1x2xf32>
  }
  %s2 = acmd.dma_store %o [0, 0, 0, 0] sizes [1, 1, 1, 2] into %y [0, 0, 2, 0] strides [1, 1, 1, 1] after %c2 : !acmd.buffer<1x1x1x2xf32, global> into memref<1x1x4x2xf32>
  %h3 = acmd.copy %in [0, 0, 1, 0] sizes [1, 1, 2, 4] into %in [0, 0, 0, 0] after %c2 : !acmd.buffer<1x1x3x4xf32, global> into !acmd.buffer<1x1x3x4xf32, global>
  %l3 = acmd.dma_load %x [0, 0, 5, 0] sizes [1, 1, 1, 4] strides [1, 1, 1, 1] into %in [0, 0, 2, 0] after %h3 : memref<1x1x6x4xf32> into !acmd.buffer<1x1x3x4xf32, global>
  %c3 = acmd.compute "conv" ins(%in, %wb : !acmd.buffer<1x1x3x4xf32, global>, !acmd.buffer<1x1x3x3xf32, global>) outs(%o : !acmd.buffer<1x1x1x2xf32, global>) after %l3, %s2 {
  ^bb0(%a: tensor<1x1x3x4xf32>, %k: tensor<1x1x3x3xf32>, %acc: tensor<1x1x1x2xf32>):
    %r = accel.conv2d %a, %k : (tensor<1x1x3x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x1x2xf32>
    acmd.yield %r : tensor<1x1x1x2xf32>
  }
  %s3 = acmd.dma_store %o [0, 0, 0, 0] sizes [1, 1, 1, 2] into %y [0, 0, 3, 0] strides [1, 1, 1, 1] after %c3 : !acmd.buffer<1x1x1x2xf32, global> into memref<1x1x4x2xf32>
  acmd.wait %s3
  return
}
