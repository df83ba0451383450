//===- GroupTimelineTest.cpp - Group timing against a discrete-event run --===//
//
// The timeline's max-plus recurrence (GroupTimeline.h) against a
// discrete-event simulation of the same machine built the other way round:
// engines that each run their job list in order, each buffer a ring of
// tile places (writing tile t waits for every reader of tile t - s to have
// finished), a ring of weight buffers as a counting semaphore, and a clock
// that jumps from one job's end to the next. Random networks, schedules and
// durations (zeros included).
//
//===----------------------------------------------------------------------===//

#include "../Workload/RandomNetworks.h"
#include "accel/CostModel/GroupTimeline.h"
#include "gtest/gtest.h"
#include <map>
#include <queue>
#include <set>

using namespace accel;
using namespace accel::testing;

namespace {

enum class JobKind { ResidentWeights, Load, Weights, Compute, Store };
struct Job {
  JobKind kind;
  unsigned tile = 0, layer = 0;
  double duration = 0;
};

/// Runs the group's jobs event by event; returns when the last one ends.
double simulate(const GroupTiling &tiling, const GroupDurations &d) {
  const LayerGraph &g = tiling.graph();
  const GroupSchedule &s = tiling.schedule();
  const GroupTensors &ts = tiling.tensors();
  unsigned T = tiling.numTiles(), L = tiling.layers().size();
  bool streamed = s.weights == WeightPolicy::Streamed;
  bool pipelined = s.mode == ExecutionMode::Pipelined;

  // Engines: 0 DMA in, 1 DMA out, then the PE array (or one per layer).
  std::vector<std::vector<Job>> programs(2 + (pipelined ? L : 1));
  if (!streamed)
    programs[0].push_back({JobKind::ResidentWeights, 0, 0,
                           d.residentWeights});
  for (unsigned t = 0; t < T; ++t) {
    programs[0].push_back({JobKind::Load, t, 0, d.load[t]});
    for (unsigned i = 0; i < L; ++i) {
      if (streamed && isStep(tiling, t, i))
        programs[0].push_back({JobKind::Weights, t, i, d.weights[t * L + i]});
      programs[pipelined ? 2 + i : 2].push_back(
          {JobKind::Compute, t, i, d.compute[t * L + i]});
    }
    programs[1].push_back({JobKind::Store, t, 0, d.store[t]});
  }

  // Who reads what.
  auto producedBy = [&](unsigned i) { return g.layer(tiling.layers()[i]).result; };
  auto reads = [&](unsigned i, unsigned id) {
    return llvm::is_contained(g.layer(tiling.layers()[i]).operands, id);
  };
  // Readers of each (tensor, tile) that have finished: a buffer kept for s
  // tiles is a ring, so writing tile t reuses tile t - s's place.
  std::map<std::pair<unsigned, unsigned>, int> finishedReaders;
  auto readersOf = [&](unsigned id) {
    int n = tiling.readers(id).size();
    if (llvm::is_contained(ts.outputs, id))
      ++n;
    return n;
  };
  auto placeFree = [&](unsigned id, unsigned t) {
    unsigned s = tiling.slots(id);
    return t < s || finishedReaders[{id, t - s}] == readersOf(id);
  };
  int freeWeightBuffers = s.doubleBuffer ? 2 : 1;
  std::set<std::tuple<JobKind, unsigned, unsigned>> done;
  auto isDone = [&](JobKind k, unsigned t, unsigned i) {
    return done.count({k, t, i}) > 0;
  };
  std::vector<size_t> next(programs.size(), 0);
  std::vector<bool> busy(programs.size(), false);
  using Event = std::tuple<double, unsigned, Job>; // end, engine, job
  auto later = [](const Event &a, const Event &b) {
    return std::get<0>(a) > std::get<0>(b);
  };
  std::priority_queue<Event, std::vector<Event>, decltype(later)> events(later);

  auto ready = [&](const Job &j) {
    switch (j.kind) {
    case JobKind::ResidentWeights:
      return true;
    case JobKind::Load:
      for (unsigned id : ts.inputs)
        if (tiling.loaded(j.tile, id) > 0 && !placeFree(id, j.tile))
          return false;
      return true;
    case JobKind::Weights:
      return freeWeightBuffers > 0;
    case JobKind::Compute: {
      unsigned i = j.layer, t = j.tile;
      const GraphLayer &layer = g.layer(tiling.layers()[i]);
      for (unsigned op : layer.operands) {
        if (llvm::is_contained(ts.inputs, op) && !isDone(JobKind::Load, t, 0))
          return false;
        bool needsWeights = !streamed || isStep(tiling, t, i);
        if (llvm::is_contained(ts.weights, op) && needsWeights &&
            !(streamed ? isDone(JobKind::Weights, t, i)
                       : isDone(JobKind::ResidentWeights, 0, 0)))
          return false;
        int p = g.tensor(op).producer;
        int k = p >= 0 ? tiling.position(p) : -1;
        if (k >= 0 && !isDone(JobKind::Compute, t, k))
          return false;
      }
      return tiling.computed(t, i).empty() || placeFree(layer.result, t);
    }
    case JobKind::Store:
      for (unsigned i = 0; i < L; ++i)
        if (llvm::is_contained(ts.outputs, producedBy(i)) &&
            !isDone(JobKind::Compute, j.tile, i))
          return false;
      return true;
    }
    return false;
  };
  auto start = [&](unsigned e, const Job &j, double now) {
    if (j.kind == JobKind::Weights)
      --freeWeightBuffers;
    busy[e] = true;
    events.push({now + j.duration, e, j});
  };
  auto release = [&](unsigned id, unsigned t) { ++finishedReaders[{id, t}]; };
  auto finish = [&](unsigned e, const Job &j) {
    busy[e] = false;
    ++next[e];
    done.insert({j.kind, j.tile, j.layer});
    if (j.kind == JobKind::Compute) {
      for (unsigned id : ts.inputs)
        if (reads(j.layer, id))
          release(id, j.tile);
      for (unsigned id : ts.produced)
        if (reads(j.layer, id))
          release(id, j.tile);
      if (streamed && isStep(tiling, j.tile, j.layer))
        ++freeWeightBuffers;
    }
    if (j.kind == JobKind::Store)
      for (unsigned id : ts.outputs)
        release(id, j.tile);
  };

  double now = 0, last = 0;
  while (true) {
    // Start every job that can start now (repeat: a zero-length job that
    // ends at once may free another).
    bool started = true;
    while (started) {
      started = false;
      for (unsigned e = 0; e < programs.size(); ++e)
        if (!busy[e] && next[e] < programs[e].size() &&
            ready(programs[e][next[e]])) {
          start(e, programs[e][next[e]], now);
          started = true;
        }
      while (!events.empty() && std::get<0>(events.top()) == now) {
        auto [end, e, j] = events.top();
        events.pop();
        finish(e, j);
        started = true;
      }
    }
    if (events.empty())
      break;
    now = std::get<0>(events.top());
    last = std::max(last, now);
  }
  for (unsigned e = 0; e < programs.size(); ++e)
    EXPECT_EQ(next[e], programs[e].size()) << "engine " << e << " is stuck";
  return last;
}

TEST(GroupTimeline, MatchesADiscreteEventRun) {
  Random rnd{std::mt19937_64(99)};
  int cases = 0;
  for (int n = 0; n < 150; ++n) {
    RandomNetwork net = randomNetwork(rnd);
    size_t computing = llvm::count_if(
        net.group, [&](unsigned l) { return net.graph.layer(l).computes(); });
    for (int k = 0; k < 6; ++k) {
      GroupSchedule s;
      s.rows = rnd.pick(1, 4);
      s.halo = rnd.coin() ? HaloPolicy::Keep : HaloPolicy::Recompute;
      s.doubleBuffer = rnd.coin(0.7);
      if (computing > 0 && rnd.coin(0.5)) {
        s.mode = ExecutionMode::Pipelined;
        s.pes.assign(computing, 1);
      } else if (rnd.coin()) {
        s.weights = WeightPolicy::Streamed;
      }
      auto tiling = GroupTiling::compute(net.graph, net.group, s);
      if (!tiling) {
        llvm::consumeError(tiling.takeError());
        continue;
      }
      unsigned T = tiling->numTiles(), L = tiling->layers().size();
      GroupDurations d;
      auto draw = [&] { return double(rnd.coin(0.2) ? 0 : rnd.pick(1, 50)); };
      d.residentWeights = draw();
      for (unsigned t = 0; t < T; ++t) {
        d.load.push_back(draw());
        d.store.push_back(draw());
        for (unsigned i = 0; i < L; ++i) {
          d.compute.push_back(draw());
          d.weights.push_back(draw());
        }
      }
      GroupTimeline tl = groupTimeline(*tiling, d);
      EXPECT_EQ(tl.cycles, simulate(*tiling, d)) << net.describe();
      ++cases;
    }
  }
  EXPECT_GT(cases, 500);
}

/// Two layers, one tile each of equal durations: pipelined, the steady
/// state is the slowest stage; depth first, the sum.
TEST(GroupTimeline, PipelinedChainRunsAtItsSlowestStage) {
  LayerGraph g;
  auto tensor = [&](Shape s, bool weight = false) {
    GraphTensor t;
    t.shape = s;
    t.weight = weight;
    return g.addTensor(t);
  };
  Shape act{1, 2, 8, 2}, w{2, 2, 1, 1};
  unsigned x = tensor(act);
  for (int i = 0; i < 2; ++i) {
    GraphLayer l;
    l.kind = LayerKind::Conv;
    l.operands = {x, tensor(w, true)};
    l.result = x = tensor(act);
    l.problem = convProblem(act, w, ConvParams());
    g.addLayer(l);
  }
  g.tensor(x).output = true;
  GroupSchedule s;
  s.rows = 1; // 8 tiles
  s.mode = ExecutionMode::Pipelined;
  s.pes = {1, 1};
  auto tiling = GroupTiling::compute(g, {0, 1}, s);
  ASSERT_TRUE(static_cast<bool>(tiling));
  GroupDurations d;
  d.load.assign(8, 0);
  d.store.assign(8, 0);
  d.weights.assign(16, 0);
  for (int t = 0; t < 8; ++t)
    d.compute.insert(d.compute.end(), {10, 30});
  // Fill (10) + 8 tiles at the slowest stage (30).
  EXPECT_EQ(groupTimeline(*tiling, d).cycles, 10 + 8 * 30);
  s.mode = ExecutionMode::DepthFirst;
  s.pes.clear();
  tiling = GroupTiling::compute(g, {0, 1}, s);
  EXPECT_EQ(groupTimeline(*tiling, d).cycles, 8 * 40);
}

} // namespace
