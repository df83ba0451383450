// --accel-pipeline takes a linalg network to an acmd program, through a
// fused, mapped accel network (stop-after=fuse): every layer converted and
// carrying a searched mapping, the same for a seed. Every option but
// stop-after is --accel-fuse's, forwarded.
// DEFINE: %{opts} = arch=eyeriss-like seed=7 population=10 generations=3 search-map-population=20 search-map-generations=5 map-population=30 map-generations=5
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="stop-after=fuse %{opts}" --mlir-print-op-on-diagnostic=false -o %t 2>%t.remarks
// RUN: FileCheck %s < %t
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="stop-after=fuse %{opts}" -o %t.again 2>/dev/null
// RUN: diff %t %t.again
// The mappings are valid on the accelerator: the cost report takes them.
// RUN: accel-opt %t --accel-cost-report=arch=eyeriss-like -o /dev/null | FileCheck %s --check-prefix=COST
// stop-after=convert: converted, nothing fused or mapped.
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="stop-after=convert %{opts}" | FileCheck %s --check-prefix=CONVERT
// To the end: an acmd program for the accelerator --accel-fuse recorded;
// run, it computes what the converted network computes, and moves what
// the model predicts for every segment.
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="%{opts}" -o %t.acmd 2>/dev/null
// RUN: FileCheck %s --check-prefix=LOWER < %t.acmd
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="stop-after=convert" -o %t.converted
// RUN: accel-run %t.converted --seed=3 --output=%t.ref.npy
// RUN: accel-run %t.acmd --seed=3 --compare=%t.ref.npy | FileCheck %s --check-prefix=EXEC
// An option neither the pipeline nor --accel-fuse knows.
// RUN: not accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="arch=eyeriss-like tile-rows=4" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK-NOT: linalg.conv
// CHECK: mapping = #accel.mapping<
// CHECK-NOT: linalg.conv

// REMARK: remark: fusion (ga, edp): {{[0-9]+}} groups of {{[0-9]+}} of {{[0-9]+}} layers
// COST: total
// CONVERT-NOT: mapping
// CONVERT-NOT: accel.group
// CONVERT: accel.conv2d
// BAD: no such option tile-rows
// LOWER: module attributes {accel.target = #accel.target<preset = "eyeriss-like">}
// LOWER-NOT: accel.group
// LOWER: acmd.compute
// EXEC: segments: DRAM traffic (and groups' on-chip peak) equal the cost model's prediction for each
// EXEC: match
