//===- OnnxValidation.h - What the importer checks before it trusts -*- C++
//-*-===//
//
// ONNX's shape inference, and the importer after it, trust the file: a
// value defined twice, a node before its producer, initializer data shorter
// than its dimensions, or a window stride of 0 crash libonnx (out-of-bounds
// reads, heap corruption, SIGFPE). These checks run first, so that such a
// file gets an error naming the node or tensor instead.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_TARGET_ONNXVALIDATION_H
#define ACCEL_LIB_TARGET_ONNXVALIDATION_H

#include "onnx/onnx_pb.h"
#include <optional>
#include <string>

namespace accel::detail {

struct OnnxProblem {
  int node = -1; ///< the node's index in the graph, or -1 for the graph
  std::string message;
};

/// The first problem of `model`'s graph (in node order), or nullopt: the
/// graph's structure (every value defined once, nodes in topological order,
/// every node producing something, as many inputs and outputs as its
/// operator's schema allows, outputs defined), dimensions (non-negative,
/// element counts within int64), tensor data (initializers' and Constant
/// nodes' data as long as their dimensions say), and the attributes shape
/// inference divides by or indexes with (windows >= 1, pads >= 0,
/// groups >= 1, one entry per spatial dimension, ranks of windowed
/// operators' operands).
std::optional<OnnxProblem> validateOnnxModel(const onnx::ModelProto &model);

/// What is wrong with `t`'s data (its element count overflows, or its
/// data holds more or fewer values than its dimensions say), or nullopt.
std::optional<std::string> checkTensorData(const onnx::TensorProto &t);

} // namespace accel::detail

#endif // ACCEL_LIB_TARGET_ONNXVALIDATION_H
