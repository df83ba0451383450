//===- ArchResolution.h - The accelerator a pass works for ------*- C++ -*-===//
#ifndef ACCEL_ANALYSIS_ARCHRESOLUTION_H
#define ACCEL_ANALYSIS_ARCHRESOLUTION_H

#include "accel/Arch/Arch.h"
#include "dialects/accel/AccelAttrs.h"
#include "mlir/IR/BuiltinOps.h"
#include <optional>

namespace accel {

/// The accelerator named by a pass option (preset or .yaml file) or, when
/// the option is empty, by the module's `accel.target`; emits an error on
/// the module and returns failure when there is none or it does not load.
/// Its precision follows `precision` when set (a pass's `precision`
/// option), else the target's: `ir` leaves Arch::precision unset, so that
/// the models use the IR's own element types.
mlir::FailureOr<Arch>
resolvePassArch(mlir::ModuleOp module, llvm::StringRef option,
                std::optional<PrecisionPolicy> precision = std::nullopt);
/// resolvePassArch for passes that place buffers on chip: also an error
/// when the accelerator has no on-chip level.
mlir::FailureOr<Arch>
resolveOnChipArch(mlir::ModuleOp module, llvm::StringRef option,
                  std::optional<PrecisionPolicy> precision = std::nullopt);

/// The precision policy a pass was given: its `precision` option when set
/// on the command line or when the pass names its accelerator (`arch`);
/// none when both come from the module's accel.target.
template <typename PrecisionOption>
std::optional<PrecisionPolicy> givenPrecision(llvm::StringRef arch,
                                              const PrecisionOption &option) {
  if (!arch.empty() || option.hasValue())
    return PrecisionPolicy(option);
  return std::nullopt;
}

/// Records the accelerator a pass compiled for (and `precision = ir` when
/// it kept the IR's types) as the module's `accel.target` when it has none
/// and the option names one (a preset, or a description file), so that
/// later passes, exports and accel-run need no second flag.
void recordPassArch(mlir::ModuleOp module, llvm::StringRef option,
                    PrecisionPolicy precision = PrecisionPolicy::Accelerator);

/// A remark on `module` when its layers' element types differ from the
/// precision `arch` stores data in (nothing under precision=ir).
void remarkPrecision(mlir::ModuleOp module, const Arch &arch);

} // namespace accel

#endif
