//===- LoopNest.cpp - A mapping bound to an accelerator -------------------===//

#include "accel/CostModel/LoopNest.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;

static llvm::Error bindError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// Appends a loop, written in place: a pushed temporary is written field by
/// field and copied with wide loads, which stalls store forwarding.
static void addLoop(LoopNest &nest, Dim d, int64_t trip, int64_t step,
                    unsigned level, const FanoutStage *stage = nullptr) {
  NestLoop &l = nest.loops.emplace_back();
  l.dim = d;
  l.trip = trip;
  l.step = step;
  l.level = uint8_t(level);
  l.spatial = stage != nullptr;
  if (stage) {
    l.multicast = stage->multicast;
    l.reduction = stage->spatialReduction;
  }
}

namespace {
/// A fan-out stage and how much of it the levels placed so far use.
struct StageSlot {
  unsigned memory, index;
  const FanoutStage *stage;
  unsigned levelsUsed = 0;
  int64_t unitsUsed = 1;
};
} // namespace

llvm::Error accel::buildLoopNest(const LayerProblem &problem, const Arch &arch,
                                 const Mapping &mapping, LoopNest &nest) {
  const LoopBounds &b = problem.bounds;
  if (llvm::Error e = verifyMapping(mapping, &b))
    return e;
  nest = LoopNest();

  unsigned parallelLevels = 0;
  for (const MappingLevel &l : mapping.levels())
    parallelLevels += l.spatial.has_value();
  if (parallelLevels < arch.minParallelLevels ||
      parallelLevels > arch.maxParallelLevels)
    return bindError(llvm::formatv(
        "{0} allows {1} to {2} levels with a spatial dimension, the mapping "
        "has {3}",
        arch.name, arch.minParallelLevels, arch.maxParallelLevels,
        parallelLevels));

  llvm::SmallVector<StageSlot, 8> slots;
  for (auto [m, mem] : llvm::enumerate(arch.memories))
    for (auto [s, stage] : llvm::enumerate(mem.fanout))
      slots.push_back({unsigned(m), unsigned(s), &stage});
  unsigned cursor = 0;

  // Each level's spatial loop: its position (index into loops), the memory
  // whose stage it uses and the level.
  struct SpatialAt {
    unsigned pos, memory, level;
  };
  llvm::SmallVector<SpatialAt, 8> spatialAt;
  unsigned numLevels = mapping.numLevels;
  // The extent each level splits (its parent's resolved tile), as
  // Mapping::resolvedTile and tripCount define it, kept level by level.
  PerDim<int64_t> extent = b.extent;
  for (unsigned i = 0; i < numLevels; ++i) {
    const MappingLevel &l = mapping.level(i);
    PerDim<int64_t> tiles;
    for (Dim d : kAllDims)
      tiles[d] = l.tile[d] == 0 ? extent[d] : l.tile[d];
    // Temporal loops in the level's order; the spatial dimension's temporal
    // loop steps over fan-out x tile.
    for (Dim d : l.loops()) {
      int64_t step = tiles[d] * (l.spatial == d ? l.fanout : int64_t(1));
      int64_t trip = step >= extent[d] ? 1 : (extent[d] + step - 1) / step;
      if (trip > 1)
        addLoop(nest, d, trip, step, i);
    }
    extent = tiles;
    if (l.spatial) {
      Dim d = *l.spatial;
      int64_t tile = tiles[d];
      // Find a stage for the fan-out.
      while (cursor < slots.size()) {
        StageSlot &s = slots[cursor];
        bool dimOk = s.stage->dims.empty() ||
                     llvm::is_contained(s.stage->dims, dimName(d).str());
        if (dimOk && s.levelsUsed < s.stage->maxMappingLevels &&
            s.unitsUsed * l.fanout <= s.stage->size)
          break;
        ++cursor;
      }
      if (cursor == slots.size())
        return bindError(llvm::formatv(
            "level {0}: spatial {1}*{2} fits no fan-out stage left on {3}", i,
            dimName(d), l.fanout, arch.name));
      StageSlot &s = slots[cursor];
      s.levelsUsed++;
      s.unitsUsed *= l.fanout;
      nest.stageOf.push_back({s.memory, s.index});
      spatialAt.push_back({unsigned(nest.loops.size()), s.memory, i});
      if (l.fanout > 1)
        addLoop(nest, d, l.fanout, tile, i, s.stage);
    }
  }

  // The processing element's own loops over its tile, in the innermost
  // level's order, then the dimensions that level does not list.
  nest.peBegin = nest.loops.size();
  const MappingLevel &inner = mapping.level(numLevels - 1);
  PerDim<bool> placed;
  auto addPeLoop = [&](Dim d) {
    if (placed[d])
      return;
    placed[d] = true;
    int64_t tile = extent[d];
    if (tile > 1)
      addLoop(nest, d, tile, 1, numLevels);
  };
  for (Dim d : inner.loops())
    addPeLoop(d);
  for (Dim d : kAllDims)
    addPeLoop(d);

  // The cost model selects loops with 64-bit sets; a mapping that unrolls
  // into more loops (every dimension split on eight levels) is refused.
  if (nest.loops.size() > kMaxNestLoops)
    return bindError(llvm::formatv(
        "the mapping unrolls into {0} loops with more than one iteration; the "
        "cost model takes at most {1}",
        nest.loops.size(), kMaxNestLoops));

  // Memory positions, innermost first.
  unsigned numMemories = arch.memories.size();
  nest.position.assign(numMemories, 0);
  nest.tileLevel.assign(numMemories, 0);
  unsigned next = nest.peBegin, nextLevel = numLevels - 1;
  for (unsigned m = numMemories; m-- > 1;) {
    for (const SpatialAt &at : spatialAt)
      if (at.memory == m) {
        if (at.pos < next || (at.pos == next && at.level < nextLevel)) {
          next = at.pos;
          nextLevel = at.level;
        }
        break;
      }
    nest.position[m] = next;
    nest.tileLevel[m] = nextLevel;
  }
  nest.position[0] = 0;
  if (problem.wholeOnChip && numMemories > 1)
    for (unsigned k = 0; k < nest.position[1]; ++k)
      if (nest.loops[k].dim == *problem.wholeOnChip)
        return bindError(llvm::formatv(
            "{0} must stay whole in {1} (a normalization needs all of it), "
            "but the loops above it split it {2} ways",
            dimName(*problem.wholeOnChip), arch.memories[1].name,
            nest.loops[k].trip));
  return llvm::Error::success();
}
