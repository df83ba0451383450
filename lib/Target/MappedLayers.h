//===- MappedLayers.h - The layers an export writes -------------*- C++ -*-===//
#ifndef ACCEL_LIB_TARGET_MAPPEDLAYERS_H
#define ACCEL_LIB_TARGET_MAPPEDLAYERS_H

#include "accel/CostModel/CostModel.h"
#include "mlir/IR/BuiltinOps.h"

namespace accel {

struct MappedLayer {
  mlir::Operation *op;
  std::string name; ///< layerName()
  std::string kind; ///< "conv2d", ...
  LayerProblem problem;
  Mapping mapping;
  bool defaultMapping; ///< no #accel.mapping in the IR
};

/// Every layer of `module` with its mapping (the default one where the IR has
/// none), in order. Emits an error at a layer whose default mapping fails.
mlir::FailureOr<std::vector<MappedLayer>>
collectMappedLayers(mlir::ModuleOp module, const Arch &arch);

} // namespace accel

#endif
