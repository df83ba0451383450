//===- LayerNames.h - Names of layers in reports and exports ----*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACCEL_LAYERNAMES_H
#define ACCEL_DIALECTS_ACCEL_LAYERNAMES_H

#include "mlir/IR/Operation.h"
#include <string>

namespace accel {

/// A layer's name for reports and exports: the name of its location (ONNX
/// node names arrive as NameLoc), else "op@line", else "op#index".
std::string layerName(mlir::Operation *op, unsigned index);

} // namespace accel

#endif
