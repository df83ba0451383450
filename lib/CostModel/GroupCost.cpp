//===- GroupCost.cpp - Cost of a layer group run tile by tile -------------===//

#include "accel/CostModel/GroupCost.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

using namespace accel;

std::optional<Overflow> accel::checkGroupFit(const GroupFootprint &f,
                                             const GroupSchedule &s,
                                             const Arch &arch) {
  if (arch.memories[kGroupLevel].isUnbounded())
    return std::nullopt;
  GroupCapacity c = groupCapacity(s, arch);
  Overflow o;
  o.memory = kGroupLevel;
  o.group = true;
  if (c.shared) {
    if (f.totalBytes() <= c.total)
      return std::nullopt;
    o.need = f.totalBytes();
    o.have = c.total;
    return o;
  }
  if (f.weightBytes > c.weights) {
    o.tensor = Tensor::Weights;
    o.need = f.weightBytes;
    o.have = c.weights;
    return o;
  }
  if (f.activationBytes() > c.activations) {
    o.activations = true;
    o.need = f.activationBytes();
    o.have = c.activations;
    return o;
  }
  return std::nullopt;
}

std::string accel::describeGroupFit(const GroupFootprint &f,
                                    const GroupSchedule &s, const Arch &arch) {
  if (arch.memories[kGroupLevel].isUnbounded())
    return llvm::formatv("weights + activations {0} B (unbounded)",
                         f.totalBytes());
  auto part = [](llvm::StringRef what, int64_t need, int64_t have) {
    std::string str = llvm::formatv("{0} {1} B of {2} B", what, need, have);
    if (need > have)
      str += llvm::formatv(" (over by {0} B)", need - have);
    return str;
  };
  GroupCapacity c = groupCapacity(s, arch);
  if (c.shared)
    return part("weights + activations", f.totalBytes(), c.total);
  return part("weights", f.weightBytes, c.weights) + ", " +
         part("activations", f.activationBytes(), c.activations);
}

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

Mapping accel::adaptMapping(const Mapping &mapping, const LoopBounds &mappedFor,
                            const LoopBounds &piece) {
  Mapping m = mapping;
  if (m.numLevels > 0) {
    // Pin every dimension the outermost level leaves whole to the extent
    // the mapping was made for, as the outermost loops: a taller piece
    // iterates over the extra rows there, the inner tiles stay.
    MappingLevel &top = m.level(0);
    MappingLevel pinned = top;
    pinned.numLoops = 0;
    for (Dim d : kAllDims)
      if (!top.lists(d) && std::max(mappedFor[d], piece[d]) > 1)
        pinned.addLoop(d, mappedFor[d]);
    for (Dim d : top.loops())
      pinned.addLoop(d, top.tile[d]);
    top = pinned;
  }
  return clampMapping(m, piece);
}

Mapping accel::tileSequenceMapping(const Mapping &mapping,
                                   const LoopBounds &mappedFor,
                                   const LoopBounds &sequence) {
  Mapping m = adaptMapping(mapping, mappedFor, sequence);
  if (m.numLevels == 0)
    return m;
  // The rows' loop outermost: tile after tile.
  MappingLevel &top = m.level(0);
  auto it = llvm::find(top.loops(), Dim::P);
  if (it != top.loops().end())
    std::rotate(top.order.begin(),
                top.order.begin() + (it - top.loops().begin()),
                top.order.begin() + (it - top.loops().begin()) + 1);
  return m;
}

CostOptions accel::groupLayerOptions(const GroupTiling &tiling, unsigned i,
                                     CostOptions base) {
  base.doubleBuffering = tiling.schedule().doubleBuffer;
  size_t pieces = 0;
  for (unsigned t = 0; t < tiling.numTiles(); ++t)
    pieces += tiling.computed(t, i).size();
  base.sequence = pieces > 1 ? std::optional(Dim::P) : std::nullopt;
  return base;
}

/// Adds what `c` counts at its levels to `into`, a level further out.
static void addLevels(CostResult &into, const CostResult &c) {
  for (auto [m, lc] : llvm::enumerate(c.levels))
    addLevelCost(into.levels[m + 1], lc);
}

CostResult accel::evaluateGroup(const GroupTiling &tiling,
                                llvm::ArrayRef<Mapping> mappings,
                                const Arch &arch, const CostOptions &options) {
  const LayerGraph &graph = tiling.graph();
  const GroupSchedule &s = tiling.schedule();
  const GroupTensors &ts = tiling.tensors();
  unsigned T = tiling.numTiles(), L = tiling.layers().size();
  CostResult r;
  r.levels.resize(arch.memories.size());
  if (llvm::Error e = checkScheduleOnArch(s, arch)) {
    r.reason = llvm::toString(std::move(e));
    return r;
  }
  if (mappings.size() != L) {
    r.reason = llvm::formatv("{0} mappings for {1} layers", mappings.size(), L);
    return r;
  }
  // Feasibility first: a group that does not fit is never a result.
  GroupFootprint footprint = groupFootprint(tiling);
  r.overflow = checkGroupFit(footprint, s, arch);
  if (r.overflow) {
    if (options.describeInvalid)
      r.reason = describeOverflow(arch, *r.overflow);
    if (options.stopWhenInvalid)
      return r;
  }

  // The layers, piece by piece.
  CostOptions pieceOptions = options;
  pieceOptions.describeInvalid = true;
  pieceOptions.stopWhenInvalid = true;
  std::map<int64_t, Arch> archs;
  std::map<std::pair<unsigned, std::vector<int64_t>>, CostResult> costs;
  GroupDurations d;
  d.compute.assign(size_t(T) * L, 0);
  d.weights.assign(size_t(T) * L, 0);
  for (unsigned i = 0; i < L; ++i) {
    const GraphLayer &layer = graph.layer(tiling.layers()[i]);
    if (!layer.computes())
      continue;
    int64_t share = tiling.peShare(i);
    auto [archIt, newArch] = archs.try_emplace(share);
    if (newArch)
      archIt->second = groupLayerArch(arch, share);
    bool rowTiled = graph.tensor(layer.result).rowTiled();
    LoopBounds mappedFor = tiling.mappedProblem(i).bounds;
    CostOptions layerOptions = groupLayerOptions(tiling, i, pieceOptions);
    // What this layer adds up to; pipelined, it may be replaced below.
    CostResult mine;
    mine.levels.resize(r.levels.size());
    // Pipelined pieces that follow each other row after row, for the
    // tile-sequence problem below.
    std::optional<Interval> sequence;
    bool contiguous = true;
    unsigned firstTile = 0;
    for (unsigned t = 0; t < T; ++t)
      for (Interval piece : tiling.computed(t, i)) {
        if (!sequence) {
          sequence = piece;
          firstTile = t;
        } else if (piece.begin == sequence->end) {
          sequence->end = piece.end;
        } else {
          contiguous = false;
        }
        LayerProblem p = tiling.pieceProblem(t, i, piece);
        auto [it, inserted] = costs.try_emplace({i, p.key()});
        if (inserted)
          it->second = evaluate(p, archIt->second,
                                adaptMapping(mappings[i], mappedFor, p.bounds),
                                layerOptions);
        const CostResult &c = it->second;
        if (!c.valid) {
          r.valid = false;
          r.overflow.reset();
          r.reason = llvm::formatv(
              "layer '{0}', {1}: {2}", layer.name,
              rowTiled ? llvm::formatv("rows [{0}, {1}) of tile {2}",
                                       piece.begin, piece.end, t)
                             .str()
                       : std::string("whole"),
              c.reason);
          return r;
        }
        mine.macs += c.macs;
        mine.computeCycles += c.computeCycles;
        mine.energy += c.energy;
        mine.macEnergy += c.macEnergy;
        d.compute[t * L + i] += c.cycles;
        addLevels(mine, c);
      }
    // Pipelined, the layer's PEs run nothing else: what its inner levels
    // hold stays from tile to tile (weights stay stationary). Its accesses
    // and energy are those of its pieces as one problem whose outermost
    // loop walks the tiles (their timing stays piece by piece).
    if (s.mode == ExecutionMode::Pipelined && rowTiled && sequence &&
        contiguous) {
      LayerProblem seq = tiling.pieceProblem(firstTile, i, *sequence);
      CostResult c =
          evaluate(seq, archIt->second,
                   tileSequenceMapping(mappings[i], mappedFor, seq.bounds),
                   layerOptions);
      if (c.valid && c.macs == mine.macs) {
        CostResult whole;
        whole.levels.resize(r.levels.size());
        whole.macs = c.macs;
        whole.computeCycles = mine.computeCycles;
        whole.energy = c.energy;
        whole.macEnergy = c.macEnergy;
        addLevels(whole, c);
        mine = std::move(whole);
      }
    }
    r.macs += mine.macs;
    r.computeCycles += mine.computeCycles;
    r.energy += mine.energy;
    r.macEnergy += mine.macEnergy;
    for (auto [to, from] : llvm::zip(r.levels, mine.levels))
      addLevelCost(to, from);
  }

  // DRAM: the group's inputs, weights and outputs.
  const MemoryLevel &dram = arch.memories[0];
  const MemoryLevel &level = arch.memories[kGroupLevel];
  auto cycles = [](int64_t bytes, const MemoryLevel &m, double bandwidth) {
    return bandwidth > 0 ? bytes * 8.0 / m.wordBits / bandwidth : 0.0;
  };
  GroupDram moved = groupDram(tiling);
  int64_t readBytes = moved.readBytes, writeBytes = moved.writtenBytes;
  LevelCost &dramCost = r.levels[0];
  dramCost.reads[Tensor::Inputs] += moved.inputElements;
  dramCost.reads[Tensor::Weights] += moved.weightElements;
  dramCost.writes[Tensor::Outputs] += moved.outputElements;
  d.load.assign(T, 0);
  d.store.assign(T, 0);
  for (unsigned t = 0; t < T; ++t) {
    d.load[t] = cycles(moved.loadBytes[t], dram, dram.readBandwidth);
    d.store[t] = cycles(moved.storeBytes[t], dram, dram.writeBandwidth);
  }
  if (s.weights == WeightPolicy::Resident)
    d.residentWeights =
        cycles(moved.weightBytes.front(), dram, dram.readBandwidth);
  else
    for (size_t k = 0; k < moved.weightBytes.size(); ++k)
      if (moved.weightBytes[k] > 0)
        d.weights[k] = cycles(moved.weightBytes[k], dram, dram.readBandwidth);
  r.dramBytes = readBytes + writeBytes;
  // DRAM reads land in the group's level; outputs leave from it.
  double dramWord = dram.wordBits / 8.0, levelWord = level.wordBits / 8.0;
  double dramEnergy = readBytes / dramWord * dram.readEnergy +
                      writeBytes / dramWord * dram.writeEnergy;
  double levelEnergy = readBytes / levelWord * level.writeEnergy +
                       writeBytes / levelWord * level.readEnergy;
  dramCost.energy += dramEnergy;
  r.levels[kGroupLevel].energy += levelEnergy;
  r.energy += dramEnergy + levelEnergy;

  r.cycles = groupTimeline(tiling, d).cycles;
  dramCost.transferCycles =
      std::max(cycles(readBytes, dram, dram.readBandwidth),
               cycles(writeBytes, dram, dram.writeBandwidth));

  int64_t pes = arch.numPEs();
  r.computeBound = (r.macs + pes - 1) / pes;
  // Each input element read once, the weights once, the outputs written.
  int64_t leastRead = 0;
  for (unsigned id : ts.inputs) {
    std::vector<TensorRegion> all;
    for (unsigned t = 0; t < T; ++t)
      all.push_back(tiling.region(t, id));
    leastRead += unionElements(all) * graph.tensor(id).elementBytes();
  }
  for (unsigned id : ts.weights)
    leastRead += graph.tensor(id).bytes();
  r.dramBound = std::max(cycles(leastRead, dram, dram.readBandwidth),
                         cycles(writeBytes, dram, dram.writeBandwidth));
  finishCost(r, arch);
  r.valid = !r.overflow;
  return r;
}

GroupDram accel::groupDram(const GroupTiling &tiling) {
  const LayerGraph &graph = tiling.graph();
  const GroupTensors &ts = tiling.tensors();
  unsigned T = tiling.numTiles(), L = tiling.layers().size();
  GroupDram m;
  m.loadBytes.assign(T, 0);
  m.storeBytes.assign(T, 0);
  for (unsigned t = 0; t < T; ++t) {
    for (unsigned id : ts.inputs) {
      int64_t n = tiling.loaded(t, id);
      m.inputElements += n;
      m.loadBytes[t] += n * graph.tensor(id).elementBytes();
    }
    for (unsigned id : ts.outputs) {
      int64_t n = tiling.outputTile(t, id).elements();
      m.outputElements += n;
      m.storeBytes[t] += n * graph.tensor(id).elementBytes();
    }
    m.readBytes += m.loadBytes[t];
    m.writtenBytes += m.storeBytes[t];
  }
  if (tiling.schedule().weights == WeightPolicy::Resident) {
    m.weightBytes.assign(1, 0);
    for (unsigned id : ts.weights) {
      m.weightElements += graph.tensor(id).elements();
      m.weightBytes[0] += graph.tensor(id).bytes();
    }
  } else {
    m.weightBytes.assign(size_t(T) * L, 0);
    for (unsigned t = 0; t < T; ++t)
      for (unsigned i = 0; i < L; ++i) {
        if (!isStep(tiling, t, i))
          continue;
        for (unsigned id : tiling.weightsOf(i)) {
          m.weightElements += graph.tensor(id).elements();
          m.weightBytes[t * L + i] += graph.tensor(id).bytes();
        }
      }
  }
  for (int64_t b : m.weightBytes)
    m.readBytes += b;
  return m;
}
