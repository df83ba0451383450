//===- ArchResolution.h - The accelerator a pass works for ------*- C++ -*-===//
#ifndef ACCEL_ANALYSIS_ARCHRESOLUTION_H
#define ACCEL_ANALYSIS_ARCHRESOLUTION_H

#include "accel/Arch/Arch.h"
#include "mlir/IR/BuiltinOps.h"

namespace accel {

/// The accelerator named by a pass option (preset or .yaml file) or, when
/// the option is empty, by the module's `accel.target`; emits an error on
/// the module and returns failure when there is none or it does not load.
mlir::FailureOr<Arch> resolvePassArch(mlir::ModuleOp module,
                                      llvm::StringRef option);
/// resolvePassArch for passes that place buffers on chip: also an error
/// when the accelerator has no on-chip level.
mlir::FailureOr<Arch> resolveOnChipArch(mlir::ModuleOp module,
                                        llvm::StringRef option);

/// Records the accelerator a pass compiled for as the module's
/// `accel.target` when it has none and the option names one (a preset, or
/// a description file), so that later passes, exports and accel-run need
/// no second flag.
void recordPassArch(mlir::ModuleOp module, llvm::StringRef option);

} // namespace accel

#endif
