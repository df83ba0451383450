//===- OnnxQOperators.h - ONNX's QOperator format as QDQ ----------*- C++ -*-===//
#ifndef ACCEL_LIB_TARGET_ONNXQOPERATORS_H
#define ACCEL_LIB_TARGET_ONNXQOPERATORS_H

#include "onnx/onnx_pb.h"
#include <optional>
#include <string>

namespace accel::detail {

/// Rewrites the QOperator nodes of `model` (QLinearConv, QLinearMatMul:
/// onnxruntime's static quantization format) as the QDQ nodes they mean,
/// DequantizeLinear of the inputs and weights, the float Conv or MatMul,
/// QuantizeLinear of the result, which the importer runs as integer
/// layers. A QLinearConv's int32 bias (accumulator units, x_scale x
/// w_scale) becomes the float bias it stands for. ConvInteger and
/// MatMulInteger whose int32 result is only ever cast to float become the
/// same with scales of 1 (and the Casts Identity). Nodes whose scales,
/// zero points or bias are not initializers stay as they are. Returns how
/// many it rewrote.
unsigned expandQOperators(onnx::ModelProto &model);

/// The operator the file has for a node expandQOperators wrote (what
/// diagnostics name), or "" for a node of the file.
std::string rewrittenFrom(const onnx::NodeProto &node);

/// Why a ConvInteger or MatMulInteger cannot be the integer layer it stands
/// for (its int32 result read as integers, zero points computed at run
/// time, ...); `malformed` when the node breaks the operator's definition.
struct IntegerOperatorProblem {
  std::string why;
  bool malformed = false;
};
/// Nothing when `node` can be an integer layer.
std::optional<IntegerOperatorProblem>
checkIntegerOperator(const onnx::NodeProto &node,
                     const onnx::GraphProto &graph);

} // namespace accel::detail

#endif
