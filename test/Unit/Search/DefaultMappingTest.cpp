//===- DefaultMappingTest.cpp - Mappings without a search -----------------===//

#include "accel/Search/DefaultMapping.h"
#include "TestLayers.h"
#include "accel/Arch/Presets.h"
#include "accel/CostModel/LoopNest.h"
#include "accel/Search/Mapper.h"
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

namespace {

/// A layer norm over the innermost axis (Q) of a [1, 56, 56, 96] tensor,
/// as ConvNeXt's.
LayerProblem layerNormProblem() {
  LayerProblem p = elementwiseProblem({1, 56, 56, 96}, 1, 1, 16);
  p.wholeOnChip = elementwiseAxisDim(4, 3);
  return p;
}

/// Whether loops above the first on-chip memory split `d`.
bool splitAboveChip(const LayerProblem &p, const Arch &arch, const Mapping &m,
                    Dim d) {
  LoopNest nest;
  LayerProblem free = p;
  free.wholeOnChip.reset();
  llvm::cantFail(buildLoopNest(free, arch, m, nest));
  for (unsigned k = 0; k < nest.position[1]; ++k)
    if (nest.loops[k].dim == d)
      return true;
  return false;
}

// The normalized axis stays whole in the first on-chip memory: the cost
// model refuses a mapping that splits it there, and the default mapping
// and the search (its space fixes the outer tile) never propose one.
TEST(LayerNormMapping, TheNormalizedAxisStaysWholeOnChip) {
  LayerProblem ln = layerNormProblem();
  ASSERT_EQ(*ln.wholeOnChip, Dim::Q);
  // ConvNeXt's classifier norm: nothing but the normalized axis to spread
  // or to split (a single level would put all of it in one PE).
  LayerProblem vector = elementwiseProblem({1, 1, 1, 768}, 1, 1, 16);
  vector.wholeOnChip = Dim::Q;
  for (const LayerProblem &p : {ln, vector}) {
    for (llvm::StringRef name : presetNames()) {
      Arch arch = *getPreset(name);
      llvm::Expected<Mapping> m = defaultMapping(p, arch);
      ASSERT_TRUE(static_cast<bool>(m))
          << name.str() << ": " << llvm::toString(m.takeError());
      EXPECT_TRUE(evaluate(p, arch, *m).valid) << name.str();
      EXPECT_FALSE(splitAboveChip(p, arch, *m, Dim::Q)) << name.str();
      SearchOptions o;
      o.population = 20;
      o.generations = 5;
      o.threads = 1;
      llvm::Expected<SearchResult> s = searchMapping(p, arch, o);
      ASSERT_TRUE(static_cast<bool>(s))
          << name.str() << ": " << llvm::toString(s.takeError());
      EXPECT_FALSE(splitAboveChip(p, arch, s->mapping, Dim::Q)) << name.str();
    }
  }
  // Q split in two above the global buffer: refused, and why.
  Arch eyeriss = *getPreset("eyeriss-like");
  Mapping split;
  MappingLevel &outer = split.addLevel();
  outer.addLoop(Dim::Q, 48);
  outer.spatial = Dim::P;
  outer.fanout = 12;
  outer.addLoop(Dim::P, 1);
  CostResult r = evaluate(ln, eyeriss, split);
  EXPECT_FALSE(r.valid);
  EXPECT_NE(r.reason.find("Q must stay whole in GlobalBuffer"),
            std::string::npos)
      << r.reason;
  LayerProblem free = ln;
  free.wholeOnChip.reset();
  EXPECT_NE(free.key(), ln.key()); // searches of the two are not shared
}

} // namespace
