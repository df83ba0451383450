//===- HardwareSearchTest.cpp - Pareto ranking and the hardware search ----===//

#include "accel/Search/HardwareSearch.h"
#include "accel/Search/Pareto.h"
#include "gtest/gtest.h"
#include <random>

using namespace accel;

namespace {

// Against brute force on random objective sets (with ties): front 0 is
// exactly the non-dominated points, every point of front k + 1 is
// dominated by one of front k and by none of fronts k + 1 and later.
TEST(Pareto, FrontsMatchBruteForce) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 200; ++trial) {
    int n = 1 + int(rng() % 30), m = 1 + int(rng() % 3);
    std::vector<std::vector<double>> pts(n, std::vector<double>(m));
    for (auto &p : pts)
      for (double &v : p)
        v = double(rng() % 6);
    std::vector<unsigned> front = nondominatedFronts(pts);
    for (int i = 0; i < n; ++i) {
      bool dominatedBySame = false, dominatedByPrevious = front[i] == 0;
      for (int j = 0; j < n; ++j) {
        if (!dominates(pts[j], pts[i]))
          continue;
        EXPECT_LT(front[j], front[i]);
        dominatedBySame |= front[j] >= front[i];
        dominatedByPrevious |= front[j] + 1 == front[i];
      }
      EXPECT_FALSE(dominatedBySame);
      EXPECT_TRUE(dominatedByPrevious);
    }
    std::vector<RankedPoint> ranked;
    for (auto &p : pts)
      ranked.push_back({p, true, 0});
    std::vector<unsigned> pareto = paretoFront(ranked);
    std::vector<unsigned> expected;
    for (int i = 0; i < n; ++i) {
      bool keep = front[i] == 0;
      for (int j = 0; j < i && keep; ++j)
        keep = pts[j] != pts[i]; // first of equal points
      if (keep)
        expected.push_back(i);
    }
    EXPECT_EQ(pareto, expected);
  }
}

TEST(Pareto, CrowdingAndOrder) {
  // One front on a line: the ends are infinitely far, the middle points
  // have the normalised gap between their neighbours, summed per objective.
  std::vector<std::vector<double>> line = {{0, 4}, {1, 3}, {3, 1}, {4, 0}};
  std::vector<double> d = crowdingDistances(line, {0, 1, 2, 3});
  EXPECT_TRUE(std::isinf(d[0]) && std::isinf(d[3]));
  EXPECT_DOUBLE_EQ(d[1], 3.0 / 4 + 3.0 / 4);
  EXPECT_DOUBLE_EQ(d[2], 3.0 / 4 + 3.0 / 4);
  // Order: front 0 (extremes first), then front 1, then the infeasible,
  // least violating first.
  std::vector<RankedPoint> pts = {{{2, 2}, true, 0},  {{1, 3}, true, 0},
                                  {{0, 0}, false, 5}, {{3, 1}, true, 0},
                                  {{0, 0}, false, 1}, {{3, 3}, true, 0}};
  EXPECT_EQ(nsga2Order(pts), (std::vector<unsigned>{1, 3, 0, 5, 4, 2}));
}

/// Two convolution layers, small enough to map many times.
std::vector<DseNetwork> tinyNetwork() {
  DseNetwork net;
  net.name = "tiny";
  ConvParams p;
  p.pads = {1, 1, 1, 1};
  net.layers.push_back(convProblem({1, 8, 16, 16}, {16, 8, 3, 3}, p));
  net.layers.push_back(convProblem({1, 16, 16, 16}, {16, 16, 1, 1}, {}));
  net.weightsAreActivations = {false, false};
  return {net};
}

llvm::Expected<ArchTemplate> tinyTemplate() {
  return parseArchTemplate(R"(name: tiny-space
knobs:
  - { name: pes, values: [4, 8, 16] }
  - { name: kib, range: [1, 16], scale: pow2 }
  - { name: bw, values: [1, 4] }
constraints: { max-area-mm2: 0.04 }
accelerator: |
  name: t${pes}-${kib}-${bw}
  mac: { bits: 16, energy-pj: 2 }
  memories:
    - { name: DRAM, word-bits: 64, read-bandwidth: ${bw},
        write-bandwidth: ${bw}, read-energy-pj: 200, write-energy-pj: 200 }
    - name: Buffer
      capacity-bytes: ${kib * 1024}
      word-bits: 64
      read-bandwidth: 4
      write-bandwidth: 4
      read-energy-pj: ${4 * sqrt(kib)}
      write-energy-pj: ${4 * sqrt(kib)}
      fanout: [ { name: units, size: ${pes}, max-levels: 2 } ]
    - { name: Regs, capacity-bytes: 64, word-bits: 16, read-energy-pj: 0.2,
        write-energy-pj: 0.2 }
)",
                           "tiny.yaml");
}

// On a 30-point template, NSGA-II with enough budget finds exactly the
// front of the exhaustive search (each point scores the same under both:
// its mapping searches are seeded by the point), whatever the threads.
TEST(HardwareSearch, Nsga2FindsTheExhaustiveFront) {
  llvm::Expected<ArchTemplate> t = tinyTemplate();
  ASSERT_TRUE(static_cast<bool>(t)) << llvm::toString(t.takeError());
  ASSERT_EQ(t->size(), 30);
  DseOptions o;
  o.mapping.population = 10;
  o.mapping.generations = 4;
  o.strategy = DseStrategy::Exhaustive;
  llvm::Expected<DseResult> all = searchHardware(*t, tinyNetwork(), o);
  ASSERT_TRUE(static_cast<bool>(all)) << llvm::toString(all.takeError());
  EXPECT_EQ(all->points.size(), 30u);
  size_t infeasible = llvm::count_if(
      all->points, [](const DsePoint &p) { return !p.feasible; });
  EXPECT_GT(infeasible, 0u); // the area limit cuts some
  EXPECT_LT(infeasible, 30u);
  auto frontIds = [&](const DseResult &r) {
    std::vector<int64_t> ids;
    for (unsigned i : r.front)
      ids.push_back(t->indexOf(r.points[i].point));
    llvm::sort(ids);
    return ids;
  };
  o.strategy = DseStrategy::Nsga2;
  o.population = 12;
  o.generations = 12;
  for (unsigned threads : {1u, 2u}) {
    o.threads = threads;
    llvm::Expected<DseResult> ga = searchHardware(*t, tinyNetwork(), o);
    ASSERT_TRUE(static_cast<bool>(ga)) << llvm::toString(ga.takeError());
    EXPECT_EQ(frontIds(*ga), frontIds(*all)) << threads << " threads";
    for (const DsePoint &p : ga->points) {
      const DsePoint &q = all->points[t->indexOf(p.point)];
      EXPECT_EQ(p.objectives, q.objectives);
    }
  }
  // An infeasible point says why.
  for (const DsePoint &p : all->points) {
    if (!p.feasible) {
      EXPECT_NE(p.reason.find("area mm2"), std::string::npos) << p.reason;
    }
  }
}

// A network axis: every point is a template point and one network, scored
// on that network alone (as a search on it alone scores it), its accuracy
// objective the network's top-1 error.
TEST(HardwareSearch, NetworkAxisScoresOneNetworkPerPoint) {
  llvm::Expected<ArchTemplate> t = tinyTemplate();
  ASSERT_TRUE(static_cast<bool>(t)) << llvm::toString(t.takeError());
  std::vector<DseNetwork> nets = tinyNetwork();
  nets.push_back(nets[0]);
  nets[1].name = "first-layer";
  nets[1].layers.resize(1);
  nets[1].weightsAreActivations.resize(1);
  nets[0].accuracy = 75;
  nets[1].accuracy = 70;
  DseOptions o;
  o.mapping.population = 10;
  o.mapping.generations = 4;
  o.strategy = DseStrategy::Exhaustive;
  o.objectives = {DseObjective::Latency, DseObjective::Accuracy};
  o.networkAxis = true;
  ArchTemplate space = withNetworkAxis(*t, 2);
  EXPECT_EQ(space.size(), 60);
  llvm::Expected<DseResult> r = searchHardware(space, nets, o);
  ASSERT_TRUE(static_cast<bool>(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->points.size(), 60u);
  // The first-layer network's layer is the other network's first: on the
  // same hardware its search is shared, not run again.
  int64_t firstLayerSearches = 0;
  for (const DsePoint &p : r->points)
    if (p.point.back() == 1)
      firstLayerSearches += p.mappingSearches;
  EXPECT_GT(firstLayerSearches, 0);
  EXPECT_EQ(r->mappingSearchesShared, firstLayerSearches);
  // Whichever thread asks first, the same points.
  for (unsigned threads : {1u, 2u}) {
    DseOptions ot = o;
    ot.threads = threads;
    llvm::Expected<DseResult> again = searchHardware(space, nets, ot);
    ASSERT_TRUE(static_cast<bool>(again));
    ASSERT_EQ(again->points.size(), r->points.size());
    for (auto [a, b] : llvm::zip(again->points, r->points)) {
      EXPECT_EQ(a.point, b.point);
      EXPECT_EQ(a.objectives, b.objectives);
    }
  }
  o.networkAxis = false;
  for (const DsePoint &p : r->points) {
    unsigned net = p.point.back();
    TemplatePoint hw = hardwareOf(p.point, /*networkAxis=*/true);
    // Seeded by the hardware alone: each point is exactly the point of a
    // search on its network alone, shared results or not.
    DsePoint alone = evaluateDsePoint(*t, hw, {nets[net]}, o);
    EXPECT_EQ(alone.feasible, p.feasible);
    EXPECT_EQ(alone.networkSeconds, p.networkSeconds);
    EXPECT_EQ(alone.networkEnergyPJ, p.networkEnergyPJ);
    EXPECT_EQ(alone.mappingSearches, p.mappingSearches);
    EXPECT_EQ(alone.areaMm2, p.areaMm2);
    if (p.feasible) {
      EXPECT_DOUBLE_EQ(p.objectives[1], 100 - *nets[net].accuracy);
    }
  }
  // Without every network's accuracy, the accuracy objective is refused.
  nets[1].accuracy.reset();
  o.networkAxis = true;
  llvm::Expected<DseResult> refused = searchHardware(space, nets, o);
  ASSERT_FALSE(static_cast<bool>(refused));
  EXPECT_EQ(llvm::toString(refused.takeError()),
            "the accuracy objective needs every network's accuracy "
            "(first-layer has none)");
}

} // namespace
