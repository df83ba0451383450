// --accel-fuse: which layers run fused, their schedules, every layer mapped.
// Inputs/fuse-net.mlir on test/Analysis/Inputs/quad.yaml (4 units under a
// 256 B buffer, DRAM one 16-bit word per cycle each way), small budgets.
// DEFINE: %{opts} = arch=%S/../Analysis/Inputs/quad.yaml objective=latency population=20 generations=10 search-map-population=20 search-map-generations=5 map-population=20 map-generations=5
// RUN: accel-opt %S/Inputs/fuse-net.mlir --accel-fuse="%{opts}" --mlir-print-op-on-diagnostic=false 2>%t.ga | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.ga
// The dynamic-programming optimum over the graph's order is the same plan.
// RUN: accel-opt %S/Inputs/fuse-net.mlir --accel-fuse="%{opts} strategy=dp remarks=false" | FileCheck %s
// The same seed gives the same program whatever the thread count.
// RUN: accel-opt %S/Inputs/fuse-net.mlir --accel-fuse="%{opts} threads=1 remarks=false" -o %t.1
// RUN: accel-opt %S/Inputs/fuse-net.mlir --accel-fuse="%{opts} threads=2 remarks=false" -o %t.2
// RUN: diff %t.1 %t.2
// The fused program is costed as the search costed it: the group moves its
// input (32 words), two weights (12 words each) and its output (32 words)
// over DRAM: 176 B.
// RUN: accel-opt %t.1 --accel-cost-report="arch=%S/../Analysis/Inputs/quad.yaml format=json" -o /dev/null | FileCheck %s --check-prefix=COST
// Greedy fuses what fits: conv1 and conv2 too.
// RUN: accel-opt %S/Inputs/fuse-net.mlir --accel-fuse="%{opts} strategy=greedy remarks=false" | FileCheck %s --check-prefix=GREEDY
// RUN: accel-opt %S/Inputs/fuse-net.mlir --accel-fuse="%{opts} strategy=none remarks=false" | FileCheck %s --check-prefix=NONE

// The softmax is opaque: it cuts the network. conv3 -> conv4 -> add fuse
// in tiles of one row (the 4-channel intermediate then takes 3 rows of 32 B;
// taller tiles make the loads before the first compute longer). conv1 and
// conv2 run on their own: with DRAM moving a word a cycle, a group of the
// two waits for its whole first input tile before computing, while alone
// each layer overlaps its transfers with its compute.
// CHECK-LABEL: func.func @net
// CHECK:       accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK-NEXT:  accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK-NEXT:  accel.opaque "onnx.Softmax"
// CHECK-NEXT:  accel.group {{.*}}attributes {name = "fused0", schedule = #accel.schedule<rows = 1>}
// CHECK-NEXT:    accel.conv2d {{.*}}accel.unfused_mapping = #accel.mapping<{{.*}}mapping = #accel.mapping<
// CHECK-NEXT:    accel.conv2d
// CHECK-NEXT:    accel.add
// CHECK-NEXT:    accel.yield
// CHECK-NOT:   accel.group

// The group's buffers: the input, 3 rows for conv3's window, 2 tiles at
// once (48 B); conv3's 4 channels, 3 rows (96 B); conv4's row (8 B); the
// output, 2 tiles (16 B); the weights, 2 x 12 words (48 B).
// REMARK: remark: {{.*}}fused0: conv3+conv4+add (rows = 1); 8 tiles, weights + activations 216 B of 256 B;
// REMARK: remark: fusion (ga, latency): 1 groups of 3 of 6 layers; latency {{[0-9]+}} vs {{[0-9]+}} cycles layer by layer

// COST:      "dram_bytes": 176,
// COST:      "mapping_source": "fused",
// COST-NEXT: "name": "fused0",

// GREEDY:     accel.group {{.*}}name = "fused0", schedule = #accel.schedule<rows = 8>
// GREEDY:     accel.opaque
// GREEDY:     accel.group {{.*}}name = "fused1"
// NONE-NOT:   accel.group
