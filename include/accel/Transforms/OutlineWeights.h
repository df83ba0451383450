//===- OutlineWeights.h - A network's weights out of its text ---*- C++ -*-===//
//
// A network's constants are most of its text: ResNet-50's weights make a
// 100 MB .mlir that every tool parses and prints. Outlined, each large
// constant becomes a function argument marked `accel.weight = "NAME"` and
// its value an array NAME of an .npz file that the module names in
// `accel.weights_file`; accel-run binds the arguments from that file, so the
// program still runs on the network's values. Mapping, fusion and lowering
// treat the arguments as the weights they were (a layer's operand role says
// what it is, not where the value comes from).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TRANSFORMS_OUTLINEWEIGHTS_H
#define ACCEL_TRANSFORMS_OUTLINEWEIGHTS_H

#include "accel/Kernels/Npz.h"
#include "dialects/accel/AccelDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

namespace accel {

/// Moves the large constants of every function of `module` into arguments
/// (after the existing ones) marked accel.weight, and returns their values
/// as .npz members in argument order. A constant stays when it is a splat,
/// has fewer than `minElements` elements, is not a dense float or integer
/// tensor, or is nested in a region of its own (a group's body); the
/// functions something calls keep their signatures and constants. Names
/// are the constants' location names (an ONNX initializer's name), made
/// unique. Fails, with an error at the constant, on an element type NumPy
/// cannot hold.
mlir::FailureOr<std::vector<NpzMember>> outlineWeights(mlir::ModuleOp module,
                                                       int64_t minElements);

/// What outlineWeightsToFile wrote.
struct WeightsFileSummary {
  size_t arrays = 0;
  uint64_t bytes = 0; // of the .npz file
};

/// outlineWeights, then writes the .npz file at `path` and records it in
/// accel.weights_file. Fails, with an error, when the module already keeps
/// its weights in a file or the file cannot be written.
mlir::FailureOr<WeightsFileSummary> outlineWeightsToFile(mlir::ModuleOp module,
                                                         llvm::StringRef path,
                                                         int64_t minElements);

} // namespace accel

#endif // ACCEL_TRANSFORMS_OUTLINEWEIGHTS_H
