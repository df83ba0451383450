//===- CostModelTest.cpp - The cost model against its oracles -------------===//

#include "LoopNestSimulator.h"
#include "RandomMappings.h"
#include "RandomCases.h"
#include "accel/Arch/Presets.h"
#include "gtest/gtest.h"
#include <random>

using namespace accel;
using namespace accel::testing;

namespace {

Mapping parseLevels(
    std::initializer_list<std::pair<std::optional<std::pair<Dim, int64_t>>,
                                    std::vector<std::pair<Dim, int64_t>>>>
        levels) {
  Mapping m;
  for (auto &[spatial, loops] : levels) {
    MappingLevel &l = m.addLevel();
    if (spatial) {
      l.spatial = spatial->first;
      l.fanout = spatial->second;
    }
    for (auto [d, t] : loops)
      l.addLoop(d, t);
  }
  return m;
}

/// DRAM -> Buffer -[units]-> PE register file -> MAC, all unbounded enough.
Arch tinyArch(int64_t units) {
  Arch a;
  a.name = "tiny";
  a.minParallelLevels = 0;
  a.maxParallelLevels = 1;
  MemoryLevel dram;
  dram.name = "DRAM";
  dram.wordBits = 16;
  dram.readEnergy = dram.writeEnergy = 100;
  a.memories.push_back(dram);
  MemoryLevel buf;
  buf.name = "Buffer";
  buf.capacityBytes = 1 << 20;
  buf.readEnergy = buf.writeEnergy = 10;
  FanoutStage s;
  s.name = "units";
  s.size = units;
  buf.fanout.push_back(s);
  a.memories.push_back(buf);
  MemoryLevel pe;
  pe.name = "PE";
  pe.capacityBytes = 1 << 10;
  pe.readEnergy = pe.writeEnergy = 1;
  a.memories.push_back(pe);
  a.macEnergy = 2;
  return a;
}

// A matmul out[4][3] = in[4][2] x w[2][3] on three units, one output column
// each: loop nest N(4) | spatial K(3) | PE: C(2). Derivation:
//  weights (6): the buffer and the PEs load them once (no loop above indexes
//    them temporally); the buffer serves 6 distinct elements; every MAC
//    reads one: 24.
//  inputs (8): the buffer loads each once (N advances: 4 tiles of 1 x 2);
//    each of the 3 PEs loads every row: 24 fills, but the buffer multicasts
//    the same row to all three: 8 reads; every MAC reads one: 24.
//  outputs (12): each PE holds one element per N step: 12 residencies, 12
//    write-backs (reads at the PE); MACs update 24 times, the first update
//    of each residency is a plain write: 24 writes, 12 read-modify-writes.
//    The buffer receives 12, each a first contribution; DRAM 12 writes.
TEST(CostModel, HandCheckedMatmul) {
  LayerProblem p = matmulProblem({4, 2}, {4, 3});
  Arch a = tinyArch(3);
  Mapping m = parseLevels(
      {{std::pair{Dim::K, int64_t(3)}, {{Dim::K, 1}, {Dim::N, 1}}}});
  CostResult r = evaluate(p, a, m);
  ASSERT_TRUE(r.valid) << r.reason;
  EXPECT_EQ(r.macs, 24);
  EXPECT_EQ(r.computeCycles, 8);
  EXPECT_DOUBLE_EQ(r.utilization, 1.0);
  auto W = Tensor::Weights, I = Tensor::Inputs, O = Tensor::Outputs;
  const LevelCost &dram = r.levels[0], &buf = r.levels[1], &pe = r.levels[2];
  EXPECT_EQ(dram.reads[W], 6);
  EXPECT_EQ(dram.reads[I], 8);
  EXPECT_EQ(dram.reads[O], 0);
  EXPECT_EQ(dram.writes[O], 12);
  EXPECT_EQ(buf.writes[W], 6);
  EXPECT_EQ(buf.reads[W], 6);
  EXPECT_EQ(buf.writes[I], 8);
  EXPECT_EQ(buf.reads[I], 8);
  EXPECT_EQ(buf.writes[O], 12);
  EXPECT_EQ(buf.reads[O], 12);
  EXPECT_EQ(pe.writes[W], 6);
  EXPECT_EQ(pe.reads[W], 24);
  EXPECT_EQ(pe.writes[I], 24);
  EXPECT_EQ(pe.reads[I], 24);
  EXPECT_EQ(pe.writes[O], 24);
  EXPECT_EQ(pe.reads[O], 24);
  EXPECT_EQ(pe.instances, 3);
  // Energy: 16-bit words everywhere; DRAM 26 x 100, buffer 52 x 10, PE
  // 126 x 1, MACs 24 x 2.
  EXPECT_DOUBLE_EQ(r.energy, 2600 + 520 + 126 + 48);
  EXPECT_EQ(r.dramBytes, 26 * 2);
}

//===----------------------------------------------------------------------===//
// Oracle: the analytical counts equal the literal simulation.
//===----------------------------------------------------------------------===//

LayerProblem randomProblem(Random &r) {
  LayerProblem p;
  LoopBounds &b = p.bounds;
  b.extent[Dim::N] = r.pick(1, 2);
  b.extent[Dim::G] = r.pick(1, 2);
  p.hasWeights = r.coin(0.8);
  b.extent[Dim::K] = p.hasWeights ? r.pick(1, 4) : 1;
  b.extent[Dim::C] = p.hasWeights ? r.pick(1, 3) : 1;
  b.extent[Dim::P] = r.pick(1, 5);
  b.extent[Dim::Q] = r.pick(1, 4);
  b.extent[Dim::R] = r.pick(1, 3);
  b.extent[Dim::S] = r.pick(1, 3);
  b.strideH = r.pick(1, 2);
  b.strideW = r.pick(1, 2);
  b.dilationH = r.pick(1, 2);
  b.dilationW = r.pick(1, 2);
  auto plane = [&](int64_t out, int64_t k, int64_t s, int64_t d, int64_t &pad) {
    int64_t span = (out - 1) * s + (k - 1) * d + 1;
    pad = std::min(r.pick(0, 2), span - 1);
    int64_t padEnd = std::min(r.pick(0, 2), span - 1 - pad);
    return span - pad - padEnd;
  };
  p.inputH = plane(b[Dim::P], b[Dim::R], b.strideH, b.dilationH, p.padTop);
  p.inputW = plane(b[Dim::Q], b[Dim::S], b.strideW, b.dilationW, p.padLeft);
  if (r.coin(0.3)) { // zero-inserted (a transposed convolution's input)
    p.everyH = r.pick(1, 3);
    p.everyW = r.pick(1, 3);
    p.firstH = r.pick(0, p.everyH - 1);
    p.firstW = r.pick(0, p.everyW - 1);
  }
  p.elementBits.v = {8, 16, 16};
  return p;
}

void expectSameCounts(const CostResult &model, const SimResult &sim,
                      const std::string &what) {
  EXPECT_EQ(model.macs, sim.macs) << what;
  EXPECT_EQ(model.computeCycles, sim.computeCycles) << what;
  for (unsigned m = 0; m < model.levels.size(); ++m)
    for (Tensor t : kAllTensors) {
      EXPECT_EQ(model.levels[m].reads[t], sim.reads[m][t])
          << what << "\n  level " << m << " " << tensorName(t).str()
          << " reads";
      EXPECT_EQ(model.levels[m].writes[t], sim.writes[m][t])
          << what << "\n  level " << m << " " << tensorName(t).str()
          << " writes";
    }
}

std::string describe(const LayerProblem &p, const Arch &a, const Mapping &m) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "bounds";
  for (Dim d : kAllDims)
    os << ' ' << dimName(d) << '=' << p.bounds[d];
  os << " stride " << p.bounds.strideH << 'x' << p.bounds.strideW
     << " dilation " << p.bounds.dilationH << 'x' << p.bounds.dilationW
     << " input " << p.inputH << 'x' << p.inputW << " pad " << p.padTop << ','
     << p.padLeft << " real every " << p.everyH << 'x' << p.everyW
     << " from " << p.firstH << ',' << p.firstW
     << (p.hasWeights ? "" : " no-weights") << "\n  mapping ";
  printMapping(os, m);
  os << "\n  memories:";
  for (const MemoryLevel &mem : a.memories) {
    os << ' ' << mem.name;
    if (mem.partition)
      os << "{w" << (*mem.partition)[Tensor::Weights] << " i"
         << (*mem.partition)[Tensor::Inputs] << " o"
         << (*mem.partition)[Tensor::Outputs] << '}';
    for (const FanoutStage &s : mem.fanout)
      os << " [" << s.size << " x" << s.maxMappingLevels
         << (s.multicast ? " mc" : "") << (s.spatialReduction ? " red" : "")
         << ']';
  }
  return s;
}

TEST(CostModel, MatchesLoopNestSimulatorOnRandomLayers) {
  Random r{std::mt19937_64(20261122)};
  int checked = 0, slid = 0;
  for (int iter = 0; iter < 4000 && checked < 400; ++iter) {
    LayerProblem p = randomProblem(r);
    Arch a = randomArch(r);
    Mapping m = randomMapping(r, p.bounds);
    LoopNest nest;
    if (llvm::Error e = buildLoopNest(p, a, m, nest)) {
      llvm::consumeError(std::move(e));
      continue;
    }
    // With and without line buffers: both must match, and the random cases
    // must include tiles that slide.
    CostOptions whole;
    whole.slidingWindows = false;
    CostResult model = evaluate(p, a, m);
    CostResult refilled = evaluate(p, a, m, whole);
    expectSameCounts(model, simulate(p, a, nest), describe(p, a, m));
    expectSameCounts(refilled, simulate(p, a, nest, false),
                     describe(p, a, m) + "\n  without sliding windows");
    if (::testing::Test::HasFailure())
      return;
    slid += model.levels[0].reads[Tensor::Inputs] <
                refilled.levels[0].reads[Tensor::Inputs] ||
            model.levels.back().writes[Tensor::Inputs] <
                refilled.levels.back().writes[Tensor::Inputs];
    ++checked;
  }
  EXPECT_GE(checked, 400);
  EXPECT_GE(slid, 40);
}

// Partial sums of another width than the outputs: on chip, output tiles
// are accumulators (partial sums' width); DRAM receives each output's final
// value at the outputs' width and every earlier arrival, and every read
// back, at the partial sums'. The simulator says which arrivals are final.
TEST(CostModel, PartialSumsTravelAtTheirWidth) {
  Random r{std::mt19937_64(20261202)};
  int checked = 0, spilled = 0;
  for (int iter = 0; iter < 4000 && checked < 200; ++iter) {
    LayerProblem p = randomProblem(r);
    p.elementBits.v = {8, 8, 8};
    Arch a = randomArch(r);
    a.precision.reset();
    Mapping m = randomMapping(r, p.bounds);
    LoopNest nest;
    if (llvm::Error e = buildLoopNest(p, a, m, nest)) {
      llvm::consumeError(std::move(e));
      continue;
    }
    CostOptions o;
    o.stopWhenInvalid = false;
    CostResult same = evaluate(p, a, m, o);
    p.partialSumBits = 8; // the outputs' width: nothing changes
    CostResult explicitSame = evaluate(p, a, m, o);
    EXPECT_EQ(same.dramBytes, explicitSame.dramBytes);
    EXPECT_EQ(same.energy, explicitSame.energy);
    p.partialSumBits = 32;
    CostResult wide = evaluate(p, a, m, o);
    SimResult sim = simulate(p, a, nest);
    const PerTensor<int64_t> &rd = sim.reads[0], &wr = sim.writes[0];
    int64_t finals = sim.dramOutputsFinal;
    int64_t spills = wr[Tensor::Outputs] - finals;
    int64_t expected = rd[Tensor::Weights] + wr[Tensor::Weights] +
                       rd[Tensor::Inputs] + wr[Tensor::Inputs] + finals +
                       4 * (spills + rd[Tensor::Outputs]);
    EXPECT_EQ(wide.dramBytes, expected) << describe(p, a, m);
    EXPECT_EQ(finals, p.tensorSize(Tensor::Outputs)) << describe(p, a, m);
    for (unsigned lvl = 1; lvl < a.memories.size(); ++lvl)
      if (a.memories[lvl].holds(Tensor::Outputs))
        EXPECT_EQ(wide.levels[lvl].bytes[Tensor::Outputs],
                  4 * same.levels[lvl].bytes[Tensor::Outputs])
            << describe(p, a, m);
    if (::testing::Test::HasFailure())
      return;
    spilled += spills > 0;
    ++checked;
  }
  EXPECT_GE(checked, 200);
  EXPECT_GE(spilled, 20);
}

// stopWhenInvalid keeps the verdict, the reason and the occupancy, and
// changes nothing for a mapping that fits.
TEST(CostModel, StopWhenInvalidKeepsVerdictAndOccupancy) {
  Random r{std::mt19937_64(20261123)};
  CostOptions stop;
  stop.stopWhenInvalid = true;
  int invalid = 0;
  for (int iter = 0; iter < 2000; ++iter) {
    LayerProblem p = randomProblem(r);
    Arch a = randomArch(r);
    // Small buffers so that some mappings do not fit.
    for (MemoryLevel &mem : llvm::drop_begin(a.memories))
      mem.capacityBytes = r.pick(8, 64);
    Mapping m = randomMapping(r, p.bounds);
    CostResult full = evaluate(p, a, m), early = evaluate(p, a, m, stop);
    std::string what = describe(p, a, m);
    ASSERT_EQ(full.valid, early.valid) << what;
    EXPECT_EQ(full.reason, early.reason) << what;
    // The overflow is described by describeOverflow, and a search that asks
    // for no text gets the same verdict and overflow.
    CostOptions quiet = stop;
    quiet.describeInvalid = false;
    CostResult silent = evaluate(p, a, m, quiet);
    EXPECT_EQ(silent.valid, full.valid) << what;
    ASSERT_EQ(silent.overflow.has_value(), full.overflow.has_value()) << what;
    if (full.overflow) {
      EXPECT_TRUE(silent.reason.empty()) << what;
      EXPECT_EQ(silent.overflow->memory, full.overflow->memory) << what;
      EXPECT_EQ(silent.overflow->tensor, full.overflow->tensor) << what;
      EXPECT_EQ(silent.overflow->need, full.overflow->need) << what;
      EXPECT_EQ(silent.overflow->have, full.overflow->have) << what;
      EXPECT_EQ(silent.levels[silent.overflow->memory].mappingLevel,
                full.levels[full.overflow->memory].mappingLevel)
          << what;
      EXPECT_GT(full.overflow->need, full.overflow->have) << what;
    }
    ASSERT_EQ(full.levels.size(), early.levels.size()) << what;
    for (unsigned l = 0; l < full.levels.size(); ++l) {
      EXPECT_EQ(full.levels[l].tile, early.levels[l].tile) << what;
      EXPECT_EQ(full.levels[l].bytes, early.levels[l].bytes) << what;
    }
    if (full.valid) {
      EXPECT_EQ(full.edp, early.edp) << what;
      for (unsigned l = 0; l < full.levels.size(); ++l) {
        EXPECT_EQ(full.levels[l].reads, early.levels[l].reads) << what;
        EXPECT_EQ(full.levels[l].writes, early.levels[l].writes) << what;
      }
    } else if (!full.levels.empty()) {
      ++invalid;
    }
    if (::testing::Test::HasFailure())
      return;
  }
  EXPECT_GE(invalid, 100);
}

// The brief's reference point: VGG-16 conv2 (K = C = 64, 224x224, 3x3) on
// the 168 PEs of eyeriss-like reaches the compute bound, 1,849,688,064 MACs /
// 168 = 11,010,048 cycles, as Timeloop's mapper does. Row stationary: filter
// rows x 4 channels over the 12 rows, 14 output columns over the columns.
TEST(CostModel, VggConv2ReachesTheComputeBoundOnEyeriss) {
  Arch eyeriss = *getPreset("eyeriss-like");
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  LayerProblem vgg = convProblem({1, 64, 224, 224}, {64, 64, 3, 3}, same);
  Mapping m = parseLevels(
      {{std::pair{Dim::R, int64_t(3)},
        {{Dim::K, 8}, {Dim::C, 16}, {Dim::P, 4}, {Dim::R, 1}, {Dim::S, 3}}},
       {std::pair{Dim::C, int64_t(4)}, {{Dim::C, 1}}},
       {std::pair{Dim::Q, int64_t(14)},
        {{Dim::Q, 1}, {Dim::P, 1}, {Dim::K, 8}}}});
  CostResult r = evaluate(vgg, eyeriss, m);
  ASSERT_TRUE(r.valid) << r.reason;
  EXPECT_EQ(r.macs, 1849688064);
  EXPECT_EQ(r.computeBound, 11010048);
  EXPECT_EQ(r.computeCycles, 11010048);
  EXPECT_DOUBLE_EQ(r.cycles, 11010048.0);
  EXPECT_DOUBLE_EQ(r.utilization, 1.0);
}

TEST(CostModel, InvalidMappingsSayWhy) {
  Arch eyeriss = *getPreset("eyeriss-like");
  LayerProblem vgg = convProblem({1, 64, 226, 226}, {64, 64, 3, 3}, {});
  // One level only, 16 units of K: eyeriss has no stage of 16.
  Mapping wide = parseLevels({{std::pair{Dim::K, int64_t(16)}, {{Dim::K, 4}}}});
  CostResult r = evaluate(vgg, eyeriss, wide);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.reason,
            "level 0: spatial K*16 fits no fan-out stage left on eyeriss-like");
  // Whole layer per PE: the PE spad overflows.
  Mapping whole =
      parseLevels({{std::pair{Dim::K, int64_t(12)}, {{Dim::K, 1}}}});
  r = evaluate(vgg, eyeriss, whole);
  EXPECT_FALSE(r.valid);
  // The global buffer holds 12 output channels of everything: weights
  // 12x64x3x3 and outputs 12x224x224 (both refilled as K advances, so double
  // buffered) and the whole input 64x226x226, 16 bit each.
  EXPECT_EQ(r.reason, "GlobalBuffer: the tiles need 8973824 B per instance "
                      "but 131072 B are available (over by 8842752 B)");
  // The same, structured: the shared capacity of memory 1, which holds the
  // tiles of mapping level 0 (above its spatial loop).
  ASSERT_TRUE(r.overflow.has_value());
  EXPECT_EQ(r.overflow->memory, 1u);
  EXPECT_FALSE(r.overflow->tensor.has_value());
  EXPECT_EQ(r.overflow->need, 8973824);
  EXPECT_EQ(r.overflow->have, 131072);
  EXPECT_EQ(r.levels[r.overflow->memory].mappingLevel, 0u);
  // A binding error is no overflow.
  EXPECT_FALSE(evaluate(vgg, eyeriss, wide).overflow.has_value());
}

// Which mapping level's tiles each memory holds: the global buffer sits
// above level 0's spatial loop, the PE scratchpad at the PE's own loops
// (the innermost level's tiles); a level spread over no stage of a memory
// leaves it to the next level inward.
TEST(LoopNest, TileLevelOfEachMemory) {
  Arch eyeriss = *getPreset("eyeriss-like");
  LayerProblem vgg = convProblem({1, 64, 224, 224}, {64, 64, 3, 3}, {});
  Mapping m =
      parseLevels({{std::pair{Dim::R, int64_t(3)}, {{Dim::K, 8}, {Dim::R, 1}}},
                   {std::pair{Dim::C, int64_t(4)}, {{Dim::C, 1}}},
                   {std::pair{Dim::Q, int64_t(14)}, {{Dim::Q, 1}}}});
  LoopNest nest;
  llvm::Error e = buildLoopNest(vgg, eyeriss, m, nest);
  ASSERT_FALSE(static_cast<bool>(e)) << llvm::toString(std::move(e));
  EXPECT_EQ(nest.tileLevel, (llvm::SmallVector<unsigned, 8>{0, 0, 2}));
  // The innermost memory overflows with level 2's tiles.
  Mapping big = parseLevels(
      {{std::pair{Dim::R, int64_t(3)},
        {{Dim::K, 8}, {Dim::C, 16}, {Dim::P, 4}, {Dim::R, 1}, {Dim::S, 3}}},
       {std::pair{Dim::C, int64_t(4)}, {{Dim::C, 1}}},
       {std::pair{Dim::Q, int64_t(14)},
        {{Dim::Q, 8}, {Dim::P, 1}, {Dim::K, 8}}}});
  CostResult r = evaluate(vgg, eyeriss, big);
  ASSERT_TRUE(r.overflow.has_value()) << r.reason;
  EXPECT_EQ(r.overflow->memory, 2u);
  EXPECT_EQ(r.levels[r.overflow->memory].mappingLevel, 2u);
  EXPECT_EQ(r.levels[2].mappingLevel, 2u);

  // simba-like: a global buffer over 16 PEs, an input buffer over 4 lanes,
  // lane buffers over 4 MACs. Three levels, one per stage; two levels (the
  // MACs' stage unused: the lane buffers hold the innermost level's
  // tiles); and a level of fan-out 1, whose spatial loop is dropped but
  // which still delimits the input buffer's tiles.
  Arch simba = *getPreset("simba-like");
  LayerProblem conv = convProblem({1, 64, 56, 56}, {64, 64, 3, 3}, {});
  auto tileLevels = [&](const Mapping &mapping) {
    LoopNest n;
    llvm::Error err = buildLoopNest(conv, simba, mapping, n);
    EXPECT_FALSE(static_cast<bool>(err)) << llvm::toString(std::move(err));
    return n.tileLevel;
  };
  auto K = [](int64_t f) { return std::pair{Dim::K, f}; };
  auto C = [](int64_t f) { return std::pair{Dim::C, f}; };
  EXPECT_EQ(tileLevels(parseLevels({{K(16), {{Dim::K, 4}}},
                                    {C(4), {{Dim::C, 16}}},
                                    {K(4), {{Dim::K, 1}}}})),
            (llvm::SmallVector<unsigned, 8>{0, 0, 1, 2}));
  EXPECT_EQ(
      tileLevels(parseLevels({{K(16), {{Dim::K, 4}}}, {C(4), {{Dim::C, 16}}}})),
      (llvm::SmallVector<unsigned, 8>{0, 0, 1, 1}));
  EXPECT_EQ(tileLevels(parseLevels({{K(16), {{Dim::K, 4}}},
                                    {C(1), {{Dim::C, 16}}},
                                    {K(4), {{Dim::K, 1}}}})),
            (llvm::SmallVector<unsigned, 8>{0, 0, 1, 2}));
}

// The model selects loops with 64-bit sets: a mapping that unrolls into
// more loops is refused with a message, not miscounted.
TEST(CostModel, RefusesNestsOfMoreThan64Loops) {
  ConvParams grouped;
  grouped.groups = 16;
  // Every dimension (N G K C P Q R S) has extent 16.
  LayerProblem p = convProblem({16, 256, 31, 31}, {256, 16, 16, 16}, grouped);
  // Eight levels each shrink every dimension's tile by one (15, 14, ..., 8):
  // eight loops of two iterations per dimension, then the PE's loop of 8.
  Mapping m;
  for (int64_t tile = 15; tile >= 8; --tile) {
    MappingLevel &l = m.addLevel();
    for (Dim d :
         {Dim::N, Dim::G, Dim::K, Dim::C, Dim::P, Dim::Q, Dim::R, Dim::S})
      l.addLoop(d, tile);
  }
  CostResult r = evaluate(p, tinyArch(4), m);
  EXPECT_FALSE(r.valid);
  EXPECT_EQ(r.reason, "the mapping unrolls into 72 loops with more than one "
                      "iteration; the cost model takes at most 64");
}

} // namespace
