// Two input tiles double-buffered, weights, an output tile; the first input
// buffer is freed before the output is allocated in its place.
func.func @tiles(%x: memref<1x8x18x18xf16>, %w: memref<16x8x3x3xf16>) {
  %in0 = acmd.alloc shared offset 0 : !acmd.buffer<1x8x10x18xf16, global>
  %in1 = acmd.alloc shared offset 2880 : !acmd.buffer<1x8x10x18xf16, global>
  %wb = acmd.alloc shared offset 5760 : !acmd.buffer<16x8x3x3xf16, global>
  %t0 = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %in0 [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
  %t1 = acmd.dma_load %x [0, 0, 8, 0] sizes [1, 8, 10, 18] strides [1, 1, 1, 1] into %in1 [0, 0, 0, 0] : memref<1x8x18x18xf16> into !acmd.buffer<1x8x10x18xf16, global>
  %t2 = acmd.dma_load %w [0, 0, 0, 0] sizes [16, 8, 3, 3] strides [1, 1, 1, 1] into %wb [0, 0, 0, 0] : memref<16x8x3x3xf16> into !acmd.buffer<16x8x3x3xf16, global>
  acmd.dealloc %in0 after %t0 : !acmd.buffer<1x8x10x18xf16, global>
  %out = acmd.alloc shared offset 0 : !acmd.buffer<1x16x4x16xf16, global>
  acmd.wait %t1, %t2
  return
}
