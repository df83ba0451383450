//===- GroupTilingTest.cpp - Tiles, regions, halos and footprints ---------===//
//
// The group model (GroupTiling, and GroupCost's counts) against the
// literal simulator (GroupSimulator.h) on random networks, and by hand on
// the chains docs/Tiling.md draws.
//
//===----------------------------------------------------------------------===//

#include "accel/Workload/GroupTiling.h"
#include "GroupSimulator.h"
#include "RandomNetworks.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Search/DefaultMapping.h"
#include "gtest/gtest.h"
#include <set>

using namespace accel;
using namespace accel::testing;

namespace {

TEST(GroupTiling, ChainRegionsWidenByTheReceptiveField) {
  LayerGraph g = convChain();
  ASSERT_FALSE(static_cast<bool>(g.check()));
  GroupSchedule s;
  s.rows = 4;
  auto tiling = GroupTiling::compute(g, {0, 1, 2}, s);
  ASSERT_TRUE(static_cast<bool>(tiling)) << toString(tiling.takeError());
  EXPECT_EQ(tiling->numTiles(), 4u);
  EXPECT_EQ(tiling->height(), 16);
  // Tile 1 (docs/Tiling.md): conv3 [4, 8), conv2 [3, 9), conv1 [2, 10),
  // the input [1, 11).
  auto rowsOf = [&](unsigned t, unsigned tensor) {
    return tiling->region(t, tensor).dims[2];
  };
  EXPECT_EQ(rowsOf(1, 6), (Interval{4, 8}));
  EXPECT_EQ(rowsOf(1, 4), (Interval{3, 9}));
  EXPECT_EQ(rowsOf(1, 2), (Interval{2, 10}));
  EXPECT_EQ(rowsOf(1, 0), (Interval{1, 11}));
  // Halos kept: conv1 computes rows [0, 6), then [6, 10), [10, 14),
  // [14, 16); each input row is loaded once (8 x 4 elements per row).
  EXPECT_EQ(tiling->computed(0, 0)[0], (Interval{0, 6}));
  EXPECT_EQ(tiling->computed(1, 0)[0], (Interval{6, 10}));
  EXPECT_EQ(tiling->computed(3, 0)[0], (Interval{14, 16}));
  int64_t loaded = 0;
  for (unsigned t = 0; t < 4; ++t)
    loaded += tiling->loaded(t, 0);
  EXPECT_EQ(loaded, 16 * 32);
  // Depth first, double buffered: the input and the output two tiles each.
  EXPECT_EQ(tiling->slots(0), 2u);
  EXPECT_EQ(tiling->slots(2), 1u);
  EXPECT_EQ(tiling->slots(6), 2u);
}

TEST(GroupTiling, FootprintOfTheChain) {
  LayerGraph g = convChain();
  GroupSchedule s;
  s.rows = 4;
  s.doubleBuffer = false;
  auto tiling = GroupTiling::compute(g, {0, 1, 2}, s);
  ASSERT_TRUE(static_cast<bool>(tiling));
  // Tile 1 is the largest: input 10 rows, conv1 8, conv2 6, conv3 4; a row
  // is 8 x 4 x 2 B = 64 B. Weights 3 x 4 x 4 x 9 x 2 B = 864 B.
  GroupFootprint f = groupFootprint(*tiling);
  EXPECT_EQ(f.inputBytes, 10 * 64);
  EXPECT_EQ(f.intermediateBytes, (8 + 6) * 64);
  EXPECT_EQ(f.outputBytes, 4 * 64);
  EXPECT_EQ(f.weightBytes, 864);
  // Double buffered: the input holds two consecutive tiles (rows [1, 15)
  // for tiles 1 and 2: 14 rows), the output two (8 rows).
  s.doubleBuffer = true;
  tiling = GroupTiling::compute(g, {0, 1, 2}, s);
  f = groupFootprint(*tiling);
  EXPECT_EQ(f.inputBytes, 14 * 64);
  EXPECT_EQ(f.outputBytes, 8 * 64);
  // Recomputed: two separate tiles of 10 input rows.
  s.halo = HaloPolicy::Recompute;
  tiling = GroupTiling::compute(g, {0, 1, 2}, s);
  f = groupFootprint(*tiling);
  EXPECT_EQ(f.inputBytes, 20 * 64);
  // Streamed, double buffered: two layers' weights at a time.
  s.weights = WeightPolicy::Streamed;
  tiling = GroupTiling::compute(g, {0, 1, 2}, s);
  EXPECT_EQ(groupFootprint(*tiling).weightBytes, 2 * 288);
}

TEST(GroupTiling, PipelinedStagesAndSlots) {
  LayerGraph g = convChain();
  GroupSchedule s;
  s.rows = 2;
  s.mode = ExecutionMode::Pipelined;
  s.pes = {4, 4, 4};
  auto tiling = GroupTiling::compute(g, {0, 1, 2}, s);
  ASSERT_TRUE(static_cast<bool>(tiling)) << toString(tiling.takeError());
  EXPECT_EQ(tiling->numStages(), 3u);
  EXPECT_EQ(tiling->stage(2), 2u);
  // conv1's result is written in stage 0 and read in stage 1: two tiles.
  EXPECT_EQ(tiling->slots(2), 2u);
  EXPECT_EQ(tiling->slots(0), 2u); // loaded a stage ahead
}

TEST(GroupTiling, RejectsWhatItCannotTile) {
  LayerGraph g = convChain();
  GroupSchedule s;
  s.rows = 17;
  auto t = GroupTiling::compute(g, {0, 1, 2}, s);
  ASSERT_FALSE(static_cast<bool>(t));
  EXPECT_EQ(toString(t.takeError()),
            "rows: 17 exceeds the 16 rows of the group's tallest output");
  s.rows = 4;
  s.mode = ExecutionMode::Pipelined;
  s.pes = {1, 1};
  t = GroupTiling::compute(g, {0, 1, 2}, s);
  ASSERT_FALSE(static_cast<bool>(t));
  EXPECT_EQ(toString(t.takeError()), "pes: 2 shares for 3 computing layers");
  s = GroupSchedule();
  t = GroupTiling::compute(g, {0, 2}, s);
  ASSERT_FALSE(static_cast<bool>(t));
  EXPECT_EQ(toString(t.takeError()),
            "the group is not convex: conv1 -> conv2 -> conv3 leaves it and "
            "comes back");
}

TEST(GroupTiling, TileProblemsReadTheirRows) {
  Random rnd{std::mt19937_64(7)};
  for (int n = 0; n < 300; ++n) {
    ConvParams p;
    int64_t H = rnd.pick(3, 20), R = rnd.pick(1, 5);
    p.strides[0] = rnd.pick(1, 3);
    p.dilations[0] = rnd.pick(1, 3);
    p.pads[0] = rnd.pick(0, 3);
    p.pads[2] = rnd.pick(0, 3);
    Shape in{1, 2, H, 3}, w{2, 2, R, 1};
    auto out = inferConv2dShape(in, w, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      continue;
    }
    LayerProblem layer = convProblem(in, w, p);
    int64_t P = (*out)[2];
    int64_t a = rnd.pick(0, P - 1), b = rnd.pick(a + 1, P);
    LayerProblem tile = tileProblem(layer, {a, b});
    EXPECT_EQ(tile.macs(), layer.macs() / P * (b - a));
    // The rows read, one by one.
    std::set<int64_t> rows;
    for (int64_t q = a; q < b; ++q)
      for (int64_t r = 0; r < R; ++r) {
        int64_t y = q * p.strides[0] + r * p.dilations[0] - p.pads[0];
        if (y >= 0 && y < H)
          rows.insert(y);
      }
    EXPECT_EQ(tile.inputsRead(), int64_t(rows.size()) * 2 * 3)
        << "H " << H << " R " << R << " s " << p.strides[0] << " d "
        << p.dilations[0] << " pad " << p.pads[0] << " rows [" << a << ", " << b
        << ")";
  }
}

// The same for transposed convolutions, whose tile problems read a part of
// the zero-inserted input: only its real rows count, wherever the tile
// starts.
TEST(GroupTiling, TransposedTileProblemsReadTheirRealRows) {
  Random rnd{std::mt19937_64(8)};
  int checked = 0;
  for (int n = 0; n < 600; ++n) {
    ConvParams p;
    int64_t H = rnd.pick(1, 12), R = rnd.pick(1, 5);
    p.strides[0] = rnd.pick(1, 4);
    p.dilations[0] = rnd.pick(1, 3);
    p.pads[0] = rnd.pick(0, 3);
    p.pads[2] = rnd.pick(0, 3);
    Shape in{1, 2, H, 3}, w{2, 2, R, 1};
    auto out = inferConvTranspose2dShape(in, w, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      continue;
    }
    LayerProblem layer =
        convTransposeProblem(in, w, *out, p, PerTensor<int64_t>{});
    int64_t P = (*out)[2];
    int64_t a = rnd.pick(0, P - 1), b = rnd.pick(a + 1, P);
    LayerProblem tile = tileProblem(layer, {a, b});
    EXPECT_EQ(tile.macs(), layer.macs() / P * (b - a));
    // The real rows the outputs gather from, one by one.
    std::set<int64_t> rows;
    for (int64_t i = 0; i < H; ++i)
      for (int64_t r = 0; r < R; ++r) {
        int64_t y = i * p.strides[0] + r * p.dilations[0] - p.pads[0];
        if (y >= a && y < b)
          rows.insert(i);
      }
    EXPECT_EQ(tile.inputsRead(), int64_t(rows.size()) * 2 * 3)
        << "H " << H << " R " << R << " s " << p.strides[0] << " d "
        << p.dilations[0] << " pad " << p.pads[0] << " rows [" << a << ", " << b
        << ")";
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

TEST(GroupTiling, MatchesTheSimulatorOnRandomNetworks) {
  Arch roomy = roomyArch();
  Random rnd{std::mt19937_64(2024)};
  int cases = 0, costed = 0;
  for (int n = 0; n < 160; ++n) {
    RandomNetwork net = randomNetwork(rnd);
    ASSERT_FALSE(static_cast<bool>(net.graph.check()))
        << toString(net.graph.check()) << "\n"
        << net.describe();
    for (const GroupSchedule &s : randomSchedules(rnd, net.graph, net.group)) {
      auto tiling = GroupTiling::compute(net.graph, net.group, s);
      if (!tiling) {
        // (Too many rows, or row tiles through a layer norm over H.)
        std::string e = toString(tiling.takeError());
        ASSERT_TRUE(e.find("exceeds the") != std::string::npos ||
                    e.find("needs them all at once") != std::string::npos)
            << e << "\n"
            << net.describe();
        continue;
      }
      ++cases;
      SCOPED_TRACE(net.describe() + "\nschedule: " + describeSchedule(s));
      SimulatedGroup sim = simulateGroup(net.graph, net.group, s);
      const LayerGraph &g = net.graph;
      const GroupTensors &ts = tiling->tensors();
      ASSERT_EQ(tiling->numTiles(), sim.tiles);
      // Regions of every activation, tile by tile, both ways.
      for (unsigned t = 0; t < sim.tiles; ++t) {
        for (auto &[id, box] : sim.regions[t]) {
          if (g.tensor(id).weight)
            continue;
          ASSERT_TRUE(tiling->touches(id));
          EXPECT_EQ(tiling->region(t, id).str(), box.str())
              << "tile " << t << ", " << g.tensor(id).name;
        }
        for (unsigned id = 0; id < g.tensors().size(); ++id) {
          if (tiling->touches(id) && !g.tensor(id).weight &&
              !tiling->region(t, id).empty()) {
            EXPECT_TRUE(sim.regions[t].count(id))
                << "tile " << t << ": the model needs " << g.tensor(id).name
                << " " << tiling->region(t, id).str();
          }
        }
      }
      // DRAM: inputs loaded, outputs stored, weights.
      for (unsigned id : ts.inputs) {
        int64_t loaded = 0;
        for (unsigned t = 0; t < sim.tiles; ++t)
          loaded += tiling->loaded(t, id);
        EXPECT_EQ(loaded, sim.loaded[id]) << g.tensor(id).name;
      }
      int64_t stored = 0;
      for (unsigned id : ts.outputs)
        for (unsigned t = 0; t < sim.tiles; ++t)
          stored += tiling->outputTile(t, id).elements();
      EXPECT_EQ(stored, sim.storedElements);
      // What each layer computes, and the MACs.
      int64_t macs = 0, weightLoads = 0;
      for (auto [i, l] : llvm::enumerate(tiling->layers())) {
        const GraphLayer &layer = g.layer(l);
        int64_t made = 0;
        for (unsigned t = 0; t < sim.tiles; ++t) {
          bool any = false;
          for (Interval piece : tiling->computed(t, i)) {
            any = true;
            made += tiling->pieceBox(t, i, piece).elements();
            if (layer.computes())
              macs += tiling->pieceProblem(t, i, piece).macs();
          }
          if (any && layer.computes() && s.weights == WeightPolicy::Streamed)
            for (unsigned w : tiling->weightsOf(i))
              weightLoads += g.tensor(w).elements();
        }
        EXPECT_EQ(made, sim.computed[l]) << layer.name;
      }
      EXPECT_EQ(macs, sim.macs);
      if (s.weights == WeightPolicy::Resident)
        for (unsigned w : ts.weights)
          weightLoads += g.tensor(w).elements();
      EXPECT_EQ(weightLoads, sim.weightElementsLoaded);
      // The group's cost counts what the simulator moved and computed.
      std::vector<Mapping> mappings(tiling->layers().size());
      bool mapped = true;
      for (unsigned i = 0; i < mappings.size() && mapped; ++i) {
        if (!g.layer(tiling->layers()[i]).computes())
          continue;
        llvm::Expected<Mapping> m = defaultMapping(
            tiling->mappedProblem(i), groupLayerArch(roomy, tiling->peShare(i)),
            groupLayerOptions(*tiling, i), /*steps=*/10);
        if (!m) {
          llvm::consumeError(m.takeError());
          mapped = false;
        } else {
          mappings[i] = *m;
        }
      }
      if (mapped) {
        ++costed;
        CostResult c = evaluateGroup(*tiling, mappings, roomy);
        ASSERT_TRUE(c.valid) << c.reason;
        EXPECT_EQ(c.macs, sim.macs);
        int64_t inputs = 0, dram = 0;
        for (auto &[id, n] : sim.loaded) {
          inputs += n;
          dram += n * g.tensor(id).elementBytes();
        }
        EXPECT_EQ(c.levels[0].reads[Tensor::Inputs], inputs);
        EXPECT_EQ(c.levels[0].reads[Tensor::Weights], sim.weightElementsLoaded);
        EXPECT_EQ(c.levels[0].writes[Tensor::Outputs], sim.storedElements);
        // One element width per network here.
        int64_t bytes = g.tensor(0).elementBytes();
        EXPECT_EQ(c.dramBytes,
                  dram +
                      (sim.weightElementsLoaded + sim.storedElements) * bytes);
      }
      // Buffers.
      for (auto &[id, peak] : sim.peakElements)
        EXPECT_EQ(bufferBytes(*tiling, id), peak * g.tensor(id).elementBytes())
            << g.tensor(id).name << " (" << tiling->slots(id) << " slots)";
      EXPECT_EQ(groupFootprint(*tiling).weightBytes, sim.weightPeakBytes);
    }
  }
  EXPECT_GT(cases, 800);
  EXPECT_GT(costed, cases * 9 / 10);
}

TEST(GroupTiling, MappingsOfTheMappedProblemFitEveryPiece) {
  // PEs of 64 B: default mappings grow their tiles until they are full, so
  // a piece whose tiles took more room than the mapped problem's (e.g. a
  // tile refilled by the loop over a taller piece's extra rows, double
  // buffered) would not fit. Pieces are costed under groupLayerOptions, as
  // the mapped problem is mapped: they always fit.
  Arch tight = roomyArch();
  tight.memories[2].capacityBytes = 64;
  Random rnd{std::mt19937_64(77)};
  int costed = 0;
  for (int n = 0; n < 120; ++n) {
    RandomNetwork net = randomNetwork(rnd);
    for (const GroupSchedule &s : randomSchedules(rnd, net.graph, net.group)) {
      auto tiling = GroupTiling::compute(net.graph, net.group, s);
      if (!tiling) {
        llvm::consumeError(tiling.takeError());
        continue;
      }
      SCOPED_TRACE(net.describe() + "\nschedule: " + describeSchedule(s));
      std::vector<Mapping> mappings(tiling->layers().size());
      bool mapped = true;
      for (unsigned i = 0; i < mappings.size() && mapped; ++i) {
        if (!net.graph.layer(tiling->layers()[i]).computes())
          continue;
        llvm::Expected<Mapping> m = defaultMapping(
            tiling->mappedProblem(i), groupLayerArch(tight, tiling->peShare(i)),
            groupLayerOptions(*tiling, i), /*steps=*/60, /*seed=*/n);
        if (!m) {
          llvm::consumeError(m.takeError());
          mapped = false;
        } else {
          mappings[i] = *m;
        }
      }
      if (!mapped)
        continue;
      ++costed;
      CostResult c = evaluateGroup(*tiling, mappings, tight);
      ASSERT_TRUE(c.valid) << c.reason;
    }
  }
  EXPECT_GT(costed, 300);
}

} // namespace
