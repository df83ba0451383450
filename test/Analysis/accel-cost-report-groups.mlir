// --accel-cost-report on a fused group: three 3x3 convolutions (4 -> 8 -> 8
// -> 8 channels, 16x16, f16, pads 1) run in 4 tiles of 4 output rows. Only
// the group's input, output and weights cross DRAM:
//   input  16x16x4 x 2 B = 2048 B, output 16x16x8 x 2 B = 4096 B,
//   weights (8x4 + 8x8 + 8x8) x 9 x 2 B = 2880 B.
// RUN: accel-opt %S/Inputs/chain.mlir --accel-cost-report="arch=eyeriss-like tile-rows=4 format=json" -o /dev/null | FileCheck %s --check-prefix=KEEP
// RUN: accel-opt %S/Inputs/chain.mlir --accel-cost-report="arch=eyeriss-like tile-rows=4 halo=recompute format=json" -o /dev/null | FileCheck %s --check-prefix=RECOMPUTE
// RUN: accel-opt %S/Inputs/chain.mlir --accel-cost-report="arch=eyeriss-like tile-rows=4 weights=streamed format=json" -o /dev/null | FileCheck %s --check-prefix=STREAMED
// RUN: accel-opt %S/Inputs/chain.mlir --accel-cost-report="arch=eyeriss-like tile-rows=4" -o /dev/null | FileCheck %s --check-prefix=TABLE
// RUN: not accel-opt %S/Inputs/chain.mlir --accel-cost-report="arch=eyeriss-like halo=sometimes" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADOPT

// Halos kept: every input row is loaded once, every layer computes each
// output row once: 2048 + 4096 + 2880 = 9024 B, MACs 16x16 x 9 x (8x4 + 8x8
// + 8x8) = 368640 (the unfused total).
// KEEP:      "dram_bytes": 9024,
// KEEP:      "macs": 368640,
// KEEP:      "mapping": "4 tiles of 4 rows, halo keep, weights resident",
// KEEP:      "mapping_source": "fused",
// KEEP-NEXT: "name": "chain",
// Layer by layer every intermediate goes out and comes back; the default
// mappings' global-buffer tiles slide down the rows, so each tensor crosses
// DRAM once: conv1 2048 + 4096 + 576, conv2 and conv3 4096 + 4096 + 1152
// each: 25408 B.
// KEEP:      "dram_bytes": 25408,
// KEEP:      "macs": 368640,
// KEEP:      "mapping_source": "unfused",
// The totals count the fused row only.
// KEEP:      "total": {
// KEEP:      "dram_bytes": 9024,
// KEEP-NEXT: "edp_pj_cycles"
// KEEP-NEXT: "energy_pj"
// KEEP-NEXT: "macs": 368640

// Halos recomputed: a tile of 4 output rows needs 6 rows of conv2's output,
// 8 of conv1's and 10 input rows, clipped at the image edges: tiles read
// 7, 10, 10, 7 input rows (34 x 16 x 4 x 2 B = 4352 B): 4352 + 4096 + 2880 =
// 11328 B. conv1 computes 6+8+8+6 = 28 rows (28 x 16 x 8 x 36 = 129024
// MACs), conv2 5+6+6+5 = 22 rows (22 x 16 x 8 x 72 = 202752), conv3 16 rows
// (147456): 479232 MACs.
// RECOMPUTE: "dram_bytes": 11328,
// RECOMPUTE: "macs": 479232,
// RECOMPUTE: "mapping": "4 tiles of 4 rows, halo recompute, weights resident",

// Weights streamed: reloaded every tile: 2048 + 4096 + 4 x 2880 = 17664 B.
// STREAMED: "dram_bytes": 17664,
// STREAMED: "macs": 368640,
// STREAMED: "mapping": "4 tiles of 4 rows, halo keep, weights streamed",

// TABLE: accel-cost-report: 1 layers and groups on eyeriss-like
// TABLE: chain {{ *}}group {{ *}}fused {{ *}}368640
// TABLE: chain {{ *}}group {{ *}}unfused {{ *}}368640
// TABLE: total {{ *}}368640

// BADOPT: expected tile-rows >= 1, halo=keep|recompute and weights=auto|resident|streamed
