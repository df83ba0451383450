//===- GeneticOperators.cpp - GAMMA's evolution operators -----------------===//

#include "accel/Search/GeneticOperators.h"
#include "Divisors.h"
#include <cmath>

using namespace accel;
using detail::divisorsOf;
using detail::nearestDivisor;

namespace {
unsigned pick(Rng &rng, unsigned n) {
  return std::uniform_int_distribution<unsigned>(0, n - 1)(rng);
}
/// A random dimension worth changing (an active one when there is any).
Dim pickDim(const SearchSpace &space, Rng &rng) {
  llvm::ArrayRef<Dim> active = space.activeDims();
  return active.empty() ? kAllDims[pick(rng, kNumDims)]
                        : active[pick(rng, active.size())];
}
/// A new tile in [1, parent]: half the time a divisor of the parent (no
/// ragged edge tile), else log-uniform.
int64_t newTile(Rng &rng, int64_t parent) {
  if (parent <= 1)
    return 1;
  if (std::uniform_int_distribution<int>(0, 1)(rng))
    return SearchSpace::randomTile(rng, parent);
  llvm::SmallVector<int64_t, 32> divisors = divisorsOf(parent);
  return divisors[pick(rng, divisors.size())];
}
/// The extent level `i` splits.
int64_t parentExtent(const Genome &g, const SearchSpace &space, unsigned i,
                     Dim d) {
  return i == 0 ? space.problem().bounds[d] : g[i - 1].tile[d];
}
/// How busy `room` units are when as many of them as can spread an extent
/// `e`, one element each: the elements over the unit-steps (units idle on a
/// ragged last step and units left out both count as lost).
double busyFraction(int64_t e, int64_t room) {
  return double(e) / double(ceilDiv(e, std::min(room, e)) * room);
}
/// The smallest divisor of `n` above `t` (`n` when there is none).
int64_t nextDivisor(int64_t n, int64_t t) {
  int64_t up = n;
  for (int64_t c : divisorsOf(n))
    if (c > t)
      up = std::min(up, c);
  return up;
}
/// The largest divisor of `n` at most `t` (1 when there is none).
int64_t prevDivisor(int64_t n, int64_t t) {
  int64_t down = 1;
  for (int64_t c : divisorsOf(n))
    if (c <= t)
      down = std::max(down, c);
  return down;
}
/// How often mutateTile grows a tile for reuse instead of drawing one.
constexpr double kReuseGrowth = 0.3;
} // namespace

void accel::crossover(Genome &child, const Genome &other,
                      const SearchSpace &space, Rng &rng) {
  Dim d = pickDim(space, rng);
  unsigned common = std::min(child.numLevels, other.numLevels);
  for (unsigned i = 0; i < common; ++i)
    child[i].tile[d] = other[i].tile[d];
  if (common > 0) {
    unsigned i = pick(rng, common);
    child[i].spatial = other[i].spatial;
    child[i].fanout = other[i].fanout;
  }
  space.repair(child);
}

/// A fan-out for level `i` of `g`: as wide as its stage allows, or (half the
/// time) the widest that divides the extent it spreads (no ragged step).
static int64_t newFanout(const Genome &g, unsigned i, const SearchSpace &space,
                         Rng &rng) {
  const GenomeLevel &l = g[i];
  int64_t whole = parentExtent(g, space, i, l.spatial) / l.tile[l.spatial];
  int64_t most = std::min(space.fanoutRoom(g, i), whole);
  if (most <= 1 || std::uniform_int_distribution<int>(0, 1)(rng))
    return std::max<int64_t>(1, most);
  int64_t widest = nearestDivisor(whole, most, 1, most);
  return widest > 1 ? widest : most;
}

/// Grows the tiles of `d` at the levels above `i` so that level `i` can
/// spread `units` x its tile of `d` (a new parallel dimension would else be
/// starved by a small tile above it).
static void makeRoomAbove(Genome &g, unsigned i, Dim d, int64_t units) {
  int64_t need = units * g[i].tile[d];
  for (unsigned j = i; j-- > 0;) {
    g[j].tile[d] = std::max(g[j].tile[d], need);
    need = g[j].tile[d] * (g[j].spatial == d ? g[j].fanout : 1);
  }
}

/// An active dimension that keeps the units level `i` may use busiest when
/// it spreads it (busyFraction over the layer's extent: the tiles above can
/// grow); ties are broken at random.
static Dim fillingDim(const Genome &g, unsigned i, const SearchSpace &space,
                      Rng &rng) {
  Genome probe = g;
  probe[i].fanout = 1;
  llvm::SmallVector<int, kMaxMappingLevels> at = space.assignStages(probe);
  int64_t room = space.fanoutRoom(probe, i);
  llvm::SmallVector<Dim, kNumDims> best;
  double bestBusy = -1;
  for (Dim d : space.activeDims()) {
    if (at[i] >= 0 && !space.stageAllows(*space.slots()[at[i]].stage, d))
      continue;
    double busy = busyFraction(space.problem().bounds[d], room);
    if (busy > bestBusy)
      best.clear();
    if (busy >= bestBusy) {
      bestBusy = busy;
      best.push_back(d);
    }
  }
  return best.empty() ? g[i].spatial : best[pick(rng, best.size())];
}

void accel::mutateParallelDim(Genome &g, const SearchSpace &space, Rng &rng) {
  if (g.numLevels == 0)
    return;
  unsigned i = pick(rng, g.numLevels);
  GenomeLevel &l = g[i];
  Dim random = pickDim(space, rng);
  // Half the time, a dimension that keeps the units of the level's stage
  // busiest (asked before the level changes: its dimension picks the stage).
  l.spatial = std::uniform_int_distribution<int>(0, 1)(rng)
                  ? fillingDim(g, i, space, rng)
                  : random;
  // A unit of a parallel level usually takes one element of what it spreads.
  if (std::uniform_int_distribution<int>(0, 1)(rng))
    l.tile[l.spatial] = 1;
  l.fanout = 1;
  space.repair(g);
  if (std::uniform_int_distribution<int>(0, 1)(rng)) {
    makeRoomAbove(g, i, g[i].spatial, space.fanoutRoom(g, i));
    space.repair(g);
  }
  g[i].fanout = newFanout(g, i, space, rng);
  space.repair(g);
}

// See GeneticOperators.h.
void accel::growForReuse(Genome &g, const SearchSpace &space, Rng &rng,
                         const std::optional<Bottleneck> &bottleneck) {
  if (g.numLevels == 0)
    return;
  unsigned randomLevel = pick(rng, g.numLevels);
  Tensor randomTensor = kAllTensors[pick(rng, kNumTensors)];
  // The bottleneck's tiles first; when none of them can grow, random ones.
  for (bool useBottleneck : {true, false}) {
    if (useBottleneck && (!bottleneck || bottleneck->level >= g.numLevels))
      continue;
    unsigned i = useBottleneck ? bottleneck->level : randomLevel;
    Tensor x = useBottleneck ? bottleneck->tensor : randomTensor;
    llvm::SmallVector<Dim, kNumDims> dims;
    for (Dim d : space.activeDims())
      if (!isRelevant(x, d) && g[i].tile[d] < parentExtent(g, space, i, d))
        dims.push_back(d);
    if (dims.empty())
      continue;
    Dim d = dims[pick(rng, dims.size())];
    g[i].tile[d] = nextDivisor(parentExtent(g, space, i, d), g[i].tile[d]);
    space.repair(g);
    return;
  }
}

void accel::mutateTile(Genome &g, const SearchSpace &space, Rng &rng,
                       const std::optional<Bottleneck> &bottleneck) {
  if (g.numLevels == 0)
    return;
  if (std::uniform_real_distribution<double>(0, 1)(rng) < kReuseGrowth) {
    growForReuse(g, space, rng, bottleneck);
    return;
  }
  unsigned i = pick(rng, g.numLevels);
  Dim d = pickDim(space, rng);
  GenomeLevel &l = g[i];
  int64_t parent = parentExtent(g, space, i, d);
  l.tile[d] = newTile(rng, parent);
  space.repair(g);
  if (g[i].spatial == d) {
    g[i].fanout = 1;
    space.repair(g);
    g[i].fanout = newFanout(g, i, space, rng);
    space.repair(g);
  }
}

void accel::reorder(Genome &g, const SearchSpace &space, Rng &rng) {
  if (g.numLevels == 0)
    return;
  GenomeLevel &l = g[pick(rng, g.numLevels)];
  // Swap two of the dimensions that have loops (others never run).
  llvm::ArrayRef<Dim> active = space.activeDims();
  if (active.size() < 2)
    return;
  Dim a = active[pick(rng, active.size())];
  Dim b = active[pick(rng, active.size())];
  auto ia = llvm::find(l.order, a), ib = llvm::find(l.order, b);
  std::iter_swap(ia, ib);
  space.repair(g);
}

void accel::grow(Genome &g, const SearchSpace &space, Rng &rng) {
  if (g.numLevels == 0 || g.numLevels >= space.maxLevels())
    return;
  const GenomeLevel &last = g[g.numLevels - 1];
  GenomeLevel l;
  l.spatial = pickDim(space, rng);
  l.order = last.order;
  std::shuffle(l.order.begin(), l.order.end(), rng);
  for (Dim d : kAllDims)
    l.tile[d] = newTile(rng, last.tile[d]);
  l.fanout = 1;
  g[g.numLevels++] = l;
  space.repair(g);
  if (g.numLevels > 0) {
    unsigned i = g.numLevels - 1;
    g[i].fanout = newFanout(g, i, space, rng);
    space.repair(g);
  }
}

void accel::age(Genome &g, const SearchSpace &space) {
  if (g.numLevels <= space.minLevels())
    return;
  --g.numLevels;
  space.repair(g);
}

// See GeneticOperators.h.
void accel::makeDivisorChain(Genome &g, const SearchSpace &space, Dim d) {
  space.divisorChain(g, d);
  space.repair(g);
}

void accel::refactorParallel(Genome &g, const SearchSpace &space, Rng &rng) {
  if (g.numLevels == 0)
    return;
  makeDivisorChain(g, space, g[pick(rng, g.numLevels)].spatial);
}

// See GeneticOperators.h.
bool accel::rebalanceStage(Genome &g, const SearchSpace &space, Rng &rng) {
  llvm::SmallVector<int, kMaxMappingLevels> at = space.assignStages(g);
  llvm::SmallVector<std::pair<unsigned, unsigned>, 4> pairs;
  for (unsigned i = 0; i < g.numLevels; ++i)
    for (unsigned j = i + 1; j < g.numLevels; ++j)
      if (at[i] >= 0 && at[i] == at[j])
        pairs.push_back({i, j});
  if (pairs.empty())
    return false;
  auto [i, j] = pairs[pick(rng, pairs.size())];
  int64_t size = space.slots()[at[i]].stage->size;
  Dim di = g[i].spatial, dj = g[j].spatial;
  int64_t ei = space.problem().bounds[di];
  // Fan-outs that divide what they spread (makeDivisorChain keeps them),
  // both at least 2 (repair moves a level whose stage is full to the next
  // stage): the pairs using the most units. Level j spreads what level i
  // leaves to each unit when both spread the same dimension.
  auto extentOfJ = [&](int64_t fi) {
    return di == dj ? ei / fi : space.problem().bounds[dj];
  };
  llvm::SmallVector<std::pair<int64_t, int64_t>, 16> best;
  int64_t mostUnits = 0;
  for (int64_t fi : divisorsOf(ei)) {
    if (fi < 2 || fi > size / 2)
      continue;
    int64_t fj = prevDivisor(extentOfJ(fi), size / fi);
    if (fj < 2)
      continue;
    if (fi * fj > mostUnits)
      best.clear();
    if (fi * fj >= mostUnits) {
      mostUnits = fi * fj;
      best.push_back({fi, fj});
    }
  }
  if (best.empty())
    return false;
  auto [fi, fj] = best[pick(rng, best.size())];
  // A unit's tile must leave the fan-out something to spread.
  g[i].tile[di] = std::min(g[i].tile[di], ei / fi);
  g[i].fanout = fi;
  g[j].fanout = 1;
  makeRoomAbove(g, i, di, fi);
  space.repair(g);
  g[j].tile[dj] = std::min(g[j].tile[dj], extentOfJ(fi) / fj);
  g[j].fanout = fj;
  makeRoomAbove(g, j, dj, fj);
  space.repair(g);
  makeDivisorChain(g, space, di);
  if (dj != di)
    makeDivisorChain(g, space, dj);
  return true;
}

void accel::splitParallel(Genome &g, const SearchSpace &space, Rng &rng) {
  // Half the time, a stage that already hosts two levels shares its units
  // out anew.
  if (std::uniform_int_distribution<int>(0, 1)(rng) &&
      rebalanceStage(g, space, rng))
    return;
  if (g.numLevels == 0 || g.numLevels >= space.maxLevels())
    return;
  llvm::SmallVector<int, kMaxMappingLevels> at = space.assignStages(g);
  llvm::SmallVector<unsigned, kMaxMappingLevels> candidates;
  for (unsigned i = 0; i < g.numLevels; ++i) {
    if (at[i] < 0)
      continue;
    unsigned onStage = llvm::count(at, at[i]);
    if (onStage < space.slots()[at[i]].stage->maxMappingLevels)
      candidates.push_back(i);
  }
  if (candidates.empty())
    return;
  unsigned i = candidates[pick(rng, candidates.size())];
  const FanoutStage &stage = *space.slots()[at[i]].stage;
  llvm::SmallVector<Dim, kNumDims> dims;
  for (Dim d : space.activeDims())
    if (d != g[i].spatial && space.stageAllows(stage, d))
      dims.push_back(d);
  if (dims.empty())
    return;
  // The room level i had is shared between it and the new level: level i
  // keeps a divisor f of it, the new level spreads another dimension over
  // the rest. Prefer splits where both fan-outs divide what they spread.
  int64_t room = space.fanoutRoom(g, i);
  Dim d1 = g[i].spatial;
  int64_t whole1 = parentExtent(g, space, i, d1) / g[i].tile[d1];
  struct Split {
    int64_t f;
    Dim d;
  };
  llvm::SmallVector<Split, 64> exact, any;
  for (int64_t f : divisorsOf(room)) {
    if (f == room)
      continue;
    for (Dim d : dims) {
      any.push_back({f, d});
      if (whole1 % f == 0 && g[i].tile[d] % (room / f) == 0)
        exact.push_back({f, d});
    }
  }
  if (any.empty())
    return;
  bool useExact = !exact.empty();
  Split s =
      useExact ? exact[pick(rng, exact.size())] : any[pick(rng, any.size())];
  GenomeLevel added = g[i];
  added.spatial = s.d;
  g[i].fanout = s.f;
  added.fanout = room / s.f;
  if (useExact)
    added.tile[s.d] = g[i].tile[s.d] / added.fanout;
  else if (std::uniform_int_distribution<int>(0, 1)(rng))
    added.tile[added.spatial] = 1;
  for (unsigned j = g.numLevels; j > i + 1; --j)
    g[j] = g[j - 1];
  g[i + 1] = added;
  ++g.numLevels;
  makeRoomAbove(g, i + 1, added.spatial, added.fanout);
  space.repair(g);
}

bool accel::shrinkToFit(Genome &g, const SearchSpace &space,
                        const CostResult &r) {
  if (!r.overflow)
    return false;
  const Overflow &o = *r.overflow;
  unsigned i = r.levels[o.memory].mappingLevel;
  if (i >= g.numLevels)
    return false;
  // The overflowing partition, or the tensors sharing the level, largest
  // first: the first with a tile to shrink.
  llvm::SmallVector<Tensor, kNumTensors> tensors;
  if (o.tensor)
    tensors.push_back(*o.tensor);
  else
    tensors.assign(kAllTensors.begin(), kAllTensors.end());
  const PerTensor<int64_t> &bytes = r.levels[o.memory].bytes;
  std::stable_sort(tensors.begin(), tensors.end(),
                   [&](Tensor a, Tensor b) { return bytes[a] > bytes[b]; });
  std::optional<Dim> largest;
  for (Tensor x : tensors) {
    if (bytes[x] == 0)
      continue;
    for (Dim d : kAllDims)
      // Tiles the user fixed stay (repair would restore them).
      if (isRelevant(x, d) && g[i].tile[d] > 1 && !space.isFixed(i, d) &&
          (!largest || g[i].tile[d] > g[i].tile[*largest]))
        largest = d;
    if (largest)
      break;
  }
  if (!largest)
    return false;
  Dim d = *largest;
  int64_t tile = g[i].tile[d];
  int64_t parent = parentExtent(g, space, i, d);
  double keep = double(o.have) / double(o.need);
  // A tile as large as its parent's has no loop over it at its level yet;
  // shrinking it adds one, which may refill the tensor there and double
  // its buffer.
  if (tile == parent)
    keep /= 2;
  int64_t most =
      std::max<int64_t>(1, std::min(tile - 1, int64_t(double(tile) * keep)));
  // Below the old tile and not fixed: repair, which only clamps tiles down,
  // cannot undo it.
  g[i].tile[d] = prevDivisor(parent, most);
  space.repair(g);
  return true;
}

std::optional<Bottleneck> accel::findBottleneck(const CostResult &r) {
  if (r.levels.empty())
    return std::nullopt;
  unsigned slow = 0;
  for (unsigned m = 1; m < r.levels.size(); ++m)
    if (r.levels[m].transferCycles > r.levels[slow].transferCycles)
      slow = m;
  const LevelCost &lc = r.levels[slow];
  if (lc.transferCycles <= double(r.computeCycles))
    return std::nullopt;
  Tensor heavy = Tensor::Weights;
  for (Tensor x : kAllTensors)
    if (lc.reads[x] + lc.writes[x] > lc.reads[heavy] + lc.writes[heavy])
      heavy = x;
  // The children are the next level inward that holds the tensor; when
  // none does, the traffic is the MACs' own and no tile can grow for it.
  for (unsigned m = slow + 1; m < r.levels.size(); ++m)
    if (r.levels[m].bytes[heavy] > 0)
      return Bottleneck{heavy, r.levels[m].mappingLevel};
  return std::nullopt;
}
