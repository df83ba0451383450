//===- Export.h - Mapped layers to Timeloop and MAESTRO ---------*- C++ -*-===//
//
// So that our numbers can be cross-checked with the tools users know, every
// mapped layer of a module can be written as
//  * a Timeloop problem (a CNN-layer shape extended with groups G) and a
//    mapping (per storage level: temporal factors and permutation, spatial
//    factors), for the accelerator the mapping is bound to;
//  * a MAESTRO dataflow (.m: per layer, SpatialMap / TemporalMap directives,
//    one Cluster per mapping level).
// Dimension conventions are in docs/CostModel.md ("Exports").
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_EXPORT_H
#define ACCEL_TARGET_EXPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {

/// Writes the accelerator (architecture and energy reference table) and
/// one YAML document per layer (problem + mapping); with `directory`, as
/// files there instead (arch.yaml, one file per layer, run-timeloop.sh),
/// `os` getting a summary. Layers without a mapping get the default
/// mapping. A mapping Timeloop cannot express is a warning at its layer
/// and the layer is left out; an error when no layer is left, or when a
/// mapping does not bind to the accelerator.
mlir::LogicalResult exportTimeloop(mlir::ModuleOp module,
                                   llvm::StringRef archOption,
                                   llvm::raw_ostream &os,
                                   llvm::StringRef directory = "");

/// Writes a MAESTRO network with one layer per mapped layer (one per group
/// of a grouped convolution) and the accelerator's hardware file as a
/// comment; with `directory`, hw.m, a network file per layer and
/// run-maestro.sh there instead, `os` getting a summary. A mapping MAESTRO
/// cannot express is a warning at its layer and the layer is left out; an
/// error when no layer is left.
mlir::LogicalResult exportMaestro(mlir::ModuleOp module,
                                  llvm::StringRef archOption,
                                  llvm::raw_ostream &os,
                                  llvm::StringRef directory = "");

} // namespace accel

#endif
