// --accel-cost-report on fused groups, on Inputs/quad.yaml: DRAM (one
// 16-bit word per cycle each way) -> a 256 B Buffer -[4 units]-> PE. Each
// group below chains 3x1 convolutions (padding one row above and below) on
// one channel of 8 rows x 4 columns (f16); every layer spreads the 4
// columns over the units and walks its 3 taps: a row takes 3 cycles.
// RUN: not accel-opt %s --accel-cost-report="arch=%S/Inputs/quad.yaml format=json" -o /dev/null 2>&1 | FileCheck %s
// RUN: not accel-opt %s --accel-cost-report="arch=%S/Inputs/quad.yaml" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TABLE
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/quad.yaml" -o /dev/null -verify-diagnostics

// Three layers in 4 tiles of 2 rows, halos kept, weights resident, double
// buffered. conv3 makes rows [2t, 2t + 2); conv2 the rows that need, [0, 3),
// [1, 5), [3, 7), [5, 8), of which it computes the new ones: 3, 2, 2, 1 rows
// (9, 6, 6, 3 cycles); conv1 [0, 4), [0, 6), [2, 8), [4, 8): 4, 2, 2, 0 new
// rows (12, 6, 6, 0 cycles); conv3 6 cycles a tile. The input tiles are
// rows [0, 5), [0, 7), [1, 8), [3, 8); each loads the rows the two tiles
// before it do not hold (one is being read, one prefetched): 5, 2, 1, 0 rows
// of 4 words (20, 8, 4, 0 cycles); the weights (9 words) first; each tile
// stores 8 words.
//   DMA in : weights [0, 9), L0 [9, 29), L1 [29, 37), L2 [41, 45) (it
//            overwrites tile 0's rows: after conv1 read them), L3 [62, 62)
//   PE     : t0 conv1 [29, 41) conv2 [41, 50) conv3 [50, 56),
//            t1 conv1 [56, 62) conv2 [62, 68) conv3 [68, 74),
//            t2 conv1 [74, 80) conv2 [80, 86) conv3 [86, 92),
//            t3 conv1 [92, 92) conv2 [92, 95) conv3 [95, 101)
//   DMA out: S0 [56, 64), S1 [74, 82), S2 [92, 100), S3 [101, 109)
// 109 cycles. DRAM: 32 input + 9 weight + 32 output words = 146 B. MACs:
// 3 layers x 8 x 4 x 3 = 288.
// CHECK:      "cycles": 109,
// CHECK:      "dram_bytes": 146,
// CHECK:      "feasible": true,
// CHECK:      "macs": 288,
// CHECK:      "mapping": "4 tiles: rows = 2",
// CHECK-NEXT: "mapping_source": "fused",
// CHECK-NEXT: "name": "chain",
// Layer by layer each tensor crosses DRAM once per layer: (32 + 3 + 32) x
// 3 x 2 B.
// CHECK:      "dram_bytes": 402,
// CHECK:      "macs": 288,
// CHECK:      "mapping_source": "unfused",
func.func @chain(%x: tensor<1x1x8x4xf16>, %w1: tensor<1x1x3x1xf16>, %w2: tensor<1x1x3x1xf16>, %w3: tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2, %k3 = %w3) : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> attributes {name = "chain", schedule = #accel.schedule<rows = 2>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv2")
    %2 = accel.conv2d %1, %k3 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv3")
    accel.yield %2 : tensor<1x1x8x4xf16>
  }
  return %g : tensor<1x1x8x4xf16>
}

// Halos recomputed: the input tiles load 5 + 7 + 7 + 5 rows (96 words);
// conv1 computes 4 + 6 + 6 + 4 rows, conv2 3 + 4 + 4 + 3, conv3 8: DRAM
// 96 + 9 + 32 words = 274 B, MACs (20 + 14 + 8) x 12 = 504.
// CHECK:      "dram_bytes": 274,
// CHECK:      "macs": 504,
// CHECK:      "mapping": "4 tiles: rows = 2, halo = recompute",
// CHECK-NEXT: "mapping_source": "fused",
func.func @recompute(%x: tensor<1x1x8x4xf16>, %w1: tensor<1x1x3x1xf16>, %w2: tensor<1x1x3x1xf16>, %w3: tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2, %k3 = %w3) : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> attributes {name = "recompute", schedule = #accel.schedule<rows = 2, halo = recompute>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv2")
    %2 = accel.conv2d %1, %k3 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv3")
    accel.yield %2 : tensor<1x1x8x4xf16>
  }
  return %g : tensor<1x1x8x4xf16>
}

// A residual block: conv1 -> conv2 -> add with the input. The add reads the
// input rows of its tile, inside what conv1 needs: 32 input, 6 weight and
// 32 output words (140 B); the two convolutions make 192 MACs, the add
// (two operands a pixel, [Q*4 | Q:1]) 8 x 4 x 2 = 64.
// CHECK:      "dram_bytes": 140,
// CHECK:      "macs": 256,
// CHECK:      "mapping": "4 tiles: rows = 2",
// CHECK-NEXT: "mapping_source": "fused",
// CHECK-NEXT: "name": "residual",
func.func @residual(%x: tensor<1x1x8x4xf16>, %w1: tensor<1x1x3x1xf16>, %w2: tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> attributes {name = "residual", schedule = #accel.schedule<rows = 2>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*4 | Q:1]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv2")
    %2 = accel.add %1, %a {mapping = #accel.mapping<[Q*4 | Q:1]>} : tensor<1x1x8x4xf16>, tensor<1x1x8x4xf16> -> tensor<1x1x8x4xf16> loc("add")
    accel.yield %2 : tensor<1x1x8x4xf16>
  }
  return %g : tensor<1x1x8x4xf16>
}

// Pipelined, two layers on two units each: a layer spreads the 4 columns
// over its 2 units two at a time, 6 cycles a row. As in @chain's last two
// layers, conv1 computes 3, 2, 2, 1 rows (18, 12, 12, 6 cycles) of input
// tiles [0, 4), [0, 6), [2, 8), [4, 8), conv2 2 rows (12 cycles) a tile;
// the input loads 4, 2, 2, 0 rows (16, 8, 8, 0 cycles) after the 6 weight
// words. conv1 runs ahead (its rows are kept for two tiles, what conv2 has
// yet to read):
//   conv1: [22, 40), [40, 52), [52, 64), [64, 70)
//   conv2: [40, 52), [52, 64), [64, 76), [76, 88); S3 [88, 96)
// DMA in: weights [0, 6), L0 [6, 22), L1 [22, 30), L2 after conv1's tile 0
// [40, 48), L3 [52, 52).
// 96 cycles: slower than depth first, each layer having half the array.
// CHECK:      "cycles": 96,
// CHECK:      "dram_bytes": 140,
// CHECK:      "macs": 192,
// CHECK:      "mapping": "4 tiles: rows = 2, mode = pipelined, pes = [2, 2]",
func.func @pipelined(%x: tensor<1x1x8x4xf16>, %w1: tensor<1x1x3x1xf16>, %w2: tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> attributes {name = "pipelined", schedule = #accel.schedule<rows = 2, mode = pipelined, pes = [2, 2]>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*2 | Q:2]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>, mapping = #accel.mapping<[Q*2 | Q:2]>} : (tensor<1x1x8x4xf16>, tensor<1x1x3x1xf16>) -> tensor<1x1x8x4xf16> loc("conv2")
    accel.yield %1 : tensor<1x1x8x4xf16>
  }
  return %g : tensor<1x1x8x4xf16>
}

// The same chain on four channels in 2 tiles of 4 rows does not fit the
// 256 B buffer: the input's two tiles hold rows [0, 7) and [1, 8), all 8
// rows of 16 words (256 B); conv1 6 rows (192 B), conv2 5 (160 B), the
// output two tiles, 8 rows (256 B), the weights 3 x 4 x 4 x 3 words (288 B):
// 1152 B.
// CHECK:      "feasible": false,
// CHECK-NEXT: "group": "",
// CHECK-NEXT: "mapping": "2 tiles: rows = 4",
// CHECK-NEXT: "mapping_source": "fused",
// CHECK-NEXT: "name": "wide",
// CHECK-NEXT: "op": "group",
// CHECK-NEXT: "reason": "Buffer: the group's buffers need 1152 B but 256 B are available (over by 896 B)"
// TABLE:      error: layer group cannot run on quad: Buffer: the group's buffers need 1152 B but 256 B are available (over by 896 B)
// TABLE:      wide {{ *}}group {{ *}}fused {{ *}}infeasible: Buffer: the group's buffers need 1152 B but 256 B are available (over by 896 B)
// TABLE:      the total leaves out 1 infeasible group
func.func @wide(%x: tensor<1x4x8x4xf16>, %w1: tensor<4x4x3x1xf16>, %w2: tensor<4x4x3x1xf16>, %w3: tensor<4x4x3x1xf16>) -> tensor<1x4x8x4xf16> {
  // expected-error @+1 {{layer group cannot run on quad: Buffer: the group's buffers need 1152 B but 256 B are available (over by 896 B)}}
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2, %k3 = %w3) : (tensor<1x4x8x4xf16>, tensor<4x4x3x1xf16>, tensor<4x4x3x1xf16>, tensor<4x4x3x1xf16>) -> tensor<1x4x8x4xf16> attributes {name = "wide", schedule = #accel.schedule<rows = 4>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x4x8x4xf16>, tensor<4x4x3x1xf16>) -> tensor<1x4x8x4xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x4x8x4xf16>, tensor<4x4x3x1xf16>) -> tensor<1x4x8x4xf16> loc("conv2")
    %2 = accel.conv2d %1, %k3 {pads = array<i64: 1, 0, 1, 0>} : (tensor<1x4x8x4xf16>, tensor<4x4x3x1xf16>) -> tensor<1x4x8x4xf16> loc("conv3")
    accel.yield %2 : tensor<1x4x8x4xf16>
  }
  return %g : tensor<1x4x8x4xf16>
}
