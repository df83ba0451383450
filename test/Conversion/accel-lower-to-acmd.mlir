// --accel-lower-to-acmd: a fused group and a layer alone become acmd
// programs; run, they compute what the network computes and move the DRAM
// bytes the cost model predicts (accel-run checks each segment).
//
// RUN: accel-opt %S/Inputs/lower-chain.mlir --accel-lower-to-acmd=precision=ir -o %t.chain.mlir
// RUN: FileCheck %s --check-prefix=CHAIN < %t.chain.mlir
// RUN: accel-opt %t.chain.mlir --accel-check-acmd="peak=true" -o /dev/null | FileCheck %s --check-prefix=CHAIN-PEAK
// RUN: accel-run %S/Inputs/lower-chain.mlir --seed=5 --output=%t.chain.npy
// RUN: accel-run %t.chain.mlir --seed=5 --compare=%t.chain.npy --trace=%t.trace.json | FileCheck %s --check-prefix=CHAIN-EXEC
// RUN: FileCheck %s --check-prefix=TRACE < %t.trace.json
//
// RUN: accel-opt %S/Inputs/lower-single.mlir --accel-lower-to-acmd=precision=ir -o %t.single.mlir
// RUN: FileCheck %s --check-prefix=SINGLE < %t.single.mlir
// RUN: accel-run %S/Inputs/lower-single.mlir --seed=2 --output=%t.single.npy
// RUN: accel-run %t.single.mlir --seed=2 --compare=%t.single.npy | FileCheck %s --check-prefix=SINGLE-EXEC
//
// On a partitioned global buffer (64 KiB weights, 32 KiB inputs, 32 KiB
// outputs): a group's weights go to `weights` and its activations to
// `activations` (inputs + outputs as one pool), a layer alone's tiles to
// their own partitions.
// RUN: accel-opt %S/Inputs/lower-chain.mlir --accel-lower-to-acmd="arch=%accel_src_root/examples/arch/eyeriss-partitioned.yaml precision=ir" -o %t.chain-part.mlir
// RUN: accel-opt %t.chain-part.mlir --accel-check-acmd="arch=%accel_src_root/examples/arch/eyeriss-partitioned.yaml peak=true" -o /dev/null | FileCheck %s --check-prefix=PART-CHAIN
// RUN: accel-opt %S/Inputs/lower-single.mlir --accel-lower-to-acmd="arch=%accel_src_root/examples/arch/eyeriss-partitioned.yaml precision=ir" -o %t.single-part.mlir
// RUN: accel-opt %t.single-part.mlir --accel-check-acmd="arch=%accel_src_root/examples/arch/eyeriss-partitioned.yaml peak=true" -o /dev/null | FileCheck %s --check-prefix=PART-SINGLE
// RUN: accel-run %t.single-part.mlir --arch=%accel_src_root/examples/arch/eyeriss-partitioned.yaml --seed=2 --compare=%t.single.npy | FileCheck %s --check-prefix=SINGLE-EXEC
// PART-CHAIN: chain: GlobalBuffer (weights) peak 1152 B of 65536 B
// PART-CHAIN: chain: GlobalBuffer (activations) peak 1920 B of 65536 B
// PART-SINGLE: single: GlobalBuffer (weights) peak 160 B of 65536 B
// PART-SINGLE: single: GlobalBuffer (inputs) peak 72 B of 32768 B
// PART-SINGLE: single: GlobalBuffer (outputs) peak 96 B of 32768 B
//
// RUN: not accel-opt %s -split-input-file --accel-lower-to-acmd -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// The chain (Inputs/lower-chain.mlir): conv1 (3x3, padding 1) 8 -> 8 rows,
// conv2 (3x3, stride 2, padding 1) 8 -> 4 rows, in 2 tiles of 2 output rows.
// Tile 0: z rows [0, 2) read y rows [0, 4) (2p - 1 .. 2p + 1), which read x
// rows [0, 5). Tile 1: z rows [2, 4) read y rows [3, 8), x rows [2, 8).
// Buffers (f32, 4 channels x 8 columns = 128 B a row): x holds two tiles at
// once (double buffered: the next tile's rows arrive during this one), the
// union of [0, 5) and [2, 8) = 8 rows; y one tile, at most 5 rows; z two
// tiles of 2 rows x 4 columns; the weights 576 B each, first.
// CHAIN-LABEL: func.func @chain(
// CHAIN-SAME: %[[X:[a-z0-9]+]]: memref<1x4x8x8xf32>, %[[Z:[a-z0-9]+]]: memref<1x4x4x4xf32>)
// CHAIN: %[[XB:.+]] = acmd.alloc shared offset 1152 : !acmd.buffer<1x4x8x8xf32, global>
// CHAIN: %[[YB:.+]] = acmd.alloc shared offset 2176 : !acmd.buffer<1x4x5x8xf32, global>
// CHAIN: %[[ZB:.+]] = acmd.alloc shared offset 2816 : !acmd.buffer<1x4x4x4xf32, global>
// CHAIN: %[[W1:.+]] = acmd.alloc shared offset 0 : !acmd.buffer<4x4x3x3xf32, global>
// CHAIN: %[[W2:.+]] = acmd.alloc shared offset 576 : !acmd.buffer<4x4x3x3xf32, global>
// Tile 0's x rows, then tile 1's new ones [5, 8) behind them, before tile 0
// computes (which waits for the weights and tile 0 only: the loads of a
// queue complete in order, so waiting for the last one needed suffices).
// CHAIN: %[[L0:.+]] = acmd.dma_load %[[X]] [0, 0, 0, 0] sizes [1, 4, 5, 8] strides [1, 1, 1, 1] into %[[XB]] [0, 0, 0, 0]
// CHAIN: %[[L1:.+]] = acmd.dma_load %[[X]] [0, 0, 5, 0] sizes [1, 4, 3, 8] strides [1, 1, 1, 1] into %[[XB]] [0, 0, 5, 0]
// CHAIN: %[[C0:.+]] = acmd.compute "conv2d@{{[0-9]+}}" ins(%[[XB]], %[[W1]] : {{.*}}) outs(%[[YB]] : {{.*}}) after %[[L0]] {
// The first tile: no padding below, its own above.
// CHAIN: accel.conv2d %{{.*}} {pads = array<i64: 1, 1, 0, 1>} : (tensor<1x4x5x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x8xf32>
// CHAIN: %[[D0:.+]] = acmd.compute "conv2d@{{[0-9]+}}" ins(%[[YB]], %[[W2]]
// CHAIN: acmd.dma_store %[[ZB]] [0, 0, 0, 0] sizes [1, 4, 2, 4] into %[[Z]] [0, 0, 0, 0] strides [1, 1, 1, 1] after %[[D0]]
// y's halo: row 3 moves to the top, rows [4, 8) are computed behind it.
// CHAIN: %[[H:.+]] = acmd.copy %[[YB]] [0, 0, 3, 0] sizes [1, 4, 1, 8] into %[[YB]] [0, 0, 0, 0] after %[[D0]]
// CHAIN: %[[C1:.+]] = acmd.compute "conv2d@{{[0-9]+}}" ins(%[[XB]], %[[W1]]
// CHAIN-SAME: after {{.*}}%[[L1]]
// CHAIN: tensor.extract_slice %{{.*}}[0, 0, 3, 0] [1, 4, 5, 8] [1, 1, 1, 1]
// CHAIN: accel.conv2d %{{.*}} {pads = array<i64: 0, 1, 1, 1>} : (tensor<1x4x5x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x4x8xf32>
// CHAIN: tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 1, 0] [1, 4, 4, 8] [1, 1, 1, 1]
// CHAIN: acmd.dma_store %[[ZB]] [0, 0, 2, 0] sizes [1, 4, 2, 4] into %[[Z]] [0, 0, 2, 0]
// The model's prediction: x read once (1,024 B) and both weights (1,152 B),
// z written once (256 B); the footprint 3,072 B.
// CHAIN: acmd.wait {{.*}} {acmd.dram_read = 2176 : i64, acmd.dram_written = 256 : i64, acmd.footprint = 3072 : i64, acmd.group = "group@0"}
// CHAIN: memref.global "private" constant @chain_const0 : memref<4x4x3x3xf32> = dense<5.000000e-01>

// CHAIN-PEAK: chain: GlobalBuffer (shared) peak 3072 B of 131072 B

// The modelled timeline (eyeriss-like: DRAM 128 B/cycle, 168 PEs; no
// mappings here, so a compute takes MACs / PEs: 4,608 / 168 -> 28 cycles
// for conv1's first tile): tile 1's rows load during tile 0's compute.
// CHAIN-EXEC: modelled timeline: 89 cycles
// CHAIN-EXEC: 1 segments: DRAM traffic (and groups' on-chip peak) equal the cost model's prediction for each (read 2176 B, written 256 B)
// CHAIN-EXEC: match

// TRACE: {"traceEvents":[{"name":"thread_name","ph":"M","pid":1,"tid":0,"args":{"name":"DMA loads"}}
// The weights (2 x 576 B at 128 B/cycle: 4.5 cycles each), tile 0's x
// rows (640 B: 5), tile 1's (384 B: 3) during conv1's first tile.
// TRACE-SAME: "args":{"start_cycle":0,"end_cycle":4.5,"bytes":576}
// TRACE-SAME: "args":{"start_cycle":9,"end_cycle":14,"bytes":640}
// TRACE-SAME: "args":{"start_cycle":14,"end_cycle":17,"bytes":384}
// TRACE-SAME: {"name":"conv2d@{{[0-9]+}}","cat":"computes","ph":"X","pid":1,"tid":3,{{.*}}"args":{"start_cycle":14,"end_cycle":42}}

// The layer alone (Inputs/lower-single.mlir): the outer loops walk the two
// input channels, then the 8 output rows (4 tiles of 1 row in each of 2
// halves). A tile holds 1 channel of 3 input rows x 6 columns; consecutive
// rows slide: 2 rows stay (moved up), 1 is loaded.
// SINGLE-LABEL: func.func @single(
// SINGLE-SAME: %[[X:[a-z0-9]+]]: memref<1x2x8x6xf32>, %[[Y:[a-z0-9]+]]: memref<1x4x8x6xf32>)
// SINGLE: %[[IN:.+]] = acmd.alloc shared offset 0 : !acmd.buffer<1x1x3x6xf32, global>
// SINGLE: %[[OUT:.+]] = acmd.alloc shared offset 232 : !acmd.buffer<1x4x1x6xf32, global>
// Row 0 of the output reads input rows [0, 2) (the padding above is not
// loaded); the bias and activation wait for the last channel.
// SINGLE: acmd.dma_load %[[X]] [0, 0, 0, 0] sizes [1, 1, 2, 6] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 0, 0]
// SINGLE: acmd.compute
// SINGLE-NOT: activation
// SINGLE: accel.conv2d %{{[a-z_0-9]+}}, %{{[a-z_0-9]+}} {pads = array<i64: 1, 1, 0, 1>} : (tensor<1x1x2x6xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x1x6xf32>
// SINGLE: acmd.dma_load %[[X]] [0, 0, 2, 0] sizes [1, 1, 1, 6] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 2, 0]
// SINGLE: acmd.dma_store %[[OUT]] [0, 0, 0, 0] sizes [1, 4, 1, 6] into %[[Y]] [0, 0, 0, 0]
// SINGLE: acmd.copy %[[IN]] [0, 0, 1, 0] sizes [1, 1, 2, 6] into %[[IN]] [0, 0, 0, 0]
// SINGLE: acmd.dma_load %[[X]] [0, 0, 3, 0] sizes [1, 1, 1, 6] strides [1, 1, 1, 1] into %[[IN]] [0, 0, 2, 0]
// The second channel: the partial sums of row 0 come back from DRAM and
// the last part adds to them, with the bias and the ReLU.
// SINGLE: acmd.dma_load %[[Y]] [0, 0, 0, 0] sizes [1, 4, 1, 6] strides [1, 1, 1, 1] into %[[OUT]] [0, 0, 0, 0]
// SINGLE: acmd.compute
// SINGLE: accel.conv2d %{{[a-z_0-9]+}}, %{{[a-z_0-9]+}}, %{{[a-z_0-9]+}} {pads = array<i64: 1, 1, 0, 1>}
// SINGLE: accel.add %{{.*}}, %{{.*}} {activation = #accel.act<relu>}
// What the single-layer model counts, x 4 B: per channel, input rows 2 + 1
// + 1 + 1 for the first half, 3 + 1 + 1 for the second (whose first tile
// is loaded whole: an outer loop moved; its last reads no new row), 10
// rows of 6 = 120 elements; the weights once (72); the partial sums of the
// second channel's pass (4 x 8 x 6 = 192); the bias (4, which the model's
// loop nest leaves out and the prediction adds). Written: two passes of
// 192.
// SINGLE: acmd.wait {{.*}} {acmd.dram_read = 1552 : i64, acmd.dram_written = 1536 : i64, acmd.group = "conv2d@{{[0-9]+}}"}

// SINGLE-EXEC: 1 segments: DRAM traffic (and groups' on-chip peak) equal the cost model's prediction for each
// SINGLE-EXEC: match


// An operator the accelerator does not run becomes a host command, DRAM to
// DRAM; the executor runs it if it has a kernel, else names it.
// RUN: accel-opt %S/Inputs/lower-host.mlir --accel-lower-to-acmd=precision=ir -o %t.host.mlir 2>&1 | FileCheck %s --check-prefix=HOST-REMARK
// RUN: FileCheck %s --check-prefix=HOSTIR < %t.host.mlir
// RUN: not accel-run %t.host.mlir 2>&1 | FileCheck %s --check-prefix=HOST
// HOST-REMARK: remark: operator 'Mystery' runs on the host (acmd.host)
// HOSTIR: func.func @opaque(%[[X:[a-z0-9]+]]: memref<1x4x8x8xf32>, %[[Y:[a-z0-9]+]]: memref<1x4x8x8xf32>)
// HOSTIR: %[[T:.+]] = acmd.host "Mystery" ins(%[[X]] : memref<1x4x8x8xf32>) outs(%[[Y]] : memref<1x4x8x8xf32>) {
// HOSTIR-NEXT: ^bb0(%[[A:.+]]: tensor<1x4x8x8xf32>, %{{.+}}: tensor<1x4x8x8xf32>):
// HOSTIR-NEXT: %[[R:.+]] = accel.opaque "Mystery"(%[[A]])
// HOSTIR-NEXT: acmd.yield %[[R]]
// HOSTIR: acmd.wait %[[T]]
// HOST: accel-run: error: {{.*}}no reference kernel for 'Mystery'

// BAD: error: no accelerator: pass the 'arch' option or set the module's accel.target
func.func @no_target(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %y = accel.activation #accel.act<relu> %x : tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}
