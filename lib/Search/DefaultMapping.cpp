//===- DefaultMapping.cpp - A reasonable mapping without a search ---------===//

#include "accel/Search/DefaultMapping.h"
#include "Divisors.h"
#include "llvm/Support/FormatVariadic.h"
#include <random>

using namespace accel;

namespace {

constexpr std::array<Dim, kNumDims> kOrder = {Dim::N, Dim::G, Dim::K, Dim::P,
                                              Dim::Q, Dim::C, Dim::R, Dim::S};
constexpr std::array<Dim, 6> kSpatialPreference = {Dim::K, Dim::C, Dim::P,
                                                   Dim::Q, Dim::G, Dim::N};

struct Template {
  llvm::SmallVector<std::pair<Dim, int64_t>, 4> spatial; // (dim, fan-out)
  bool temporalOnly = false; ///< one level, spreading nothing
  /// tile[i][d]: per-unit tile of d at level i.
  llvm::SmallVector<PerDim<int64_t>, 4> tile;

  /// The mapping; a loop whose tile is its parent's extent is left out (it
  /// would run once), except the spatial dimension's.
  Mapping build(const LoopBounds &b) const {
    Mapping m;
    for (unsigned i = 0; i < spatial.size(); ++i) {
      MappingLevel &l = m.addLevel();
      if (!temporalOnly) {
        l.spatial = spatial[i].first;
        l.fanout = spatial[i].second;
      }
      for (Dim d : kOrder) {
        int64_t parent = i == 0 ? b[d] : tile[i - 1][d];
        if (tile[i][d] < parent || l.spatial == d)
          l.addLoop(d, tile[i][d]);
      }
      if (l.numLoops == 0)
        l.addLoop(Dim::N, tile[i][Dim::N]);
    }
    return m;
  }
};

} // namespace

llvm::Expected<Mapping> accel::defaultMapping(const LayerProblem &problem,
                                              const Arch &arch,
                                              const CostOptions &options,
                                              unsigned steps, uint64_t seed) {
  const LoopBounds &b = problem.bounds;
  Template t;
  // Spatial levels: walk the stages outer to inner. A level the
  // accelerator requires (too few stage levels after it to make up its
  // minimum) spreads one of its stage's dimensions once when nothing of the
  // layer can be spread there (a pooling layer on stages that spread only
  // K and C).
  unsigned after = 0; // stage levels after the current one
  for (const MemoryLevel &mem : arch.memories)
    for (const FanoutStage &stage : mem.fanout)
      after += stage.maxMappingLevels;
  PerDim<bool> used;
  for (const MemoryLevel &mem : arch.memories)
    for (const FanoutStage &stage : mem.fanout) {
      int64_t left = stage.size;
      unsigned n = 0;
      for (; n < stage.maxMappingLevels; ++n) {
        --after;
        if (t.spatial.size() == arch.maxParallelLevels)
          break;
        bool required = t.spatial.size() + after < arch.minParallelLevels;
        std::optional<Dim> best;
        for (Dim d : kSpatialPreference) {
          bool allowed = stage.dims.empty() ||
                         llvm::is_contained(stage.dims, dimName(d).str());
          if (left >= 2 && allowed && !used[d] && b[d] > 1 &&
              (!best || b[d] > b[*best]))
            best = d;
        }
        if (!best && required) {
          t.spatial.push_back(
              {stage.dims.empty()
                   ? Dim::N
                   : parseDim(stage.dims.front()).value_or(Dim::N),
               1});
          continue;
        }
        if (!best)
          break;
        used[*best] = true;
        int64_t fan = std::min(left, b[*best]);
        t.spatial.push_back({*best, fan});
        left /= fan;
      }
      // The levels of this stage left unused.
      after -= stage.maxMappingLevels - std::min(n + 1, stage.maxMappingLevels);
    }
  // Levels still wanted, spreading nothing (fan-out 1) on the stage levels
  // after those used: the accelerator's minimum, and for a dimension that
  // must stay whole on chip a second level, whose loops run on chip (with
  // one level, all of it would be one PE's tile).
  unsigned wanted = arch.minParallelLevels;
  if (problem.wholeOnChip && !t.spatial.empty())
    wanted = std::max(wanted, std::min(2u, arch.maxParallelLevels));
  llvm::SmallVector<const FanoutStage *, 8> stageLevels;
  for (const MemoryLevel &mem : arch.memories)
    for (const FanoutStage &stage : mem.fanout)
      stageLevels.append(stage.maxMappingLevels, &stage);
  while (t.spatial.size() < wanted && t.spatial.size() < stageLevels.size()) {
    const FanoutStage &stage = *stageLevels[t.spatial.size()];
    t.spatial.push_back({stage.dims.empty()
                             ? Dim::N
                             : parseDim(stage.dims.front()).value_or(Dim::N),
                         1});
  }
  if (t.spatial.size() < arch.minParallelLevels)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("no default mapping: {0} needs {1} spatial levels but "
                      "its fan-out stages take {2}",
                      arch.name, arch.minParallelLevels, t.spatial.size()));
  if (t.spatial.empty()) {
    t.spatial.push_back({Dim::N, 1}); // nothing to spread: one temporal level
    t.temporalOnly = true;
  }
  unsigned levels = t.spatial.size();
  // Minimal tiles: 1, except that a level's tile of a dimension a deeper
  // level spreads must hold that level's fan-out.
  t.tile.assign(levels, PerDim<int64_t>());
  for (unsigned i = 0; i < levels; ++i)
    for (Dim d : kAllDims) {
      int64_t need = 1;
      for (unsigned j = i + 1; j < levels; ++j)
        if (t.spatial[j].first == d)
          need *= t.spatial[j].second;
      t.tile[i][d] = need;
    }
  // A dimension that must stay whole on chip: level 0's temporal loops
  // (above the first on-chip memory) do not split it.
  // (Spread there, its fan-out must divide it: fan-out x tile covers it
  // exactly.)
  if (std::optional<Dim> w = problem.wholeOnChip) {
    int64_t fan = 1;
    if (!t.temporalOnly && t.spatial[0].first == *w) {
      fan = detail::nearestDivisor(b[*w], t.spatial[0].second, 1,
                                   t.spatial[0].second);
      t.spatial[0].second = fan;
    }
    t.tile[0][*w] = std::max(t.tile[0][*w], b[*w] / fan);
  }
  CostResult best = evaluate(problem, arch, t.build(b), options);
  if (!best.valid)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "no default mapping: even the smallest tiles do not fit: " +
            best.reason);
  CostOptions climb = options;
  // Rejected steps need no more than the verdict: not their numbers, nor
  // the reason as text.
  climb.stopWhenInvalid = true;
  climb.describeInvalid = false;
  std::mt19937_64 rng(seed);
  for (unsigned s = 0; s < steps; ++s) {
    unsigned i = std::uniform_int_distribution<unsigned>(0, levels - 1)(rng);
    Dim d =
        kAllDims[std::uniform_int_distribution<unsigned>(0, kNumDims - 1)(rng)];
    Template next = t;
    int64_t parent = i == 0 ? b[d] : next.tile[i - 1][d];
    int64_t fan = next.spatial[i].first == d ? next.spatial[i].second : 1;
    int64_t grown = std::min(next.tile[i][d] * 2, parent / fan);
    if (grown <= next.tile[i][d])
      continue;
    next.tile[i][d] = grown;
    CostResult r = evaluate(problem, arch, next.build(b), climb);
    if (r.valid && r.edp <= best.edp) {
      t = next;
      best = r;
    }
  }
  return t.build(b);
}
