//===- LayerGraph.cpp - A network as a DAG of layers and tensors ----------===//

#include "accel/Workload/LayerGraph.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;
using llvm::ArrayRef;

llvm::StringRef accel::layerKindName(LayerKind k) {
  switch (k) {
  case LayerKind::Conv:
    return "conv2d";
  case LayerKind::ConvTranspose:
    return "conv_transpose2d";
  case LayerKind::Pool:
    return "pool2d";
  case LayerKind::Matmul:
    return "matmul";
  case LayerKind::Add:
    return "add";
  case LayerKind::Mul:
    return "mul";
  case LayerKind::Activation:
    return "activation";
  case LayerKind::LayerNorm:
    return "layer_norm";
  case LayerKind::Quantize:
    return "quantize";
  case LayerKind::Resize:
    return "resize";
  case LayerKind::Concat:
    return "concat";
  case LayerKind::Reshape:
    return "reshape";
  case LayerKind::Opaque:
    return "opaque";
  }
  return "?";
}

bool GraphLayer::isWeightOperand(unsigned i) const {
  return i >= 1 &&
         (kind == LayerKind::Conv || kind == LayerKind::ConvTranspose ||
          kind == LayerKind::Matmul);
}

unsigned LayerGraph::addTensor(GraphTensor t) {
  tensors_.push_back(std::move(t));
  consumers_.emplace_back();
  return tensors_.size() - 1;
}

unsigned LayerGraph::addLayer(GraphLayer l) {
  unsigned id = layers_.size();
  for (unsigned op : l.operands)
    if (op < consumers_.size() && !llvm::is_contained(consumers_[op], id))
      consumers_[op].push_back(id);
  if (l.result < tensors_.size() && tensors_[l.result].producer < 0)
    tensors_[l.result].producer = id;
  layers_.push_back(std::move(l));
  return id;
}

static llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// The result shape layer `l` must have, from its operands' shapes.
static llvm::Expected<Shape> inferResult(const LayerGraph &g,
                                         const GraphLayer &l) {
  auto shape = [&](unsigned i) -> ArrayRef<int64_t> {
    return g.tensor(l.operands[i]).shape;
  };
  auto arity = [&](unsigned lo, unsigned hi) -> llvm::Error {
    if (l.operands.size() < lo || l.operands.size() > hi)
      return fail(llvm::formatv("{0} takes {1}-{2} operands, got {3}",
                                layerKindName(l.kind), lo, hi,
                                l.operands.size()));
    return llvm::Error::success();
  };
  switch (l.kind) {
  case LayerKind::Conv:
  case LayerKind::ConvTranspose:
  case LayerKind::Matmul:
    if (llvm::Error e = arity(2, 3))
      return std::move(e);
    if (l.kind == LayerKind::Conv)
      return inferConv2dShape(shape(0), shape(1), l.conv);
    if (l.kind == LayerKind::ConvTranspose)
      return inferConvTranspose2dShape(shape(0), shape(1), l.conv);
    return inferMatmulShape(shape(0), shape(1), l.transposeRhs);
  case LayerKind::Pool:
    if (llvm::Error e = arity(1, 1))
      return std::move(e);
    return inferPool2dShape(shape(0), l.pool);
  case LayerKind::Add:
  case LayerKind::Mul:
    if (llvm::Error e = arity(2, 2))
      return std::move(e);
    return broadcastShapes(shape(0), shape(1));
  case LayerKind::Activation:
  case LayerKind::LayerNorm:
  case LayerKind::Quantize:
  case LayerKind::Resize:
  case LayerKind::Reshape:
    if (llvm::Error e = arity(1, 1))
      return std::move(e);
    return Shape(shape(0));
  case LayerKind::Concat: {
    if (llvm::Error e = arity(1, ~0u))
      return std::move(e);
    llvm::SmallVector<ArrayRef<int64_t>> shapes;
    for (unsigned i = 0; i < l.operands.size(); ++i)
      shapes.push_back(shape(i));
    return inferConcatShape(shapes, l.axis);
  }
  case LayerKind::Opaque:
    break;
  }
  return Shape(g.tensor(l.result).shape);
}

llvm::Error LayerGraph::check() const {
  for (auto [id, t] : llvm::enumerate(tensors_)) {
    if (t.weight && t.producer >= 0)
      return fail(llvm::formatv("tensor {0} ({1}) is a weight but layer {2} "
                                "produces it",
                                id, t.name, t.producer));
    for (int64_t d : t.shape)
      if (d < 1)
        return fail(llvm::formatv("tensor {0} ({1}): dimensions must be >= 1, "
                                  "got {2}",
                                  id, t.name, formatShape(t.shape)));
    if (t.elementBits < 1)
      return fail(llvm::formatv("tensor {0} ({1}): element bits must be >= 1",
                                id, t.name));
  }
  for (auto [id, l] : llvm::enumerate(layers_)) {
    auto where = [&, id = id, &l = l] {
      return llvm::formatv("layer {0} ({1}, {2})", id, l.name,
                           layerKindName(l.kind))
          .str();
    };
    if (l.result >= tensors_.size())
      return fail(where() + ": result out of range");
    if (l.kind != LayerKind::Opaque &&
        (tensors_[l.result].placeholder ||
         llvm::any_of(l.operands, [&](unsigned op) {
           return op < tensors_.size() && tensors_[op].placeholder;
         })))
      return fail(where() + ": only opaque layers touch placeholders");
    if (tensors_[l.result].producer != int(id))
      return fail(where() + ": its result is produced by another layer");
    for (unsigned op : l.operands) {
      if (op >= tensors_.size())
        return fail(where() + ": operand out of range");
      int p = tensors_[op].producer;
      if (p >= int(id))
        return fail(where() + llvm::formatv(": reads tensor {0} before layer "
                                            "{1} produces it",
                                            op, p));
    }
    bool computes = l.kind != LayerKind::Concat &&
                    l.kind != LayerKind::Reshape && l.kind != LayerKind::Opaque;
    if (computes != l.computes())
      return fail(where() + (computes ? ": a computing layer needs a problem"
                                      : ": only computing layers have a "
                                        "problem"));
    llvm::Expected<Shape> inferred = inferResult(*this, l);
    if (!inferred)
      return fail(where() + ": " + llvm::toString(inferred.takeError()));
    const Shape &result = tensors_[l.result].shape;
    bool ok = l.kind == LayerKind::Reshape
                  ? numElements(*inferred) == numElements(result)
              : l.kind == LayerKind::Resize
                  ? inferred->size() == 4 && result.size() == 4 &&
                        (*inferred)[0] == result[0] &&
                        (*inferred)[1] == result[1] &&
                        result[2] % (*inferred)[2] == 0 &&
                        result[3] % (*inferred)[3] == 0
                  : *inferred == result;
    if (!ok)
      return fail(where() + ": result shape " + formatShape(result) +
                  " does not follow from its operands (" +
                  formatShape(*inferred) + ")");
  }
  return llvm::Error::success();
}

void LayerGraph::setPrecision(const DataPrecision &p) {
  for (GraphTensor &t : tensors_)
    if (!t.placeholder)
      t.elementBits = t.weight ? p.weights : p.activations;
  for (GraphLayer &l : layers_) {
    if (!l.problem)
      continue;
    // The problem's weight operand is operand 1 where the layer has one.
    bool dataWeights = l.problem->hasWeights && l.operands.size() > 1 &&
                       !tensors_[l.operands[1]].weight;
    l.problem->setPrecision(p, dataWeights);
  }
}

/// The slices of a weight [K, ...] (or a bias [K]) output channels `k` use.
static TensorRegion channelSlice(ArrayRef<int64_t> weight, Interval k) {
  TensorRegion r = TensorRegion::whole(weight);
  r.dims[0] = k;
  return r;
}

/// `r` with every interval emptied when `out` is empty (nothing is read).
static TensorRegion readIf(const TensorRegion &out, TensorRegion r) {
  if (out.empty())
    for (Interval &i : r.dims)
      i = {0, 0};
  return r;
}

llvm::SmallVector<TensorRegion, 3>
LayerGraph::operandRegions(unsigned id, const TensorRegion &out) const {
  const GraphLayer &l = layers_[id];
  auto shape = [&](unsigned i) -> ArrayRef<int64_t> {
    return tensors_[l.operands[i]].shape;
  };
  llvm::SmallVector<TensorRegion, 3> in;
  switch (l.kind) {
  case LayerKind::Conv:
    in.push_back(conv2dInput(out, shape(0), shape(1), l.conv));
    in.push_back(readIf(out, channelSlice(shape(1), out.dims[1])));
    if (l.operands.size() > 2)
      in.push_back(readIf(out, channelSlice(shape(2), out.dims[1])));
    break;
  case LayerKind::ConvTranspose:
    in.push_back(convTranspose2dInput(out, shape(0), shape(1), l.conv));
    in.push_back(readIf(out, TensorRegion::whole(shape(1))));
    if (l.operands.size() > 2)
      in.push_back(readIf(out, channelSlice(shape(2), out.dims[1])));
    break;
  case LayerKind::Pool:
    in.push_back(pool2dInput(out, shape(0), l.pool));
    break;
  case LayerKind::Matmul: {
    in.push_back(matmulLhsInput(out, shape(0)));
    TensorRegion rhs = TensorRegion::whole(shape(1));
    // The output columns select rhs columns (rows when transposed).
    unsigned col = rhs.dims.size() - (l.transposeRhs ? 2 : 1);
    rhs.dims[col] = out.dims.back();
    in.push_back(readIf(out, rhs));
    if (l.operands.size() > 2)
      in.push_back(readIf(out, channelSlice(shape(2), out.dims.back())));
    break;
  }
  case LayerKind::Add:
  case LayerKind::Mul:
    in.push_back(broadcastInput(out, shape(0)));
    in.push_back(broadcastInput(out, shape(1)));
    break;
  case LayerKind::Activation:
  case LayerKind::Quantize:
    in.push_back(out);
    break;
  case LayerKind::LayerNorm: {
    // Each output reads the whole normalized axis (its statistics); no
    // output reads nothing.
    TensorRegion whole = out;
    if (!out.empty() && l.axis >= 0 && size_t(l.axis) < out.dims.size())
      whole.dims[l.axis] = {0, shape(0)[l.axis]};
    in.push_back(whole);
    break;
  }
  case LayerKind::Resize:
    in.push_back(resizeInput(out, shape(0), tensors_[l.result].shape,
                             l.bilinear, l.alignCorners));
    break;
  case LayerKind::Concat: {
    llvm::SmallVector<ArrayRef<int64_t>> shapes;
    for (unsigned i = 0; i < l.operands.size(); ++i)
      shapes.push_back(shape(i));
    for (unsigned i = 0; i < shapes.size(); ++i)
      in.push_back(concatInput(out, shapes, l.axis, i));
    break;
  }
  case LayerKind::Reshape:
    in.push_back(reshapeInput(out, shape(0), tensors_[l.result].shape));
    break;
  case LayerKind::Opaque:
    for (unsigned i = 0; i < l.operands.size(); ++i)
      in.push_back(readIf(out, TensorRegion::whole(shape(i))));
    break;
  }
  return in;
}

GroupTensors accel::groupTensors(const LayerGraph &g,
                                 ArrayRef<unsigned> layers) {
  GroupTensors t;
  std::vector<char> in(g.layers().size(), 0);
  for (unsigned l : layers)
    in[l] = 1;
  auto inGroup = [&](int layer) { return layer >= 0 && in[layer]; };
  for (unsigned l : layers) {
    for (unsigned op : g.layer(l).operands) {
      const GraphTensor &x = g.tensor(op);
      if (inGroup(x.producer))
        continue;
      auto &list = x.weight ? t.weights : t.inputs;
      if (!llvm::is_contained(list, op))
        list.push_back(op);
    }
    unsigned r = g.layer(l).result;
    t.produced.push_back(r);
    bool usedAfter =
        g.tensor(r).output ||
        llvm::any_of(g.consumers(r), [&](unsigned c) { return !inGroup(c); });
    if (usedAfter)
      t.outputs.push_back(r);
  }
  return t;
}

bool accel::isConvexGroup(const LayerGraph &g, ArrayRef<unsigned> layers,
                          std::vector<unsigned> *path) {
  std::vector<char> in(g.layers().size(), 0);
  for (unsigned l : layers)
    in[l] = 1;
  // Layers outside the group reachable from it, with the edge they were
  // reached by; a group layer reached through one of them closes a path.
  std::vector<int> from(g.layers().size(), -1);
  std::vector<char> reached(g.layers().size(), 0);
  unsigned first = layers.empty() ? 0 : layers.front();
  for (unsigned l = first; l < g.layers().size(); ++l) {
    bool source = in[l] || reached[l];
    if (!source)
      continue;
    for (unsigned c : g.consumers(g.layer(l).result)) {
      if (in[c] && !in[l]) {
        if (path) {
          path->assign({c});
          int x = l;
          for (; !in[x]; x = from[x])
            path->push_back(x);
          path->push_back(x);
          std::reverse(path->begin(), path->end());
        }
        return false;
      }
      if (!in[c] && !reached[c]) {
        reached[c] = 1;
        from[c] = l;
      }
    }
  }
  return true;
}
