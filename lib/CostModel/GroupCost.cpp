//===- GroupCost.cpp - Cost of a layer group run tile by tile -------------===//

#include "accel/CostModel/GroupCost.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;

Mapping accel::clampMapping(const Mapping &mapping, const LoopBounds &bounds) {
  Mapping m = mapping;
  PerDim<int64_t> parent = bounds.extent;
  for (unsigned i = 0; i < m.numLevels; ++i) {
    MappingLevel &l = m.level(i);
    for (Dim d : l.loops())
      l.tile[d] = std::max<int64_t>(1, std::min(l.tile[d], parent[d]));
    if (l.spatial) {
      Dim d = *l.spatial;
      l.fanout = std::max<int64_t>(
          1, std::min(l.fanout, parent[d] / std::max<int64_t>(l.tile[d], 1)));
    }
    for (Dim d : l.loops())
      parent[d] = l.tile[d];
  }
  return m;
}

LayerProblem accel::tileProblem(const LayerProblem &layer, int64_t rows) {
  LayerProblem p = layer;
  const LoopBounds &b = layer.bounds;
  p.bounds.extent[Dim::P] = rows;
  p.inputH = std::min(layer.inputH,
                      inputSpan(rows, b[Dim::R], b.strideH, b.dilationH));
  p.padTop = 0;
  return p;
}

GroupCostResult accel::evaluateGroup(const GroupProblem &group,
                                     const Arch &arch,
                                     const CostOptions &options) {
  GroupCostResult r;
  if (arch.memories.size() < 3) {
    r.reason = "a group needs an on-chip level to live in above the PEs' own";
    return r;
  }
  // The accelerator as a layer of the group sees it: no DRAM.
  Arch onChip = arch;
  onChip.memories.erase(onChip.memories.begin());
  onChip.memories.front().capacityBytes = 0; // the group checks its own fit
  onChip.memories.front().partition.reset();

  for (const GroupLayer &layer : group.layers) {
    // Tiles of equal height cost the same: evaluate each height once.
    llvm::DenseMap<int64_t, CostResult> byRows;
    for (int64_t rows : layer.rowsPerTile) {
      if (rows <= 0)
        continue;
      auto [it, inserted] = byRows.try_emplace(rows);
      if (inserted) {
        LayerProblem p = tileProblem(layer.problem, rows);
        it->second =
            evaluate(p, onChip, clampMapping(layer.mapping, p.bounds), options);
        if (!it->second.valid) {
          r.reason =
              llvm::formatv("a tile of {0} rows: {1}", rows, it->second.reason);
          return r;
        }
      }
      const CostResult &c = it->second;
      r.macs += c.macs;
      r.computeCycles += c.cycles;
      r.energy += c.energy;
    }
  }
  // DRAM: the group's inputs, outputs and weights.
  r.weightLoads = group.weightsResident ? 1 : group.tiles();
  int64_t inputBytes = 0;
  for (int64_t b : group.inputBytesPerTile)
    inputBytes += b;
  int64_t readBytes = inputBytes + group.weightBytes * r.weightLoads;
  r.dramBytes = readBytes + group.outputBytes;
  const MemoryLevel &dram = arch.memories[0];
  const MemoryLevel &buffer = arch.memories[1];
  double wordBytes = dram.wordBits / 8.0;
  double readWords = readBytes / wordBytes,
         writeWords = group.outputBytes / wordBytes;
  // DRAM reads land in the buffer; outputs leave from it.
  double bufferWord = buffer.wordBits / 8.0;
  r.energy += readWords * dram.readEnergy + writeWords * dram.writeEnergy +
              readBytes / bufferWord * buffer.writeEnergy +
              group.outputBytes / bufferWord * buffer.readEnergy;
  double transfer = std::max(
      dram.readBandwidth > 0 ? readWords / dram.readBandwidth : 0.0,
      dram.writeBandwidth > 0 ? writeWords / dram.writeBandwidth : 0.0);
  r.cycles = options.doubleBuffering ? std::max(r.computeCycles, transfer)
                                     : r.computeCycles + transfer;
  r.edp = r.energy * r.cycles;
  r.valid = true;
  return r;
}
