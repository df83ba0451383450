// A padded 3x3 convolution (2 -> 2 channels, 6x6, pad 1) in two tiles of 3
// output rows, computed on unpadded tiles: the padded border comes from
// zero-border loads, and the second tile keeps the first one's last two
// input rows (a copy) and loads only the rows it lacks.
func.func @padded(%x: memref<1x2x6x6xf32>, %w: memref<2x2x3x3xf32>, %y: memref<1x2x6x6xf32>) {
  %wb = acmd.alloc shared offset 0 : !acmd.buffer<2x2x3x3xf32, global>
  %a = acmd.alloc shared offset 144 : !acmd.buffer<1x2x5x8xf32, global>
  %b = acmd.alloc shared offset 464 : !acmd.buffer<1x2x5x8xf32, global>
  %o = acmd.alloc shared offset 784 : !acmd.buffer<1x2x3x6xf32, global>
  %tw = acmd.dma_load %w [0, 0, 0, 0] sizes [2, 2, 3, 3] strides [1, 1, 1, 1] into %wb [0, 0, 0, 0] : memref<2x2x3x3xf32> into !acmd.buffer<2x2x3x3xf32, global>
  // Tile 0 reads input rows -1 .. 3 and columns -1 .. 6: the top row and
  // both border columns are zeros.
  %t0 = acmd.dma_load %x [0, 0, -1, -1] sizes [1, 2, 5, 8] strides [1, 1, 1, 1] into %a [0, 0, 0, 0] zero_border : memref<1x2x6x6xf32> into !acmd.buffer<1x2x5x8xf32, global>
  %c0 = acmd.compute "conv" ins(%a, %wb : !acmd.buffer<1x2x5x8xf32, global>, !acmd.buffer<2x2x3x3xf32, global>) outs(%o : !acmd.buffer<1x2x3x6xf32, global>) after %t0, %tw {
  ^bb0(%in: tensor<1x2x5x8xf32>, %k: tensor<2x2x3x3xf32>, %acc: tensor<1x2x3x6xf32>):
    %r = accel.conv2d %in, %k : (tensor<1x2x5x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x6xf32>
    acmd.yield %r : tensor<1x2x3x6xf32>
  }
  %s0 = acmd.dma_store %o [0, 0, 0, 0] sizes [1, 2, 3, 6] into %y [0, 0, 0, 0] strides [1, 1, 1, 1] after %c0 : !acmd.buffer<1x2x3x6xf32, global> into memref<1x2x6x6xf32>
  // Tile 1 reads input rows 2 .. 6: rows 2 and 3 are tile 0's last two.
  %h = acmd.copy %a [0, 0, 3, 0] sizes [1, 2, 2, 8] into %b [0, 0, 0, 0] after %c0 : !acmd.buffer<1x2x5x8xf32, global> into !acmd.buffer<1x2x5x8xf32, global>
  %t1 = acmd.dma_load %x [0, 0, 4, -1] sizes [1, 2, 3, 8] strides [1, 1, 1, 1] into %b [0, 0, 2, 0] zero_border : memref<1x2x6x6xf32> into !acmd.buffer<1x2x5x8xf32, global>
  %c1 = acmd.compute "conv" ins(%b, %wb : !acmd.buffer<1x2x5x8xf32, global>, !acmd.buffer<2x2x3x3xf32, global>) outs(%o : !acmd.buffer<1x2x3x6xf32, global>) after %h, %t1, %s0 {
  ^bb0(%in: tensor<1x2x5x8xf32>, %k: tensor<2x2x3x3xf32>, %acc: tensor<1x2x3x6xf32>):
    %r = accel.conv2d %in, %k : (tensor<1x2x5x8xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x6xf32>
    acmd.yield %r : tensor<1x2x3x6xf32>
  }
  %s1 = acmd.dma_store %o [0, 0, 0, 0] sizes [1, 2, 3, 6] into %y [0, 0, 3, 0] strides [1, 1, 1, 1] after %c1 : !acmd.buffer<1x2x3x6xf32, global> into memref<1x2x6x6xf32>
  acmd.wait %s1
  return
}
