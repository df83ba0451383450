//===- OnnxShapeFolding.cpp - Constant shape computations in ONNX graphs --===//
//
// Exporters compute sizes at run time even when every size is fixed: a
// Resize whose sizes are Shape -> Gather -> Concat, a Reshape whose shape is
// Shape -> Slice -> Concat. ONNX's shape inference cannot see through them,
// so everything after them has an unknown shape. This folds such integer
// computations on the graph itself — Shape of a tensor whose shape is known,
// and Gather, Slice, Concat, Unsqueeze, Squeeze, Cast, Add, Sub, Mul, Div,
// Identity and Constant on folded values — into initializers, so that shape
// inference, run again, carries the sizes through.
//
//===----------------------------------------------------------------------===//

#include "OnnxShapeFolding.h"
#include "llvm/ADT/StringMap.h"
#include <cstring>
#include <optional>

namespace {

/// A folded integer tensor (rank 0 or 1).
struct IntTensor {
  std::vector<int64_t> values;
  bool scalar = false;
};

std::optional<IntTensor> readInts(const onnx::TensorProto &t) {
  if (t.dims_size() > 1)
    return std::nullopt;
  IntTensor r;
  r.scalar = t.dims_size() == 0;
  int64_t n = r.scalar ? 1 : t.dims(0);
  if (n < 0 || n > 64)
    return std::nullopt; // shapes, not data
  if (t.data_type() == onnx::TensorProto::INT64) {
    if (t.int64_data_size() == n) {
      r.values.assign(t.int64_data().begin(), t.int64_data().end());
    } else if (int64_t(t.raw_data().size()) == n * 8) {
      r.values.resize(n);
      std::memcpy(r.values.data(), t.raw_data().data(), n * 8);
    } else {
      return std::nullopt;
    }
  } else if (t.data_type() == onnx::TensorProto::INT32) {
    if (t.int32_data_size() == n) {
      r.values.assign(t.int32_data().begin(), t.int32_data().end());
    } else if (int64_t(t.raw_data().size()) == n * 4) {
      std::vector<int32_t> v(n);
      std::memcpy(v.data(), t.raw_data().data(), n * 4);
      r.values.assign(v.begin(), v.end());
    } else {
      return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  return r;
}

const onnx::AttributeProto *attr(const onnx::NodeProto &n,
                                 llvm::StringRef name) {
  for (const onnx::AttributeProto &a : n.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}

/// The static shape the graph records for `name`, if any.
std::optional<std::vector<int64_t>> staticShape(const onnx::GraphProto &g,
                                                const std::string &name) {
  auto fromInfo = [&](const onnx::ValueInfoProto &vi)
      -> std::optional<std::vector<int64_t>> {
    if (vi.name() != name || !vi.type().has_tensor_type() ||
        !vi.type().tensor_type().has_shape())
      return std::nullopt;
    std::vector<int64_t> s;
    for (const auto &d : vi.type().tensor_type().shape().dim()) {
      if (!d.has_dim_value() || d.dim_value() < 1)
        return std::nullopt;
      s.push_back(d.dim_value());
    }
    return s;
  };
  for (const auto *list : {&g.input(), &g.value_info(), &g.output()})
    for (const onnx::ValueInfoProto &vi : *list)
      if (auto s = fromInfo(vi))
        return s;
  for (const onnx::TensorProto &t : g.initializer())
    if (t.name() == name)
      return std::vector<int64_t>(t.dims().begin(), t.dims().end());
  return std::nullopt;
}

/// The folded value of one node, when it can be computed.
std::optional<IntTensor> fold(const onnx::GraphProto &g,
                              const onnx::NodeProto &n,
                              const llvm::StringMap<IntTensor> &known) {
  const std::string &op = n.op_type();
  auto in = [&](int i) -> const IntTensor * {
    if (i >= n.input_size() || n.input(i).empty())
      return nullptr;
    auto it = known.find(n.input(i));
    return it == known.end() ? nullptr : &it->second;
  };
  if (op == "Shape") {
    if (n.input_size() < 1)
      return std::nullopt;
    std::optional<std::vector<int64_t>> s = staticShape(g, n.input(0));
    if (!s)
      return std::nullopt;
    int64_t rank = s->size(), start = 0, end = rank;
    if (const onnx::AttributeProto *a = attr(n, "start"))
      start = a->i() < 0 ? a->i() + rank : a->i();
    if (const onnx::AttributeProto *a = attr(n, "end"))
      end = a->i() < 0 ? a->i() + rank : a->i();
    start = std::clamp<int64_t>(start, 0, rank);
    end = std::clamp<int64_t>(end, start, rank);
    return IntTensor{std::vector<int64_t>(s->begin() + start, s->begin() + end),
                     false};
  }
  if (op == "Constant") {
    const onnx::AttributeProto *v = attr(n, "value");
    return v && v->has_t() ? readInts(v->t()) : std::nullopt;
  }
  if (op == "Identity" || op == "Cast") {
    if (const IntTensor *x = in(0)) {
      if (op == "Cast") {
        const onnx::AttributeProto *to = attr(n, "to");
        if (!to || (to->i() != onnx::TensorProto::INT64 &&
                    to->i() != onnx::TensorProto::INT32))
          return std::nullopt;
      }
      return *x;
    }
    return std::nullopt;
  }
  if (op == "Gather") {
    const IntTensor *data = in(0), *idx = in(1);
    const onnx::AttributeProto *axis = attr(n, "axis");
    if (!data || !idx || data->scalar || (axis && axis->i() != 0))
      return std::nullopt;
    IntTensor r;
    r.scalar = idx->scalar;
    for (int64_t i : idx->values) {
      int64_t k = i < 0 ? i + int64_t(data->values.size()) : i;
      if (k < 0 || k >= int64_t(data->values.size()))
        return std::nullopt;
      r.values.push_back(data->values[k]);
    }
    return r;
  }
  if (op == "Unsqueeze" || op == "Squeeze") {
    const IntTensor *x = in(0);
    if (!x)
      return std::nullopt;
    IntTensor r = *x;
    r.scalar = op == "Squeeze" && x->values.size() == 1;
    if (op == "Unsqueeze" && !x->scalar)
      return std::nullopt; // only scalar -> 1-D
    return r;
  }
  if (op == "Concat") {
    IntTensor r;
    for (int i = 0; i < n.input_size(); ++i) {
      const IntTensor *x = in(i);
      if (!x)
        return std::nullopt;
      r.values.insert(r.values.end(), x->values.begin(), x->values.end());
    }
    return r;
  }
  if (op == "Slice") {
    const IntTensor *data = in(0), *starts = in(1), *ends = in(2);
    const IntTensor *steps = in(4);
    if (!data || data->scalar || !starts || !ends ||
        starts->values.size() != 1 || ends->values.size() != 1 ||
        (steps && (steps->values.size() != 1 || steps->values[0] != 1)))
      return std::nullopt;
    int64_t size = data->values.size();
    auto clampIndex = [&](int64_t v) {
      v = v < 0 ? v + size : v;
      return std::clamp<int64_t>(v, 0, size);
    };
    int64_t b = clampIndex(starts->values[0]), e = clampIndex(ends->values[0]);
    IntTensor r;
    for (int64_t i = b; i < e; ++i)
      r.values.push_back(data->values[i]);
    return r;
  }
  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div") {
    const IntTensor *a = in(0), *b = in(1);
    if (!a || !b)
      return std::nullopt;
    size_t len = std::max(a->values.size(), b->values.size());
    if ((a->values.size() != len && a->values.size() != 1) ||
        (b->values.size() != len && b->values.size() != 1))
      return std::nullopt;
    IntTensor r;
    r.scalar = a->scalar && b->scalar;
    for (size_t i = 0; i < len; ++i) {
      int64_t x = a->values[a->values.size() == 1 ? 0 : i];
      int64_t y = b->values[b->values.size() == 1 ? 0 : i];
      if (op == "Div" && y == 0)
        return std::nullopt;
      r.values.push_back(op == "Add"   ? x + y
                         : op == "Sub" ? x - y
                         : op == "Mul" ? x * y
                                       : x / y);
    }
    return r;
  }
  return std::nullopt;
}

} // namespace

bool accel::detail::foldShapeComputations(onnx::ModelProto &model) {
  onnx::GraphProto *g = model.mutable_graph();
  llvm::StringMap<IntTensor> known;
  for (const onnx::TensorProto &t : g->initializer())
    if (std::optional<IntTensor> v = readInts(t))
      known[t.name()] = *v;
  // Graph outputs stay computed by their nodes.
  llvm::StringMap<bool> outputs;
  for (const onnx::ValueInfoProto &vi : g->output())
    outputs[vi.name()] = true;
  google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
  bool changed = false;
  for (const onnx::NodeProto &n : g->node()) {
    std::optional<IntTensor> v;
    if (n.output_size() == 1 && !outputs.count(n.output(0)))
      v = fold(*g, n, known);
    if (!v) {
      *kept.Add() = n;
      continue;
    }
    known[n.output(0)] = *v;
    onnx::TensorProto *t = g->add_initializer();
    t->set_name(n.output(0));
    t->set_data_type(onnx::TensorProto::INT64);
    if (!v->scalar)
      t->add_dims(int64_t(v->values.size()));
    for (int64_t x : v->values)
      t->add_int64_data(x);
    changed = true;
  }
  if (changed) {
    g->mutable_node()->Swap(&kept);
    // What shape inference recorded for the folded values is now theirs.
    google::protobuf::RepeatedPtrField<onnx::ValueInfoProto> infos;
    for (const onnx::ValueInfoProto &vi : g->value_info())
      if (!known.count(vi.name()))
        *infos.Add() = vi;
    g->mutable_value_info()->Swap(&infos);
  }
  return changed;
}
