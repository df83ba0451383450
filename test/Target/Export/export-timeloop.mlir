// --export-timeloop against golden files: the accelerator as a Timeloop v3
// architecture tree (data width as word-bits, the access width as
// block-size, bandwidths in data words, a partitioned level as a component
// per tensor, the last fan-out stage along X) with accel-opt's energies as
// its ERT; then per layer the problem (accel P, Q, R, S, K are Timeloop's
// Q, P, S, R, M; groups G are an extra dimension) and the mapping per
// storage level (X dimensions first in a spatial permutation, `split` after
// them; edge tiles as residuals). Checked with Timeloop v3.0.3 by hand
// (docs/Exports.md); timeloop-model accepts both goldens.
// RUN: accel-translate --export-timeloop %S/Inputs/layers.mlir --export-arch=%S/../../Analysis/Inputs/tiny.yaml | diff %S/Inputs/layers.timeloop.yaml -
// RUN: accel-opt %S/Inputs/depthwise.mlir --accel-map="exportable=timeloop seed=3 threads=1 population=40 generations=10" 2>/dev/null | accel-translate --export-timeloop | diff %S/Inputs/depthwise.timeloop.yaml -
// RUN: not accel-translate --export-timeloop %S/Inputs/layers.mlir 2>&1 | FileCheck %s --check-prefix=NOARCH
// NOARCH: error: no accelerator: pass the 'arch' option or set the module's accel.target

// A mapping Timeloop cannot express (a spatial factor with an edge step: it
// would count the MACs of the whole factor) is a warning naming the layer;
// nothing left to write is an error.
// RUN: not accel-translate --export-timeloop %S/Inputs/depthwise.mlir 2>&1 | FileCheck %s --check-prefix=REFUSED
// REFUSED: warning: loc("dw"): not exported to Timeloop: the spatial factor 12 of G at GlobalBuffer covers 4 of its extent's 64 on the last step (Timeloop would count its MACs whole); --accel-map exportable=timeloop maps for the export
// REFUSED: error: no layer could be exported to Timeloop

// --export-dir: arch.yaml (architecture + ERT), a file per layer, and a
// script that runs timeloop-model on each.
// RUN: rm -rf %t && accel-translate --export-timeloop %S/Inputs/layers.mlir --export-arch=%S/../../Analysis/Inputs/tiny.yaml --export-dir=%t | FileCheck %s --check-prefix=DIR
// RUN: ls %t | FileCheck %s --check-prefix=FILES
// RUN: FileCheck %s --input-file=%t/run-timeloop.sh --check-prefix=SCRIPT
// DIR: wrote {{.*}}/arch.yaml, 2 layers and run-timeloop.sh
// FILES: L00-conv1d.yaml
// FILES-NEXT: L01-fc.yaml
// FILES-NEXT: arch.yaml
// FILES-NEXT: run-timeloop.sh
// SCRIPT: (cd L00-conv1d && timeloop-model ../arch.yaml ../L00-conv1d.yaml > timeloop.log 2>&1)
// SCRIPT: exit $status

// A layer in a fused group is mapped for its tile, which neither peer can
// express (no fusion): it is exported as a layer alone, with the mapping
// --accel-fuse found for it alone (accel.unfused_mapping).
// RUN: accel-opt %S/../../Transforms/Inputs/fuse-net.mlir --accel-fuse="arch=eyeriss-like seed=1 threads=1 population=10 generations=3 map-population=10 map-generations=3 search-map-population=10 search-map-generations=3" 2>/dev/null | accel-translate --export-timeloop 2>/dev/null | FileCheck %s --check-prefix=GROUPED
// GROUPED: # accel-opt export of conv2d@4 (conv2d) on eyeriss-like; in group fused0, exported as a layer alone (no fusion)
