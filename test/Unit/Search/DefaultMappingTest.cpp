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

TEST(DefaultMapping, SaysWhyNoneExists) {
  // A 1x1 "layer" has nothing to spread, but S1 needs two spatial levels.
  LayerProblem dot = matmulProblem({1, 1}, {1, 1});
  llvm::Expected<Mapping> m = defaultMapping(dot, *getPreset("gamma-edge-s1"));
  ASSERT_FALSE(static_cast<bool>(m));
  EXPECT_EQ(llvm::toString(m.takeError()),
            "no default mapping: gamma-edge-s1 needs 2 spatial levels but the "
            "layer has only 0 dimensions the fan-out stages can spread");
}

} // namespace
