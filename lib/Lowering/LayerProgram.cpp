//===- LayerProgram.cpp - A layer alone, tile by tile through DRAM --------===//
//
// The commands of one layer run with its mapping: the loops of the
// mapping above the first on-chip level walk DRAM; at each of their steps
// that level holds one tile of each tensor. The rules are the single-layer
// cost model's at that boundary (docs/CostModel.md, rules 1, 3 and 6; the
// literal simulator in test/Unit/CostModel applies them element by
// element), so the program moves exactly what the model counts:
//
//  * a tile is refilled when a loop above the level that indexes its
//    tensor advances; an input tile whose refill advanced only the
//    innermost such loop, over P, Q, R or S, by one step keeps what it
//    shares with the previous one (moved within its buffer) and loads the
//    rest;
//  * an output tile starts from zero the first time; when a reduction loop
//    above an output loop brings it back, its partial sums are loaded from
//    DRAM and accumulated into; it is stored when its tile changes and at
//    the end; bias and activation apply with its last contribution.
//
//===----------------------------------------------------------------------===//

#include "ProgramBuilder.h"
#include "accel/CostModel/LoopNest.h"
#include "llvm/Support/FormatVariadic.h"
#include <set>

using namespace accel;
using accel::lowering::ProgramBuilder;
using accel::lowering::fail;
using Kind = GroupCommand::Kind;

namespace {

/// The ranges of every loop dimension one step of the outer loops covers.
using Ranges = PerDim<Interval>;

/// What one step of the outer loops touches of one operand or the result:
/// its region, and for a broadcast operand the DRAM steps (0 where it is
/// read again).
struct Part {
  TensorRegion region;
  llvm::SmallVector<int64_t, 4> strides; // empty: 1
  bool empty() const { return region.empty(); }
};

class LayerPlanner {
public:
  LayerPlanner(const LayerGraph &graph, unsigned id, const LoopNest &nest,
               bool sliding)
      : graph(graph), id(id), layer(graph.layer(id)), prob(*layer.problem),
        nest(nest), sliding(sliding) {}

  llvm::Expected<GroupProgram> run(const Arch &arch);

private:
  const LayerGraph &graph;
  unsigned id;
  const GraphLayer &layer;
  const LayerProblem &prob;
  const LoopNest &nest;
  bool sliding;
  unsigned pos = 0; ///< the outer loops: [0, pos)
  ProgramBuilder builder;

  bool elementwise() const {
    return layer.kind == LayerKind::Add || layer.kind == LayerKind::Mul ||
           layer.kind == LayerKind::Activation ||
           layer.kind == LayerKind::LayerNorm ||
           layer.kind == LayerKind::Quantize;
  }
  Ranges rangesAt(llvm::ArrayRef<int64_t> idx) const;
  std::vector<int64_t> identity(Tensor x, llvm::ArrayRef<int64_t> idx) const;
  /// The part of operand k (or the result, k = -1) a step reads (writes).
  llvm::Expected<Part> part(int k, const Ranges &r) const;
  /// The channels of groups `g` x channels `c` of each group (of `per`).
  llvm::Expected<Interval> channels(Interval g, Interval c, int64_t per) const;
  /// The problem tensor operand k is (none: a bias).
  std::optional<Tensor> roleOf(unsigned k) const;
  /// Whether a step of ranges `r` reads operand k: all do but a sum's or a
  /// product's operands outside the step's share of them (C).
  bool present(unsigned k, const Ranges &r) const {
    return !elementwise() ||
           (r[Dim::C].begin <= int64_t(k) && int64_t(k) < r[Dim::C].end);
  }
};

Ranges LayerPlanner::rangesAt(llvm::ArrayRef<int64_t> idx) const {
  Ranges r;
  for (Dim d : kAllDims)
    r[d] = {0, prob.bounds[d]};
  PerDim<int64_t> lo;
  for (unsigned k = 0; k < pos; ++k) {
    const NestLoop &l = nest.loops[k];
    lo[l.dim] += idx[k] * l.step;
    r[l.dim] = {lo[l.dim], std::min(r[l.dim].end, lo[l.dim] + l.step)};
  }
  return r;
}

std::vector<int64_t> LayerPlanner::identity(Tensor x,
                                            llvm::ArrayRef<int64_t> idx) const {
  std::vector<int64_t> v;
  for (unsigned k = 0; k < pos; ++k)
    if (isRelevant(x, nest.loops[k].dim))
      v.push_back(idx[k]);
  return v;
}

std::optional<Tensor> LayerPlanner::roleOf(unsigned k) const {
  if (elementwise() || layer.kind == LayerKind::Pool)
    return Tensor::Inputs;
  if (k == 0)
    return Tensor::Inputs;
  if (k == 1)
    return Tensor::Weights;
  return std::nullopt;
}

llvm::Expected<Interval> LayerPlanner::channels(Interval g, Interval c,
                                                int64_t per) const {
  if (g.size() == 1)
    return Interval{g.begin * per + c.begin, g.begin * per + c.end};
  if (c.begin == 0 && c.end == per)
    return Interval{g.begin * per, g.end * per};
  return fail("the mapping splits both the groups and the channels of each "
              "above the first on-chip level");
}

llvm::Expected<Part> LayerPlanner::part(int k, const Ranges &r) const {
  Part p;
  const LoopBounds &b = prob.bounds;
  unsigned tensor = k < 0 ? layer.result : layer.operands[k];
  const Shape &shape = graph.tensor(tensor).shape;
  auto dims = [&](std::initializer_list<Interval> list) {
    p.region.dims.assign(list.begin(), list.end());
  };
  std::optional<Tensor> role =
      k < 0 ? std::optional(Tensor::Outputs) : roleOf(k);
  bool transposed = layer.kind == LayerKind::ConvTranspose;
  switch (layer.kind) {
  case LayerKind::Conv:
  case LayerKind::ConvTranspose: {
    if (!role) { // bias [G x K]
      auto ch = channels(r[Dim::G], r[Dim::K], b[Dim::K]);
      if (!ch)
        return ch.takeError();
      dims({*ch});
      break;
    }
    if (*role == Tensor::Weights && transposed) {
      // [G x C, K, R, S], the problem's taps the filter's flipped (it
      // runs as a convolution of the zero-inserted input).
      auto ch = channels(r[Dim::G], r[Dim::C], b[Dim::C]);
      if (!ch)
        return ch.takeError();
      auto flip = [&](Dim d) {
        return Interval{b[d] - r[d].end, b[d] - r[d].begin};
      };
      dims({*ch, r[Dim::K], flip(Dim::R), flip(Dim::S)});
    } else if (*role == Tensor::Weights) {
      auto ch = channels(r[Dim::G], r[Dim::K], b[Dim::K]);
      if (!ch)
        return ch.takeError();
      dims({*ch, r[Dim::C], r[Dim::R], r[Dim::S]});
    } else if (*role == Tensor::Inputs) {
      auto ch = channels(r[Dim::G], r[Dim::C], b[Dim::C]);
      if (!ch)
        return ch.takeError();
      // (Of a zero-inserted input, the real rows and columns.)
      dims({r[Dim::N], *ch,
            realPositions(windowInput(r[Dim::P], r[Dim::R], b.strideH,
                                      b.dilationH, prob.padTop, prob.inputH),
                          prob.everyH, prob.firstH),
            realPositions(windowInput(r[Dim::Q], r[Dim::S], b.strideW,
                                      b.dilationW, prob.padLeft, prob.inputW),
                          prob.everyW, prob.firstW)});
    } else {
      auto ch = channels(r[Dim::G], r[Dim::K], b[Dim::K]);
      if (!ch)
        return ch.takeError();
      dims({r[Dim::N], *ch, r[Dim::P], r[Dim::Q]});
    }
    break;
  }
  case LayerKind::Pool:
    if (k >= 0)
      dims({r[Dim::N], r[Dim::G],
            windowInput(r[Dim::P], r[Dim::R], b.strideH, b.dilationH,
                        prob.padTop, prob.inputH),
            windowInput(r[Dim::Q], r[Dim::S], b.strideW, b.dilationW,
                        prob.padLeft, prob.inputW)});
    else
      dims({r[Dim::N], r[Dim::G], r[Dim::P], r[Dim::Q]});
    break;
  case LayerKind::Matmul: {
    bool batched = shape.size() == 3;
    Interval g = r[Dim::G];
    if (!role) { // bias [N]
      dims({r[Dim::K]});
    } else if (*role == Tensor::Weights) {
      if (layer.transposeRhs)
        dims({r[Dim::K], r[Dim::C]});
      else
        dims({r[Dim::C], r[Dim::K]});
    } else if (*role == Tensor::Inputs) {
      dims({r[Dim::N], r[Dim::C]});
    } else {
      dims({r[Dim::N], r[Dim::K]});
    }
    if (batched && role)
      p.region.dims.insert(p.region.dims.begin(), g);
    break;
  }
  default: {
    // Per pixel: the result's dimensions are N, G, P, Q in order (ranks up
    // to 4); an operand of size 1 where the result is not is read again.
    static constexpr Dim kOrder[] = {Dim::N, Dim::G, Dim::P, Dim::Q};
    const Shape &out = graph.tensor(layer.result).shape;
    if (out.size() > 4)
      return fail("a per-pixel layer of rank above 4");
    if (shape.size() != out.size())
      return fail("an operand of another rank than the result");
    for (size_t d = 0; d < out.size(); ++d) {
      Interval o = r[kOrder[d]];
      p.region.dims.push_back(o);
      p.strides.push_back(1);
      if (shape[d] == 1 && out[d] != 1) {
        p.region.dims.back() = {0, o.size()};
        p.strides.back() = 0;
      }
    }
    break;
  }
  }
  if (p.region.dims.size() != shape.size())
    return fail("the lowering does not know where the tiles of '" +
                graph.tensor(tensor).name + "' lie");
  return p;
}

llvm::Expected<GroupProgram> LayerPlanner::run(const Arch &arch) {
  switch (layer.kind) {
  case LayerKind::Conv:
  case LayerKind::ConvTranspose:
  case LayerKind::Pool:
  case LayerKind::Matmul:
  case LayerKind::Add:
  case LayerKind::Mul:
  case LayerKind::Activation:
  case LayerKind::LayerNorm:
  case LayerKind::Quantize:
    break;
  default:
    return fail(llvm::Twine("a ") + layerKindName(layer.kind) +
                " layer alone is not lowered tile by tile");
  }
  // The first on-chip level, and the loops above it.
  pos = nest.position[1];
  for (unsigned k = 0; k < pos; ++k)
    if (nest.loops[k].spatial)
      return fail("the mapping spreads a loop above the first on-chip level");
  const MemoryLevel &level = arch.memories[1];
  for (Tensor x : kAllTensors)
    if ((x != Tensor::Weights || prob.hasWeights) && !level.holds(x))
      return fail(level.name + " does not hold the " + tensorName(x) +
                  ": a tensor that bypasses it is not lowered");
  for (unsigned k = 0; k < pos; ++k) {
    Dim d = nest.loops[k].dim;
    bool reduces = !isRelevant(Tensor::Outputs, d);
    // A sum or a product of operands may be split (the operands come one
    // after the other and accumulate); a window of a pooling may not.
    bool operands =
        layer.kind == LayerKind::Add || layer.kind == LayerKind::Mul;
    bool plane = layer.kind == LayerKind::Pool && layer.pool.global;
    if (reduces && !operands && !plane &&
        (elementwise() || layer.kind == LayerKind::Pool))
      return fail(llvm::Twine("the mapping splits the ") +
                  (elementwise() ? "operands" : "window") + " of a " +
                  layerKindName(layer.kind) + " above the first on-chip level");
  }
  int64_t steps = 1;
  for (unsigned k = 0; k < pos; ++k) {
    steps *= nest.loops[k].trip;
    if (steps > (int64_t(1) << 20))
      return fail("more than 2^20 steps above the first on-chip level");
  }

  // Every step: its ranges, and for the result the last step of each tile.
  std::vector<std::vector<int64_t>> all;
  {
    std::vector<int64_t> idx(pos, 0);
    for (int64_t s = 0; s < steps; ++s) {
      all.push_back(idx);
      for (int k = int(pos) - 1; k >= 0; --k) {
        if (++idx[k] < nest.loops[k].trip)
          break;
        idx[k] = 0;
      }
    }
  }
  std::map<std::vector<int64_t>, int64_t> lastStep;
  for (int64_t s = 0; s < steps; ++s)
    lastStep[identity(Tensor::Outputs, all[s])] = s;

  // Buffers: the largest part of each operand and of the result.
  unsigned numOperands = layer.operands.size();
  std::vector<Shape> most(numOperands + 1);
  for (const auto &idx : all) {
    Ranges r = rangesAt(idx);
    for (int k = -1; k < int(numOperands); ++k) {
      llvm::Expected<Part> pt = part(k, r);
      if (!pt)
        return pt.takeError();
      // (A convolution's step may meet only padding, and a transposed
      // one's only inserted zeros: a dilated window at a border.)
      if (pt->empty() && !(k == 0 && (layer.kind == LayerKind::Conv ||
                                      layer.kind == LayerKind::ConvTranspose)))
        return fail("a step of the mapping reads only padding");

      Shape &m = most[k + 1];
      m.resize(pt->region.dims.size(), 0);
      for (size_t d = 0; d < m.size(); ++d)
        m[d] = std::max(m[d], pt->region.dims[d].size());
    }
  }
  bool split = level.partition.has_value();
  std::map<BufferArea, int64_t> offsets;
  auto place = [&](unsigned tensor, const Shape &shape, BufferArea area) {
    if (!split)
      area = BufferArea::Shared;
    int64_t &at = offsets[area];
    unsigned b = builder.addBuffer(
        tensor, shape, llvm::SmallVector<int64_t, 4>(shape.size()),
        graph.tensor(tensor).elementBytes(), area, at);
    at += builder.program.buffers[b].bytes();
    GroupCommand c;
    c.kind = Kind::Alloc;
    c.buffer = b;
    builder.emit(std::move(c));
    return b;
  };
  std::vector<unsigned> buffer(numOperands + 1);
  // Placed widest elements first, so that every offset in an area stays
  // aligned to its element size (i8 inputs beside i32 accumulators).
  std::vector<unsigned> order; // the operands (1..), then the result (0)
  for (unsigned k = 1; k <= numOperands; ++k)
    order.push_back(k);
  order.push_back(0);
  auto tensorOf = [&](unsigned k) {
    return k == 0 ? layer.result : layer.operands[k - 1];
  };
  llvm::stable_sort(order, [&](unsigned a, unsigned b) {
    return graph.tensor(tensorOf(a)).elementBytes() >
           graph.tensor(tensorOf(b)).elementBytes();
  });
  for (unsigned k : order) {
    if (k == 0) {
      buffer[0] = place(layer.result, most[0], BufferArea::Outputs);
      continue;
    }
    std::optional<Tensor> role = roleOf(k - 1);
    BufferArea area = !role || *role == Tensor::Weights ? BufferArea::Weights
                                                        : BufferArea::Inputs;
    // A bias is whole, loaded once.
    const Shape &shape =
        role ? most[k] : graph.tensor(layer.operands[k - 1]).shape;
    buffer[k] = place(layer.operands[k - 1], shape, area);
  }

  auto whole = [&](unsigned b, const TensorRegion &r) {
    BufferSlice s;
    s.buffer = b;
    s.offsets.assign(r.dims.size(), 0);
    s.sizes = r.sizes();
    return s;
  };
  auto load = [&](unsigned b, const Part &pt, const TensorRegion &what,
                  llvm::ArrayRef<int64_t> at) {
    GroupCommand c;
    c.kind = Kind::Load;
    c.dram = what;
    c.dramStrides.assign(pt.strides.begin(), pt.strides.end());
    c.dest.buffer = b;
    c.dest.offsets.assign(at.begin(), at.end());
    c.dest.sizes = what.sizes();
    builder.emit(std::move(c));
  };
  // Biases first, whole.
  for (unsigned k = 0; k < numOperands; ++k)
    if (!roleOf(k)) {
      Part pt;
      pt.region = TensorRegion::whole(graph.tensor(layer.operands[k]).shape);
      load(buffer[k + 1], pt, pt.region,
           llvm::SmallVector<int64_t, 4>(pt.region.dims.size(), 0));
    }

  // The steps.
  std::vector<std::optional<std::vector<int64_t>>> held(numOperands + 1);
  std::vector<Part> current(numOperands + 1);
  std::set<std::vector<int64_t>> contributed;
  int slide = -1; // the innermost outer loop indexing the inputs
  if (sliding)
    for (unsigned k = 0; k < pos; ++k)
      if (isRelevant(Tensor::Inputs, nest.loops[k].dim))
        slide = k;
  // (Per-pixel windows never overlap, and a broadcast operand is counted
  // at the result's size as if it did not repeat.)
  if (slide >= 0 && !elementwise()) {
    Dim d = nest.loops[slide].dim;
    if (d != Dim::P && d != Dim::Q && d != Dim::R && d != Dim::S)
      slide = -1;
  } else {
    slide = -1;
  }
  auto store = [&]() {
    GroupCommand c;
    c.kind = Kind::Store;
    c.source = whole(buffer[0], current[0].region);
    c.dram = current[0].region;
    builder.emit(std::move(c));
  };
  for (int64_t s = 0; s < steps; ++s) {
    const std::vector<int64_t> &idx = all[s];
    Ranges r = rangesAt(idx);
    // Operand tiles (of a split sum or product, those of this step).
    for (unsigned k = 0; k < numOperands; ++k) {
      std::optional<Tensor> role = roleOf(k);
      if (!role || !present(k, r))
        continue;
      std::vector<int64_t> id = identity(*role, idx);
      if (held[k + 1] && *held[k + 1] == id)
        continue;
      Part pt = llvm::cantFail(part(k, r)); // checked when sizing
      bool slid = false;
      if (*role == Tensor::Inputs && slide >= 0 && held[k + 1] && s > 0) {
        // Only the sliding loop moved, by one step.
        slid = true;
        for (int j = 0; j < int(pos); ++j)
          if (isRelevant(Tensor::Inputs, nest.loops[j].dim) &&
              idx[j] != all[s - 1][j] + (j == slide ? 1 : 0))
            slid = false;
      }
      TensorRegion kept =
          slid ? pt.region.intersect(current[k + 1].region) : TensorRegion();
      if (slid && !kept.empty()) {
        // Keep the shared part (moved to its place in the new tile), load
        // the rest: the tiles differ along one dimension only.
        GroupCommand c;
        c.kind = Kind::Copy;
        c.source.buffer = c.dest.buffer = buffer[k + 1];
        for (size_t d = 0; d < kept.dims.size(); ++d) {
          c.source.offsets.push_back(kept.dims[d].begin -
                                     current[k + 1].region.dims[d].begin);
          c.dest.offsets.push_back(kept.dims[d].begin -
                                   pt.region.dims[d].begin);
          c.source.sizes.push_back(kept.dims[d].size());
        }
        c.dest.sizes = c.source.sizes;
        if (c.source.offsets != c.dest.offsets)
          builder.emit(std::move(c));
        // What the new tile has beyond the kept part: before and after it
        // along the one dimension they differ in (before: a window that
        // reaches back into rows the padding hid from the previous one).
        int moved = -1;
        for (size_t d = 0; d < kept.dims.size(); ++d)
          if (!(kept.dims[d] == pt.region.dims[d])) {
            if (moved >= 0)
              return fail("an input tile slides along two dimensions");
            moved = d;
          }
        if (moved >= 0) {
          Interval whole = pt.region.dims[moved], mid = kept.dims[moved];
          for (Interval piece : {Interval{whole.begin, mid.begin},
                                 Interval{mid.end, whole.end}}) {
            if (piece.empty())
              continue;
            TensorRegion rest = pt.region;
            rest.dims[moved] = piece;
            llvm::SmallVector<int64_t, 4> at;
            for (size_t d = 0; d < rest.dims.size(); ++d)
              at.push_back(rest.dims[d].begin - pt.region.dims[d].begin);
            load(buffer[k + 1], pt, rest, at);
          }
        }
      } else if (!pt.empty()) {
        load(buffer[k + 1], pt, pt.region,
             llvm::SmallVector<int64_t, 4>(pt.region.dims.size(), 0));
      }
      held[k + 1] = id;
      current[k + 1] = pt;
    }
    // The result's tile.
    std::vector<int64_t> out = identity(Tensor::Outputs, idx);
    if (!held[0] || *held[0] != out) {
      if (held[0])
        store();
      current[0] = llvm::cantFail(part(-1, r));
      held[0] = out;
      if (contributed.count(out)) // partial sums come back
        load(buffer[0], current[0], current[0].region,
             llvm::SmallVector<int64_t, 4>(current[0].region.dims.size(), 0));
    }
    GroupCommand c;
    c.kind = Kind::Compute;
    c.layer = 0;
    c.box = current[0].region;
    for (unsigned k = 0; k < numOperands; ++k) {
      if (!roleOf(k)) {                       // the bias of these channels
        Part pt = llvm::cantFail(part(k, r)); // checked when sizing
        BufferSlice b = whole(buffer[k + 1], pt.region);
        for (size_t d = 0; d < b.offsets.size(); ++d)
          b.offsets[d] = pt.region.dims[d].begin;
        c.operands.push_back(b);
        c.operandRegions.push_back(pt.region);
        continue;
      }
      if (!present(k, r)) {
        c.operands.emplace_back();
        c.operandRegions.emplace_back();
        continue;
      }
      const Part &pt = current[k + 1];
      c.operands.push_back(whole(buffer[k + 1], pt.region));
      c.operandRegions.push_back(pt.region);
    }
    c.result = whole(buffer[0], current[0].region);
    c.accumulate = contributed.count(out) > 0;
    c.finish = lastStep[out] == s;
    contributed.insert(out);
    builder.emit(std::move(c));
  }
  store();
  for (unsigned b = 0; b < builder.program.buffers.size(); ++b)
    builder.release(b);
  return std::move(builder.program);
}

} // namespace

llvm::Expected<GroupProgram> accel::planLayerProgram(const LayerGraph &graph,
                                                     unsigned layer,
                                                     const Mapping &mapping,
                                                     const Arch &arch,
                                                     bool slidingWindows) {
  const GraphLayer &l = graph.layer(layer);
  if (!l.computes())
    return fail("layer '" + l.name + "' does not compute");
  if (arch.memories.size() < 2)
    return fail("the accelerator has no on-chip level");
  LoopNest nest;
  if (llvm::Error e = buildLoopNest(*l.problem, arch, mapping, nest))
    return std::move(e);
  return LayerPlanner(graph, layer, nest, slidingWindows).run(arch);
}
