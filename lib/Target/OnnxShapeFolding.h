//===- OnnxShapeFolding.h - Constant shape computations in ONNX -*- C++ -*-===//
#ifndef ACCEL_LIB_TARGET_ONNXSHAPEFOLDING_H
#define ACCEL_LIB_TARGET_ONNXSHAPEFOLDING_H

#include "onnx/onnx_pb.h"

namespace accel::detail {

/// Replaces the integer shape computations of `model` whose inputs are
/// known (Shape of a tensor of known shape, and Gather, Slice, Concat,
/// Unsqueeze, Squeeze, Cast, Add, Sub, Mul, Div, Identity and Constant on
/// such values) by initializers; whether anything changed (run shape
/// inference again, then fold again).
bool foldShapeComputations(onnx::ModelProto &model);

} // namespace accel::detail

#endif
