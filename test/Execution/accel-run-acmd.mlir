// accel-run on an acmd program: examples/conv_tiled.acmd.mlir (two row
// tiles of a 3x3 convolution, double-buffered) computes exactly what the
// layer computes at once (Inputs/conv.mlir), moves the DRAM bytes its
// commands say, and keeps its buffers within eyeriss-like's global buffer.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(5); np.save('%t/x.npy', r.uniform(-1, 1, (1, 8, 18, 18)).astype(np.float32)); np.save('%t/w.npy', r.uniform(-1, 1, (16, 8, 3, 3)).astype(np.float32)); np.save('%t/y.npy', np.zeros((1, 16, 16, 16), np.float32))"
// RUN: accel-run %accel_src_root/examples/conv_tiled.acmd.mlir --input=%t/x.npy --input=%t/w.npy --input=%t/y.npy --output=%t/tiled.npy | FileCheck %s
// RUN: accel-run %S/Inputs/conv.mlir --input=%t/x.npy --input=%t/w.npy --compare=%t/tiled.npy --tolerance=0 | FileCheck %s --check-prefix=SAME

// DRAM: the weights (16 x 8 x 3 x 3 = 1,152) and two input tiles of
// 8 x 10 x 18 = 1,440 elements each (the 2-row halo read twice) = 4,032
// elements of 2 B; the output, 16 x 16 x 16 = 4,096 elements. Buffers: 2 x
// 2,880 B + 2,304 B + 2 x 4,096 B = 16,256 B, all live at once.
// CHECK: ran @conv_tiled
// CHECK-NEXT: 14 commands; DRAM read 4032 elements (8064 B), written 4096 elements (8192 B)
// CHECK-NEXT: peak global/shared: 16256 B
// The modelled timeline: each tile's compute (16 x 8 x 16 outputs x 72 MACs
// over 168 PEs, no mapping: 878 cycles) after its loads; the second tile's
// input arrives during the first compute.
// CHECK-NEXT: modelled timeline: 1828 cycles (0.009 ms at 0.20 GHz)
// CHECK-NEXT: result #0: [1, 16, 16, 16]
// SAME: max |diff| 0.000000e+00 {{.*}}: match

// On an accelerator whose buffer holds 256 B, the first allocation is too
// much.
// RUN: not accel-run %accel_src_root/examples/conv_tiled.acmd.mlir --arch=%S/../Analysis/Inputs/quad.yaml 2>&1 | FileCheck %s --check-prefix=FULL
// FULL: accel-run: error: {{.*}}conv_tiled.acmd.mlir:{{[0-9]+}}:{{[0-9]+}}: acmd.alloc: 2304 B in use in global/shared, more than its 256 B

// A buffer used after its dealloc.
// RUN: not accel-run %s 2>&1 | FileCheck %s --check-prefix=FREED
// FREED: accel-run: error: {{.*}}accel-run-acmd.mlir:[[@LINE+5]]:8: acmd.dma_load: uses a buffer that is not allocated (freed, or not an acmd.alloc)
func.func @freed(%x: memref<4xf32>) {
  %b = acmd.alloc shared offset 0 : !acmd.buffer<4xf32, global>
  %t = acmd.dma_load %x [0] sizes [4] strides [1] into %b [0] : memref<4xf32> into !acmd.buffer<4xf32, global>
  acmd.dealloc %b after %t : !acmd.buffer<4xf32, global>
  %u = acmd.dma_load %x [0] sizes [4] strides [1] into %b [0] : memref<4xf32> into !acmd.buffer<4xf32, global>
  return
}

// Zero borders and a kept halo: the tiled program equals the padded layer.
// DRAM reads the weights (36) and each input row once (2 x 6 x 6 = 72): the
// border is not read, the halo is copied on chip.
// RUN: %python -c "import numpy as np; r = np.random.default_rng(6); np.save('%t/px.npy', r.uniform(-1, 1, (1, 2, 6, 6)).astype(np.float32)); np.save('%t/pw.npy', r.uniform(-1, 1, (2, 2, 3, 3)).astype(np.float32))"
// RUN: accel-run %S/Inputs/padded.acmd.mlir --input=%t/px.npy --input=%t/pw.npy --output=%t/ptiled.npy | FileCheck %s --check-prefix=PADDED
// RUN: accel-run %S/Inputs/padded.mlir --input=%t/px.npy --input=%t/pw.npy --compare=%t/ptiled.npy --tolerance=0 | FileCheck %s --check-prefix=SAME
// PADDED: DRAM read 108 elements (432 B), written 72 elements (288 B)
// PADDED-NEXT: peak global/shared: 928 B

// A halo kept by shifting one buffer (overlapping copy): equals the layer;
// DRAM reads every input row once (24) and the weights (9).
// RUN: %python -c "import numpy as np; r = np.random.default_rng(7); np.save('%t/sx.npy', r.uniform(-1, 1, (1, 1, 6, 4)).astype(np.float32)); np.save('%t/sw.npy', r.uniform(-1, 1, (1, 1, 3, 3)).astype(np.float32))"
// RUN: accel-run %S/Inputs/shift.acmd.mlir --input=%t/sx.npy --input=%t/sw.npy --output=%t/stiled.npy | FileCheck %s --check-prefix=SHIFT
// RUN: accel-run %S/Inputs/shift.mlir --input=%t/sx.npy --input=%t/sw.npy --compare=%t/stiled.npy --tolerance=0 | FileCheck %s --check-prefix=SAME
// RUN: accel-opt %S/Inputs/shift.acmd.mlir --accel-check-acmd=arch=eyeriss-like -o /dev/null
// SHIFT: DRAM read 33 elements (132 B), written 8 elements (32 B)
