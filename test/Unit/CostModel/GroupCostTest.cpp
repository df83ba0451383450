//===- GroupCostTest.cpp - Cost of fused layer groups ---------------------===//

#include "accel/CostModel/GroupCost.h"
#include "../Workload/RandomNetworks.h"
#include "accel/Arch/Presets.h"
#include "accel/Search/DefaultMapping.h"
#include "gtest/gtest.h"

using namespace accel;
using namespace accel::testing;

namespace {

/// Default mappings of every layer's tile.
std::vector<Mapping> defaults(const GroupTiling &tiling, const Arch &arch) {
  std::vector<Mapping> m(tiling.layers().size());
  for (unsigned i = 0; i < m.size(); ++i)
    m[i] = *defaultMapping(tiling.mappedProblem(i),
                           groupLayerArch(arch, tiling.peShare(i)),
                           groupLayerOptions(tiling, i));
  return m;
}

struct Chain {
  LayerGraph graph = convChain(); // 3 convs, 4 channels, 16 x 8, f16
  std::vector<unsigned> group{0, 1, 2};
  GroupTiling tile(const GroupSchedule &s) {
    return llvm::cantFail(GroupTiling::compute(graph, group, s));
  }
};

GroupSchedule rows4() {
  GroupSchedule s;
  s.rows = 4;
  return s;
}

// One row of an activation: 8 columns x 4 channels; of a layer's MACs:
// 8 x 4 x 4 x 9.
constexpr int64_t kRow = 32, kRowMacs = 1152, kWeights = 144;

TEST(GroupCost, DramTrafficIsInputsOutputsAndWeights) {
  Arch eyeriss = *getPreset("eyeriss-like");
  Chain c;
  GroupTiling keep = c.tile(rows4());
  CostResult r = evaluateGroup(keep, defaults(keep, eyeriss), eyeriss);
  ASSERT_TRUE(r.valid) << r.reason;
  // Every input row once, every output row once, the weights once (f16).
  EXPECT_EQ(r.dramBytes, (16 * kRow + 16 * kRow + 3 * kWeights) * 2);
  EXPECT_EQ(r.levels[0].reads[Tensor::Inputs], 16 * kRow);
  EXPECT_EQ(r.levels[0].reads[Tensor::Weights], 3 * kWeights);
  EXPECT_EQ(r.levels[0].writes[Tensor::Outputs], 16 * kRow);
  EXPECT_EQ(r.macs, 3 * 16 * kRowMacs);

  GroupSchedule s = rows4();
  s.halo = HaloPolicy::Recompute;
  GroupTiling recompute = c.tile(s);
  r = evaluateGroup(recompute, defaults(recompute, eyeriss), eyeriss);
  ASSERT_TRUE(r.valid) << r.reason;
  // Input rows [0, 7), [1, 11), [5, 15), [9, 16): 34. conv1 computes 6 + 8
  // + 8 + 6 rows, conv2 5 + 6 + 6 + 5, conv3 16.
  EXPECT_EQ(r.levels[0].reads[Tensor::Inputs], 34 * kRow);
  EXPECT_EQ(r.macs, (28 + 22 + 16) * kRowMacs);

  s = rows4();
  s.weights = WeightPolicy::Streamed;
  GroupTiling streamed = c.tile(s);
  r = evaluateGroup(streamed, defaults(streamed, eyeriss), eyeriss);
  ASSERT_TRUE(r.valid) << r.reason;
  // Every layer's weights, every tile.
  EXPECT_EQ(r.levels[0].reads[Tensor::Weights], 4 * 3 * kWeights);
}

TEST(GroupCost, LatencyFollowsTheTimeline) {
  Arch eyeriss = *getPreset("eyeriss-like");
  // Without a DRAM bandwidth limit, loads and stores take no time: depth
  // first, the group takes the sum of its layers' pieces, each run with its
  // layer's mapping adapted to it.
  Arch fast = eyeriss;
  fast.memories[0].readBandwidth = fast.memories[0].writeBandwidth = 0;
  Chain c;
  GroupTiling t = c.tile(rows4());
  std::vector<Mapping> m = defaults(t, fast);
  double sum = 0;
  Arch layerArch = groupLayerArch(fast);
  for (unsigned tile = 0; tile < t.numTiles(); ++tile)
    for (unsigned i = 0; i < 3; ++i)
      for (Interval piece : t.computed(tile, i)) {
        LayerProblem p = t.pieceProblem(tile, i, piece);
        CostResult pc =
            evaluate(p, layerArch,
                     adaptMapping(m[i], t.mappedProblem(i).bounds, p.bounds));
        ASSERT_TRUE(pc.valid) << pc.reason;
        sum += pc.cycles;
      }
  CostResult r = evaluateGroup(t, m, fast);
  ASSERT_TRUE(r.valid) << r.reason;
  EXPECT_DOUBLE_EQ(r.cycles, sum);
  EXPECT_EQ(r.edp, r.energy * r.cycles);
  // DRAM's time counts once it is slow: never faster.
  CostResult slow = evaluateGroup(t, m, eyeriss);
  EXPECT_GE(slow.cycles, r.cycles);
}

TEST(GroupCost, AGroupThatDoesNotFitIsInvalid) {
  Arch arch = *getPreset("eyeriss-like");
  arch.memories[1].capacityBytes = 2048;
  Chain c;
  GroupTiling t = c.tile(rows4());
  // Inputs: two tiles of the input, 14 rows (prefetch); conv1 8 rows, conv2
  // 6, the output two tiles, 8 rows (drain); weights 864 B.
  GroupFootprint f = groupFootprint(t);
  EXPECT_EQ(f.activationBytes(), (14 + 8 + 6 + 8) * kRow * 2);
  EXPECT_EQ(f.weightBytes, 3 * kWeights * 2);
  CostResult r = evaluateGroup(t, defaults(t, arch), arch);
  EXPECT_FALSE(r.valid);
  ASSERT_TRUE(r.overflow);
  EXPECT_TRUE(r.overflow->group);
  EXPECT_EQ(r.overflow->memory, 1u);
  EXPECT_EQ(r.reason, "GlobalBuffer: the group's buffers need 3168 B but "
                      "2048 B are available (over by 1120 B)");

  // Split 4 KiB: 1 KiB for weights, 3 KiB for activations; the activations
  // (2304 B) fit, the weights (864 B) too; with 512 B for weights they do
  // not, with 3000 B the activations do not.
  arch.memories[1].capacityBytes = 4096;
  GroupSchedule s = rows4();
  s.split = {BufferSplit::Kind::Weights, 1024};
  EXPECT_FALSE(checkGroupFit(f, s, arch));
  s.split.weightBytes = 512;
  std::optional<Overflow> o = checkGroupFit(f, s, arch);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->tensor, Tensor::Weights);
  EXPECT_EQ(describeOverflow(arch, *o),
            "GlobalBuffer: weights need 864 B but 512 B are available (over "
            "by 352 B)");
  s.split.weightBytes = 3000;
  o = checkGroupFit(f, s, arch);
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->activations);
  EXPECT_EQ(describeOverflow(arch, *o),
            "GlobalBuffer: activations need 2304 B but 1096 B are available "
            "(over by 1208 B)");
}

TEST(GroupCost, ScheduleAgainstTheAccelerator) {
  Arch eyeriss = *getPreset("eyeriss-like");
  GroupSchedule s = rows4();
  s.split = {BufferSplit::Kind::Weights, 200000};
  EXPECT_EQ(toString(checkScheduleOnArch(s, eyeriss)),
            "split: 200000 B for weights exceeds the 131072 B of "
            "GlobalBuffer");
  s = rows4();
  s.mode = ExecutionMode::Pipelined;
  s.pes = {6, 4, 4};
  EXPECT_EQ(toString(checkScheduleOnArch(s, eyeriss)),
            "pes: the shares add up to 14 but stage 'rows' below GlobalBuffer "
            "has 12 units");
  s.pes = {4, 4, 4};
  EXPECT_FALSE(static_cast<bool>(checkScheduleOnArch(s, eyeriss)));
  // Shares that overflow int64 do not wrap around.
  s.pes = {INT64_MAX, INT64_MAX};
  EXPECT_EQ(toString(checkScheduleOnArch(s, eyeriss)),
            "pes: the shares add up to more than int64 but stage 'rows' "
            "below GlobalBuffer has 12 units");
  // Without a stage to share out, or without an on-chip level for a group.
  Arch flat = eyeriss;
  for (MemoryLevel &m : flat.memories)
    m.fanout.clear();
  s.pes = {1, 1, 1};
  EXPECT_EQ(toString(checkScheduleOnArch(s, flat)),
            "mode: a pipelined group shares out a fan-out stage, but "
            "eyeriss-like has none below GlobalBuffer");
  Arch shallow = eyeriss;
  shallow.memories.resize(2);
  EXPECT_EQ(toString(checkScheduleOnArch(rows4(), shallow)),
            "eyeriss-like has no on-chip level for a group above the PEs' "
            "own (2 memory levels)");
}

TEST(GroupCost, TilesThatSplitAGroupOfChannelsHaveNoProblem) {
  // A grouped convolution: 2 groups of 4 output channels. Channels [2, 6)
  // straddle both groups: one loop nest cannot compute them.
  ConvParams p;
  p.groups = 2;
  LayerProblem conv = convProblem({1, 8, 6, 6}, {8, 4, 1, 1}, p);
  TensorRegion box = TensorRegion::whole({1, 8, 6, 6});
  box.dims[1] = {2, 6};
  EXPECT_FALSE(tileProblem(conv, box));
  // Within one group, or whole groups, they have.
  box.dims[1] = {4, 6};
  std::optional<LayerProblem> within = tileProblem(conv, box);
  ASSERT_TRUE(within);
  EXPECT_EQ(within->bounds[Dim::G], 1);
  EXPECT_EQ(within->bounds[Dim::K], 2);
  box.dims[1] = {4, 8};
  std::optional<LayerProblem> whole = tileProblem(conv, box);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->bounds[Dim::G], 1);
  EXPECT_EQ(whole->bounds[Dim::K], 4);
}

TEST(GroupCost, PipelinedLayersRunOnTheirShare) {
  Arch eyeriss = *getPreset("eyeriss-like");
  Chain c;
  GroupSchedule s = rows4();
  s.mode = ExecutionMode::Pipelined;
  s.pes = {4, 4, 4};
  GroupTiling t = c.tile(s);
  EXPECT_EQ(groupLayerArch(eyeriss, 4).numPEs(), 4 * 14);
  std::vector<Mapping> m = defaults(t, eyeriss);
  CostResult r = evaluateGroup(t, m, eyeriss);
  ASSERT_TRUE(r.valid) << r.reason;
  EXPECT_EQ(r.macs, 3 * 16 * kRowMacs);
  // A mapping made for the whole array does not fit a third of it.
  std::vector<Mapping> whole(3);
  for (unsigned i = 0; i < 3; ++i) {
    MappingLevel &l = whole[i].addLevel();
    l.spatial = Dim::K;
    l.fanout = 4;
    l.addLoop(Dim::K, 1);
    MappingLevel &l2 = whole[i].addLevel();
    l2.spatial = Dim::Q;
    l2.fanout = 8;
    l2.addLoop(Dim::Q, 1);
  }
  whole[0].level(0).fanout = 4;
  whole[0].level(0).spatial = Dim::K;
  s.pes = {2, 5, 5};
  GroupTiling narrow = c.tile(s);
  r = evaluateGroup(narrow, whole, eyeriss);
  EXPECT_FALSE(r.valid);
  EXPECT_NE(r.reason.find("layer 'conv1'"), std::string::npos) << r.reason;
}

TEST(GroupCost, AdaptedMappingsKeepTheirInnerTiles) {
  // Made for 2 rows: 2 units of one row each, the columns a loop inside.
  Mapping m;
  MappingLevel &l = m.addLevel();
  l.spatial = Dim::P;
  l.fanout = 2;
  l.addLoop(Dim::P, 1);
  l.addLoop(Dim::Q, 4);
  LoopBounds made;
  made.extent[Dim::P] = 2;
  made.extent[Dim::Q] = 8;
  made.extent[Dim::K] = 3;
  // A piece of 5 rows iterates over them outermost: P pinned to 2, then
  // the level's own loops; K keeps its extent.
  LoopBounds tall = made;
  tall.extent[Dim::P] = 5;
  Mapping a = adaptMapping(m, made, tall);
  EXPECT_EQ(a.level(0).loops(), (llvm::ArrayRef<Dim>{Dim::K, Dim::P, Dim::Q}));
  EXPECT_EQ(a.tripCount(0, Dim::P, tall), 3);
  EXPECT_EQ(a.resolvedTile(0, Dim::P, tall), 1);
  EXPECT_FALSE(static_cast<bool>(verifyMapping(a, &tall)));
  // A piece of 1 row: the fan-out clamps to 1.
  LoopBounds one = made;
  one.extent[Dim::P] = 1;
  a = adaptMapping(m, made, one);
  EXPECT_EQ(a.level(0).fanout, 1);
  EXPECT_FALSE(static_cast<bool>(verifyMapping(a, &one)));
}

} // namespace
