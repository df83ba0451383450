//===- OnnxValidation.cpp - What the importer checks before it trusts -----===//

#include "OnnxValidation.h"
#include "accel/Workload/ShapeArith.h"
#include "onnx/defs/schema.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>
#include <limits>

using namespace accel::detail;

namespace {

/// Bits per element of an ONNX element type; 0 if unknown (or strings).
int64_t bitsOf(int32_t type) {
  switch (type) {
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::BOOL:
  case 17: // FLOAT8E4M3FN
  case 18: // FLOAT8E4M3FNUZ
  case 19: // FLOAT8E5M2
  case 20: // FLOAT8E5M2FNUZ
    return 8;
  case onnx::TensorProto::UINT16:
  case onnx::TensorProto::INT16:
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16:
    return 16;
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::UINT32:
    return 32;
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::UINT64:
  case onnx::TensorProto::DOUBLE:
  case onnx::TensorProto::COMPLEX64:
    return 64;
  case onnx::TensorProto::COMPLEX128:
    return 128;
  case 21: // UINT4
  case 22: // INT4
  case 23: // FLOAT4E2M1
    return 4;
  default:
    return 0;
  }
}

/// How many values of the typed field that holds `n` elements of `t`'s type
/// (when there is no raw_data) it has, and how many it should have.
std::pair<int64_t, int64_t> typedValues(const onnx::TensorProto &t, int64_t n) {
  switch (t.data_type()) {
  case onnx::TensorProto::FLOAT:
    return {t.float_data_size(), n};
  case onnx::TensorProto::COMPLEX64:
    return {t.float_data_size(), 2 * n};
  case onnx::TensorProto::DOUBLE:
    return {t.double_data_size(), n};
  case onnx::TensorProto::COMPLEX128:
    return {t.double_data_size(), 2 * n};
  case onnx::TensorProto::INT64:
    return {t.int64_data_size(), n};
  case onnx::TensorProto::UINT32:
  case onnx::TensorProto::UINT64:
    return {t.uint64_data_size(), n};
  case onnx::TensorProto::STRING:
    return {t.string_data_size(), n};
  default: // every narrower type, one per int32 (4-bit types two)
    return {t.int32_data_size(), bitsOf(t.data_type()) == 4 ? (n + 1) / 2 : n};
  }
}

/// The element count of `dims`, or an error.
std::optional<std::string>
elementCount(const google::protobuf::RepeatedField<int64_t> &dims, int64_t &n) {
  n = 1;
  for (int64_t d : dims) {
    if (d < 0)
      return llvm::formatv("has a negative dimension ({0})", d).str();
    if (d > accel::kMaxDimension)
      return llvm::formatv("has a dimension of {0}: accel tensors have "
                           "dimensions of at most 2^24",
                           d)
          .str();
    if (llvm::MulOverflow(n, d, n))
      return std::string("has more elements than int64 counts");
  }
  return std::nullopt;
}

std::optional<std::string> checkDims(const onnx::ValueInfoProto &vi,
                                     llvm::StringRef what) {
  if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
    return std::nullopt;
  for (const auto &d : vi.type().tensor_type().shape().dim())
    if (d.has_dim_value() &&
        (d.dim_value() < 0 || d.dim_value() > accel::kMaxDimension))
      return llvm::formatv("{0} '{1}' has a dimension of {2}, outside [0, "
                           "2^24]",
                           what, vi.name(), d.dim_value())
          .str();
  return std::nullopt;
}

/// As many inputs and outputs as the operator's schema (at the model's
/// opset) allows: shape inference and the importer index them.
std::optional<std::string> checkArity(const onnx::NodeProto &node, int opset) {
  const onnx::OpSchema *schema =
      onnx::OpSchemaRegistry::Schema(node.op_type(), opset, node.domain());
  if (!schema)
    return std::nullopt; // unknown operators stay opaque
  auto count = [](int n, int lo, int hi,
                  llvm::StringRef what) -> std::optional<std::string> {
    if (n >= lo && n <= hi)
      return std::nullopt;
    std::string range = lo == hi ? std::to_string(lo)
                        : hi == std::numeric_limits<int>::max()
                            ? "at least " + std::to_string(lo)
                            : std::to_string(lo) + " to " + std::to_string(hi);
    return llvm::formatv("has {0} {1}s, the operator takes {2}", n, what, range)
        .str();
  };
  if (auto bad = count(node.input_size(), schema->min_input(),
                       schema->max_input(), "input"))
    return bad;
  return count(node.output_size(), schema->min_output(), schema->max_output(),
               "output");
}

/// Attributes shape inference divides by or indexes with.
std::optional<std::string> checkAttributes(const onnx::NodeProto &node) {
  for (const onnx::AttributeProto &a : node.attribute()) {
    llvm::StringRef name = a.name();
    if (name == "strides" || name == "dilations" || name == "kernel_shape")
      for (int64_t v : a.ints())
        if (v < 1)
          return llvm::formatv("attribute '{0}' must be >= 1, got {1}", name, v)
              .str();
    if (name == "group" && a.i() < 1)
      return llvm::formatv("attribute 'group' must be >= 1, got {0}", a.i())
          .str();
    if (name == "pads")
      for (int64_t v : a.ints())
        if (v < 0)
          return llvm::formatv("attribute 'pads' must be >= 0, got {0}", v)
              .str();
    if (a.has_t())
      if (std::optional<std::string> bad = checkTensorData(a.t()))
        return "attribute '" + a.name() + "': tensor " + *bad;
  }
  return std::nullopt;
}

/// Windowed operators: the input has a batch, channels and at least one
/// spatial dimension, the weights as many dimensions, and the window
/// attributes one entry per spatial dimension (pads two).
std::optional<std::string>
checkWindowRanks(const onnx::NodeProto &node,
                 const llvm::StringMap<int64_t> &ranks) {
  llvm::StringRef op = node.op_type();
  bool conv = op == "Conv" || op == "ConvTranspose" || op == "ConvInteger" ||
              op == "QLinearConv";
  bool pool = op == "MaxPool" || op == "AveragePool" || op == "LpPool";
  if (!(conv || pool) || node.input_size() == 0)
    return std::nullopt;
  // (QLinearConv's weights follow the input's scale and zero point.)
  int weights = op == "QLinearConv" ? 3 : 1;
  auto rank = ranks.find(node.input(0));
  if (rank == ranks.end())
    return std::nullopt;
  int64_t r = rank->second;
  if (r < 3)
    return llvm::formatv("input '{0}' has rank {1}: a windowed operator "
                         "needs N, C and a spatial dimension",
                         node.input(0), r)
        .str();
  if (conv && node.input_size() > weights) {
    auto w = ranks.find(node.input(weights));
    if (w != ranks.end() && w->second != r)
      return llvm::formatv("input has rank {0} but the weights rank {1}", r,
                           w->second)
          .str();
  }
  for (const onnx::AttributeProto &a : node.attribute()) {
    llvm::StringRef name = a.name();
    int64_t want = name == "pads" ? 2 * (r - 2) : r - 2;
    if ((name == "strides" || name == "dilations" || name == "kernel_shape" ||
         name == "pads" || name == "output_padding") &&
        a.ints_size() != want)
      return llvm::formatv("attribute '{0}' has {1} entries, the input's {2} "
                           "spatial dimensions need {3}",
                           name, a.ints_size(), r - 2, want)
          .str();
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string>
accel::detail::checkTensorData(const onnx::TensorProto &t) {
  int64_t n = 0;
  if (std::optional<std::string> bad = elementCount(t.dims(), n))
    return bad;
  if (t.data_location() == onnx::TensorProto::EXTERNAL)
    return std::nullopt; // not read; the importer says so if it needs it
  int64_t bits = bitsOf(t.data_type());
  if (t.data_type() != onnx::TensorProto::STRING && bits == 0)
    return llvm::formatv("has an unknown element type ({0})", t.data_type())
        .str();
  if (t.has_raw_data()) {
    int64_t want = 0;
    if (llvm::MulOverflow(n, bits, want) ||
        t.data_type() == onnx::TensorProto::STRING)
      return std::string("has raw data its type cannot hold");
    want = (want + 7) / 8;
    if (int64_t(t.raw_data().size()) != want)
      return llvm::formatv("has {0} bytes of data, its {1} elements need {2}",
                           t.raw_data().size(), n, want)
          .str();
    return std::nullopt;
  }
  auto [have, want] = typedValues(t, n);
  if (have != want)
    return llvm::formatv("has {0} values, its {1} elements need {2}", have, n,
                         want)
        .str();
  return std::nullopt;
}

std::optional<OnnxProblem>
accel::detail::validateOnnxModel(const onnx::ModelProto &model) {
  const onnx::GraphProto &graph = model.graph();
  int opset = 1;
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx")
      opset = int(std::clamp<int64_t>(set.version(), 1, 1000));
  auto graphProblem = [](std::string message) {
    return std::optional<OnnxProblem>(OnnxProblem{-1, std::move(message)});
  };
  // Who defines each value, and the ranks the file states.
  llvm::StringMap<std::string> definedBy;
  llvm::StringMap<int64_t> ranks;
  auto recordRank = [&](const onnx::ValueInfoProto &vi) {
    if (vi.type().has_tensor_type() && vi.type().tensor_type().has_shape())
      ranks[vi.name()] = vi.type().tensor_type().shape().dim_size();
  };
  for (const onnx::ValueInfoProto &vi : graph.input()) {
    if (!definedBy.try_emplace(vi.name(), "a graph input").second)
      return graphProblem("graph input '" + vi.name() + "' is listed twice");
    recordRank(vi);
  }
  for (const onnx::ValueInfoProto &vi : graph.value_info())
    recordRank(vi);
  for (auto [list, what] : {std::pair(&graph.input(), "graph input"),
                            std::pair(&graph.output(), "graph output"),
                            std::pair(&graph.value_info(), "value")})
    for (const onnx::ValueInfoProto &vi : *list)
      if (std::optional<std::string> bad = checkDims(vi, what))
        return graphProblem(*bad);
  llvm::StringMap<bool> initializers;
  for (const onnx::TensorProto &t : graph.initializer()) {
    if (!initializers.try_emplace(t.name(), true).second)
      return graphProblem("initializer '" + t.name() + "' is defined twice");
    definedBy.try_emplace(t.name(), "an initializer"); // may be an input too
    ranks[t.name()] = t.dims_size();
    if (std::optional<std::string> bad = checkTensorData(t))
      return graphProblem("initializer '" + t.name() + "' " + *bad);
  }
  for (auto [index, node] : llvm::enumerate(graph.node())) {
    auto problem = [&, index = index](std::string message) {
      return std::optional<OnnxProblem>(
          OnnxProblem{int(index), std::move(message)});
    };
    if (llvm::all_of(node.output(),
                     [](const std::string &o) { return o.empty(); }))
      return problem("has no output");
    for (const std::string &in : node.input())
      if (!in.empty() && !definedBy.count(in))
        return problem("input '" + in +
                       "' is not a graph input, an initializer or the "
                       "output of an earlier node (ONNX lists nodes in "
                       "topological order)");
    for (const std::string &out : node.output()) {
      if (out.empty())
        continue;
      auto [it, fresh] = definedBy.try_emplace(
          out,
          llvm::formatv("node '{0}' ({1})", node.name(), node.op_type()).str());
      if (!fresh)
        return problem("output '" + out + "' is already defined by " +
                       it->second);
    }
    if (std::optional<std::string> bad = checkArity(node, opset))
      return problem(*bad);
    if (std::optional<std::string> bad = checkAttributes(node))
      return problem(*bad);
    if (std::optional<std::string> bad = checkWindowRanks(node, ranks))
      return problem(*bad);
  }
  for (const onnx::ValueInfoProto &vi : graph.output())
    if (!definedBy.count(vi.name()))
      return graphProblem("graph output '" + vi.name() +
                          "' is not produced by any node, input or "
                          "initializer");
  return std::nullopt;
}
