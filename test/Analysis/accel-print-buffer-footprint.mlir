// --accel-print-buffer-footprint: the buffers of layer groups under their
// #accel.schedule (f16: 2 B per element), each holding as many tiles as the
// schedule needs at once, and the fit check against the on-chip level the
// group lives in (small-ws: a 32 KiB buffer split 16 KiB weights / 8 KiB
// inputs / 8 KiB outputs; eyeriss-like: 128 KiB shared).
// small-ws stores 8-bit data: at its precision every figure halves
// (precision=ir keeps the IR's f16).
// RUN: accel-opt %S/Inputs/groups.mlir --accel-print-buffer-footprint="arch=%accel_src_root/examples/arch/small-ws.yaml precision=ir" -o /dev/null | FileCheck %s
// RUN: accel-opt %S/Inputs/groups.mlir --accel-print-buffer-footprint="arch=%accel_src_root/examples/arch/small-ws.yaml" -o /dev/null | FileCheck %s --check-prefix=BYTE
// RUN: accel-opt %s --accel-print-buffer-footprint="arch=eyeriss-like" -o /dev/null | FileCheck %s --check-prefix=SCHED
// RUN: accel-opt %s --accel-print-buffer-footprint -o /dev/null | FileCheck %s --check-prefix=NOARCH

// The ResNet basic block (8 channels x 16 columns: 256 B a row) in 2 tiles
// of 8 rows, double buffered: the input holds two tiles, rows [0, 10) and
// [6, 16): 16 rows, 4096 B; conv1 9 rows (2304 B), conv2 8 (2048 B); the
// add's output two tiles (drained while the next computes), 4096 B; two
// 8x8x3x3 weights 2304 B.
// CHECK:      group basic: 2 tiles of 8 rows (rows = 8)
// CHECK-NEXT:   inputs 4096 B, intermediates 4352 B, outputs 4096 B, weights 2304 B = 14848 B
// CHECK-NEXT:     input 0: 4096 B, 2 tiles at once
// CHECK-NEXT:     conv1: 2304 B, 1 tile at once
// CHECK-NEXT:     conv2: 2048 B, 1 tile at once
// CHECK-NEXT:     add: 4096 B, 2 tiles at once
// CHECK-NEXT:   fits Buffer of small-ws: weights 2304 B of 16384 B, activations 12544 B of 16384 B
// BYTE:      group basic: 2 tiles of 8 rows (rows = 8)
// BYTE-NEXT:   inputs 2048 B, intermediates 2176 B, outputs 2048 B, weights 1152 B = 7424 B
// BYTE-NEXT:     input 0: 2048 B, 2 tiles at once
// BYTE-NEXT:     conv1: 1152 B, 1 tile at once
// BYTE-NEXT:     conv2: 1024 B, 1 tile at once
// BYTE-NEXT:     add: 2048 B, 2 tiles at once
// BYTE-NEXT:   fits Buffer of small-ws: weights 1152 B of 16384 B, activations 6272 B of 16384 B

// The inverted residual's 48-channel expansion (9 rows, 13824 B) and
// depthwise output (8 rows, 12288 B) overflow the activation parts.
// CHECK:      group mbv2: 2 tiles of 8 rows (rows = 8)
// CHECK-NEXT:   inputs 4096 B, intermediates 28160 B, outputs 4096 B, weights 2400 B = 38752 B
// CHECK:        does not fit Buffer of small-ws: weights 2400 B of 16384 B, activations 36352 B of 16384 B (over by 19968 B)

// CHECK:      group unet: 2 tiles of 8 rows (rows = 8)
// CHECK-NEXT:   inputs 6144 B, intermediates 6912 B, outputs 4096 B, weights 3328 B = 20480 B
// CHECK:        does not fit Buffer of small-ws: weights 3328 B of 16384 B, activations 17152 B of 16384 B (over by 768 B)

// The same block in 4 tiles of 4 rows. Output rows [4t, 4t + 4) need conv1
// rows [4t - 1, 4t + 5) and input rows [4t - 2, 4t + 6), clipped: the input
// tiles are [0, 6), [2, 10), [6, 14), [10, 16).

// Weights streamed, no double buffering: one tile of everything; the
// running layer's weights only (1152 B). Input 8 rows, conv1 6, conv2 4, the
// output 4.
// SCHED:      group streamed: 4 tiles of 4 rows (rows = 4, weights = streamed, double_buffer = false)
// SCHED-NEXT:   inputs 2048 B, intermediates 2560 B, outputs 1024 B, weights 1152 B = 6784 B
// SCHED:        fits GlobalBuffer of eyeriss-like: weights + activations 6784 B of 131072 B
func.func @streamed(%x: tensor<1x8x16x16xf16>, %w1: tensor<8x8x3x3xf16>, %w2: tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "streamed", schedule = #accel.schedule<rows = 4, weights = streamed, double_buffer = false>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv2")
    %2 = accel.add %1, %a {activation = #accel.act<relu>} : tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16> -> tensor<1x8x16x16xf16> loc("add")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}

// Halos recomputed, double buffered: the prefetched input tile is a buffer
// of its own: the most two consecutive tiles hold is 8 + 8 rows (4096 B);
// the output 4 + 4 rows.
// SCHED:      group recompute: 4 tiles of 4 rows (rows = 4, halo = recompute)
// SCHED-NEXT:   inputs 4096 B, intermediates 2560 B, outputs 2048 B, weights 2304 B = 11008 B
func.func @recompute(%x: tensor<1x8x16x16xf16>, %w1: tensor<8x8x3x3xf16>, %w2: tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "recompute", schedule = #accel.schedule<rows = 4, halo = recompute>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv2")
    %2 = accel.add %1, %a {activation = #accel.act<relu>} : tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16> -> tensor<1x8x16x16xf16> loc("add")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}

// Pipelined: conv1 in stage 0, conv2 in 1, the add in 2. The input is
// loaded a stage ahead of conv1 and read until the add: four tiles at once,
// all 16 rows (4096 B); conv1's rows live two tiles (the most: [3, 13), 10
// rows, 2560 B), conv2's two (8 rows), the output two (8 rows).
// SCHED:      group pipelined: 4 tiles of 4 rows (rows = 4, mode = pipelined, pes = [4, 4, 4])
// SCHED-NEXT:   inputs 4096 B, intermediates 4608 B, outputs 2048 B, weights 2304 B = 13056 B
// SCHED-NEXT:     input 0: 4096 B, 4 tiles at once
// SCHED-NEXT:     conv1: 2560 B, 2 tiles at once
// SCHED-NEXT:     conv2: 2048 B, 2 tiles at once
// SCHED-NEXT:     add: 2048 B, 2 tiles at once
func.func @pipelined(%x: tensor<1x8x16x16xf16>, %w1: tensor<8x8x3x3xf16>, %w2: tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "pipelined", schedule = #accel.schedule<rows = 4, mode = pipelined, pes = [4, 4, 4]>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv2")
    %2 = accel.add %1, %a {activation = #accel.act<relu>} : tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16> -> tensor<1x8x16x16xf16> loc("add")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}

// An argument no layer reads (passed through, or unused) has no buffer.
// SCHED:      group passthrough: 4 tiles of 1 rows (rows = 1)
// SCHED-NEXT:   inputs 128 B, intermediates 0 B, outputs 128 B, weights 0 B = 256 B
// SCHED-NEXT:     input 1: 128 B, 2 tiles at once
// SCHED-NEXT:     relu: 128 B, 2 tiles at once
func.func @passthrough(%x: tensor<1x8x16x8xf16>, %y: tensor<1x8x4x4xf16>, %u: tensor<1x8x4x4xf16>) -> (tensor<1x8x16x8xf16>, tensor<1x8x4x4xf16>) {
  %g:2 = accel.group (%a = %x, %b = %y, %c = %u) : (tensor<1x8x16x8xf16>, tensor<1x8x4x4xf16>, tensor<1x8x4x4xf16>) -> (tensor<1x8x16x8xf16>, tensor<1x8x4x4xf16>) attributes {name = "passthrough", schedule = #accel.schedule<rows = 1>} {
    %0 = accel.activation #accel.act<relu> %b : tensor<1x8x4x4xf16> loc("relu")
    accel.yield %a, %0 : tensor<1x8x16x8xf16>, tensor<1x8x4x4xf16>
  }
  return %g#0, %g#1 : tensor<1x8x16x8xf16>, tensor<1x8x4x4xf16>
}

// Without an accelerator: the buffers, no fit check.
// NOARCH:     group streamed: 4 tiles of 4 rows
// NOARCH-NOT: fits
