//===- GroupTimeline.cpp - When a layer group's tasks run -----------------===//

#include "accel/CostModel/GroupTimeline.h"

using namespace accel;

bool accel::isStep(const GroupTiling &tiling, unsigned t, unsigned i) {
  return !tiling.computed(t, i).empty() &&
         tiling.graph().layer(tiling.layers()[i]).computes();
}

GroupTimeline accel::groupTimeline(const GroupTiling &tiling,
                                   const GroupDurations &d) {
  const LayerGraph &graph = tiling.graph();
  const GroupSchedule &s = tiling.schedule();
  const GroupTensors &ts = tiling.tensors();
  unsigned T = tiling.numTiles(), L = tiling.layers().size();
  bool streamed = s.weights == WeightPolicy::Streamed;
  bool pipelined = s.mode == ExecutionMode::Pipelined;

  GroupTimeline tl;
  tl.load.resize(T);
  tl.store.resize(T);
  tl.weights.resize(size_t(T) * L);
  tl.compute.resize(size_t(T) * L);
  auto computeEnd = [&](unsigned t, unsigned i) {
    return tl.compute[t * L + i].end;
  };

  // What each layer reads and writes, once.
  std::vector<char> readsInput(L, 0), readsWeights(L, 0), writesOutput(L, 0);
  std::vector<llvm::SmallVector<unsigned, 2>> producers(L);
  for (unsigned i = 0; i < L; ++i) {
    const GraphLayer &layer = graph.layer(tiling.layers()[i]);
    for (unsigned op : layer.operands) {
      readsInput[i] |= llvm::is_contained(ts.inputs, op);
      readsWeights[i] |= llvm::is_contained(ts.weights, op);
      int p = graph.tensor(op).producer;
      int j = p >= 0 ? tiling.position(p) : -1;
      if (j >= 0 && !llvm::is_contained(producers[i], unsigned(j)))
        producers[i].push_back(j);
    }
    writesOutput[i] = llvm::is_contained(ts.outputs, layer.result);
  }
  llvm::SmallVector<llvm::SmallVector<unsigned, 4>, 4> inputReaders;
  for (unsigned id : ts.inputs)
    inputReaders.push_back(tiling.readers(id));
  std::vector<llvm::SmallVector<unsigned, 4>> resultReaders;
  for (unsigned l : tiling.layers())
    resultReaders.push_back(tiling.readers(graph.layer(l).result));

  double readFree = 0, writeFree = 0;
  std::vector<double> engineFree(pipelined ? L : 1, 0.0);
  if (!streamed) {
    tl.residentWeights = {0, d.residentWeights};
    readFree = d.residentWeights;
  }
  // Steps in execution order (streamed weights ride on them).
  std::vector<std::pair<unsigned, unsigned>> steps;
  unsigned ringDepth = s.doubleBuffer ? 2 : 1;

  for (unsigned t = 0; t < T; ++t) {
    // The tile's inputs, once the slot they overwrite is free (an input
    // with nothing new in this tile overwrites nothing).
    double start = readFree;
    for (auto [k, id] : llvm::enumerate(ts.inputs)) {
      unsigned slots = tiling.slots(id);
      if (t >= slots && tiling.loaded(t, id) > 0)
        for (unsigned c : inputReaders[k])
          start = std::max(start, computeEnd(t - slots, c));
    }
    tl.load[t] = {start, start + d.load[t]};
    readFree = tl.load[t].end;

    for (unsigned i = 0; i < L; ++i) {
      unsigned at = t * L + i;
      bool step = isStep(tiling, t, i);
      if (streamed && step) {
        double ws = readFree;
        if (steps.size() >= ringDepth) {
          auto [pt, pi] = steps[steps.size() - ringDepth];
          ws = std::max(ws, computeEnd(pt, pi));
        }
        tl.weights[at] = {ws, ws + d.weights[at]};
        readFree = tl.weights[at].end;
      }
      double &engine = engineFree[pipelined ? i : 0];
      double cs = engine;
      if (readsInput[i])
        cs = std::max(cs, tl.load[t].end);
      for (unsigned p : producers[i])
        cs = std::max(cs, computeEnd(t, p));
      if (readsWeights[i] && (!streamed || step))
        cs = std::max(cs, streamed ? tl.weights[at].end
                                   : tl.residentWeights.end);
      // The slot of its result, when it writes any.
      unsigned result = graph.layer(tiling.layers()[i]).result;
      unsigned slots = tiling.slots(result);
      if (t >= slots && !tiling.computed(t, i).empty()) {
        for (unsigned c : resultReaders[i])
          cs = std::max(cs, computeEnd(t - slots, c));
        if (writesOutput[i])
          cs = std::max(cs, tl.store[t - slots].end);
      }
      tl.compute[at] = {cs, cs + d.compute[at]};
      engine = tl.compute[at].end;
      if (step)
        steps.push_back({t, i});
    }

    double ss = writeFree;
    for (unsigned i = 0; i < L; ++i)
      if (writesOutput[i])
        ss = std::max(ss, computeEnd(t, i));
    tl.store[t] = {ss, ss + d.store[t]};
    writeFree = tl.store[t].end;
  }
  tl.cycles = std::max({readFree, writeFree, tl.residentWeights.end});
  for (double e : engineFree)
    tl.cycles = std::max(tl.cycles, e);
  return tl;
}
