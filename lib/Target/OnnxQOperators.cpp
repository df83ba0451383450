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
//===----------------------------------------------------------------------===//

#include "OnnxQOperators.h"
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

namespace {

const onnx::TensorProto *initializer(const onnx::GraphProto &g,
                                     const std::string &name) {
  for (const onnx::TensorProto &t : g.initializer())
    if (t.name() == name)
      return &t;
  return nullptr;
}

/// The values of a FLOAT or INT32 initializer, as doubles.
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
  out.push_back(quantNode("DequantizeLinear", base + "/dequantize_weight",
                          {node.input(3), node.input(4), node.input(5)}, w,
                          conv ? 0 : 1));
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
  return out;
}

} // namespace

unsigned accel::detail::expandQOperators(onnx::ModelProto &model) {
  onnx::GraphProto &graph = *model.mutable_graph();
  bool any = false;
  for (const onnx::NodeProto &n : graph.node())
    any |= (n.op_type() == "QLinearConv" || n.op_type() == "QLinearMatMul") &&
           (n.domain().empty() || n.domain() == "ai.onnx");
  if (!any)
    return 0;
  unsigned rewritten = 0;
  google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
  for (const onnx::NodeProto &n : graph.node()) {
    bool qop = (n.op_type() == "QLinearConv" ||
                n.op_type() == "QLinearMatMul") &&
               (n.domain().empty() || n.domain() == "ai.onnx");
    std::optional<std::vector<onnx::NodeProto>> qdq;
    if (qop)
      qdq = expand(n, graph);
    if (!qdq) {
      *nodes.Add() = n;
      continue;
    }
    for (onnx::NodeProto &q : *qdq)
      *nodes.Add() = std::move(q);
    ++rewritten;
  }
  graph.mutable_node()->Swap(&nodes);
  return rewritten;
}
