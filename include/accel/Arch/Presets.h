//===- Presets.h - Accelerators compiled into accel-opt ---------*- C++ -*-===//
#ifndef ACCEL_ARCH_PRESETS_H
#define ACCEL_ARCH_PRESETS_H

#include "accel/Arch/Arch.h"
#include <optional>

namespace accel {

/// Names of the compiled-in accelerators, in a stable order.
std::vector<llvm::StringRef> presetNames();
/// The preset called `name`, or std::nullopt.
std::optional<Arch> getPreset(llvm::StringRef name);

} // namespace accel

#endif // ACCEL_ARCH_PRESETS_H
