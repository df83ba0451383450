//===- GroupTiling.cpp - A layer group cut into tiles of rows -------------===//

#include "accel/Workload/GroupTiling.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

using namespace accel;
using llvm::ArrayRef;

static llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// A region of `rank` dimensions holding nothing.
static TensorRegion emptyRegion(size_t rank) {
  TensorRegion r;
  r.dims.assign(rank, Interval{0, 0});
  return r;
}

/// floor(a * b / c) without overflow (a * b may exceed int64).
static int64_t mulDiv(int64_t a, int64_t b, int64_t c) {
  return static_cast<int64_t>(static_cast<__int128>(a) * b / c);
}

int GroupTiling::position(unsigned layerId) const {
  auto it = llvm::lower_bound(layers_, layerId);
  return it != layers_.end() && *it == layerId ? it - layers_.begin() : -1;
}

llvm::SmallVector<unsigned, 4> GroupTiling::readers(unsigned id) const {
  llvm::SmallVector<unsigned, 4> r;
  for (unsigned c : graph_->consumers(id))
    if (int p = position(c); p >= 0)
      r.push_back(p);
  return r;
}

llvm::SmallVector<unsigned, 2> GroupTiling::weightsOf(unsigned i) const {
  llvm::SmallVector<unsigned, 2> w;
  for (unsigned op : graph_->layer(layers_[i]).operands)
    if (graph_->tensor(op).weight && !llvm::is_contained(w, op))
      w.push_back(op);
  return w;
}

/// The parts of `now` outside every interval of `held`, in order.
static llvm::SmallVector<Interval, 2>
subtractIntervals(Interval now, llvm::ArrayRef<Interval> held) {
  llvm::SmallVector<Interval, 2> pieces{now};
  for (Interval h : held) {
    llvm::SmallVector<Interval, 2> next;
    for (Interval p : pieces) {
      if (h.empty() || p.end <= h.begin || h.end <= p.begin) {
        next.push_back(p);
        continue;
      }
      if (p.begin < h.begin)
        next.push_back({p.begin, h.begin});
      if (p.end > h.end)
        next.push_back({h.end, p.end});
    }
    pieces = std::move(next);
  }
  return pieces;
}

int64_t accel::groupHeight(const LayerGraph &graph,
                           llvm::ArrayRef<unsigned> layers) {
  int64_t height = 1;
  for (unsigned id : groupTensors(graph, layers).outputs)
    if (graph.tensor(id).rowTiled())
      height = std::max(height, graph.tensor(id).shape[2]);
  return height;
}

llvm::Expected<GroupTiling>
GroupTiling::compute(const LayerGraph &graph, ArrayRef<unsigned> layers,
                     const GroupSchedule &schedule) {
  if (llvm::Error e = schedule.check())
    return std::move(e);
  if (layers.empty())
    return fail("a group needs at least one layer");
  for (size_t i = 0; i < layers.size(); ++i)
    if (layers[i] >= graph.layers().size() ||
        (i > 0 && layers[i] <= layers[i - 1]))
      return fail("a group's layers are graph layer ids in ascending order");
  for (unsigned l : layers)
    if (graph.layer(l).kind == LayerKind::Opaque)
      return fail("layer '" + graph.layer(l).name +
                  "' (an opaque operator) cannot run in a group: its "
                  "semantics are unknown");
  std::vector<unsigned> path;
  if (!isConvexGroup(graph, layers, &path)) {
    std::string names;
    for (unsigned l : path)
      names += (names.empty() ? "" : " -> ") + graph.layer(l).name;
    return fail("the group is not convex: " + names +
                " leaves it and comes back");
  }

  GroupTiling g;
  g.graph_ = &graph;
  g.schedule_ = schedule;
  g.layers_.assign(layers.begin(), layers.end());
  g.tensors_ = groupTensors(graph, layers);
  const GroupTensors &ts = g.tensors_;
  if (ts.outputs.empty())
    return fail("the group produces nothing that is used after it");

  // Local indices: inputs, weights, produced.
  g.localIndex_.assign(graph.tensors().size(), -1);
  auto number = [&](llvm::ArrayRef<unsigned> ids) {
    for (unsigned id : ids)
      g.localIndex_[id] = g.numLocal_++;
  };
  number(ts.inputs);
  number(ts.weights);
  number(ts.produced);

  size_t numComputing = llvm::count_if(
      layers, [&](unsigned l) { return graph.layer(l).computes(); });
  if (schedule.mode == ExecutionMode::Pipelined &&
      schedule.pes.size() != numComputing)
    return fail(llvm::formatv("pes: {0} shares for {1} computing layers",
                              schedule.pes.size(), numComputing));

  // Tiles.
  g.height_ = groupHeight(graph, layers);
  if (schedule.rows > g.height_)
    return fail(llvm::formatv("rows: {0} exceeds the {1} rows of the group's "
                              "tallest output",
                              schedule.rows, g.height_));
  int64_t H = g.height_, rows = schedule.rows;
  if ((H + rows - 1) / rows > kMaxGroupTiles)
    return fail(llvm::formatv("rows: {0} cuts the group's {1} rows into {2} "
                              "tiles, more than the {3} a group may have "
                              "(rows >= {4})",
                              rows, H, (H + rows - 1) / rows, kMaxGroupTiles,
                              minTileRows(H)));
  g.numTiles_ = (H + rows - 1) / rows;
  // A layer that needs all its rows at once (a layer norm over H) cannot
  // be cut into row tiles.
  if (g.numTiles_ > 1)
    for (unsigned l : layers) {
      const GraphLayer &layer = graph.layer(l);
      if (layer.problem && layer.problem->wholeOnChip == Dim::P &&
          graph.tensor(layer.result).rowTiled())
        return fail(llvm::formatv(
            "rows: {0} cuts the rows layer '{1}' normalizes over into {2} "
            "tiles; it needs them all at once (rows >= {3})",
            rows, layer.name, g.numTiles_, H));
    }
  unsigned T = g.numTiles_, L = g.layers_.size(), N = g.numLocal_;

  // Regions, propagated backwards layer by layer over all tiles. A buffer
  // row has one width: before a layer's operands are asked for, its result's
  // region gets in every tile the widest extent it has in any tile in all
  // dimensions but the rows (a result that is not row-tiled: all of it).
  std::vector<unsigned> ids(N);
  for (unsigned id = 0; id < g.localIndex_.size(); ++id)
    if (g.localIndex_[id] >= 0)
      ids[g.localIndex_[id]] = id;
  for (unsigned t = 0; t < T; ++t)
    for (unsigned k = 0; k < N; ++k) {
      g.regions_.push_back(emptyRegion(graph.tensor(ids[k]).shape.size()));
      g.outputTiles_.push_back(emptyRegion(graph.tensor(ids[k]).shape.size()));
    }
  auto at = [&](unsigned t, unsigned id) -> TensorRegion & {
    return g.regions_[t * N + g.local(id)];
  };
  auto demand = [&](unsigned t, unsigned id, const TensorRegion &r) {
    if (!r.empty())
      at(t, id) = at(t, id).hull(r);
  };
  for (unsigned id : ts.outputs) {
    const GraphTensor &x = graph.tensor(id);
    for (unsigned t = 0; t < T; ++t) {
      TensorRegion &o = g.outputTiles_[t * N + g.local(id)];
      if (x.rowTiled()) {
        int64_t h = x.shape[2];
        Interval slice{mulDiv(t * rows, h, H),
                       mulDiv(std::min<int64_t>((t + 1) * rows, H), h, H)};
        if (!slice.empty()) {
          o = TensorRegion::whole(x.shape);
          o.dims[2] = slice;
        }
      } else if (t + 1 == T) {
        o = TensorRegion::whole(x.shape);
      }
      demand(t, id, o);
    }
  }
  for (unsigned l : llvm::reverse(g.layers_)) {
    const GraphLayer &layer = graph.layer(l);
    const GraphTensor &x = graph.tensor(layer.result);
    TensorRegion widest = emptyRegion(x.shape.size());
    for (unsigned t = 0; t < T; ++t)
      widest = widest.hull(at(t, layer.result));
    if (!x.rowTiled())
      widest = TensorRegion::whole(x.shape);
    for (unsigned t = 0; t < T; ++t) {
      TensorRegion &out = at(t, layer.result);
      if (out.empty())
        continue;
      Interval rowsHere = x.rowTiled() ? out.dims[2] : Interval{};
      out = widest;
      if (x.rowTiled())
        out.dims[2] = rowsHere;
      for (auto [op, r] :
           llvm::zip(layer.operands, graph.operandRegions(l, out)))
        demand(t, op, r);
    }
  }

  // The group's inputs too: one width (what any tile reads) in every tile.
  for (unsigned id : ts.inputs) {
    if (!graph.tensor(id).rowTiled())
      continue;
    TensorRegion widest = emptyRegion(4);
    for (unsigned t = 0; t < T; ++t)
      widest = widest.hull(at(t, id));
    for (unsigned t = 0; t < T; ++t)
      if (TensorRegion &r = at(t, id); !r.empty()) {
        Interval rowsHere = r.dims[2];
        r = widest;
        r.dims[2] = rowsHere;
      }
  }

  // Stages and slots.
  // Pipelined, a computing layer runs the stage after the last one whose
  // end makes its operands available; a layer that only moves data makes
  // its result available as its operands are (in the stage of the last of
  // them, or before the first stage when it reads only the group's inputs).
  g.stages_.assign(L, 0);
  if (schedule.mode == ExecutionMode::Pipelined) {
    std::vector<int> available(L, -1);
    for (unsigned i = 0; i < L; ++i) {
      const GraphLayer &layer = graph.layer(g.layers_[i]);
      int ready = -1;
      for (unsigned op : layer.operands) {
        int p = graph.tensor(op).producer;
        int j = p >= 0 ? g.position(p) : -1;
        if (j >= 0)
          ready = std::max(ready, available[j]);
      }
      if (layer.computes()) {
        g.stages_[i] = ready + 1;
        available[i] = ready + 1;
      } else {
        g.stages_[i] = std::max(ready, 0);
        available[i] = ready;
      }
    }
  }
  g.numStages_ = 1 + *llvm::max_element(g.stages_);
  int ahead = schedule.doubleBuffer ? 1 : 0;
  g.slots_.assign(N, 1);
  for (unsigned id : ts.inputs) {
    int lo = INT32_MAX, hi = INT32_MIN;
    for (unsigned c : g.readers(id)) {
      lo = std::min<int>(lo, g.stages_[c]);
      hi = std::max<int>(hi, g.stages_[c]);
    }
    g.slots_[g.local(id)] = hi - (lo - ahead) + 1;
  }
  for (unsigned id : ts.produced) {
    int lo = g.stages_[g.position(graph.tensor(id).producer)], hi = lo;
    for (unsigned c : g.readers(id))
      hi = std::max<int>(hi, g.stages_[c]);
    if (llvm::is_contained(ts.outputs, id))
      hi = std::max(hi, lo + ahead);
    g.slots_[g.local(id)] = hi - lo + 1;
  }
  // What each layer computes and each input loads: with halos kept, what
  // the tiles still held (the `slots` before) do not hold.
  bool keep = schedule.halo == HaloPolicy::Keep;
  auto heldFrom = [&](unsigned t, unsigned id) {
    return keep ? t - std::min(t, g.slots(id)) : t;
  };
  g.computed_.resize(size_t(T) * L);
  for (unsigned t = 0; t < T; ++t)
    for (unsigned i = 0; i < L; ++i) {
      unsigned r = graph.layer(g.layers_[i]).result;
      const TensorRegion &now = g.region(t, r);
      if (now.empty())
        continue;
      llvm::SmallVector<Interval, 4> held;
      for (unsigned j = heldFrom(t, r); j < t; ++j)
        if (!g.region(j, r).empty())
          held.push_back(graph.tensor(r).rowTiled() ? g.region(j, r).dims[2]
                                                    : Interval{0, 1});
      auto &pieces = g.computed_[t * L + i];
      if (!graph.tensor(r).rowTiled()) {
        if (held.empty()) // whole, and not already there
          pieces.push_back({0, 1});
        continue;
      }
      pieces = subtractIntervals(now.dims[2], held);
    }
  for (unsigned t = 0; t < T; ++t)
    for (unsigned i = 0; i < L; ++i) {
      const GraphLayer &layer = graph.layer(g.layers_[i]);
      if (!layer.computes() || !graph.tensor(layer.result).rowTiled())
        continue;
      for (Interval piece : g.computed(t, i))
        if (!tileProblem(*layer.problem, g.pieceBox(t, i, piece)))
          return fail("layer '" + layer.name + "' would compute channels " +
                      g.pieceBox(t, i, piece).str() +
                      " of its output, which split its groups");
    }
  g.loaded_.assign(size_t(T) * N, 0);
  for (unsigned t = 0; t < T; ++t)
    for (unsigned id : ts.inputs) {
      const TensorRegion &now = g.region(t, id);
      llvm::SmallVector<TensorRegion, 4> kept;
      for (unsigned j = heldFrom(t, id); j < t; ++j)
        kept.push_back(now.intersect(g.region(j, id)));
      g.loaded_[t * N + g.local(id)] = now.elements() - unionElements(kept);
    }
  return g;
}

/// Restricts one window axis of a problem to outputs `o`: their count, the
/// input they read, the padding before it.
static void restrictAxis(int64_t &extent, int64_t &inputSize, int64_t &pad,
                         int64_t stride, int64_t dilation, int64_t taps,
                         Interval o) {
  if (o.begin == 0 && o.end == extent)
    return;
  // Input positions o * stride + r * dilation - pad; the tile's input
  // starts at the first one inside the input.
  int64_t first = o.begin * stride - pad;
  int64_t last = (o.end - 1) * stride + (taps - 1) * dilation - pad;
  int64_t origin = std::max<int64_t>(first, 0);
  int64_t end = std::min(inputSize, last + 1);
  if (end <= origin) {
    // Every position is padding: one input position the windows pass by
    // (after them when they lie past the end: a negative padding).
    origin = std::min(origin, inputSize - 1);
    end = origin + 1;
  }
  extent = o.size();
  pad = origin - first;
  inputSize = end - origin;
}

/// restrictAxis on a problem's rows (or columns): on a zero-inserted
/// input, which rows of the restricted input are real follows where it
/// starts.
static void restrictPlane(LayerProblem &p, bool rows, Interval o) {
  LoopBounds &b = p.bounds;
  int64_t &pad = rows ? p.padTop : p.padLeft;
  int64_t &first = rows ? p.firstH : p.firstW;
  int64_t stride = rows ? b.strideH : b.strideW, before = pad;
  restrictAxis(b.extent[rows ? Dim::P : Dim::Q], rows ? p.inputH : p.inputW,
               pad, stride, rows ? b.dilationH : b.dilationW,
               b[rows ? Dim::R : Dim::S], o);
  int64_t origin = o.begin * stride - before + pad;
  first = floorMod(first - origin, rows ? p.everyH : p.everyW);
}

std::optional<LayerProblem> accel::tileProblem(const LayerProblem &layer,
                                               const TensorRegion &box) {
  if (box.dims.size() != 4 || box.empty())
    return std::nullopt;
  LayerProblem p = layer;
  LoopBounds &b = p.bounds;
  b.extent[Dim::N] = box.dims[0].size();
  // Channels: G groups of K, groups outermost.
  Interval c = box.dims[1];
  int64_t G = b[Dim::G], K = b[Dim::K];
  if (c.size() != G * K) {
    if (G == 1)
      b.extent[Dim::K] = c.size();
    else if (c.begin % K == 0 && c.end % K == 0)
      b.extent[Dim::G] = c.size() / K;
    else if (c.begin / K == (c.end - 1) / K) {
      b.extent[Dim::G] = 1;
      b.extent[Dim::K] = c.size();
    } else {
      return std::nullopt;
    }
  }
  restrictPlane(p, /*rows=*/true, box.dims[2]);
  restrictPlane(p, /*rows=*/false, box.dims[3]);
  return p;
}

LayerProblem accel::tileProblem(const LayerProblem &layer, Interval rows) {
  LayerProblem p = layer;
  restrictPlane(p, /*rows=*/true, rows);
  return p;
}

TensorRegion GroupTiling::pieceBox(unsigned t, unsigned i,
                                   Interval piece) const {
  unsigned r = graph_->layer(layers_[i]).result;
  TensorRegion box = region(t, r);
  if (graph_->tensor(r).rowTiled())
    box.dims[2] = piece;
  return box;
}

int64_t GroupTiling::peShare(unsigned i) const {
  if (schedule_.mode != ExecutionMode::Pipelined ||
      !graph_->layer(layers_[i]).computes())
    return 0;
  unsigned k = 0;
  for (unsigned j = 0; j < i; ++j)
    k += graph_->layer(layers_[j]).computes();
  return k < schedule_.pes.size() ? schedule_.pes[k] : 0;
}

LayerProblem GroupTiling::mappedProblem(unsigned i) const {
  const GraphLayer &layer = graph_->layer(layers_[i]);
  if (!graph_->tensor(layer.result).rowTiled())
    return *layer.problem;
  // The piece height that carries the most rows over all tiles (the steady
  // state; ties to the shorter, more frequent), as a tile away from the
  // borders, which read fewer rows. Its mapping runs taller pieces with
  // more outer iterations and shorter ones clamped, with inner tiles that
  // fit every piece.
  std::map<int64_t, int64_t> rowsBySize;
  std::optional<std::pair<unsigned, Interval>> any;
  for (unsigned t = 0; t < numTiles_; ++t)
    for (Interval piece : computed(t, i)) {
      rowsBySize[piece.size()] += piece.size();
      any = {t, piece};
    }
  if (!any)
    return *layer.problem;
  int64_t best = 0, carried = -1;
  for (auto [size, rows] : rowsBySize)
    if (rows > carried) {
      best = size;
      carried = rows;
    }
  LayerProblem p = pieceProblem(any->first, i, any->second);
  LoopBounds &b = p.bounds;
  if (best == layer.problem->bounds[Dim::P])
    return *tileProblem(*layer.problem, pieceBox(any->first, i, {0, best}));
  b.extent[Dim::P] = best;
  p.padTop = 0;
  p.inputH = std::min(layer.problem->inputH,
                      inputSpan(best, b[Dim::R], b.strideH, b.dilationH));
  return p;
}

LayerProblem GroupTiling::pieceProblem(unsigned t, unsigned i,
                                       Interval piece) const {
  const GraphLayer &layer = graph_->layer(layers_[i]);
  if (!graph_->tensor(layer.result).rowTiled())
    return *layer.problem;
  // compute() checked that every piece has one.
  return *tileProblem(*layer.problem, pieceBox(t, i, piece));
}

//===----------------------------------------------------------------------===//
// Footprint
//===----------------------------------------------------------------------===//

/// Elements of the boxes in dimensions [dim, rank), the boxes agreeing on
/// the dimensions before: a sweep over the cut points of `dim`.
static int64_t unionFrom(ArrayRef<const TensorRegion *> boxes, unsigned dim) {
  if (boxes.empty())
    return 0;
  if (dim == boxes.front()->dims.size())
    return 1;
  llvm::SmallVector<int64_t, 8> cuts;
  for (const TensorRegion *b : boxes) {
    cuts.push_back(b->dims[dim].begin);
    cuts.push_back(b->dims[dim].end);
  }
  llvm::sort(cuts);
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  int64_t total = 0;
  llvm::SmallVector<const TensorRegion *, 8> covering;
  for (size_t k = 0; k + 1 < cuts.size(); ++k) {
    covering.clear();
    for (const TensorRegion *b : boxes)
      if (b->dims[dim].begin <= cuts[k] && b->dims[dim].end >= cuts[k + 1])
        covering.push_back(b);
    total += (cuts[k + 1] - cuts[k]) * unionFrom(covering, dim + 1);
  }
  return total;
}

int64_t accel::unionElements(ArrayRef<TensorRegion> boxes) {
  llvm::SmallVector<const TensorRegion *, 8> nonEmpty;
  for (const TensorRegion &b : boxes)
    if (!b.empty())
      nonEmpty.push_back(&b);
  return unionFrom(nonEmpty, 0);
}

int64_t accel::bufferBytes(const GroupTiling &tiling, unsigned id) {
  const GraphTensor &x = tiling.graph().tensor(id);
  if (x.weight)
    return 0;
  unsigned T = tiling.numTiles(), slots = tiling.slots(id);
  bool keep = tiling.schedule().halo == HaloPolicy::Keep;
  int64_t most = 0;
  llvm::SmallVector<TensorRegion, 4> window;
  for (unsigned t = 0; t < T; ++t) {
    int64_t held = 0;
    window.clear();
    for (unsigned j = t; j < std::min(T, t + slots); ++j) {
      window.push_back(tiling.region(j, id));
      held += window.back().elements();
    }
    if (keep)
      held = unionElements(window);
    most = std::max(most, held);
  }
  return most * x.elementBytes();
}

GroupFootprint accel::groupFootprint(const GroupTiling &tiling) {
  const GroupTensors &ts = tiling.tensors();
  const LayerGraph &graph = tiling.graph();
  GroupFootprint f;
  for (unsigned id : ts.inputs)
    f.inputBytes += bufferBytes(tiling, id);
  for (unsigned id : ts.produced)
    (llvm::is_contained(ts.outputs, id) ? f.outputBytes
                                        : f.intermediateBytes) +=
        bufferBytes(tiling, id);

  const GroupSchedule &s = tiling.schedule();
  if (s.weights == WeightPolicy::Resident) {
    for (unsigned id : ts.weights)
      f.weightBytes += graph.tensor(id).bytes();
    return f;
  }
  // Streamed: the weights of each step (a layer computing in a tile), and
  // of the next one when double buffered.
  int64_t previous = 0;
  for (unsigned t = 0; t < tiling.numTiles(); ++t)
    for (unsigned i = 0; i < tiling.layers().size(); ++i) {
      if (tiling.computed(t, i).empty() ||
          !graph.layer(tiling.layers()[i]).computes())
        continue;
      int64_t step = 0;
      for (unsigned w : tiling.weightsOf(i))
        step += graph.tensor(w).bytes();
      f.weightBytes =
          std::max(f.weightBytes, step + (s.doubleBuffer ? previous : 0));
      previous = step;
    }
  return f;
}
