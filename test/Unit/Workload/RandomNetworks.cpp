//===- RandomNetworks.cpp - Small random layer graphs for oracles ---------===//

#include "RandomNetworks.h"
#include "llvm/Support/raw_ostream.h"

using namespace accel;
using namespace accel::testing;

namespace {

struct Builder {
  Random &rnd;
  LayerGraph g;
  int64_t bits;
  std::vector<unsigned> acts; ///< rank-4 activations, in creation order

  unsigned tensor(Shape shape, bool weight = false) {
    GraphTensor t;
    t.shape = std::move(shape);
    t.elementBits = bits;
    t.weight = weight;
    t.name = (weight ? "w" : "t") + std::to_string(g.tensors().size());
    return g.addTensor(t);
  }
  const Shape &shape(unsigned id) { return g.tensor(id).shape; }
  /// A recent activation, usually the latest.
  unsigned pick() {
    if (rnd.coin(0.7))
      return acts.back();
    return acts[rnd.pick(0, acts.size() - 1)];
  }
  unsigned add(GraphLayer l, Shape result, std::optional<LayerProblem> p) {
    l.result = tensor(std::move(result));
    l.name =
        std::string(layerKindName(l.kind)) + std::to_string(g.layers().size());
    l.problem = p;
    g.addLayer(std::move(l));
    if (g.tensor(g.layers().back().result).shape.size() == 4)
      acts.push_back(g.layers().back().result);
    return g.layers().back().result;
  }

  bool conv(unsigned x) {
    const Shape in = shape(x);
    ConvParams p;
    int64_t R = rnd.pick(1, 3), S = rnd.pick(1, 3);
    p.strides = {rnd.coin(0.3) ? 2 : 1, rnd.coin(0.2) ? 2 : 1};
    p.dilations = {rnd.coin(0.25) ? 2 : 1, 1};
    p.pads = {rnd.pick(0, 2), rnd.pick(0, 1), rnd.pick(0, 2), rnd.pick(0, 1)};
    int64_t C = in[1], K = rnd.pick(1, 4);
    if (rnd.coin(0.25)) { // depthwise
      p.groups = C;
      K = C * rnd.pick(1, 2);
    } else if (C % 2 == 0 && rnd.coin(0.2)) {
      p.groups = 2;
      K = 2 * rnd.pick(1, 2);
    }
    Shape weight{K, C / p.groups, R, S};
    llvm::Expected<Shape> out = inferConv2dShape(in, weight, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      return false;
    }
    GraphLayer l;
    l.kind = LayerKind::Conv;
    l.conv = p;
    l.operands = {x, tensor(weight, true)};
    if (rnd.coin(0.5))
      l.operands.push_back(tensor({K}, true));
    add(l, *out, convProblem(in, weight, p, bits));
    return true;
  }

  bool convTranspose(unsigned x) {
    const Shape in = shape(x);
    if (in[2] > 6)
      return false;
    ConvParams p;
    int64_t R = rnd.pick(2, 3), S = rnd.pick(1, 3);
    p.strides = {2, rnd.coin() ? 2 : 1};
    p.pads = {rnd.pick(0, 1), 0, rnd.pick(0, 1), 0};
    p.outputPadding = {rnd.pick(0, 1), 0};
    int64_t K = rnd.pick(1, 3);
    Shape weight{in[1], K, R, S};
    llvm::Expected<Shape> out = inferConvTranspose2dShape(in, weight, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      return false;
    }
    GraphLayer l;
    l.kind = LayerKind::ConvTranspose;
    l.conv = p;
    l.operands = {x, tensor(weight, true)};
    PerTensor<int64_t> b;
    b.v = {bits, bits, bits};
    add(l, *out, convTransposeProblem(in, weight, *out, p, b));
    return true;
  }

  bool pool(unsigned x, bool global) {
    const Shape in = shape(x);
    PoolParams p;
    p.global = global;
    if (!global) {
      p.kernel = {rnd.pick(1, 3), rnd.pick(1, 2)};
      p.strides = {rnd.pick(1, 2), 1};
      p.pads = {rnd.pick(0, p.kernel[0] - 1), 0, rnd.pick(0, p.kernel[0] - 1),
                0};
      p.ceilMode = rnd.coin(0.2);
    }
    llvm::Expected<Shape> out = inferPool2dShape(in, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      return false;
    }
    GraphLayer l;
    l.kind = LayerKind::Pool;
    l.pool = p;
    l.operands = {x};
    add(l, *out, poolProblem(in, p, bits));
    return true;
  }

  /// add or mul of two activations of one shape (a residual), or of an
  /// activation and a per-channel vector pooled from it (squeeze-excite).
  bool binary(unsigned x) {
    GraphLayer l;
    l.kind = rnd.coin() ? LayerKind::Add : LayerKind::Mul;
    std::vector<unsigned> same;
    for (unsigned a : acts)
      if (a != x && shape(a) == shape(x))
        same.push_back(a);
    if (!same.empty() && rnd.coin(0.7)) {
      l.operands = {same[rnd.pick(0, same.size() - 1)], x};
    } else {
      if (!pool(x, /*global=*/true))
        return false;
      unsigned s = acts.back();
      l.operands = {x, s};
      if (rnd.coin())
        std::swap(l.operands[0], l.operands[1]);
    }
    Shape out = shape(x);
    add(l, out, elementwiseProblem(out, 2, 1, bits));
    return true;
  }

  bool concat(unsigned x) {
    std::vector<unsigned> same;
    for (unsigned a : acts) {
      const Shape &s = shape(a);
      if (s[0] == shape(x)[0] && s[2] == shape(x)[2] && s[3] == shape(x)[3])
        same.push_back(a);
    }
    unsigned y = same[rnd.pick(0, same.size() - 1)];
    GraphLayer l;
    l.kind = LayerKind::Concat;
    l.axis = 1;
    l.operands = {x, y};
    if (rnd.coin())
      std::swap(l.operands[0], l.operands[1]);
    Shape out = shape(x);
    out[1] += shape(y)[1];
    add(l, out, std::nullopt);
    return true;
  }

  bool resize(unsigned x) {
    Shape out = shape(x);
    if (out[2] > 6)
      return false;
    GraphLayer l;
    l.kind = LayerKind::Resize;
    l.bilinear = rnd.coin();
    l.alignCorners = l.bilinear && rnd.coin(0.3);
    int64_t sh = rnd.pick(2, 3), sw = rnd.pick(1, 2);
    out[2] *= sh;
    out[3] *= sw;
    l.operands = {x};
    add(l, out, elementwiseProblem(out, 1, l.bilinear ? 2 : 1, bits));
    return true;
  }

  void activation(unsigned x) {
    GraphLayer l;
    l.kind = LayerKind::Activation;
    l.operands = {x};
    Shape out = shape(x);
    add(l, out, elementwiseProblem(out, 1, 1, bits));
  }

  /// A layer norm over the channels, the rows or the columns: each output
  /// reads the whole of its input's row along that axis, which stays
  /// whole on chip.
  void layerNorm(unsigned x) {
    GraphLayer l;
    l.kind = LayerKind::LayerNorm;
    l.axis = rnd.pick(1, 3);
    l.operands = {x};
    Shape out = shape(x);
    LayerProblem p = elementwiseProblem(out, 1, 1, bits);
    p.wholeOnChip = elementwiseAxisDim(out.size(), l.axis);
    add(l, out, p);
  }

  /// Global pool, flatten, fully connected.
  void classifier(unsigned x) {
    pool(x, /*global=*/true);
    unsigned pooled = acts.back();
    GraphLayer flat;
    flat.kind = LayerKind::Reshape;
    flat.operands = {pooled};
    unsigned v = add(flat, {shape(pooled)[0], shape(pooled)[1]}, std::nullopt);
    GraphLayer fc;
    fc.kind = LayerKind::Matmul;
    fc.transposeRhs = true;
    int64_t K = rnd.pick(1, 4);
    fc.operands = {v, tensor({K, shape(v)[1]}, true)};
    Shape out{shape(v)[0], K};
    add(fc, out, matmulProblem(shape(v), out, bits));
  }
};

} // namespace

std::string RandomNetwork::describe() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  for (const GraphLayer &l : graph.layers()) {
    os << l.name << "(";
    llvm::interleaveComma(l.operands, os, [&](unsigned id) {
      os << graph.tensor(id).name << formatShape(graph.tensor(id).shape);
    });
    os << ") -> " << graph.tensor(l.result).name
       << formatShape(graph.tensor(l.result).shape);
    if (l.kind == LayerKind::Conv || l.kind == LayerKind::ConvTranspose)
      os << " s" << l.conv.strides[0] << "," << l.conv.strides[1] << " d"
         << l.conv.dilations[0] << " p" << l.conv.pads[0] << ","
         << l.conv.pads[1] << "," << l.conv.pads[2] << "," << l.conv.pads[3]
         << " g" << l.conv.groups << " op" << l.conv.outputPadding[0];
    if (l.kind == LayerKind::Pool)
      os << " k" << l.pool.kernel[0] << "x" << l.pool.kernel[1] << " s"
         << l.pool.strides[0] << " p" << l.pool.pads[0] << "," << l.pool.pads[2]
         << (l.pool.ceilMode ? " ceil" : "")
         << (l.pool.global ? " global" : "");
    if (l.kind == LayerKind::Resize)
      os << (l.bilinear ? " bilinear" : " nearest")
         << (l.alignCorners ? " align" : "");
    if (l.kind == LayerKind::LayerNorm)
      os << " axis " << l.axis;
    os << "; ";
  }
  os << "group:";
  for (unsigned l : group)
    os << " " << graph.layer(l).name;
  return s;
}

RandomNetwork accel::testing::randomNetwork(Random &rnd, unsigned maxLayers,
                                            int64_t maxRows) {
  Builder b{rnd, LayerGraph(), rnd.coin() ? 8 : 16, {}};
  GraphTensor in;
  in.shape = {rnd.coin(0.15) ? 2 : 1, rnd.pick(1, 3), rnd.pick(3, maxRows),
              rnd.pick(1, 6)};
  in.elementBits = b.bits;
  in.name = "x";
  b.acts.push_back(b.g.addTensor(in));

  unsigned layers = rnd.pick(2, maxLayers);
  bool tail = rnd.coin(0.15);
  for (unsigned tries = 0; b.g.layers().size() < layers && tries < 100;
       ++tries) {
    unsigned x = b.pick();
    int64_t kind = rnd.pick(0, 99);
    bool ok = true;
    if (kind < 40)
      ok = b.conv(x);
    else if (kind < 50)
      ok = b.pool(x, false);
    else if (kind < 65)
      ok = b.binary(x);
    else if (kind < 75)
      ok = b.concat(x);
    else if (kind < 85)
      ok = b.resize(x);
    else if (kind < 90)
      ok = b.convTranspose(x);
    else if (kind < 95)
      b.activation(x);
    else
      b.layerNorm(x);
    (void)ok;
  }
  if (tail)
    b.classifier(b.acts.back());
  // The last layer's result is the network's output; so is any result no
  // layer reads.
  for (const GraphLayer &l : b.g.layers())
    if (b.g.consumers(l.result).empty())
      b.g.tensor(l.result).output = true;

  RandomNetwork net;
  net.graph = std::move(b.g);
  unsigned n = net.graph.layers().size();
  unsigned first = rnd.coin(0.6) ? 0 : rnd.pick(0, n - 1);
  unsigned last = rnd.coin(0.6) ? n - 1 : rnd.pick(first, n - 1);
  for (unsigned l = first; l <= last; ++l)
    net.group.push_back(l);
  // Sometimes a convex group that is not a run of the order: layers left
  // out of the run while the rest stays convex.
  if (net.group.size() > 2 && rnd.coin(0.3)) {
    std::vector<unsigned> fewer;
    for (unsigned l : net.group)
      if (!rnd.coin(0.3))
        fewer.push_back(l);
    if (!fewer.empty() && isConvexGroup(net.graph, fewer) &&
        !groupTensors(net.graph, fewer).outputs.empty())
      net.group = fewer;
  }
  return net;
}

LayerGraph accel::testing::convChain(int64_t rows, int64_t channels,
                                     int64_t layers) {
  LayerGraph g;
  auto tensor = [&](Shape s, bool weight = false) {
    GraphTensor t;
    t.shape = s;
    t.weight = weight;
    t.name = "t" + std::to_string(g.tensors().size());
    return g.addTensor(t);
  };
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  Shape act{1, channels, rows, 8}, weight{channels, channels, 3, 3};
  unsigned x = tensor(act);
  for (int64_t i = 0; i < layers; ++i) {
    GraphLayer l;
    l.kind = LayerKind::Conv;
    l.name = "conv" + std::to_string(i + 1);
    l.conv = same;
    l.operands = {x, tensor(weight, true)};
    l.result = x = tensor(act);
    l.problem = convProblem(act, weight, same);
    g.addLayer(l);
  }
  g.tensor(x).output = true;
  return g;
}

/// Every schedule the oracle runs on a network.
std::vector<GroupSchedule>
accel::testing::randomSchedules(Random &rnd, const LayerGraph &g,
                                llvm::ArrayRef<unsigned> group) {
  std::vector<GroupSchedule> all;
  size_t computing =
      llvm::count_if(group, [&](unsigned l) { return g.layer(l).computes(); });
  for (HaloPolicy halo : {HaloPolicy::Keep, HaloPolicy::Recompute})
    for (WeightPolicy w : {WeightPolicy::Resident, WeightPolicy::Streamed})
      for (bool db : {true, false})
        for (ExecutionMode mode :
             {ExecutionMode::DepthFirst, ExecutionMode::Pipelined}) {
          if (mode == ExecutionMode::Pipelined &&
              (w == WeightPolicy::Streamed || computing == 0))
            continue;
          GroupSchedule s;
          s.rows = rnd.pick(1, 5);
          s.halo = halo;
          s.weights = w;
          s.doubleBuffer = db;
          s.mode = mode;
          if (mode == ExecutionMode::Pipelined)
            s.pes.assign(computing, 1);
          all.push_back(s);
        }
  return all;
}

std::string accel::testing::describeSchedule(const GroupSchedule &s) {
  std::string str;
  llvm::raw_string_ostream os(str);
  printSchedule(os, s);
  os << (s.doubleBuffer ? "" : " (no double buffering)");
  return str;
}

/// DRAM -> an unbounded buffer -[64 units]-> PEs of 64 KiB: every group
/// fits, and every layer has a default mapping.
Arch accel::testing::roomyArch() {
  Arch a;
  a.name = "roomy";
  MemoryLevel dram;
  dram.name = "DRAM";
  MemoryLevel buffer;
  buffer.name = "Buffer";
  FanoutStage units;
  units.name = "units";
  units.size = 64; // a share for every layer of a pipelined group
  buffer.fanout = {units};
  MemoryLevel pe;
  pe.name = "PE";
  pe.capacityBytes = 65536;
  a.memories = {dram, buffer, pe};
  a.maxParallelLevels = 1;
  a.minParallelLevels = 0;
  return a;
}
