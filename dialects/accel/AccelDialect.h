//===- AccelDialect.h - The accel dialect -----------------------*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACCEL_ACCELDIALECT_H
#define ACCEL_DIALECTS_ACCEL_ACCELDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/accel/AccelDialect.h.inc"

namespace accel {
/// The argument attribute naming a weight's array in the weights file.
constexpr llvm::StringLiteral kWeightArgAttr = "accel.weight";
/// The module attribute naming the weights file (an .npz).
constexpr llvm::StringLiteral kWeightsFileAttr = "accel.weights_file";
} // namespace accel

#endif
