//===- CostModel.cpp - Analytical cost of a mapped layer ------------------===//
//
// Every count is a sum over the steps of the loop nest. The sums factorise:
// a tensor's tile is a box whose sides (axes) each depend on the loops of one
// or two dimensions, so a sum over all loop iterations of a product over
// axes is a product over axes of per-axis sums, times the trip counts of the
// loops that do not index the tensor. Most per-axis sums are the extent of
// a dimension (its chunks partition it) and cost nothing; the others, input
// rows and columns and the dimensions combined across stages, come from
// AxisSum.cpp, which enumerates only the chunks at the padded borders and
// edges and counts the identical interior ones by multiplication, so edge
// tiles, padding and sliding windows stay exact. Input window sums recur
// between level pairs and are computed once per evaluation.
//
//===----------------------------------------------------------------------===//

#include "accel/CostModel/CostModel.h"
#include "AxisSum.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>
#include <cassert>

using namespace accel;

namespace {

llvm::ArrayRef<Axis> axesOf(Tensor t) {
  static const Axis kWeights[] = {{Dim::G, Dim::G, false},
                                  {Dim::K, Dim::K, false},
                                  {Dim::C, Dim::C, false},
                                  {Dim::R, Dim::R, false},
                                  {Dim::S, Dim::S, false}};
  static const Axis kInputs[] = {{Dim::N, Dim::N, false},
                                 {Dim::G, Dim::G, false},
                                 {Dim::C, Dim::C, false},
                                 {Dim::P, Dim::R, true},
                                 {Dim::Q, Dim::S, true}};
  static const Axis kOutputs[] = {{Dim::N, Dim::N, false},
                                  {Dim::G, Dim::G, false},
                                  {Dim::K, Dim::K, false},
                                  {Dim::P, Dim::P, false},
                                  {Dim::Q, Dim::Q, false}};
  switch (t) {
  case Tensor::Weights:
    return kWeights;
  case Tensor::Inputs:
    return kInputs;
  case Tensor::Outputs:
    return kOutputs;
  }
  return {};
}

constexpr uint8_t dimMask(std::initializer_list<Dim> dims) {
  uint8_t mask = 0;
  for (Dim d : dims)
    mask |= 1u << unsigned(d);
  return mask;
}

/// isRelevant as a table: the counts ask it for every loop of every level.
bool indexes(Tensor x, Dim d) {
  static constexpr uint8_t kIndexedBy[kNumTensors] = {
      dimMask({Dim::G, Dim::K, Dim::C, Dim::R, Dim::S}),
      dimMask({Dim::N, Dim::G, Dim::C, Dim::P, Dim::Q, Dim::R, Dim::S}),
      dimMask({Dim::N, Dim::G, Dim::K, Dim::P, Dim::Q})};
  bool indexed = kIndexedBy[unsigned(x)] >> unsigned(d) & 1;
  assert(indexed == isRelevant(x, d));
  return indexed;
}

struct Model {
  const LayerProblem &problem;
  const Arch &arch;
  const LoopNest &nest;
  /// Positions of the loops over each dimension, outer first.
  std::array<llvm::SmallVector<unsigned, 6>, kNumDims> loopsOn;

  struct WindowSum {
    Dim d0;
    uint64_t loops, across; ///< masks of the loops taking part
    int64_t value;
  };
  mutable llvm::SmallVector<WindowSum, 16> windowSums;

  Model(const LayerProblem &problem, const Arch &arch, const LoopNest &nest)
      : problem(problem), arch(arch), nest(nest) {
    for (auto [k, l] : llvm::enumerate(nest.loops))
      loopsOn[unsigned(l.dim)].push_back(k);
  }

  /// Elements of tensor `x` that the instances at position `posC` receive
  /// over the whole execution, counted at the parent at `posP` (`posP ==
  /// posC`: counted at the children). Across the spatial loops in between,
  /// identical or overlapping tiles of one step count once when the stage
  /// multicasts (reduces, for outputs).
  int64_t traffic(Tensor x, unsigned posP, unsigned posC) const {
    const auto &loops = nest.loops;
    // The tile changes when a loop that indexes `x` advances: the innermost
    // such loop and every loop outside it count steps. The temporal loops
    // seen since the last indexing one are pending until another comes.
    int64_t total = 1, pending = 1;
    for (unsigned k = 0; k < posC; ++k) {
      const NestLoop &l = loops[k];
      bool indexed = indexes(x, l.dim);
      if (l.spatial) {
        if (!indexed && !combines(x, l, k, posP))
          total *= l.trip;
      } else if (indexed) {
        total *= pending;
        pending = 1;
      } else {
        pending *= l.trip;
      }
    }
    return total * axesProduct(x, posP, posC);
  }

  /// Elements of `x` the MACs access over the whole execution, counted at the
  /// innermost holder at `posP`: on every step, one element per busy unit,
  /// with the units' accesses combined across multicasting (reducing)
  /// stages. A dimension that does not index `x` counts the steps on which
  /// some unit is busy along it.
  int64_t macTraffic(Tensor x, unsigned posP) const {
    unsigned posC = nest.loops.size();
    int64_t total = axesProduct(x, posP, posC);
    for (Dim d : kAllDims) {
      if (indexes(x, d))
        continue;
      total *= dimSum(
          d, posC, Combine::Max, [](unsigned) { return true; },
          [&](unsigned k) { return combines(x, nest.loops[k], k, posP); });
    }
    return total;
  }

  /// The first contributions MACs make to the residencies of the outputs'
  /// innermost holder at `pos`: the residencies' elements, counting only
  /// residencies with work, i.e. whose chunk of every dimension that does not
  /// index the outputs (C, R, S) is non-empty. (An edge iteration with
  /// nothing to reduce still holds and writes back its tile.)
  int64_t firstContributions(unsigned pos) const {
    Tensor x = Tensor::Outputs;
    const auto &loops = nest.loops;
    int jStar = -1;
    for (unsigned k = 0; k < pos; ++k)
      if (!loops[k].spatial && indexes(x, loops[k].dim))
        jStar = k;
    int64_t total = axesProduct(x, pos, pos);
    for (Dim d : kAllDims) {
      if (indexes(x, d))
        continue;
      total *= dimSum(
          d, pos, Combine::Any,
          [&](unsigned k) { return loops[k].spatial || int(k) <= jStar; },
          [](unsigned) { return false; });
    }
    return total;
  }

  static bool combines(Tensor x, const NestLoop &l, unsigned k, unsigned posP) {
    return l.spatial && k >= posP &&
           (x == Tensor::Outputs ? l.reduction : l.multicast);
  }

  /// Product over the axes of `x` of the per-axis sums of the loops above
  /// `posC`, united across the combining spatial loops below `posP`.
  int64_t axesProduct(Tensor x, unsigned posP, unsigned posC) const {
    const auto &loops = nest.loops;
    int64_t total = 1;
    for (const Axis &a : axesOf(x)) {
      // Chunks of one dimension partition it: the union is its extent.
      if (!a.window) {
        total *= problem.bounds[a.d0];
        continue;
      }
      // The loops of both dimensions, in nest order.
      llvm::SmallVector<AxisLoop, 16> axisLoops;
      uint64_t onMask = 0, acrossMask = 0;
      auto next0 = loopsOn[unsigned(a.d0)].begin(),
           end0 = loopsOn[unsigned(a.d0)].end();
      auto next1 = loopsOn[unsigned(a.d1)].begin(),
           end1 = loopsOn[unsigned(a.d1)].end();
      while (true) {
        unsigned k0 = next0 != end0 ? *next0 : posC;
        unsigned k1 = next1 != end1 ? *next1 : posC;
        unsigned k = std::min({k0, k1, posC});
        if (k == posC)
          break;
        ++(k == k0 ? next0 : next1);
        bool combined = combines(x, loops[k], k, posP);
        axisLoops.push_back({&loops[k], combined});
        onMask |= uint64_t(1) << std::min(k, 63u);
        acrossMask |= uint64_t(combined) << std::min(k, 63u);
      }
      total *= windowSum(a, onMask, acrossMask, axisLoops);
    }
    return total;
  }

  /// A window axis' sum over the loops in `loops` (a mask of nest
  /// positions), `across` the combining ones. The traffic of the input tensor
  /// between several pairs of levels and to the MACs asks for the same sums:
  /// they are computed once.
  int64_t windowSum(const Axis &a, uint64_t loops, uint64_t across,
                    llvm::ArrayRef<AxisLoop> axisLoops) const {
    for (const WindowSum &w : windowSums)
      if (w.d0 == a.d0 && w.loops == loops && w.across == across)
        return w.value;
    int64_t value = axisSum(problem, a, axisLoops, Combine::Union);
    // Nests beyond 64 loops alias in the masks: do not cache them.
    if (nest.loops.size() <= 64)
      windowSums.push_back({a.d0, loops, across, value});
    return value;
  }

  int64_t computeCycles() const {
    int64_t cycles = 1;
    for (Dim d : kAllDims)
      cycles *= dimSum(
          d, nest.loops.size(), Combine::Max, [](unsigned) { return true; },
          [&](unsigned k) { return nest.loops[k].spatial; });
    return cycles;
  }

  /// The sum over dimension d's loops above `posC` that `use` accepts, of
  /// its chunks combined as `combine` says over those `across` accepts.
  template <typename Use, typename Across>
  int64_t dimSum(Dim d, unsigned posC, Combine combine, Use use,
                 Across across) const {
    llvm::SmallVector<AxisLoop, 8> axisLoops;
    bool anyAcross = false;
    for (unsigned k : loopsOn[unsigned(d)]) {
      if (k >= posC)
        break;
      if (!use(k))
        continue;
      bool combined = across(k);
      anyAcross |= combined;
      axisLoops.push_back({&nest.loops[k], combined});
    }
    // The chunks partition the dimension; with no loop, one chunk.
    if (combine == Combine::Any && axisLoops.empty())
      return 1;
    if (combine != Combine::Any && !anyAcross)
      return problem.bounds[d];
    return axisSum(problem, Axis{d, d, false}, axisLoops, combine);
  }

  /// Largest tile of `x` per instance at position `pos`.
  int64_t tileElements(Tensor x, unsigned pos) const {
    const LoopBounds &b = problem.bounds;
    auto chunk = [&](Dim d) {
      int64_t c = b[d];
      for (unsigned k : loopsOn[unsigned(d)]) {
        if (k >= pos)
          break;
        c = std::min(c, nest.loops[k].step);
      }
      return c;
    };
    int64_t n = 1;
    for (const Axis &a : axesOf(x)) {
      if (!a.window) {
        n *= chunk(a.d0);
        continue;
      }
      PlaneAxis plane = problem.plane(a.d0 == Dim::P);
      n *= std::min(plane.size, inputSpan(chunk(a.d0), chunk(a.d1),
                                          plane.stride, plane.dilation));
    }
    return n;
  }

  bool refilled(Tensor x, unsigned pos) const {
    for (unsigned k = 0; k < pos; ++k)
      if (!nest.loops[k].spatial && indexes(x, nest.loops[k].dim))
        return true;
    return false;
  }
};

double words(int64_t elements, int64_t bits, int64_t wordBits) {
  return double(elements) * double(bits) / double(wordBits);
}

} // namespace

CostResult accel::evaluate(const LayerProblem &problem, const Arch &arch,
                           const Mapping &mapping, const CostOptions &options) {
  CostResult r;
  r.macs = problem.macs();
  r.computeBound = (r.macs + arch.numPEs() - 1) / arch.numPEs();
  LoopNest nest;
  if (llvm::Error e = buildLoopNest(problem, arch, mapping, nest)) {
    r.reason = llvm::toString(std::move(e));
    return r;
  }
  Model model(problem, arch, nest);
  unsigned numMemories = arch.memories.size();
  r.levels.assign(numMemories, LevelCost());

  for (unsigned m = 0; m < numMemories; ++m) {
    int64_t inst = 1;
    for (unsigned k = 0; k < nest.position[m]; ++k)
      if (nest.loops[k].spatial)
        inst *= nest.loops[k].trip;
    r.levels[m].instances = inst;
  }

  // The levels holding each tensor, DRAM first.
  PerTensor<llvm::SmallVector<unsigned, 8>> holders;
  for (Tensor x : kAllTensors)
    if (x != Tensor::Weights || problem.hasWeights)
      for (unsigned m = 0; m < numMemories; ++m)
        if (m == 0 || arch.memories[m].holds(x))
          holders[x].push_back(m);

  // Occupancy and capacity first: a mapping that does not fit can stop here.
  for (Tensor x : kAllTensors)
    for (unsigned m : holders[x]) {
      if (m == 0)
        continue;
      LevelCost &lc = r.levels[m];
      lc.tile[x] = model.tileElements(x, nest.position[m]);
      int64_t factor =
          options.doubleBuffering && model.refilled(x, nest.position[m]) ? 2
                                                                         : 1;
      lc.bytes[x] = (lc.tile[x] * problem.elementBits[x] + 7) / 8 * factor;
    }
  r.valid = true;
  for (unsigned m = 1; m < numMemories && r.valid; ++m) {
    const MemoryLevel &mem = arch.memories[m];
    const LevelCost &lc = r.levels[m];
    auto overflow = [&](llvm::StringRef what, int64_t need, int64_t have) {
      r.valid = false;
      r.reason = llvm::formatv("{0}: {1} need {2} B per instance but {3} B "
                               "are available (over by {4} B)",
                               mem.name, what, need, have, need - have);
    };
    if (mem.partition) {
      for (Tensor x : kAllTensors)
        if (mem.holds(x) && lc.bytes[x] > mem.capacityFor(x)) {
          overflow(tensorName(x), lc.bytes[x], mem.capacityFor(x));
          break;
        }
    } else {
      int64_t need = lc.bytes.v[0] + lc.bytes.v[1] + lc.bytes.v[2];
      if (need > mem.capacityBytes)
        overflow("the tiles", need, mem.capacityBytes);
    }
  }
  if (!r.valid && options.stopWhenInvalid)
    return r;

  // Accesses.
  for (Tensor x : kAllTensors) {
    llvm::ArrayRef<unsigned> held = holders[x];
    if (held.empty())
      continue;
    bool outputs = x == Tensor::Outputs;
    // Each holder below DRAM exchanges with the nearest holder above it.
    for (unsigned i = 1; i < held.size(); ++i) {
      unsigned parent = held[i - 1], child = held[i];
      unsigned posP = nest.position[parent], posC = nest.position[child];
      int64_t fills = model.traffic(x, posC, posC);
      int64_t atParent = model.traffic(x, posP, posC);
      if (!outputs) {
        r.levels[child].writes[x] += fills;
        r.levels[parent].reads[x] += atParent;
      } else {
        r.levels[child].reads[x] += fills; // write-backs
        r.levels[parent].writes[x] += atParent;
        r.levels[parent].reads[x] += atParent - model.traffic(x, posP, posP);
      }
    }
    // The MACs and the innermost holder.
    unsigned inner = held.back();
    unsigned pos = nest.position[inner];
    int64_t perStep = model.macTraffic(x, pos);
    if (!outputs) {
      r.levels[inner].reads[x] += perStep;
    } else {
      r.levels[inner].writes[x] += perStep;
      r.levels[inner].reads[x] += perStep - model.firstContributions(pos);
    }
  }

  // Time and energy.
  r.computeCycles = model.computeCycles();
  double transfers = 0, slowest = 0;
  for (unsigned m = 0; m < numMemories; ++m) {
    const MemoryLevel &mem = arch.memories[m];
    LevelCost &lc = r.levels[m];
    // A partitioned level has separate ports per part; a shared one, one
    // read and one write port for everything.
    double readWords = 0, writeWords = 0, busiest = 0;
    double perInstance = 1.0 / double(lc.instances);
    auto portCycles = [&](double r, double w) {
      double rc =
          mem.readBandwidth > 0 ? r * perInstance / mem.readBandwidth : 0;
      double wc =
          mem.writeBandwidth > 0 ? w * perInstance / mem.writeBandwidth : 0;
      return std::max(rc, wc);
    };
    for (Tensor x : kAllTensors) {
      double r = words(lc.reads[x], problem.elementBits[x], mem.wordBits);
      double w = words(lc.writes[x], problem.elementBits[x], mem.wordBits);
      readWords += r;
      writeWords += w;
      if (mem.partition)
        busiest = std::max(busiest, portCycles(r, w));
    }
    lc.energy = readWords * mem.readEnergy + writeWords * mem.writeEnergy;
    lc.transferCycles =
        mem.partition ? busiest : portCycles(readWords, writeWords);
    transfers += lc.transferCycles;
    slowest = std::max(slowest, lc.transferCycles);
    r.energy += lc.energy;
  }
  const LevelCost &dram = r.levels[0];
  for (Tensor x : kAllTensors)
    r.dramBytes +=
        (dram.reads[x] + dram.writes[x]) * problem.elementBits[x] / 8;
  r.macEnergy = double(r.macs) * arch.macEnergy;
  r.energy += r.macEnergy;
  r.cycles = options.doubleBuffering
                 ? std::max(double(r.computeCycles), slowest)
                 : double(r.computeCycles) + transfers;
  r.edp = r.energy * r.cycles;
  r.seconds = r.cycles / (arch.clockGHz * 1e9);
  r.powerWatts = r.seconds > 0 ? r.energy * 1e-12 / r.seconds : 0;
  r.utilization = double(r.macs) / (r.cycles * double(arch.numPEs()));
  // Each tensor over DRAM once, at DRAM's bandwidth (only the inputs the
  // layer reads at all: a strided 1x1 convolution skips some).
  const MemoryLevel &dramLevel = arch.memories[0];
  double once =
      words(problem.tensorSize(Tensor::Weights),
            problem.elementBits[Tensor::Weights], dramLevel.wordBits) +
      words(problem.inputsRead(), problem.elementBits[Tensor::Inputs],
            dramLevel.wordBits);
  double outWords =
      words(problem.tensorSize(Tensor::Outputs),
            problem.elementBits[Tensor::Outputs], dramLevel.wordBits);
  r.dramBound = std::max(
      dramLevel.readBandwidth > 0 ? once / dramLevel.readBandwidth : 0.0,
      dramLevel.writeBandwidth > 0 ? outWords / dramLevel.writeBandwidth : 0.0);
  return r;
}
