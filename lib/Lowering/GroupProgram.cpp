//===- GroupProgram.cpp - A layer group as a list of commands -------------===//

#include "accel/Lowering/GroupProgram.h"
#include "ProgramBuilder.h"
#include "accel/Arch/GroupResources.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

using namespace accel;
using Kind = GroupCommand::Kind;
using accel::lowering::ProgramBuilder;
using accel::lowering::fail;

llvm::StringRef accel::bufferAreaName(BufferArea a) {
  switch (a) {
  case BufferArea::Shared:
    return "shared";
  case BufferArea::Weights:
    return "weights";
  case BufferArea::Activations:
    return "activations";
  case BufferArea::Inputs:
    return "inputs";
  case BufferArea::Outputs:
    return "outputs";
  }
  return "?";
}

namespace {

constexpr unsigned kRows = 2; // the row dimension of a rank-4 tensor

/// The rows one activation buffer holds, front first: which tensor row
/// each buffer row holds, and (halos recomputed) for which tile.
struct RowQueue {
  unsigned buffer = 0;
  unsigned tensor = 0;
  bool rowTiled = true;
  int64_t capacity = 0; ///< rows
  std::vector<int64_t> rows;
  std::vector<unsigned> tiles;
};

class Planner {
public:
  Planner(const GroupTiling &tiling, const Arch &arch)
      : g(tiling), graph(tiling.graph()), arch(arch),
        keep(tiling.schedule().halo == HaloPolicy::Keep),
        ahead(tiling.schedule().doubleBuffer ? 1 : 0) {}

  llvm::Expected<GroupProgram> run();

private:
  const GroupTiling &g;
  const LayerGraph &graph;
  const Arch &arch;
  bool keep;
  unsigned ahead;
  ProgramBuilder builder;
  GroupProgram &p = builder.program;
  std::map<unsigned, RowQueue> queues;          // by tensor
  std::map<unsigned, unsigned> residentWeights; // tensor -> buffer

  unsigned emit(GroupCommand c) { return builder.emit(std::move(c)); }
  unsigned addBuffer(unsigned tensor, Shape shape,
                     llvm::SmallVector<int64_t, 4> origin, BufferArea area,
                     int64_t offset) {
    return builder.addBuffer(tensor, std::move(shape), std::move(origin),
                             graph.tensor(tensor).elementBytes(), area, offset);
  }
  llvm::Error makeQueues(BufferArea area, int64_t base);
  /// Tensors packed one after the other from an aligned offset stay
  /// aligned to their element size when the widest elements come first.
  template <typename Ids> void byWidestElement(Ids &ids) const {
    llvm::stable_sort(ids, [&](unsigned a, unsigned b) {
      return graph.tensor(a).elementBytes() > graph.tensor(b).elementBytes();
    });
  }
  llvm::Error advance(RowQueue &q, unsigned t, Interval &appended);
  llvm::Expected<BufferSlice> sliceOf(unsigned tensor,
                                      const TensorRegion &region, unsigned t,
                                      unsigned step = 0);
  llvm::Error loadInputs(unsigned t);
  llvm::Error computeLayer(unsigned t, unsigned i,
                           const std::map<unsigned, unsigned> &stepWeights);
  llvm::Error storeOutputs(unsigned t);
  std::string tensorName(unsigned id) const {
    return graph.tensor(id).name.empty() ? "#" + std::to_string(id)
                                         : graph.tensor(id).name;
  }
};

llvm::Error Planner::makeQueues(BufferArea area, int64_t base) {
  const GroupTensors &ts = g.tensors();
  llvm::SmallVector<unsigned, 12> ids(ts.inputs.begin(), ts.inputs.end());
  ids.append(ts.produced.begin(), ts.produced.end());
  byWidestElement(ids);
  int64_t offset = base;
  for (unsigned id : ids) {
    const GraphTensor &x = graph.tensor(id);
    // The region every tile holds, but for the rows.
    std::optional<TensorRegion> shape;
    for (unsigned t = 0; t < g.numTiles(); ++t) {
      TensorRegion r = g.region(t, id);
      if (r.empty())
        continue;
      if (x.rowTiled())
        r.dims[kRows] = {0, 1};
      if (shape && !(*shape == r))
        return fail("tensor '" + tensorName(id) +
                    "' is held in regions of different shapes (" +
                    shape->str() + ", " + r.str() +
                    "): the lowering needs one buffer row shape");
      shape = r;
    }
    if (!shape)
      continue; // touched by no tile (cannot happen for a group's tensors)
    RowQueue q;
    q.tensor = id;
    q.rowTiled = x.rowTiled();
    int64_t unit = shape->elements() * x.elementBytes();
    int64_t bytes = bufferBytes(g, id);
    if (bytes % unit != 0)
      return fail(llvm::formatv("tensor '{0}': a buffer of {1} B is not "
                                "whole rows of {2} B",
                                tensorName(id), bytes, unit));
    q.capacity = bytes / unit;
    if (!q.rowTiled && q.capacity != 1)
      return fail("tensor '" + tensorName(id) +
                  "' is not row-tiled but held for two tiles at once");
    Shape bufShape = shape->sizes();
    llvm::SmallVector<int64_t, 4> origin = shape->begins();
    if (q.rowTiled) {
      bufShape[kRows] = q.capacity;
      origin[kRows] = 0;
    }
    q.buffer = addBuffer(id, bufShape, origin, area, offset);
    offset += p.buffers[q.buffer].bytes();
    queues[id] = std::move(q);
  }
  return llvm::Error::success();
}

/// Makes room for tile t in `q` and appends the rows of its region it does
/// not hold yet; `appended` gets their positions.
llvm::Error Planner::advance(RowQueue &q, unsigned t, Interval &appended) {
  const TensorRegion &now = g.region(t, q.tensor);
  unsigned slots = g.slots(q.tensor);
  appended = {0, 0};
  if (!q.rowTiled) {
    // Whole: computed (or loaded) once with halos kept, every tile
    // otherwise, always into the one place.
    if (keep && !q.rows.empty())
      return llvm::Error::success();
    q.rows.assign(1, 0);
    appended = {0, 1};
    return llvm::Error::success();
  }
  // Keep what the model holds: the rows of tiles (t - slots, t), and those
  // of tile t - slots that tile t needs; drop the others from the front.
  unsigned from = t + 1 > slots ? t + 1 - slots : 0;
  auto inRegion = [&](unsigned j, int64_t row) {
    const TensorRegion &r = g.region(j, q.tensor);
    return !r.empty() && r.dims[kRows].begin <= row && row < r.dims[kRows].end;
  };
  auto needed = [&](size_t k) {
    if (!keep)
      return q.tiles[k] >= from;
    for (unsigned j = from; j < t; ++j)
      if (inRegion(j, q.rows[k]))
        return true;
    return t >= slots && inRegion(t - slots, q.rows[k]) &&
           inRegion(t, q.rows[k]);
  };
  size_t first = 0;
  while (first < q.rows.size() && !needed(first))
    ++first;
  for (size_t k = first; k < q.rows.size(); ++k)
    if (!needed(k))
      return fail(llvm::formatv(
          "tensor '{0}': tile {1} no longer needs row {2} but needs rows "
          "after it; the lowering drops rows from the front of a buffer",
          tensorName(q.tensor), t, q.rows[k]));
  int64_t kept = q.rows.size() - first;
  if (first > 0 && kept > 0) {
    GroupCommand c;
    c.kind = Kind::Copy;
    const PlannedBuffer &b = p.buffers[q.buffer];
    c.source.buffer = c.dest.buffer = q.buffer;
    c.source.offsets.assign(b.shape.size(), 0);
    c.source.sizes.assign(b.shape.begin(), b.shape.end());
    c.source.offsets[kRows] = first;
    c.source.sizes[kRows] = kept;
    c.dest.offsets.assign(b.shape.size(), 0);
    c.dest.sizes = c.source.sizes;
    emit(std::move(c));
  }
  q.rows.erase(q.rows.begin(), q.rows.begin() + first);
  if (!q.tiles.empty())
    q.tiles.erase(q.tiles.begin(), q.tiles.begin() + first);
  if (now.empty())
    return llvm::Error::success();
  // Append what the region needs and the queue does not hold.
  Interval rows = now.dims[kRows];
  int64_t begin = rows.begin;
  if (keep && !q.rows.empty()) {
    begin = std::max(rows.begin, q.rows.back() + 1);
    for (int64_t r = rows.begin; r < begin; ++r)
      if (!llvm::is_contained(q.rows, r))
        return fail(llvm::formatv(
            "tensor '{0}': tile {1} needs row {2} again after rows below "
            "it; the lowering appends rows in order",
            tensorName(q.tensor), t, r));
  }
  int64_t at = q.rows.size();
  for (int64_t r = begin; r < rows.end; ++r) {
    q.rows.push_back(r);
    q.tiles.push_back(t);
  }
  if (int64_t(q.rows.size()) > q.capacity)
    return fail(llvm::formatv("tensor '{0}': tile {1} holds {2} rows, more "
                              "than the {3} of its buffer",
                              tensorName(q.tensor), t, q.rows.size(),
                              q.capacity));
  appended = {at, int64_t(q.rows.size())};
  return llvm::Error::success();
}

/// Where `region` of `tensor` is when tile t reads it (step: the buffer of
/// a streamed weight).
llvm::Expected<BufferSlice> Planner::sliceOf(unsigned tensor,
                                             const TensorRegion &region,
                                             unsigned t, unsigned step) {
  BufferSlice s;
  const GraphTensor &x = graph.tensor(tensor);
  if (x.weight) {
    auto it = residentWeights.find(tensor);
    s.buffer = it != residentWeights.end() ? it->second : step;
  } else {
    auto it = queues.find(tensor);
    if (it == queues.end())
      return fail("tensor '" + tensorName(tensor) + "' has no buffer");
    s.buffer = it->second.buffer;
  }
  const PlannedBuffer &b = p.buffers[s.buffer];
  for (size_t d = 0; d < region.dims.size(); ++d) {
    s.offsets.push_back(region.dims[d].begin - b.origin[d]);
    s.sizes.push_back(region.dims[d].size());
  }
  if (!x.weight && x.rowTiled()) {
    const RowQueue &q = queues[tensor];
    Interval rows = region.dims[kRows];
    // Recomputed, a row may be held twice: tile t's copy.
    int64_t at = 0;
    while (at < int64_t(q.rows.size()) &&
           (q.rows[at] != rows.begin || (!keep && q.tiles[at] != t)))
      ++at;
    bool held = at < int64_t(q.rows.size());
    for (int64_t k = 0; held && k < rows.size(); ++k)
      held =
          at + k < int64_t(q.rows.size()) && q.rows[at + k] == rows.begin + k;
    if (!held)
      return fail(llvm::formatv("tensor '{0}': rows [{1}, {2}) are not held "
                                "in order when they are read",
                                tensorName(tensor), rows.begin, rows.end));
    s.offsets[kRows] = at;
  }
  for (size_t d = 0; d < s.sizes.size(); ++d)
    if (s.offsets[d] < 0 || s.offsets[d] + s.sizes[d] > b.shape[d])
      return fail("tensor '" + tensorName(tensor) + "': region " +
                  region.str() + " is outside its buffer");
  return s;
}

llvm::Error Planner::loadInputs(unsigned t) {
  for (unsigned id : g.tensors().inputs) {
    auto it = queues.find(id);
    if (it == queues.end())
      continue;
    RowQueue &q = it->second;
    Interval appended;
    if (llvm::Error e = advance(q, t, appended))
      return e;
    if (appended.empty())
      continue;
    GroupCommand c;
    c.kind = Kind::Load;
    c.dram = g.region(t, id);
    c.dest.buffer = q.buffer;
    const PlannedBuffer &b = p.buffers[q.buffer];
    for (size_t d = 0; d < b.shape.size(); ++d) {
      c.dest.offsets.push_back(c.dram.dims[d].begin - b.origin[d]);
      c.dest.sizes.push_back(c.dram.dims[d].size());
    }
    if (q.rowTiled) {
      int64_t n = appended.size();
      c.dram.dims[kRows] = {q.rows[appended.begin], q.rows[appended.begin] + n};
      c.dest.offsets[kRows] = appended.begin;
      c.dest.sizes[kRows] = n;
    }
    emit(std::move(c));
  }
  return llvm::Error::success();
}

llvm::Error
Planner::computeLayer(unsigned t, unsigned i,
                      const std::map<unsigned, unsigned> &stepWeights) {
  llvm::ArrayRef<Interval> pieces = g.computed(t, i);
  if (pieces.empty())
    return llvm::Error::success();
  unsigned l = g.layers()[i];
  const GraphLayer &layer = graph.layer(l);
  RowQueue &q = queues.at(layer.result);
  Interval appended;
  if (llvm::Error e = advance(q, t, appended))
    return e;
  // What the queue appended is what the model computes.
  int64_t rows = 0;
  for (Interval piece : pieces)
    rows += piece.size();
  if (q.rowTiled && rows != appended.size())
    return fail(llvm::formatv("layer '{0}', tile {1}: the model computes {2} "
                              "rows but its buffer takes {3}",
                              layer.name, t, rows, appended.size()));
  for (Interval piece : pieces) {
    GroupCommand c;
    c.kind = Kind::Compute;
    c.layer = i;
    c.tile = t;
    c.box = g.pieceBox(t, i, piece);
    c.operandRegions = graph.operandRegions(l, c.box);
    for (auto [op, region] : llvm::zip(layer.operands, c.operandRegions)) {
      if (region.empty())
        return fail("layer '" + layer.name + "' reads nothing of '" +
                    tensorName(op) +
                    "' (its windows see only padding): not lowered");
      auto w = stepWeights.find(op);
      llvm::Expected<BufferSlice> s =
          sliceOf(op, region, t, w != stepWeights.end() ? w->second : 0);
      if (!s)
        return s.takeError();
      c.operands.push_back(*s);
    }
    llvm::Expected<BufferSlice> r = sliceOf(layer.result, c.box, t);
    if (!r)
      return r.takeError();
    c.result = *r;
    emit(std::move(c));
  }
  return llvm::Error::success();
}

llvm::Error Planner::storeOutputs(unsigned t) {
  for (unsigned id : g.tensors().outputs) {
    const TensorRegion &tile = g.outputTile(t, id);
    if (tile.empty())
      continue;
    llvm::Expected<BufferSlice> s = sliceOf(id, tile, t);
    if (!s)
      return s.takeError();
    GroupCommand c;
    c.kind = Kind::Store;
    c.source = *s;
    c.dram = tile;
    emit(std::move(c));
  }
  return llvm::Error::success();
}

llvm::Expected<GroupProgram> Planner::run() {
  const GroupSchedule &s = g.schedule();
  const GroupTensors &ts = g.tensors();
  GroupFootprint f = groupFootprint(g);
  GroupCapacity cap = groupCapacity(s, arch);
  // Areas: a level split by the accelerator has a weights and an
  // activations part; split by the schedule, the weights take the first
  // `weightBytes` of the level; shared, the weights come first.
  BufferArea weightArea = BufferArea::Shared, actArea = BufferArea::Shared;
  int64_t actBase = f.weightBytes;
  if (s.split.kind == BufferSplit::Kind::Weights) {
    actBase = s.split.weightBytes;
  } else if (!cap.shared) {
    weightArea = BufferArea::Weights;
    actArea = BufferArea::Activations;
    actBase = 0;
  }
  if (llvm::Error e = makeQueues(actArea, actBase))
    return std::move(e);
  unsigned numActivation = p.buffers.size();
  bool resident = s.weights == WeightPolicy::Resident;
  if (resident) {
    int64_t offset = 0;
    llvm::SmallVector<unsigned, 8> weights(ts.weights.begin(),
                                           ts.weights.end());
    byWidestElement(weights);
    for (unsigned id : weights) {
      const GraphTensor &w = graph.tensor(id);
      residentWeights[id] = addBuffer(
          id, w.shape, llvm::SmallVector<int64_t, 4>(w.shape.size(), 0),
          weightArea, offset);
      offset += w.bytes();
    }
  }
  for (unsigned b = 0; b < p.buffers.size(); ++b) {
    GroupCommand c;
    c.kind = Kind::Alloc;
    c.buffer = b;
    emit(std::move(c));
  }
  for (unsigned b = numActivation; b < p.buffers.size(); ++b) {
    GroupCommand c;
    c.kind = Kind::Load;
    c.dram = TensorRegion::whole(p.buffers[b].shape);
    c.dest.buffer = b;
    c.dest.offsets.assign(p.buffers[b].shape.size(), 0);
    c.dest.sizes.assign(p.buffers[b].shape.begin(), p.buffers[b].shape.end());
    emit(std::move(c));
  }

  // Streamed weights: the steps, in order.
  struct Step {
    unsigned tile, layer;
    std::map<unsigned, unsigned> buffers; // tensor -> buffer
    bool allocated = false;
  };
  std::vector<Step> steps;
  if (!resident)
    for (unsigned t = 0; t < g.numTiles(); ++t)
      for (unsigned i = 0; i < g.layers().size(); ++i)
        // A step without weights is a step too: the model double-buffers
        // a step's weights with the previous step's only.
        if (!g.computed(t, i).empty() && graph.layer(g.layers()[i]).computes())
          steps.push_back({t, i, {}, false});
  auto allocStep = [&](unsigned k) {
    Step &st = steps[k];
    if (st.allocated)
      return;
    st.allocated = true;
    // Even steps from the bottom of the area up, odd ones from the top
    // down: a step and the next one never overlap.
    llvm::SmallVector<unsigned, 2> ws = g.weightsOf(st.layer);
    byWidestElement(ws);
    int64_t total = 0;
    for (unsigned w : ws)
      total += graph.tensor(w).bytes();
    int64_t offset = k % 2 == 0 ? 0 : f.weightBytes - total;
    for (unsigned w : ws) {
      const GraphTensor &x = graph.tensor(w);
      unsigned b = addBuffer(w, x.shape,
                             llvm::SmallVector<int64_t, 4>(x.shape.size(), 0),
                             weightArea, offset);
      offset += x.bytes();
      st.buffers[w] = b;
      GroupCommand a;
      a.kind = Kind::Alloc;
      a.buffer = b;
      emit(std::move(a));
      GroupCommand c;
      c.kind = Kind::Load;
      c.dram = TensorRegion::whole(x.shape);
      c.dest.buffer = b;
      c.dest.offsets.assign(x.shape.size(), 0);
      c.dest.sizes.assign(x.shape.begin(), x.shape.end());
      emit(std::move(c));
    }
  };
  unsigned nextStep = 0;

  if (ahead)
    if (llvm::Error e = loadInputs(0))
      return std::move(e);
  static const std::map<unsigned, unsigned> none;
  for (unsigned t = 0; t < g.numTiles(); ++t) {
    if (t + ahead < g.numTiles())
      if (llvm::Error e = loadInputs(t + ahead))
        return std::move(e);
    for (unsigned i = 0; i < g.layers().size(); ++i) {
      bool isStep = nextStep < steps.size() && steps[nextStep].tile == t &&
                    steps[nextStep].layer == i;
      if (!isStep) {
        if (llvm::Error e = computeLayer(t, i, none))
          return std::move(e);
        continue;
      }
      unsigned k = nextStep++;
      allocStep(k);
      if (ahead && k + 1 < steps.size())
        allocStep(k + 1);
      if (llvm::Error e = computeLayer(t, i, steps[k].buffers))
        return std::move(e);
      for (auto [w, b] : steps[k].buffers) {
        GroupCommand c;
        c.kind = Kind::Free;
        c.buffer = b;
        emit(std::move(c));
      }
    }
    if (llvm::Error e = storeOutputs(t))
      return std::move(e);
  }
  for (unsigned b = 0; b < numActivation; ++b) {
    GroupCommand c;
    c.kind = Kind::Free;
    c.buffer = b;
    emit(std::move(c));
  }
  for (auto [w, b] : residentWeights) {
    GroupCommand c;
    c.kind = Kind::Free;
    c.buffer = b;
    emit(std::move(c));
  }
  return std::move(p);
}

} // namespace

llvm::Expected<GroupProgram> accel::planGroupProgram(const GroupTiling &tiling,
                                                     const Arch &arch) {
  if (arch.memories.size() <= kGroupLevel)
    return fail("the accelerator has no on-chip level for a group");
  return Planner(tiling, arch).run();
}
