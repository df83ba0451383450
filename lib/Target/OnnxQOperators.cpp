//===- OnnxQOperators.cpp - ONNX's QOperator format as QDQ ----------------===//
//
// QLinearConv(x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B) is, by
// its definition, Conv(DequantizeLinear(x), DequantizeLinear(w), B') then
// QuantizeLinear with y's scale and zero point, where B' = B x x_scale x
// w_scale; QLinearMatMul the same around MatMul. Written that way, the
// importer's QDQ rules apply unchanged: the integers stay integers (i8 x i8
// -> i32 layers, the bias back in accumulator units) and the float path
// (--onnx-quantized-convs=float) is ONNX's reference rule.
//
// ConvInteger(x, w, x_zp, w_zp) and MatMulInteger(a, b, a_zp, b_zp) are the
// same without scales: Conv or MatMul of DequantizeLinear(x, 1, x_zp) and
// DequantizeLinear(w, 1, w_zp), exact in int32. Their result is int32;
// where every reader converts it to float (a Cast, as onnxruntime's
// quantization writes them, before the Mul by the scales), the float layer
// takes the int32's place and the Casts become Identity.
//
//===----------------------------------------------------------------------===//

#include "OnnxQOperators.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

namespace {

const std::string kRewrittenFrom = "accel: rewritten from ";

/// The tensor `name` holds when it is constant: an initializer, a Constant
/// node's value, or either through Identity nodes (as exporters write
/// shared zero points).
const onnx::TensorProto *initializer(const onnx::GraphProto &g,
                                     const std::string &name, int depth = 0) {
  for (const onnx::TensorProto &t : g.initializer())
    if (t.name() == name)
      return &t;
  if (depth > 16)
    return nullptr;
  for (const onnx::NodeProto &n : g.node()) {
    if (n.output_size() != 1 || n.output(0) != name)
      continue;
    if (n.op_type() == "Identity" && n.input_size() == 1)
      return initializer(g, n.input(0), depth + 1);
    if (n.op_type() == "Constant")
      for (const onnx::AttributeProto &a : n.attribute())
        if (a.name() == "value" && a.has_t())
          return &a.t();
    return nullptr;
  }
  return nullptr;
}

/// The values of a FLOAT, INT32, INT8 or UINT8 initializer, as doubles.
std::optional<std::vector<double>> values(const onnx::TensorProto *t) {
  if (!t)
    return std::nullopt;
  int64_t n = 1;
  for (int64_t d : t->dims())
    n *= d;
  if (n < 0 || n > (int64_t(1) << 24))
    return std::nullopt;
  // Typed fields, or the raw little-endian bytes.
  auto read = [&](const auto &typed,
                  auto element) -> std::optional<std::vector<double>> {
    using T = decltype(element);
    if (typed.size() == n)
      return std::vector<double>(typed.begin(), typed.end());
    if (int64_t(t->raw_data().size()) != n * int64_t(sizeof(T)))
      return std::nullopt;
    std::vector<T> raw(n);
    std::memcpy(raw.data(), t->raw_data().data(), n * sizeof(T));
    return std::vector<double>(raw.begin(), raw.end());
  };
  if (t->data_type() == onnx::TensorProto::FLOAT)
    return read(t->float_data(), float());
  if (t->data_type() == onnx::TensorProto::INT32)
    return read(t->int32_data(), int32_t());
  // (8-bit data's typed field is int32_data.)
  if (t->data_type() == onnx::TensorProto::INT8)
    return read(t->int32_data(), int8_t());
  if (t->data_type() == onnx::TensorProto::UINT8)
    return read(t->int32_data(), uint8_t());
  return std::nullopt;
}

onnx::NodeProto quantNode(const char *op, const std::string &name,
                          std::vector<std::string> inputs,
                          const std::string &output, int64_t axis) {
  onnx::NodeProto n;
  n.set_op_type(op);
  n.set_name(name);
  for (const std::string &i : inputs)
    n.add_input(i);
  n.add_output(output);
  if (axis >= 0) {
    onnx::AttributeProto *a = n.add_attribute();
    a->set_name("axis");
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(axis);
  }
  return n;
}

/// Marks the nodes `from` was rewritten to, so that diagnostics name the
/// operator the file has (rewrittenFrom).
void markRewritten(std::vector<onnx::NodeProto> &nodes,
                   const onnx::NodeProto &from) {
  for (onnx::NodeProto &n : nodes)
    n.set_doc_string(kRewrittenFrom + from.op_type());
}

/// The QDQ nodes of a QLinearConv or QLinearMatMul (and the float bias they
/// need, added to the graph), or nothing when its constants are not known.
std::optional<std::vector<onnx::NodeProto>>
expand(const onnx::NodeProto &node, onnx::GraphProto &graph) {
  bool conv = node.op_type() == "QLinearConv";
  if (node.input_size() < 8 || node.output_size() != 1)
    return std::nullopt;
  const std::string &base =
      node.name().empty() ? node.output(0) : node.name();
  std::string x = node.output(0) + "/accel.x", w = node.output(0) + "/accel.w",
              y = node.output(0) + "/accel.y";
  // Per-channel weight scales: axis 0 of a filter (its output channels),
  // axis 1 of a matrix (its columns).
  std::vector<onnx::NodeProto> out;
  out.push_back(quantNode("DequantizeLinear", base + "/dequantize_input",
                          {node.input(0), node.input(1), node.input(2)}, x,
                          -1));
  const onnx::TensorProto *weights = initializer(graph, node.input(3));
  out.push_back(quantNode(
      "DequantizeLinear", base + "/dequantize_weight",
      {node.input(3), node.input(4), node.input(5)}, w,
      conv ? 0 : (weights ? std::max(weights->dims_size() - 1, 0) : 1)));
  onnx::NodeProto layer;
  layer.set_op_type(conv ? "Conv" : "MatMul");
  layer.set_name(node.name());
  layer.add_input(x);
  layer.add_input(w);
  if (conv && node.input_size() > 8 && !node.input(8).empty()) {
    // The bias in accumulator units, as the float it stands for; it must
    // come back exactly when the importer divides by the same scales.
    auto b = values(initializer(graph, node.input(8)));
    auto sx = values(initializer(graph, node.input(1)));
    auto sw = values(initializer(graph, node.input(4)));
    if (!b || !sx || !sw || sx->size() != 1 ||
        (sw->size() != 1 && sw->size() != b->size()))
      return std::nullopt;
    onnx::TensorProto *t = graph.add_initializer();
    t->set_name(node.output(0) + "/accel.bias");
    t->set_data_type(onnx::TensorProto::FLOAT);
    t->add_dims(int64_t(b->size()));
    for (size_t k = 0; k < b->size(); ++k) {
      double scale = (*sx)[0] * (*sw)[sw->size() == 1 ? 0 : k];
      float v = float((*b)[k] * scale);
      if (!std::isfinite(v) || std::nearbyint(double(v) / scale) != (*b)[k])
        return std::nullopt; // not representable: leave the node
      t->add_float_data(v);
    }
    layer.add_input(t->name());
  }
  if (conv)
    for (const onnx::AttributeProto &a : node.attribute())
      *layer.add_attribute() = a;
  layer.add_output(y);
  out.push_back(std::move(layer));
  out.push_back(quantNode("QuantizeLinear", base + "/quantize_output",
                          {y, node.input(6), node.input(7)}, node.output(0),
                          -1));
  markRewritten(out, node);
  return out;
}

bool isDefaultDomain(const onnx::NodeProto &n) {
  return n.domain().empty() || n.domain() == "ai.onnx";
}

bool isQOperator(const onnx::NodeProto &n) {
  return isDefaultDomain(n) &&
         (n.op_type() == "QLinearConv" || n.op_type() == "QLinearMatMul" ||
          n.op_type() == "ConvInteger" || n.op_type() == "MatMulInteger");
}

bool isCastToFloat(const onnx::NodeProto &n) {
  if (n.op_type() != "Cast" || !isDefaultDomain(n))
    return false;
  for (const onnx::AttributeProto &a : n.attribute())
    if (a.name() == "to")
      return a.i() == onnx::TensorProto::FLOAT;
  return false;
}

/// The number of zero points `zp` holds: 1 for none or a scalar, the size
/// of a 1-D initializer; nothing for anything else.
std::optional<int64_t> zeroPointCount(const onnx::GraphProto &graph,
                                      const std::string &zp) {
  if (zp.empty())
    return 1;
  const onnx::TensorProto *z = initializer(graph, zp);
  if (!z || z->dims_size() > 1)
    return std::nullopt;
  int64_t n = z->dims_size() ? z->dims(0) : 1;
  if (n < 1 || n > (int64_t(1) << 24))
    return std::nullopt;
  return n;
}

/// Scales of 1 for `n` zero points, added to the graph as `name`.
std::string unitScale(onnx::GraphProto &graph, int64_t n, bool vector,
                      const std::string &name) {
  onnx::TensorProto *t = graph.add_initializer();
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  if (vector)
    t->add_dims(n);
  for (int64_t i = 0; i < n; ++i)
    t->add_float_data(1.0f);
  return name;
}

/// The nodes of a ConvInteger or MatMulInteger that can be an integer
/// layer (checkIntegerOperator), or nothing.
std::optional<std::vector<onnx::NodeProto>>
expandInteger(const onnx::NodeProto &node, onnx::GraphProto &graph) {
  if (accel::detail::checkIntegerOperator(node, graph))
    return std::nullopt;
  bool conv = node.op_type() == "ConvInteger";
  auto zp = [&](int i) {
    return node.input_size() > i ? node.input(i) : std::string();
  };
  std::optional<int64_t> nw = zeroPointCount(graph, zp(3));
  auto isVector = [&](const std::string &z) {
    const onnx::TensorProto *t = z.empty() ? nullptr : initializer(graph, z);
    return t && t->dims_size() == 1;
  };
  const std::string &base = node.name().empty() ? node.output(0) : node.name();
  std::string x = node.output(0) + "/accel.x", w = node.output(0) + "/accel.w";
  std::string sx = unitScale(graph, 1, isVector(zp(2)), x + ".scale");
  std::string sw = unitScale(graph, *nw, isVector(zp(3)), w + ".scale");
  std::vector<onnx::NodeProto> out;
  out.push_back(quantNode("DequantizeLinear", base + "/dequantize_input",
                          {node.input(0), sx, zp(2)}, x, -1));
  // A weight zero point per output channel: axis 0 of a filter, axis 1
  // (the columns) of a matrix.
  out.push_back(quantNode("DequantizeLinear", base + "/dequantize_weight",
                          {node.input(1), sw, zp(3)}, w,
                          *nw > 1 ? (conv ? 0 : 1) : -1));
  for (onnx::NodeProto &q : out)
    if (q.input(2).empty())
      q.mutable_input()->RemoveLast();
  onnx::NodeProto layer;
  layer.set_op_type(conv ? "Conv" : "MatMul");
  layer.set_name(node.name());
  layer.add_input(x);
  layer.add_input(w);
  if (conv)
    for (const onnx::AttributeProto &a : node.attribute())
      *layer.add_attribute() = a;
  layer.add_output(node.output(0));
  out.push_back(std::move(layer));
  markRewritten(out, node);
  return out;
}

} // namespace

std::optional<accel::detail::IntegerOperatorProblem>
accel::detail::checkIntegerOperator(const onnx::NodeProto &node,
                                    const onnx::GraphProto &graph) {
  using Problem = IntegerOperatorProblem;
  bool conv = node.op_type() == "ConvInteger";
  if (node.input_size() < 2 || node.output_size() != 1)
    return Problem{"needs an input and weights, and has one result", true};
  const std::string &result = node.output(0);
  for (const onnx::ValueInfoProto &o : graph.output())
    if (o.name() == result)
      return Problem{"its int32 result is an output of the graph"};
  bool read = false;
  for (const onnx::NodeProto &r : graph.node())
    if (llvm::is_contained(r.input(), result)) {
      if (!isCastToFloat(r))
        return Problem{"its int32 result is read as integers (by '" + r.name() +
                       "', " + r.op_type() + ")"};
      read = true;
    }
  if (!read)
    return Problem{"nothing reads its result"};
  auto zp = [&](int i) {
    return node.input_size() > i ? node.input(i) : std::string();
  };
  auto computed = [&](const std::string &z) {
    for (const onnx::NodeProto &p : graph.node())
      if (llvm::is_contained(p.output(), z) &&
          p.op_type() == "DynamicQuantizeLinear")
        return std::string(" (DynamicQuantizeLinear's, at run time)");
    return std::string();
  };
  // Zero points of rank 0 or 1, 8-bit, the weights' one value.
  for (int i : {2, 3}) {
    const onnx::TensorProto *z =
        zp(i).empty() ? nullptr : initializer(graph, zp(i));
    if (!z)
      continue;
    if (z->dims_size() > 1)
      return Problem{"its " + std::string(i == 2 ? "input's" : "weights'") +
                     " zero points have rank " +
                     std::to_string(z->dims_size()) +
                     ": a dequantization takes one, or one per channel"};
    std::optional<std::vector<double>> v = values(z);
    if (!v || (z->data_type() != onnx::TensorProto::INT8 &&
               z->data_type() != onnx::TensorProto::UINT8))
      return Problem{"its zero point '" + zp(i) + "' is not int8 or uint8 data",
                     true};
    if (i == 3 && llvm::any_of(*v, [&](double x) { return x != v->front(); }))
      return Problem{"its weights' zero points differ by channel (an "
                     "integer layer takes one)"};
  }
  // Its input must be quantized data the importer holds (a QuantizeLinear's
  // result, or a view of one), not 8-bit integers from outside.
  for (const onnx::ValueInfoProto &in : graph.input())
    if (in.name() == node.input(0) && !initializer(graph, node.input(0)))
      return Problem{"its input is 8-bit integers from outside the model, "
                     "which accel does not take (quantize a float input "
                     "with QuantizeLinear)"};
  std::optional<int64_t> nx = zeroPointCount(graph, zp(2));
  std::optional<int64_t> nw = zeroPointCount(graph, zp(3));
  if (!nx)
    return Problem{"its input's zero point is not a constant" +
                   computed(zp(2))};
  if (*nx != 1)
    return Problem{"it has a zero point per row of its input, where a "
                   "dequantization takes one"};
  if (!nw)
    return Problem{"its weights' zero points are not constants" +
                   computed(zp(3))};
  // One weight zero point, or one per output channel: dimension 0 of a
  // filter, the columns of a matrix (of a known matrix: the rewrite
  // dequantizes along axis 1).
  const onnx::TensorProto *w = initializer(graph, node.input(1));
  if (!conv && *nw != 1 && (!w || w->dims_size() != 2))
    return Problem{"it has a zero point per column of weights that are not "
                   "a constant matrix"};
  if (w && *nw != 1 && w->dims_size() >= 2) {
    int64_t channels = conv ? w->dims(0) : w->dims(w->dims_size() - 1);
    if (*nw != channels)
      return Problem{"has " + std::to_string(*nw) + " weight zero points for " +
                         std::to_string(channels) + " output channels",
                     true};
  }
  return std::nullopt;
}

std::string accel::detail::rewrittenFrom(const onnx::NodeProto &node) {
  llvm::StringRef doc = node.doc_string();
  return doc.consume_front(kRewrittenFrom) ? doc.str() : std::string();
}

unsigned accel::detail::expandQOperators(onnx::ModelProto &model) {
  onnx::GraphProto &graph = *model.mutable_graph();
  if (llvm::none_of(graph.node(), isQOperator))
    return 0;
  unsigned rewritten = 0;
  llvm::StringSet<> floatResults;
  google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
  for (const onnx::NodeProto &n : graph.node()) {
    std::optional<std::vector<onnx::NodeProto>> qdq;
    if (isQOperator(n) && llvm::StringRef(n.op_type()).starts_with("QLinear"))
      qdq = expand(n, graph);
    else if (isQOperator(n) && (qdq = expandInteger(n, graph)))
      floatResults.insert(n.output(0));
    if (!qdq) {
      *nodes.Add() = n;
      continue;
    }
    for (onnx::NodeProto &q : *qdq)
      *nodes.Add() = std::move(q);
    ++rewritten;
  }
  // The Casts of integer results that are float now, and what the file
  // records of their types.
  for (onnx::NodeProto &n : nodes)
    if (isCastToFloat(n) && floatResults.count(n.input(0))) {
      n.set_op_type("Identity");
      n.clear_attribute();
    }
  for (onnx::ValueInfoProto &vi : *graph.mutable_value_info())
    if (floatResults.count(vi.name()) && vi.type().has_tensor_type())
      vi.mutable_type()->mutable_tensor_type()->set_elem_type(
          onnx::TensorProto::FLOAT);
  graph.mutable_node()->Swap(&nodes);
  return rewritten;
}
