//===- LayerPipelineTest.cpp - GAMMA's two-stage layer pipeline -----------===//

#include "accel/Search/LayerPipeline.h"
#include "accel/Arch/Presets.h"
#include "gtest/gtest.h"

using namespace accel;

namespace {

// Four layers of different sizes on gamma-edge-s3: the interval is the
// slowest layer's latency after stage 1; in stage 2 no layer is slower than
// it, none spends more energy than in stage 1, and equal layers get equal
// mappings.
TEST(LayerPipeline, SecondStageStaysWithinTheIntervalAndNeverLoses) {
  ConvParams pad;
  pad.pads = {1, 1, 1, 1};
  std::vector<LayerProblem> layers = {
      convProblem({1, 16, 28, 28}, {32, 16, 3, 3}, pad),
      convProblem({1, 32, 28, 28}, {32, 32, 1, 1}, {}),
      convProblem({1, 16, 28, 28}, {32, 16, 3, 3}, pad), // = layer 0
      convProblem({1, 64, 14, 14}, {128, 64, 3, 3}, pad)};
  Arch arch = *getPreset("gamma-edge-s3");
  SearchOptions o;
  o.population = 30;
  o.generations = 10;
  for (PipelineObjective second :
       {PipelineObjective::Energy, PipelineObjective::Power}) {
    llvm::Expected<LayerPipeline> p =
        searchLayerPipeline(layers, arch, o, second);
    ASSERT_TRUE(static_cast<bool>(p)) << llvm::toString(p.takeError());
    ASSERT_EQ(p->stage1.size(), 4u);
    double slowest = 0;
    for (const SearchResult &r : p->stage1)
      slowest = std::max(slowest, r.cost.cycles);
    EXPECT_EQ(p->interval, slowest);
    EXPECT_EQ(p->stage1[p->bottleneck].cost.cycles, slowest);
    double energy2 = 0, power2 = 0;
    for (size_t i = 0; i < 4; ++i) {
      const CostResult &one = p->stage1[i].cost, &two = p->stage2[i].cost;
      EXPECT_LE(two.cycles, p->interval) << i;
      if (second == PipelineObjective::Energy)
        EXPECT_LE(two.energy, one.energy) << i;
      else
        EXPECT_LE(two.powerWatts, one.powerWatts) << i;
      energy2 += two.energy;
      power2 += two.powerWatts;
    }
    EXPECT_DOUBLE_EQ(p->energy2, energy2);
    EXPECT_DOUBLE_EQ(p->power2, power2);
    EXPECT_EQ(p->stage2[0].mapping, p->stage2[2].mapping);
  }
}

// A latency limit ranks every mapping within it before every mapping
// beyond it, the slower the worse.
TEST(LayerPipeline, ObjectiveWithALatencyLimit) {
  Objective o;
  o.kind = ObjectiveKind::Energy;
  o.maxCycles = 100;
  CostResult fastCostly, slowCheap, slower;
  fastCostly.cycles = 90;
  fastCostly.energy = 1e9;
  slowCheap.cycles = 110;
  slowCheap.energy = 1;
  slower.cycles = 120;
  slower.energy = 1;
  EXPECT_LT(o.score(fastCostly), o.score(slowCheap));
  EXPECT_LT(o.score(slowCheap), o.score(slower));
  o.maxCycles = 0;
  EXPECT_LT(o.score(slowCheap), o.score(fastCostly));
}

} // namespace
