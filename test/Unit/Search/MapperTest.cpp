//===- MapperTest.cpp - GAMMA's operators, the searches and the oracle ----===//

#include "accel/Search/Mapper.h"
#include "TestLayers.h"
#include "accel/Arch/Presets.h"
#include "accel/Search/GeneticOperators.h"
#include "gtest/gtest.h"

using namespace accel;
using accel::testing::resnetConv;
using accel::testing::vggConv2;

namespace {

/// DRAM -> Buffer (128 B) -[rows 2]-[cols 3]-> PE (12 B): small enough that
/// many mappings do not fit and exhaustive search is cheap.
Arch smallArch() {
  Arch a;
  a.name = "small";
  a.minParallelLevels = 1;
  a.maxParallelLevels = 2;
  MemoryLevel dram;
  dram.name = "DRAM";
  dram.readEnergy = dram.writeEnergy = 100;
  dram.readBandwidth = dram.writeBandwidth = 2;
  a.memories.push_back(dram);
  MemoryLevel buf;
  buf.name = "Buffer";
  buf.capacityBytes = 128;
  buf.readEnergy = buf.writeEnergy = 10;
  FanoutStage rows, cols;
  rows.name = "rows";
  rows.size = 2;
  cols.name = "cols";
  cols.size = 3;
  buf.fanout = {rows, cols};
  a.memories.push_back(buf);
  MemoryLevel pe;
  pe.name = "PE";
  pe.capacityBytes = 12;
  pe.readEnergy = pe.writeEnergy = 1;
  a.memories.push_back(pe);
  a.macEnergy = 2;
  return a;
}

/// A 3x1 convolution: K 2, P 3, R 3 (pads 1).
LayerProblem smallConv() {
  ConvParams p;
  p.pads = {1, 0, 1, 0};
  return convProblem({1, 1, 3, 1}, {2, 1, 3, 1}, p);
}

/// Every operator keeps genomes in the space: repair leaves them unchanged,
/// and their mappings bind to the accelerator (stages, level limits, tiles).
TEST(GeneticOperators, KeepGenomesInTheSpace) {
  LayerProblem layer = resnetConv();
  for (llvm::StringRef name : {"eyeriss-like", "gamma-edge", "gamma-edge-s1",
                               "gamma-cloud-s3", "nvdla-like", "simba-like"}) {
    Arch arch = *getPreset(name);
    SearchSpace space(layer, arch);
    Rng rng(7);
    Genome g = space.random(rng), other = space.random(rng);
    for (int step = 0; step < 2000; ++step) {
      switch (step % 8) {
      case 0:
        crossover(g, other, space, rng);
        break;
      case 1:
        mutateParallelDim(g, space, rng);
        break;
      case 2:
        mutateTile(g, space, rng);
        break;
      case 3:
        reorder(g, space, rng);
        break;
      case 4:
        grow(g, space, rng);
        break;
      case 5:
        age(g, space);
        other = space.random(rng);
        break;
      case 6:
        refactorParallel(g, space, rng);
        break;
      case 7:
        splitParallel(g, space, rng);
        break;
      }
      Genome again = g;
      space.repair(again);
      ASSERT_TRUE(again == g) << name.str() << " step " << step;
      ASSERT_GE(g.numLevels, space.minLevels());
      ASSERT_LE(g.numLevels, space.maxLevels());
      LoopNest nest;
      llvm::Error e = buildLoopNest(layer, arch, space.toMapping(g), nest);
      ASSERT_FALSE(static_cast<bool>(e))
          << name.str() << " step " << step << ": "
          << llvm::toString(std::move(e));
    }
  }
}

/// After makeDivisorChain(d), every level's tile of d times its fan-out (where
/// it spreads d) divides its parent's tile, whatever the genome was.
TEST(GeneticOperators, DivisorChainLeavesNoEdgeStep) {
  LayerProblem layer = vggConv2();
  for (llvm::StringRef name :
       {"eyeriss-like", "gamma-cloud-s3", "simba-like"}) {
    Arch arch = *getPreset(name);
    SearchSpace space(layer, arch);
    Rng rng(3);
    int spreadingAll = 0;
    for (int n = 0; n < 300; ++n) {
      Genome g = space.random(rng);
      Dim d = space.activeDims()[n % space.activeDims().size()];
      makeDivisorChain(g, space, d);
      Genome again = g;
      space.repair(again);
      ASSERT_TRUE(again == g) << name.str() << " case " << n;
      int64_t parent = layer.bounds[d];
      int64_t spread = 1;
      for (unsigned i = 0; i < g.numLevels; ++i) {
        int64_t f = g[i].spatial == d ? g[i].fanout : 1;
        ASSERT_EQ(parent % (g[i].tile[d] * f), 0)
            << name.str() << " case " << n << " level " << i << " dim "
            << dimName(d).str();
        parent = g[i].tile[d];
        spread *= f;
      }
      spreadingAll += spread > 1;
    }
    // The chain does not get there by dropping every fan-out to 1.
    EXPECT_GT(spreadingAll, 20) << name.str();
  }
}

/// A split turns the 12 rows of eyeriss-like from one parallel level into two
/// that both divide what they spread (R 3 x C 4 for VGG-16 conv2), the shape
/// the compute bound needs.
TEST(GeneticOperators, SplitSharesAStageExactly) {
  LayerProblem layer = vggConv2();
  Arch arch = *getPreset("eyeriss-like");
  SearchSpace space(layer, arch);
  Genome g;
  g.numLevels = 2;
  g[0].spatial = Dim::C;
  g[0].fanout = 12;
  g[0].tile = layer.bounds.extent;
  g[0].tile[Dim::C] = 4;
  g[1].spatial = Dim::Q;
  g[1].fanout = 14;
  g[1].tile = g[0].tile;
  g[1].tile[Dim::Q] = 1;
  space.repair(g);
  ASSERT_EQ(g[0].fanout, 12);
  Genome first;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    Rng rng(seed);
    Genome s = g;
    splitParallel(s, space, rng);
    ASSERT_EQ(s.numLevels, 3u);
    llvm::SmallVector<int, kMaxMappingLevels> at = space.assignStages(s);
    EXPECT_EQ(at[0], at[1]) << "both halves on the rows";
    EXPECT_EQ(s[0].fanout * s[1].fanout, 12) << "seed " << seed;
    // Level 0 spreads C exactly; level 1 spreads R or S (the only
    // dimensions a fan-out of 3 divides) exactly.
    EXPECT_EQ(64 % (s[0].tile[Dim::C] * s[0].fanout), 0) << "seed " << seed;
    Dim d = s[1].spatial;
    EXPECT_EQ(s[0].tile[d] % (s[1].tile[d] * s[1].fanout), 0)
        << "seed " << seed;
    EXPECT_EQ(s[2].spatial, Dim::Q);
    EXPECT_EQ(s[2].fanout, 14);
    Rng again(seed);
    Genome t = g;
    splitParallel(t, space, again);
    EXPECT_TRUE(s == t) << "deterministic for a seed";
  }
}

TEST(SearchSpace, MappingRoundTrip) {
  LayerProblem layer = resnetConv();
  Arch arch = *getPreset("eyeriss-like");
  SearchSpace space(layer, arch);
  Rng rng(3);
  for (int i = 0; i < 200; ++i) {
    Genome g = space.random(rng);
    Mapping m = space.toMapping(g);
    EXPECT_EQ(space.toMapping(space.fromMapping(m)), m);
  }
}

TEST(SearchSpace, FixedDataflowAndTiles) {
  SearchConstraints c;
  c.dataflow = {Dim::K, Dim::C};
  c.fixedTiles.push_back({0, Dim::P, 7});
  Arch arch = *getPreset("gamma-edge");
  SearchSpace space(resnetConv(), arch, c);
  Rng rng(1);
  for (int i = 0; i < 100; ++i) {
    Genome g = space.random(rng);
    mutateParallelDim(g, space, rng);
    mutateTile(g, space, rng);
    ASSERT_EQ(g.numLevels, 2);
    EXPECT_EQ(g[0].spatial, Dim::K);
    EXPECT_EQ(g[1].spatial, Dim::C);
    EXPECT_EQ(g[0].tile[Dim::P], 7);
  }
}

/// The exhaustive optimum is a lower bound for every strategy, and the GA
/// reaches it on a small space.
TEST(Mapper, GeneticReachesTheExhaustiveOptimum) {
  LayerProblem layer = smallConv();
  Arch arch = smallArch();
  SearchOptions o;
  o.strategy = Strategy::Exhaustive;
  llvm::Expected<SearchResult> opt = searchMapping(layer, arch, o);
  ASSERT_TRUE(static_cast<bool>(opt)) << llvm::toString(opt.takeError());
  EXPECT_GT(opt->stats.evaluations, 1000);
  EXPECT_LT(opt->stats.valid, opt->stats.evaluations); // capacities bite
  for (Strategy s : {Strategy::Genetic, Strategy::Random, Strategy::Anneal}) {
    SearchOptions so;
    so.strategy = s;
    so.population = 40;
    so.generations = 25;
    so.seed = 5;
    llvm::Expected<SearchResult> r = searchMapping(layer, arch, so);
    ASSERT_TRUE(static_cast<bool>(r)) << llvm::toString(r.takeError());
    EXPECT_GE(r->score, opt->score) << strategyName(s).str();
    EXPECT_EQ(evaluate(layer, arch, r->mapping).edp, r->score);
    if (s == Strategy::Genetic) {
      EXPECT_LE(r->score, opt->score * 1.02);
    }
  }
}

/// Same seed, same result, whatever the number of threads.
TEST(Mapper, DeterministicForAnyThreadCount) {
  LayerProblem layer = resnetConv();
  Arch arch = *getPreset("gamma-edge");
  SearchOptions o;
  o.population = 60;
  o.generations = 10;
  o.seed = 42;
  o.threads = 1;
  llvm::Expected<SearchResult> a = searchMapping(layer, arch, o);
  o.threads = 2;
  llvm::Expected<SearchResult> b = searchMapping(layer, arch, o);
  o.threads = 5;
  llvm::Expected<SearchResult> c = searchMapping(layer, arch, o);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->mapping, b->mapping);
  EXPECT_EQ(a->mapping, c->mapping);
  EXPECT_EQ(a->stats.bestPerGeneration, c->stats.bestPerGeneration);
  o.seed = 43;
  llvm::Expected<SearchResult> d = searchMapping(layer, arch, o);
  ASSERT_TRUE(static_cast<bool>(d));
  EXPECT_EQ(a->stats.evaluations, d->stats.evaluations);
}

/// The GA improves on its first generation and beats random search at the
/// same budget on a real layer.
TEST(Mapper, GeneticBeatsRandomOnAResNetLayer) {
  LayerProblem layer = resnetConv();
  Arch arch = *getPreset("gamma-edge");
  SearchOptions o;
  o.population = 100;
  o.generations = 30;
  llvm::Expected<SearchResult> ga = searchMapping(layer, arch, o);
  o.strategy = Strategy::Random;
  llvm::Expected<SearchResult> rnd = searchMapping(layer, arch, o);
  ASSERT_TRUE(ga && rnd);
  EXPECT_LT(ga->stats.bestPerGeneration.back(),
            ga->stats.bestPerGeneration.front());
  EXPECT_LT(ga->score, rnd->score);
}

TEST(Mapper, FixedDataflowsKeepTheirParallelDims) {
  LayerProblem layer = resnetConv();
  Arch arch = *getPreset("gamma-edge");
  SearchOptions o;
  o.population = 50;
  o.generations = 5;
  for (auto [s, d0, d1] :
       {std::tuple{Strategy::FixedNvdla, Dim::K, Dim::C},
        std::tuple{Strategy::FixedEyeriss, Dim::R, Dim::P},
        std::tuple{Strategy::FixedShidiannao, Dim::P, Dim::Q}}) {
    o.strategy = s;
    llvm::Expected<SearchResult> r = searchMapping(layer, arch, o);
    ASSERT_TRUE(static_cast<bool>(r)) << llvm::toString(r.takeError());
    ASSERT_EQ(r->mapping.numLevels, 2);
    EXPECT_EQ(r->mapping.level(0).spatial, d0);
    EXPECT_EQ(r->mapping.level(1).spatial, d1);
  }
}

TEST(Mapper, SaysWhyNothingFits) {
  // A PE with 2 bytes cannot hold a weight, an input and an output.
  Arch arch = smallArch();
  arch.memories[2].capacityBytes = 2;
  SearchOptions o;
  o.population = 20;
  o.generations = 3;
  llvm::Expected<SearchResult> r = searchMapping(smallConv(), arch, o);
  ASSERT_FALSE(static_cast<bool>(r));
  std::string msg = llvm::toString(r.takeError());
  EXPECT_NE(msg.find("no valid mapping found by ga search: "),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("PE: "), std::string::npos) << msg;
  EXPECT_NE(msg.find("are available"), std::string::npos) << msg;
}

TEST(Mapper, ExhaustiveRefusesLargeSpaces) {
  SearchOptions o;
  o.strategy = Strategy::Exhaustive;
  llvm::Expected<SearchResult> r =
      searchMapping(resnetConv(), *getPreset("gamma-edge"), o);
  ASSERT_FALSE(static_cast<bool>(r));
  EXPECT_NE(llvm::toString(r.takeError()).find("more than the limit"),
            std::string::npos);
}

} // namespace

namespace {
/// The lower bounds the reports and benchmarks divide by are bounds: no
/// valid mapping is faster, on layers whose strides skip inputs too.
TEST(Mapper, NoMappingBeatsTheLowerBounds) {
  ConvParams stride2;
  stride2.strides = {2, 2};
  std::vector<LayerProblem> layers = {
      resnetConv(), convProblem({1, 64, 56, 56}, {128, 64, 1, 1}, stride2),
      smallConv()};
  for (llvm::StringRef name : {"gamma-edge", "gamma-cloud", "eyeriss-like"}) {
    Arch arch = *getPreset(name);
    for (const LayerProblem &layer : layers) {
      SearchSpace space(layer, arch);
      Rng rng(9);
      for (int i = 0; i < 300; ++i) {
        CostResult r =
            evaluate(layer, arch, space.toMapping(space.random(rng)));
        if (!r.valid)
          continue;
        EXPECT_GE(r.cycles, double(r.computeBound)) << name.str();
        EXPECT_GE(r.cycles * (1 + 1e-12), r.dramBound) << name.str();
      }
    }
  }
}
} // namespace
