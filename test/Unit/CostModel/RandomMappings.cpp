//===- RandomMappings.cpp - Random accelerators and mappings --------------===//

#include "RandomMappings.h"
#include <algorithm>

using namespace accel;
using namespace accel::testing;

Arch accel::testing::randomArch(Random &r) {
  Arch a;
  a.name = "random";
  MemoryLevel dram;
  dram.name = "DRAM";
  dram.wordBits = 64;
  a.memories.push_back(dram);
  unsigned onChip = r.pick(1, 3), stageLevels = 0;
  for (unsigned m = 1; m <= onChip; ++m) {
    MemoryLevel mem;
    mem.name = "M" + std::to_string(m);
    mem.capacityBytes = 1 << 30;
    if (r.coin(0.4)) {
      PerTensor<int64_t> part;
      for (Tensor t : kAllTensors)
        part[t] = r.coin(0.7) ? 1 << 20 : 0;
      mem.partition = part;
    }
    unsigned stages = r.pick(0, 2);
    for (unsigned s = 0; s < stages; ++s) {
      FanoutStage st;
      st.name = mem.name + "s" + std::to_string(s);
      st.size = r.pick(2, 6);
      st.maxMappingLevels = r.pick(1, 2);
      st.multicast = r.coin(0.7);
      st.spatialReduction = r.coin(0.7);
      stageLevels += st.maxMappingLevels;
      mem.fanout.push_back(st);
    }
    a.memories.push_back(mem);
  }
  a.minParallelLevels = 0;
  a.maxParallelLevels = stageLevels;
  return a;
}

Mapping accel::testing::randomMapping(Random &r, const LoopBounds &b) {
  Mapping m;
  unsigned levels = r.pick(1, 3);
  PerDim<int64_t> parent = b.extent;
  for (unsigned i = 0; i < levels; ++i) {
    MappingLevel &l = m.addLevel();
    std::vector<Dim> dims(kAllDims.begin(), kAllDims.end());
    std::shuffle(dims.begin(), dims.end(), r.rng);
    for (Dim d : dims) {
      if (!r.coin(0.6))
        continue;
      int64_t t = r.pick(1, parent[d]);
      l.addLoop(d, t);
    }
    if (r.coin(0.6) && l.numLoops > 0) {
      Dim d = l.order[r.pick(0, l.numLoops - 1)];
      int64_t maxFan = parent[d] / l.tile[d];
      if (maxFan >= 2) {
        l.spatial = d;
        l.fanout = r.pick(2, std::min<int64_t>(maxFan, 4));
      }
    }
    if (l.numLoops == 0)
      l.addLoop(Dim::N, 1);
    for (Dim d : l.loops())
      parent[d] = l.tile[d];
  }
  return m;
}
