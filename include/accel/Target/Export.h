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

/// Writes one YAML document per layer (problem + mapping). Layers without a
/// mapping get the default mapping. Fails (with a diagnostic at the layer)
/// when a mapping does not bind to the accelerator.
mlir::LogicalResult exportTimeloop(mlir::ModuleOp module,
                                   llvm::StringRef archOption,
                                   llvm::raw_ostream &os);

/// Writes a MAESTRO network with one layer per mapped layer.
mlir::LogicalResult exportMaestro(mlir::ModuleOp module,
                                  llvm::StringRef archOption,
                                  llvm::raw_ostream &os);

} // namespace accel

#endif
