//===- GroupCostTest.cpp - Cost of fused layer groups ---------------------===//

#include "accel/CostModel/GroupCost.h"
#include "accel/Arch/Presets.h"
#include "accel/Search/DefaultMapping.h"
#include "gtest/gtest.h"

using namespace accel;

namespace {

/// Two 3x3 convolutions (8 -> 8 channels, 16x16, f16) as a group cut into
/// four tiles of 4 output rows; `keep` says whether halos are kept.
GroupProblem twoConvs(const Arch &arch, bool keep, bool resident) {
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  LayerProblem conv = convProblem({1, 8, 16, 16}, {8, 8, 3, 3}, same);
  Mapping m = *defaultMapping(conv, arch);
  GroupProblem g;
  // conv2 makes rows [4t, 4t + 4); conv1 the rows conv2 needs: [0, 5),
  // [3, 9), [7, 13), [11, 16) -- 5, 6, 6, 5 rows, or with the halo kept
  // 5, 4, 4, 3 new rows. The input: [0, 6), [2, 10), [6, 14), [10, 16).
  g.layers.push_back({conv, m,
                      keep ? std::vector<int64_t>{5, 4, 4, 3}
                           : std::vector<int64_t>{5, 6, 6, 5}});
  g.layers.push_back({conv, m, {4, 4, 4, 4}});
  int64_t row = 16 * 8 * 2; // bytes of one input row
  g.inputBytesPerTile =
      keep ? std::vector<int64_t>{6 * row, 4 * row, 4 * row, 2 * row}
           : std::vector<int64_t>{6 * row, 8 * row, 8 * row, 6 * row};
  g.outputBytes = 16 * row;
  g.weightBytes = 2 * 8 * 8 * 9 * 2;
  g.weightsResident = resident;
  return g;
}

TEST(GroupCost, DramTrafficIsInputsOutputsAndWeightReloads) {
  Arch eyeriss = *getPreset("eyeriss-like");
  int64_t row = 256, weights = 2304;
  GroupCostResult keep = evaluateGroup(twoConvs(eyeriss, true, true), eyeriss);
  ASSERT_TRUE(keep.valid) << keep.reason;
  // Every input row once, every output row once, the weights once.
  EXPECT_EQ(keep.dramBytes, 16 * row + 16 * row + weights);
  EXPECT_EQ(keep.weightLoads, 1);

  GroupCostResult recompute =
      evaluateGroup(twoConvs(eyeriss, false, true), eyeriss);
  ASSERT_TRUE(recompute.valid);
  EXPECT_EQ(recompute.dramBytes, 28 * row + 16 * row + weights);

  GroupCostResult streamed =
      evaluateGroup(twoConvs(eyeriss, true, false), eyeriss);
  EXPECT_EQ(streamed.weightLoads, 4);
  EXPECT_EQ(streamed.dramBytes, 16 * row + 16 * row + 4 * weights);
}

TEST(GroupCost, RecomputingHalosCostsMacs) {
  Arch eyeriss = *getPreset("eyeriss-like");
  GroupCostResult keep = evaluateGroup(twoConvs(eyeriss, true, true), eyeriss);
  GroupCostResult recompute =
      evaluateGroup(twoConvs(eyeriss, false, true), eyeriss);
  // Kept: exactly the two layers' MACs (16 + 16 rows of 16 x 8 x 8 x 9).
  int64_t perRow = 16 * 8 * 8 * 9;
  EXPECT_EQ(keep.macs, 32 * perRow);
  // Recomputed: conv1 makes 22 rows instead of 16.
  EXPECT_EQ(recompute.macs, (22 + 16) * perRow);
  EXPECT_GT(recompute.energy, keep.energy);
}

TEST(GroupCost, ClampedMappingsFitTheirTile) {
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  LayerProblem conv = convProblem({1, 64, 56, 56}, {64, 64, 3, 3}, same);
  Mapping m;
  MappingLevel &l = m.addLevel();
  l.spatial = Dim::P;
  l.fanout = 14;
  l.addLoop(Dim::P, 4);
  LayerProblem tile = tileProblem(conv, 8);
  EXPECT_EQ(tile.bounds[Dim::P], 8);
  EXPECT_EQ(tile.inputH, 10);
  Mapping clamped = clampMapping(m, tile.bounds);
  EXPECT_EQ(clamped.level(0).fanout, 2); // 2 x 4 rows
  llvm::Error e = verifyMapping(clamped, &tile.bounds);
  EXPECT_FALSE(static_cast<bool>(e)) << llvm::toString(std::move(e));
}

} // namespace
