//===- ExhaustiveSearch.cpp - Every genome of a small space ---------------===//
//
// Enumerates every level count, parallel dimension, tile of each active
// dimension, fan-out and order of the active dimensions (inactive ones run
// once: their order is irrelevant), keeps the genomes `repair` leaves
// unchanged (exactly the space the other searches explore) and evaluates
// them in batches. The optimum it finds is the oracle of the gtests.
//
//===----------------------------------------------------------------------===//

#include "Strategies.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <functional>

using namespace accel;

static int64_t satMul(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  return a > INT64_MAX / b ? INT64_MAX : a * b;
}

/// Spatial dimensions a level may take.
static llvm::SmallVector<Dim, kNumDims> spatialChoices(const SearchSpace &s,
                                                       unsigned level) {
  if (level < s.constraints().dataflow.size())
    return {s.constraints().dataflow[level]};
  llvm::SmallVector<Dim, kNumDims> dims(s.activeDims());
  if (dims.empty())
    dims.push_back(Dim::K);
  return dims;
}

int64_t accel::exhaustiveSpaceSize(const SearchSpace &space) {
  // An upper bound: per level count, the chains of tiles (non-increasing
  // from the outermost level: C(E + n - 1, n) for an extent E over n
  // levels) x (parallel dimensions x orders x fan-outs) per level, a
  // fan-out being at most the largest extent.
  int64_t orders = 1;
  if (space.constraints().order.empty())
    for (unsigned i = 2; i <= space.activeDims().size(); ++i)
      orders *= i;
  int64_t maxExtent = 1;
  for (Dim d : space.activeDims())
    maxExtent = std::max(maxExtent, space.problem().bounds[d]);
  int64_t total = 0;
  for (unsigned n = space.minLevels(); n <= space.maxLevels(); ++n) {
    int64_t count = 1;
    for (Dim d : space.activeDims()) {
      // C(E + n - 1, n), computed incrementally (exact at every step).
      int64_t e = space.problem().bounds[d], chains = 1;
      for (unsigned k = 1; k <= n; ++k)
        chains = satMul(chains, e + k - 1) / k;
      count = satMul(count, chains);
    }
    for (unsigned i = 0; i < n; ++i)
      count = satMul(count, satMul(satMul(orders, maxExtent),
                                   spatialChoices(space, i).size()));
    total = count > INT64_MAX - total ? INT64_MAX : total + count;
  }
  return total;
}

llvm::Error accel::runExhaustive(Evaluator &eval) {
  const SearchSpace &space = eval.space;
  int64_t size = exhaustiveSpaceSize(space);
  if (size > eval.options.exhaustiveLimit)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("exhaustive search: the space has up to {0} mappings, "
                      "more than the limit of {1}",
                      size, eval.options.exhaustiveLimit));
  llvm::SmallVector<Dim, kNumDims> active(space.activeDims());
  std::vector<Genome> batch;
  auto flush = [&] {
    eval.evaluate(batch);
    eval.endGeneration();
    batch.clear();
  };
  Genome g;
  // Recursion over levels; within a level over spatial dimension, tiles of
  // the active dimensions, fan-out and order.
  std::function<void(unsigned, unsigned)> level = [&](unsigned i,
                                                      unsigned count) {
    if (i == count) {
      Genome repaired = g;
      space.repair(repaired);
      if (repaired == g) {
        batch.push_back(g);
        if (batch.size() == 4096)
          flush();
      }
      return;
    }
    GenomeLevel &l = g[i];
    PerDim<int64_t> parent =
        i == 0 ? space.problem().bounds.extent : g[i - 1].tile;
    for (Dim d : kAllDims)
      l.tile[d] = parent[d]; // inactive dimensions: 1 = their extent
    std::function<void(unsigned)> tiles = [&](unsigned a) {
      if (a == active.size()) {
        for (Dim s : spatialChoices(space, i)) {
          l.spatial = s;
          for (int64_t f = 1; f <= parent[s] / l.tile[s]; ++f) {
            l.fanout = f;
            // Orders: permutations of the active dimensions, then the rest.
            llvm::SmallVector<Dim, kNumDims> perm(active);
            llvm::sort(perm);
            do {
              unsigned n = 0;
              for (Dim d : perm)
                l.order[n++] = d;
              for (Dim d : kAllDims)
                if (!llvm::is_contained(active, d))
                  l.order[n++] = d;
              level(i + 1, count);
            } while (space.constraints().order.empty() &&
                     std::next_permutation(perm.begin(), perm.end()));
          }
        }
        return;
      }
      Dim d = active[a];
      for (int64_t t = 1; t <= parent[d]; ++t) {
        l.tile[d] = t;
        tiles(a + 1);
      }
      l.tile[d] = parent[d];
    };
    tiles(0);
  };
  for (unsigned n = space.minLevels(); n <= space.maxLevels(); ++n) {
    g = Genome();
    g.numLevels = n;
    level(0, n);
  }
  if (!batch.empty())
    flush();
  return llvm::Error::success();
}
