// --export-maestro against golden files: one MAESTRO layer per convolution
// or matmul (depthwise: DSCONV; another grouped convolution: a CONV layer
// per group), a Cluster per mapping level, output tiles as input windows
// over Y and X, our own MACs, cycles and energy in a comment; the hardware
// file as a comment (num_pes: the PEs each layer's dataflow uses); other
// layers are skipped with a comment. MAESTRO (commit 4eb08d1) accepts both
// goldens (docs/Exports.md).
// RUN: accel-translate --export-maestro %S/Inputs/layers.mlir --export-arch=%S/../../Analysis/Inputs/tiny.yaml | diff %S/Inputs/layers.m -
// RUN: accel-opt %S/Inputs/grouped.mlir --accel-map="arch=%S/../../Analysis/Inputs/tiny.yaml exportable=maestro seed=1 threads=1 population=20 generations=5" 2>/dev/null | accel-translate --export-maestro | diff %S/Inputs/grouped.m -

// Mappings MAESTRO cannot express are warnings naming the layer (it wants
// whole filter rows and columns, has no groups to spread, and mishandles
// windows shorter than their stride); nothing left is an error.
// RUN: not accel-translate --export-maestro %S/Inputs/depthwise.mlir 2>&1 | FileCheck %s --check-prefix=REFUSED
// RUN: accel-translate --export-maestro %s --export-arch=%S/../../Analysis/Inputs/tiny.yaml 2>&1 | FileCheck %s --check-prefix=GAPS
// REFUSED: warning: loc("dw"): not exported to MAESTRO: level 1 tiles the filter's rows (MAESTRO maps whole filter rows and columns); --accel-map exportable=maestro maps for the export
// REFUSED: error: no layer could be exported to MAESTRO
// GAPS: warning: loc("spread"): not exported to MAESTRO: level 0 spreads groups over PEs (MAESTRO has no groups: they run as layers one after another)
// GAPS: warning: loc("skip"): not exported to MAESTRO: its windows (1 rows) are shorter than its stride (2): MAESTRO mishandles the input rows they skip
// GAPS: Layer whole {

// --export-dir: per layer a network file and a hardware file, and a script
// that runs maestro on each.
// RUN: rm -rf %t && accel-translate --export-maestro %S/Inputs/layers.mlir --export-arch=%S/../../Analysis/Inputs/tiny.yaml --export-dir=%t | FileCheck %s --check-prefix=DIR
// RUN: ls %t | FileCheck %s --check-prefix=FILES
// RUN: FileCheck %s --input-file=%t/L00-conv1d.hw.m --check-prefix=HW
// RUN: FileCheck %s --input-file=%t/run-maestro.sh --check-prefix=SCRIPT
// DIR: wrote {{.*}}: 2 layers (a network and a hardware file each) and run-maestro.sh
// FILES: L00-conv1d.hw.m
// FILES-NEXT: L00-conv1d.m
// FILES-NEXT: L01-fc.hw.m
// FILES-NEXT: L01-fc.m
// FILES-NEXT: run-maestro.sh
// HW: num_pes: 3
// HW-NEXT: l1_size_cstr: 1024
// HW-NEXT: l2_size_cstr: 1048576
// SCRIPT: maestro --HW_file=./L00-conv1d.hw.m --Mapping_file=./L00-conv1d.m

func.func @gaps(%x: tensor<1x4x6x6xf16>, %w: tensor<4x2x3x3xf16>, %k: tensor<4x4x1x1xf16>) -> (tensor<1x4x4x4xf16>, tensor<1x4x3x3xf16>, tensor<1x4x6x6xf16>) {
  %0 = accel.conv2d %x, %w {groups = 2 : i64, mapping = #accel.mapping<[G*2 | G:1 Q:1]>} : (tensor<1x4x6x6xf16>, tensor<4x2x3x3xf16>) -> tensor<1x4x4x4xf16> loc("spread")
  %1 = accel.conv2d %x, %k {strides = array<i64: 2, 2>, mapping = #accel.mapping<[K*2 | K:2]>} : (tensor<1x4x6x6xf16>, tensor<4x4x1x1xf16>) -> tensor<1x4x3x3xf16> loc("skip")
  %2 = accel.conv2d %x, %k {mapping = #accel.mapping<[K*2 | K:2]>} : (tensor<1x4x6x6xf16>, tensor<4x4x1x1xf16>) -> tensor<1x4x6x6xf16> loc("whole")
  return %0, %1, %2 : tensor<1x4x4x4xf16>, tensor<1x4x3x3xf16>, tensor<1x4x6x6xf16>
}
