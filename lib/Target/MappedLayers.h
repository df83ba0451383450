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

struct MappedModule {
  Arch arch;
  std::vector<MappedLayer> layers;
};

/// The accelerator (the option, else the module's accel.target) and every
/// layer of `module` with its mapping (the default one where the IR has
/// none), in order. Emits an error at the module or at a layer whose
/// default mapping fails.
mlir::FailureOr<MappedModule> collectMappedLayers(mlir::ModuleOp module,
                                                  llvm::StringRef archOption);

} // namespace accel

#endif
