//===- FusionTest.cpp - The fusion search against its invariants and dp ---===//
//
// The fusion space's operators on random DAGs (the order stays
// topological, every segment convex), repair (every group fits), the
// genetic search against the dynamic-programming optimum on chains, its
// determinism whatever the thread count, and the mapping cache against
// fresh searches.
//
//===----------------------------------------------------------------------===//

#include "accel/Search/Fusion.h"
#include "../Workload/RandomNetworks.h"
#include "accel/Arch/Presets.h"
#include "accel/CostModel/GroupCost.h"
#include "gtest/gtest.h"
#include <numeric>

using namespace accel;
using namespace accel::testing;

namespace {

/// Whether `order` lists every layer once, each after its producers.
bool topological(const LayerGraph &g, llvm::ArrayRef<unsigned> order) {
  std::vector<int> at(g.layers().size(), -1);
  for (auto [k, l] : llvm::enumerate(order)) {
    if (l >= at.size() || at[l] >= 0)
      return false;
    at[l] = k;
  }
  for (auto [l, layer] : llvm::enumerate(g.layers()))
    for (unsigned op : layer.operands) {
      int p = g.tensor(op).producer;
      if (p >= 0 && (at[p] < 0 || at[p] >= at[l]))
        return false;
    }
  return llvm::all_of(at, [](int k) { return k >= 0; });
}

/// A small accelerator whose 8 KiB buffer makes fusion a real choice.
Arch tightArch() {
  Arch a = *getPreset("eyeriss-like");
  a.name = "tight";
  a.memories[1].capacityBytes = 8192;
  return a;
}

FusionOptions quick(FusionStrategy s, FusionObjective o, uint64_t seed = 0) {
  FusionOptions f;
  f.strategy = s;
  f.objective = o;
  f.seed = seed;
  f.population = 30;
  f.generations = 20;
  f.mapping.population = 16;
  f.mapping.generations = 6;
  f.aloneMapping = f.mapping;
  return f;
}

TEST(Fusion, OperatorsKeepTheOrderTopologicalAndGroupsConvex) {
  Random rnd{std::mt19937_64(5)};
  Arch arch = tightArch();
  int applied = 0;
  for (int n = 0; n < 60; ++n) {
    RandomNetwork net = randomNetwork(rnd, 8);
    FusionSpace space(net.graph, arch);
    Rng rng(n);
    FusionGenome g = space.random(rng), other = space.random(rng);
    for (int k = 0; k < 80; ++k, ++applied) {
      switch (k % 6) {
      case 0:
        space.crossover(g, other, rng);
        break;
      case 1:
        space.mergeGroups(g, rng);
        break;
      case 2:
        space.splitGroup(g, rng);
        break;
      case 3:
        space.moveCut(g, rng);
        break;
      case 4:
        space.mutateGene(g, rng);
        break;
      default:
        space.reorder(g, rng);
      }
      ASSERT_TRUE(topological(net.graph, g.order)) << net.describe();
      ASSERT_EQ(g.cut.back(), 1);
      FusionGenome repaired = g;
      space.repair(repaired);
      for (const PlanSegment &s : space.decode(repaired).segments) {
        ASSERT_TRUE(isConvexGroup(net.graph, s.layers)) << net.describe();
        if (!s.fused())
          continue;
        for (unsigned l : s.layers)
          ASSERT_TRUE(space.fusible(l));
        // Infeasible groups never survive repair.
        ASSERT_TRUE(space.fits(s.layers, *s.schedule)) << net.describe();
      }
    }
  }
  EXPECT_EQ(applied, 60 * 80);
}

TEST(Fusion, AFixedOrderIsTheGraphs) {
  // dp's space: the genetic search with fixedOrder keeps the graph's order,
  // on DAGs where other orders exist.
  Random rnd{std::mt19937_64(9)};
  Arch arch = tightArch();
  for (int n = 0; n < 20; ++n) {
    RandomNetwork net = randomNetwork(rnd, 8);
    FusionChoices c;
    c.fixedOrder = true;
    FusionSpace space(net.graph, arch, c);
    Rng rng(n);
    FusionGenome g = space.random(rng);
    for (int k = 0; k < 50; ++k)
      space.reorder(g, rng);
    std::vector<unsigned> graphOrder(net.graph.layers().size());
    std::iota(graphOrder.begin(), graphOrder.end(), 0u);
    EXPECT_EQ(g.order, graphOrder) << net.describe();
  }
}

TEST(Fusion, GeneticSearchMatchesDynamicProgrammingOnChains) {
  Arch arch = tightArch();
  for (int64_t layers : {3, 4, 5})
    for (FusionObjective o :
         {FusionObjective::Latency, FusionObjective::Energy}) {
      LayerGraph chain = convChain(16, 4, layers);
      llvm::Expected<FusionResult> dp =
          searchFusion(chain, arch, quick(FusionStrategy::DP, o));
      ASSERT_TRUE(static_cast<bool>(dp)) << toString(dp.takeError());
      llvm::Expected<FusionResult> ga =
          searchFusion(chain, arch, quick(FusionStrategy::Genetic, o));
      ASSERT_TRUE(static_cast<bool>(ga)) << toString(ga.takeError());
      double best = fusionScore(o, dp->cost), found = fusionScore(o, ga->cost);
      // dp is optimal over the same space; the GA within 1%.
      EXPECT_LE(best, found * (1 + 1e-9)) << layers << " layers";
      EXPECT_LE(found, best * 1.01)
          << layers << " layers, " << fusionObjectiveName(o).str();
      // Both at least as good as every layer on its own.
      EXPECT_LE(best, fusionScore(o, dp->layerByLayer));
    }
}

TEST(Fusion, TheLocalSearchNeverLosesAndClimbsTowardsTheOptimum) {
  // Two generations of four plans: the GA alone rarely finds the optimum
  // of a 6-layer chain; its closing local search only ever improves on it.
  Arch arch = tightArch();
  LayerGraph chain = convChain(16, 4, 6);
  int reached = 0, reachedBare = 0;
  for (FusionObjective o : {FusionObjective::Latency, FusionObjective::Energy})
    for (uint64_t seed : {1, 2, 3}) {
      FusionOptions tiny = quick(FusionStrategy::Genetic, o, seed);
      tiny.population = 4;
      tiny.generations = 2;
      FusionOptions bare = tiny;
      bare.polishRounds = 0;
      llvm::Expected<FusionResult> dp =
          searchFusion(chain, arch, quick(FusionStrategy::DP, o));
      llvm::Expected<FusionResult> with = searchFusion(chain, arch, tiny);
      llvm::Expected<FusionResult> without = searchFusion(chain, arch, bare);
      ASSERT_TRUE(dp && with && without);
      double best = fusionScore(o, dp->cost);
      double polished = fusionScore(o, with->cost);
      EXPECT_LE(polished, fusionScore(o, without->cost));
      EXPECT_LE(best, polished * (1 + 1e-9));
      reached += polished <= best * 1.01;
      reachedBare += fusionScore(o, without->cost) <= best * 1.01;
    }
  EXPECT_GE(reached, 4);
  EXPECT_GT(reached, reachedBare);
}

TEST(Fusion, EDPIsNotForDynamicProgramming) {
  LayerGraph chain = convChain();
  llvm::Expected<FusionResult> r = searchFusion(
      chain, tightArch(), quick(FusionStrategy::DP, FusionObjective::EDP));
  ASSERT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(toString(r.takeError()),
            "dp needs an additive objective: latency or energy (EDP is the "
            "product of two sums)");
}

TEST(Fusion, ResultsDoNotDependOnTheThreadCount) {
  Random rnd{std::mt19937_64(11)};
  Arch arch = tightArch();
  for (int n = 0; n < 4; ++n) {
    RandomNetwork net = randomNetwork(rnd, 7);
    std::optional<FusionResult> first;
    for (unsigned threads : {1u, 2u, 5u}) {
      FusionOptions o = quick(FusionStrategy::Genetic, FusionObjective::EDP, 3);
      o.threads = threads;
      llvm::Expected<FusionResult> r = searchFusion(net.graph, arch, o);
      if (!r) { // a layer no mapping fits: the same for every count
        llvm::consumeError(r.takeError());
        continue;
      }
      if (!first) {
        first = std::move(*r);
        continue;
      }
      ASSERT_EQ(r->plan.segments.size(), first->plan.segments.size());
      for (auto [a, b] : llvm::zip(r->plan.segments, first->plan.segments))
        EXPECT_TRUE(a == b) << net.describe();
      EXPECT_EQ(r->cost.cycles, first->cost.cycles);
      EXPECT_EQ(r->cost.energy, first->cost.energy);
      EXPECT_EQ(r->stats.bestPerGeneration, first->stats.bestPerGeneration);
    }
  }
}

TEST(Fusion, CachedMappingsAreThoseOfAFreshSearch) {
  LayerGraph chain = convChain(16, 4, 4);
  Arch arch = tightArch();
  FusionSpace space(chain, arch);
  Workers workers(2);
  SearchOptions mapping;
  mapping.population = 16;
  mapping.generations = 6;
  mapping.seed = 7;
  PlanCost cost(space, mapping, workers);
  Rng rng(1);
  std::vector<FusionPlan> plans;
  for (int i = 0; i < 10; ++i) {
    FusionGenome g = space.random(rng);
    space.repair(g);
    plans.push_back(space.decode(g));
  }
  cost.evaluate(plans);
  int checked = 0;
  for (const FusionPlan &plan : plans)
    for (const PlanSegment &s : plan.segments) {
      if (!s.fused()) {
        const LayerProblem &p = *chain.layer(s.layers[0]).problem;
        const SearchResult *cached = cost.mapping(p, kWholeArch);
        ASSERT_TRUE(cached);
        SearchOptions fresh = mapping;
        fresh.threads = 1;
        fresh.seed = mappingSeed(mapping.seed, p, kWholeArch);
        llvm::Expected<SearchResult> r = searchMapping(p, arch, fresh);
        ASSERT_TRUE(static_cast<bool>(r));
        EXPECT_EQ(r->mapping, cached->mapping);
        ++checked;
        continue;
      }
      GroupTiling t =
          llvm::cantFail(GroupTiling::compute(chain, s.layers, *s.schedule));
      for (unsigned i = 0; i < s.layers.size(); ++i) {
        LayerProblem p = t.mappedProblem(i);
        CostOptions options = groupLayerOptions(t, i);
        const SearchResult *cached = cost.mapping(p, t.peShare(i), options);
        ASSERT_TRUE(cached);
        SearchOptions fresh = mapping;
        fresh.threads = 1;
        fresh.cost = options;
        fresh.seed = mappingSeed(mapping.seed, p, t.peShare(i));
        llvm::Expected<SearchResult> r =
            searchMapping(p, groupLayerArch(arch, t.peShare(i)), fresh);
        ASSERT_TRUE(static_cast<bool>(r));
        EXPECT_EQ(r->mapping, cached->mapping);
        ++checked;
      }
    }
  EXPECT_GT(checked, 20);
}

TEST(Fusion, StrategiesNeverLoseToLayerByLayerAndGroupsFit) {
  Arch arch = tightArch();
  LayerGraph chain = convChain(16, 4, 5);
  for (FusionStrategy s : {FusionStrategy::Genetic, FusionStrategy::Greedy,
                           FusionStrategy::Random, FusionStrategy::None}) {
    llvm::Expected<FusionResult> r =
        searchFusion(chain, arch, quick(s, FusionObjective::EDP));
    ASSERT_TRUE(static_cast<bool>(r)) << toString(r.takeError());
    for (auto [seg, cost] : llvm::zip(r->plan.segments, r->segments)) {
      EXPECT_TRUE(cost.cost.valid) << cost.cost.reason;
      if (seg.fused()) {
        GroupTiling t = llvm::cantFail(
            GroupTiling::compute(chain, seg.layers, *seg.schedule));
        EXPECT_FALSE(checkGroupFit(groupFootprint(t), *seg.schedule, arch));
      }
    }
    if (s == FusionStrategy::Genetic || s == FusionStrategy::None) {
      EXPECT_LE(r->cost.edp(), r->layerByLayer.edp())
          << fusionStrategyName(s).str();
    }
  }
}

TEST(Fusion, TheFinalMappingChoosesTheBestCandidate) {
  Arch arch = tightArch();
  LayerGraph chain = convChain(16, 4, 5);
  llvm::Expected<FusionResult> r = searchFusion(
      chain, arch, quick(FusionStrategy::Genetic, FusionObjective::EDP));
  ASSERT_TRUE(static_cast<bool>(r)) << toString(r.takeError());
  // The best plan first, then distinct others.
  ASSERT_GE(r->candidates.size(), 2u);
  ASSERT_LE(r->candidates.size(), kFusionCandidates + 1);
  EXPECT_EQ(r->candidates[0].segments, r->plan.segments);
  for (size_t i = 0; i < r->candidates.size(); ++i)
    for (size_t j = i + 1; j < r->candidates.size(); ++j)
      EXPECT_NE(r->candidates[i].segments, r->candidates[j].segments);

  // Mapped with the same budget, each candidate scores what mapPlan says
  // of it alone; mapPlan keeps the best of them and of layer by layer.
  FusionSpace space(chain, arch);
  Workers workers(2);
  SearchOptions full;
  full.population = 16;
  full.generations = 6;
  llvm::Expected<MappedPlan> all =
      mapPlan(space, r->candidates, FusionObjective::EDP, full, workers);
  ASSERT_TRUE(static_cast<bool>(all)) << toString(all.takeError());
  double best = all->layerByLayer.edp();
  int bestIndex = -1;
  for (auto [i, plan] : llvm::enumerate(r->candidates)) {
    llvm::Expected<MappedPlan> one =
        mapPlan(space, plan, FusionObjective::EDP, full, workers);
    ASSERT_TRUE(static_cast<bool>(one));
    double edp = one->candidate == 0 ? one->cost.edp() : INFINITY;
    if (edp < best) {
      best = edp;
      bestIndex = i;
    }
  }
  EXPECT_EQ(all->candidate, bestIndex);
  EXPECT_DOUBLE_EQ(all->cost.edp(), best);
  EXPECT_EQ(all->fellBack, bestIndex < 0);
}

} // namespace
