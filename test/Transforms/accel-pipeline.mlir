// --accel-pipeline takes a linalg network to a mapped accel network: every
// layer converted and carrying a searched mapping, the same for a seed.
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="arch=eyeriss-like seed=7 population=30 generations=5" --mlir-print-op-on-diagnostic=false -o %t 2>%t.remarks
// RUN: FileCheck %s < %t
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: accel-opt %S/../Conversion/Inputs/multibranch-linalg.mlir --accel-pipeline="arch=eyeriss-like seed=7 population=30 generations=5" -o %t.again 2>/dev/null
// RUN: diff %t %t.again
// The mappings are valid on the accelerator: the cost report takes them.
// RUN: accel-opt %t --accel-cost-report=arch=eyeriss-like -o /dev/null | FileCheck %s --check-prefix=COST

// CHECK-NOT: linalg.conv
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK: accel.conv2d {{.*}}groups = 8 : i64, mapping = #accel.mapping<
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK: accel.add {{.*}}mapping = #accel.mapping<
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK: accel.concat

// REMARK-COUNT-5: remark: {{.*}}ga mapping (edp {{.*}}x the compute bound
// COST-COUNT-5: {{ ir }}
// COST: total
