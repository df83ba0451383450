//===- GeneticOperators.cpp - GAMMA's evolution operators -----------------===//

#include "accel/Search/GeneticOperators.h"

using namespace accel;

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
  llvm::SmallVector<int64_t, 16> divisors;
  for (int64_t d = 1; d * d <= parent; ++d)
    if (parent % d == 0) {
      divisors.push_back(d);
      if (d * d != parent)
        divisors.push_back(parent / d);
    }
  return divisors[pick(rng, divisors.size())];
}
/// The extent level `i` splits.
int64_t parentExtent(const Genome &g, const SearchSpace &space, unsigned i,
                     Dim d) {
  return i == 0 ? space.problem().bounds[d] : g[i - 1].tile[d];
}
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

void accel::mutateParallelDim(Genome &g, const SearchSpace &space, Rng &rng) {
  if (g.numLevels == 0)
    return;
  GenomeLevel &l = g[pick(rng, g.numLevels)];
  l.spatial = pickDim(space, rng);
  // Spread it as far as the stage allows; repair trims the fan-out.
  l.fanout = space.arch().numPEs();
  space.repair(g);
}

void accel::mutateTile(Genome &g, const SearchSpace &space, Rng &rng) {
  if (g.numLevels == 0)
    return;
  unsigned i = pick(rng, g.numLevels);
  Dim d = pickDim(space, rng);
  GenomeLevel &l = g[i];
  int64_t parent = parentExtent(g, space, i, d);
  l.tile[d] = newTile(rng, parent);
  if (l.spatial == d)
    l.fanout = newTile(rng, parent / l.tile[d]);
  space.repair(g);
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
  l.fanout = space.arch().numPEs(); // as wide as the stage allows
  g[g.numLevels++] = l;
  space.repair(g);
}

void accel::age(Genome &g, const SearchSpace &space) {
  if (g.numLevels <= space.minLevels())
    return;
  --g.numLevels;
  space.repair(g);
}
