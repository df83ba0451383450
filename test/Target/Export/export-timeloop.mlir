// --export-timeloop against golden files: the accelerator as a Timeloop
// architecture tree (memory levels as storage components, fan-out stages as
// subtrees with as many instances, meshX multiplying down the tree), then per
// layer the problem (accel P, Q, R, S, K
// are Timeloop's Q, P, S, R, M; groups G are an extra dimension) and the
// mapping per storage level from the loop nest bound to the accelerator,
// with notes on imperfect factorisations and bypassed partitions.
// RUN: accel-translate --export-timeloop %S/Inputs/layers.mlir --export-arch=%S/../../Analysis/Inputs/tiny.yaml | diff %S/Inputs/layers.timeloop.yaml -
// RUN: accel-translate --export-timeloop %S/Inputs/depthwise.mlir | diff %S/Inputs/depthwise.timeloop.yaml -
// RUN: not accel-translate --export-timeloop %S/Inputs/layers.mlir 2>&1 | FileCheck %s --check-prefix=NOARCH
// NOARCH: error: no accelerator: pass the 'arch' option or set the module's accel.target
