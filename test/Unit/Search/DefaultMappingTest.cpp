//===- DefaultMappingTest.cpp - Mappings without a search -----------------===//

#include "accel/Search/DefaultMapping.h"
#include "TestLayers.h"
#include "accel/Arch/Presets.h"
#include "gtest/gtest.h"

using namespace accel;
using accel::testing::resnetConv;

namespace {

TEST(DefaultMapping, ValidOnEveryPresetAndDeterministic) {
  LayerProblem layer = resnetConv();
  for (llvm::StringRef name : presetNames()) {
    Arch arch = *getPreset(name);
    llvm::Expected<Mapping> m = defaultMapping(layer, arch);
    ASSERT_TRUE(static_cast<bool>(m))
        << name.str() << ": " << llvm::toString(m.takeError());
    CostResult r = evaluate(layer, arch, *m);
    EXPECT_TRUE(r.valid) << name.str() << ": " << r.reason;
    // The hill climb only accepts improvements over the minimal tiles.
    EXPECT_GT(r.utilization, 0.0) << name.str();
    llvm::Expected<Mapping> again = defaultMapping(layer, arch);
    ASSERT_TRUE(static_cast<bool>(again));
    EXPECT_EQ(*m, *again) << name.str() << " is not deterministic";
  }
}

TEST(DefaultMapping, RespectsFixedDataflows) {
  // nvdla-like spreads K over its first stage and C over its second.
  Arch nvdla = *getPreset("nvdla-like");
  llvm::Expected<Mapping> m = defaultMapping(resnetConv(), nvdla);
  ASSERT_TRUE(static_cast<bool>(m)) << llvm::toString(m.takeError());
  ASSERT_EQ(m->numLevels, 2);
  EXPECT_EQ(m->level(0).spatial, Dim::K);
  EXPECT_EQ(m->level(0).fanout, 16);
  EXPECT_EQ(m->level(1).spatial, Dim::C);
  EXPECT_EQ(m->level(1).fanout, 16);
}

TEST(DefaultMapping, GrowingTilesHelps) {
  LayerProblem layer = resnetConv();
  Arch edge = *getPreset("gamma-edge");
  CostResult minimal =
      evaluate(layer, edge, *defaultMapping(layer, edge, {}, 0));
  CostResult grown =
      evaluate(layer, edge, *defaultMapping(layer, edge, {}, 400));
  ASSERT_TRUE(minimal.valid && grown.valid);
  EXPECT_LT(grown.edp, minimal.edp / 10);
}

TEST(DefaultMapping, RequiredLevelsSpreadOnceWhenNothingElseCan) {
  // A 1x1 "layer" has nothing to spread, but S1 takes two spatial levels:
  // each spreads one of its stage's dimensions once (one PE computes).
  Arch s1 = *getPreset("gamma-edge-s1");
  LayerProblem dot = matmulProblem({1, 1}, {1, 1});
  llvm::Expected<Mapping> m = defaultMapping(dot, s1);
  ASSERT_TRUE(static_cast<bool>(m)) << llvm::toString(m.takeError());
  ASSERT_EQ(m->numLevels, 2u);
  for (unsigned i = 0; i < 2; ++i) {
    EXPECT_TRUE(m->level(i).spatial.has_value());
    EXPECT_EQ(m->level(i).fanout, 1);
  }
  CostResult c = evaluate(dot, s1, *m);
  ASSERT_TRUE(c.valid) << c.reason;
  EXPECT_EQ(c.computeCycles, 1);
  // A pooling-like layer (channels as G) on stages that spread only K and
  // C (nvdla-like, which takes two levels): it runs, one element a cycle.
  LayerProblem pool = convProblem({1, 8, 4, 4}, {8, 1, 1, 1}, [] {
    ConvParams p;
    p.groups = 8;
    return p;
  }());
  m = defaultMapping(pool, *getPreset("nvdla-like"));
  ASSERT_TRUE(static_cast<bool>(m)) << llvm::toString(m.takeError());
  c = evaluate(pool, *getPreset("nvdla-like"), *m);
  ASSERT_TRUE(c.valid) << c.reason;
  EXPECT_EQ(c.computeCycles, 8 * 4 * 4);
}

TEST(DefaultMapping, SaysWhyNoneExists) {
  // More spatial levels required than the fan-out stages take.
  Arch s1 = *getPreset("gamma-edge-s1");
  s1.minParallelLevels = s1.maxParallelLevels = 3;
  LayerProblem dot = matmulProblem({4, 4}, {4, 4});
  llvm::Expected<Mapping> m = defaultMapping(dot, s1);
  ASSERT_FALSE(static_cast<bool>(m));
  EXPECT_EQ(llvm::toString(m.takeError()),
            "no default mapping: gamma-edge-s1 needs 3 spatial levels but its "
            "fan-out stages take 2");
}

} // namespace
