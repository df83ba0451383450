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
// between level pairs and are computed once per evaluation. Loops are
// selected (by dimension, kind, position) as 64-bit sets of positions.
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

/// Whether dimension `d` indexes tensor `t`.
bool indexes(Tensor t, Dim d) {
  return llvm::any_of(axesOf(t),
                      [&](const Axis &a) { return a.d0 == d || a.d1 == d; });
}

/// A set of loop positions of the nest (buildLoopNest keeps nests to 64
/// loops): the counts select loops by kind and position with a few bit
/// operations instead of a scan per count.
using LoopSet = uint64_t;

/// The loops above position `pos`.
LoopSet above(unsigned pos) {
  return pos >= 64 ? ~LoopSet(0) : (LoopSet(1) << pos) - 1;
}

/// The positions in `set`, outer first.
template <typename F> void forEach(LoopSet set, F f) {
  for (; set; set &= set - 1)
    f(unsigned(llvm::countr_zero(set)));
}

struct Model {
  const LayerProblem &problem;
  const Arch &arch;
  const LoopNest &nest;
  bool slidingWindows;
  LoopSet spatial = 0;           ///< spatial loops
  LoopSet multicast = 0;         ///< spatial loops whose stage multicasts
  LoopSet reduction = 0;         ///< spatial loops whose stage reduces
  PerDim<LoopSet> on{};          ///< the loops over each dimension
  PerTensor<LoopSet> indexing{}; ///< the loops over a dimension indexing x
  /// Product of the extents of the tensor's axes without a window.
  PerTensor<int64_t> dense{};

  struct WindowSum {
    Dim d0;
    unsigned slide;
    LoopSet loops, across;
    int64_t value;
  };
  mutable llvm::SmallVector<WindowSum, 16> windowSums;
  /// No loop to slide along.
  static constexpr unsigned kNoSlide = kMaxNestLoops;

  Model(const LayerProblem &problem, const Arch &arch, const LoopNest &nest,
        bool slidingWindows)
      : problem(problem), arch(arch), nest(nest),
        slidingWindows(slidingWindows) {
    assert(nest.loops.size() <= kMaxNestLoops);
    for (auto [k, l] : llvm::enumerate(nest.loops)) {
      LoopSet bit = LoopSet(1) << k;
      on[l.dim] |= bit;
      if (l.spatial) {
        spatial |= bit;
        multicast |= l.multicast ? bit : 0;
        reduction |= l.reduction ? bit : 0;
      }
    }
    for (Tensor x : kAllTensors) {
      dense[x] = 1;
      for (const Axis &a : axesOf(x)) {
        indexing[x] |= on[a.d0] | on[a.d1];
        if (!a.window)
          dense[x] *= problem.bounds[a.d0];
      }
    }
  }

  const NestLoop &loop(unsigned k) const { return nest.loops[k]; }

  /// The spatial loops at or below `posP` across which x's accesses combine
  /// (multicast; reduced, for outputs).
  LoopSet combining(Tensor x, unsigned posP) const {
    return (x == Tensor::Outputs ? reduction : multicast) & ~above(posP);
  }

  /// Elements of tensor `x` that the instances at position `posC` receive
  /// over the whole execution, counted at the parent at `posP` (`posP ==
  /// posC`: counted at the children). Across the spatial loops in between,
  /// identical or overlapping tiles of one step count once when the stage
  /// multicasts (reduces, for outputs).
  int64_t traffic(Tensor x, unsigned posP, unsigned posC) const {
    // The tile changes when a loop that indexes `x` advances: the innermost
    // such temporal loop and every temporal loop outside it count steps
    // (those that index x through the axis sums); spatial loops that
    // neither index x nor combine it count their units.
    int64_t total = 1;
    LoopSet temporal = ~spatial & above(posC);
    if (LoopSet refills = temporal & indexing[x]) {
      unsigned last = 63 - llvm::countl_zero(refills);
      forEach(temporal & ~indexing[x] & above(last),
              [&](unsigned k) { total *= loop(k).trip; });
    }
    forEach(spatial & above(posC) & ~indexing[x] & ~combining(x, posP),
            [&](unsigned k) { total *= loop(k).trip; });
    return total * axesProduct(x, posP, posC, slideLoop(x, posC));
  }

  /// The loop along which the tiles of `x` at `posC` slide: the innermost
  /// temporal loop above `posC` over a dimension indexing x, when it moves
  /// a window (inputs, over P, Q, R or S). Consecutive tiles along it
  /// overlap, and the holder keeps the overlap. kNoSlide otherwise.
  unsigned slideLoop(Tensor x, unsigned posC) const {
    if (!slidingWindows || x != Tensor::Inputs)
      return kNoSlide;
    LoopSet refills = ~spatial & above(posC) & indexing[x];
    if (!refills)
      return kNoSlide;
    unsigned last = 63 - llvm::countl_zero(refills);
    Dim d = loop(last).dim;
    bool window = d == Dim::P || d == Dim::Q || d == Dim::R || d == Dim::S;
    return window ? last : kNoSlide;
  }

  /// Elements of `x` the MACs access over the whole execution, counted at the
  /// innermost holder at `posP`: on every step, one element per busy unit,
  /// with the units' accesses combined across multicasting (reducing)
  /// stages. A dimension that does not index `x` counts the steps on which
  /// some unit is busy along it.
  int64_t macTraffic(Tensor x, unsigned posP) const {
    unsigned posC = nest.loops.size();
    int64_t total = axesProduct(x, posP, posC, kNoSlide);
    // (A dimension without loops has extent 1.)
    for (Dim d : kAllDims)
      if (on[d] && !(on[d] & indexing[x]))
        total *= dimSum(d, on[d], combining(x, posP), Combine::Max);
    return total;
  }

  /// The first contributions MACs make to the residencies of the outputs'
  /// innermost holder at `pos`: the residencies' elements, counting only
  /// residencies with work, i.e. whose chunk of every dimension that does not
  /// index the outputs (C, R, S) is non-empty. (An edge iteration with
  /// nothing to reduce still holds and writes back its tile.)
  int64_t firstContributions(unsigned pos) const {
    Tensor x = Tensor::Outputs;
    // The loops that count: spatial ones and the temporal ones down to the
    // innermost that refills the outputs.
    LoopSet refills = ~spatial & indexing[x] & above(pos);
    LoopSet counted =
        spatial | (refills ? above(64 - llvm::countl_zero(refills)) : 0);
    int64_t total = axesProduct(x, pos, pos, kNoSlide);
    for (Dim d : kAllDims)
      if (LoopSet loops = on[d] & above(pos) & counted;
          loops && !(on[d] & indexing[x]))
        total *= dimSum(d, loops, 0, Combine::Any);
    return total;
  }

  /// Product over the axes of `x` of the per-axis sums of the loops above
  /// `posC`, united across the combining spatial loops below `posP`; the
  /// axis that tiles slide along (loop `slide`) counts what each refill
  /// fetches.
  int64_t axesProduct(Tensor x, unsigned posP, unsigned posC,
                      unsigned slide) const {
    // Chunks of one dimension partition it: the union is its extent.
    int64_t total = dense[x];
    if (x != Tensor::Inputs)
      return total;
    for (const Axis &a : axesOf(x))
      if (a.window) {
        LoopSet loops = (on[a.d0] | on[a.d1]) & above(posC);
        bool slides = slide != kNoSlide && (loops >> slide & 1) &&
                      overlapsNext(a, posC, slide);
        total *= windowSum(a, loops, loops & combining(x, posP),
                           slides ? slide : kNoSlide);
      }
    return total;
  }

  /// Whether a unit's consecutive tiles at `posC` along loop `slide` can
  /// overlap on window axis `a`: only if its widest window spans more than
  /// a step of `slide` moves it (clipping only shrinks windows). If not,
  /// every refill fetches its whole tile, and the sum is the plain one.
  bool overlapsNext(const Axis &a, unsigned posC, unsigned slide) const {
    PlaneAxis plane = problem.plane(a.d0 == Dim::P);
    int64_t span = inputSpan(chunk(a.d0, posC), chunk(a.d1, posC), plane.stride,
                             plane.dilation);
    const NestLoop &l = loop(slide);
    return span > l.step * (l.dim == a.d0 ? plane.stride : plane.dilation);
  }

  /// A window axis' sum over `loops`, `across` the combining ones (sliding
  /// along loop `slide`). The traffic of the input tensor between several
  /// pairs of levels and to the MACs asks for the same sums: they are
  /// computed once.
  int64_t windowSum(const Axis &a, LoopSet loops, LoopSet across,
                    unsigned slide) const {
    for (const WindowSum &w : windowSums)
      if (w.d0 == a.d0 && w.loops == loops && w.across == across &&
          w.slide == slide)
        return w.value;
    int64_t value = slide == kNoSlide ? sum(a, loops, across, Combine::Union)
                                      : slideSum(a, loops, across, slide);
    // Written in place (as below): a pushed temporary mixes byte stores with
    // the wide loads that copy it, which stalls store forwarding.
    WindowSum &w = windowSums.emplace_back();
    w.d0 = a.d0;
    w.slide = slide;
    w.loops = loops;
    w.across = across;
    w.value = value;
    return value;
  }

  int64_t computeCycles() const {
    int64_t cycles = 1;
    for (Dim d : kAllDims)
      cycles *= on[d] & spatial ? dimSum(d, on[d], spatial, Combine::Max)
                                : problem.bounds[d];
    return cycles;
  }

  /// The sum over dimension d's `loops` of its chunks combined as `combine`
  /// says over the `across` ones.
  int64_t dimSum(Dim d, LoopSet loops, LoopSet across, Combine combine) const {
    // The chunks partition the dimension; with no loop, one chunk.
    if (combine == Combine::Any && !loops)
      return 1;
    if (combine != Combine::Any && !(loops & across))
      return problem.bounds[d];
    // Usually every loop splits its chunk exactly: then the leaves are the
    // product of the trips (an across loop keeps its first unit), all of
    // the innermost step; the closed form handles ragged chunks.
    int64_t size = problem.bounds[d], count = 1;
    for (LoopSet rest = loops; rest; rest &= rest - 1) {
      const NestLoop &l = loop(llvm::countr_zero(rest));
      if (across & (rest & -rest)) {
        size = std::min(size, l.step);
      } else if (l.trip * l.step == size) {
        count *= l.trip;
        size = l.step;
      } else {
        return sum(Axis{d, d, false}, loops, across, combine);
      }
    }
    return combine == Combine::Any ? count : count * size;
  }

  int64_t sum(const Axis &a, LoopSet loops, LoopSet across,
              Combine combine) const {
    llvm::SmallVector<AxisLoop, 16> axisLoops;
    axisLoopsOf(loops, across, axisLoops);
    return axisSum(problem, a, axisLoops, combine);
  }

  int64_t slideSum(const Axis &a, LoopSet loops, LoopSet across,
                   unsigned slide) const {
    llvm::SmallVector<AxisLoop, 16> axisLoops;
    axisLoopsOf(loops, across, axisLoops);
    return axisSlideSum(problem, a, axisLoops, &loop(slide));
  }

  void axisLoopsOf(LoopSet loops, LoopSet across,
                   llvm::SmallVectorImpl<AxisLoop> &out) const {
    forEach(loops, [&](unsigned k) {
      AxisLoop &l = out.emplace_back();
      l.loop = &loop(k);
      l.across = across >> k & 1;
    });
  }

  /// The largest chunk of dimension `d` at position `pos`. A dimension's
  /// steps shrink from loop to loop (a level's tile fits its parent's): the
  /// innermost loop above `pos` gives it.
  int64_t chunk(Dim d, unsigned pos) const {
    const LoopBounds &b = problem.bounds;
    LoopSet set = on[d] & above(pos);
    return set ? std::min(b[d], loop(63 - llvm::countl_zero(set)).step) : b[d];
  }

  /// Largest tile of `x` per instance at position `pos`.
  int64_t tileElements(Tensor x, unsigned pos) const {
    int64_t n = 1;
    for (const Axis &a : axesOf(x)) {
      if (!a.window) {
        n *= chunk(a.d0, pos);
        continue;
      }
      PlaneAxis plane = problem.plane(a.d0 == Dim::P);
      int64_t span = std::min(plane.size,
                              inputSpan(chunk(a.d0, pos), chunk(a.d1, pos),
                                        plane.stride, plane.dilation));
      // Of a zero-inserted input, the real rows a span can hold at most.
      n *= plane.every == 1 ? span : ceilDiv(span, plane.every);
    }
    return n;
  }

  bool refilled(Tensor x, unsigned pos) const {
    return ~spatial & indexing[x] & above(pos);
  }

  /// Units in use above position `pos`.
  int64_t instances(unsigned pos) const {
    int64_t inst = 1;
    forEach(spatial & above(pos), [&](unsigned k) { inst *= loop(k).trip; });
    return inst;
  }
};

double words(int64_t elements, int64_t bits, int64_t wordBits) {
  return double(elements) * double(bits) / double(wordBits);
}

} // namespace

void accel::finishCost(CostResult &r, const Arch &arch) {
  r.edp = r.energy * r.cycles;
  r.seconds = r.cycles / (arch.clockGHz * 1e9);
  r.powerWatts = r.seconds > 0 ? r.energy * 1e-12 / r.seconds : 0;
  r.utilization =
      r.cycles > 0 ? double(r.macs) / (r.cycles * double(arch.numPEs())) : 0;
}

CostResult accel::dramTrafficCost(int64_t readBytes, int64_t writtenBytes,
                                  const Arch &arch) {
  CostResult r;
  r.valid = true;
  r.levels.resize(arch.memories.size());
  const MemoryLevel &dram = arch.memories[0];
  double readWords = double(readBytes) * 8 / dram.wordBits;
  double writeWords = double(writtenBytes) * 8 / dram.wordBits;
  LevelCost &lc = r.levels[0];
  lc.instances = 1;
  lc.energy = readWords * dram.readEnergy + writeWords * dram.writeEnergy;
  lc.transferCycles =
      std::max(dram.readBandwidth > 0 ? readWords / dram.readBandwidth : 0.0,
               dram.writeBandwidth > 0 ? writeWords / dram.writeBandwidth
                                       : 0.0);
  r.energy = lc.energy;
  r.cycles = lc.transferCycles;
  r.dramBound = lc.transferCycles;
  r.dramBytes = readBytes + writtenBytes;
  finishCost(r, arch);
  return r;
}

void accel::addCost(CostResult &into, const CostResult &c) {
  into.macs += c.macs;
  into.computeCycles += c.computeCycles;
  into.cycles += c.cycles;
  into.energy += c.energy;
  into.macEnergy += c.macEnergy;
  into.dramBytes += c.dramBytes;
  into.computeBound += c.computeBound;
  into.dramBound += c.dramBound;
  if (into.levels.empty())
    into.levels.resize(c.levels.size());
  for (auto [to, from] : llvm::zip(into.levels, c.levels))
    addLevelCost(to, from);
}

void accel::addLevelCost(LevelCost &to, const LevelCost &from) {
  for (Tensor x : kAllTensors) {
    to.reads[x] += from.reads[x];
    to.writes[x] += from.writes[x];
    to.tile[x] = std::max(to.tile[x], from.tile[x]);
    to.bytes[x] = std::max(to.bytes[x], from.bytes[x]);
  }
  to.instances = std::max(to.instances, from.instances);
  to.energy += from.energy;
  to.transferCycles += from.transferCycles;
}

std::string accel::overflowWhere(const Arch &arch, const Overflow &o) {
  llvm::StringRef what = o.tensor        ? tensorName(*o.tensor)
                         : o.activations ? "activations"
                         : o.group       ? "the group's buffers"
                                         : "the tiles";
  return (arch.memories[o.memory].name + ": " + what).str();
}

std::string accel::describeOverflow(const Arch &arch, const Overflow &o) {
  return llvm::formatv("{0} need {1} B{4} but {2} B are available "
                       "(over by {3} B)",
                       overflowWhere(arch, o), o.need, o.have, o.need - o.have,
                       o.group ? "" : " per instance");
}

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
  Model model(problem, arch, nest, options.slidingWindows);
  unsigned numMemories = arch.memories.size();
  r.levels.resize(numMemories);

  for (unsigned m = 0; m < numMemories; ++m) {
    r.levels[m].instances = model.instances(nest.position[m]);
    r.levels[m].mappingLevel = nest.tileLevel[m];
  }

  // The levels holding each tensor, DRAM first.
  PerTensor<llvm::SmallVector<unsigned, 8>> holders;
  for (Tensor x : kAllTensors)
    if (x != Tensor::Weights || problem.hasWeights)
      for (unsigned m = 0; m < numMemories; ++m)
        if (m == 0 || arch.memories[m].holds(x))
          holders[x].push_back(m);

  // On chip, outputs are accumulators: partial sums' width. DRAM receives
  // each final output once at the outputs' width; partial sums spilled
  // before the reduction completes travel at the partial sums' width.
  PerTensor<int64_t> onChipBits = problem.elementBits;
  onChipBits[Tensor::Outputs] = problem.psumBits();

  // Occupancy and capacity first: a mapping that does not fit can stop here.
  for (Tensor x : kAllTensors)
    for (unsigned m : holders[x]) {
      if (m == 0)
        continue;
      LevelCost &lc = r.levels[m];
      lc.tile[x] = model.tileElements(x, nest.position[m]);
      bool refilled = model.refilled(x, nest.position[m]) ||
                      (options.sequence && indexes(x, *options.sequence));
      int64_t factor = options.doubleBuffering && refilled ? 2 : 1;
      lc.bytes[x] = (lc.tile[x] * onChipBits[x] + 7) / 8 * factor;
    }
  for (unsigned m = 1; m < numMemories && !r.overflow; ++m) {
    const MemoryLevel &mem = arch.memories[m];
    const LevelCost &lc = r.levels[m];
    auto overflow = [&](std::optional<Tensor> x, int64_t need, int64_t have) {
      r.overflow = Overflow{m, x, false, false, need, have};
    };
    if (mem.partition) {
      for (Tensor x : kAllTensors)
        if (mem.holds(x) && lc.bytes[x] > mem.capacityFor(x)) {
          overflow(x, lc.bytes[x], mem.capacityFor(x));
          break;
        }
    } else {
      int64_t need = lc.bytes.v[0] + lc.bytes.v[1] + lc.bytes.v[2];
      if (need > mem.capacityBytes)
        overflow(std::nullopt, need, mem.capacityBytes);
    }
  }
  r.valid = !r.overflow;
  if (r.overflow && options.describeInvalid)
    r.reason = describeOverflow(arch, *r.overflow);
  if (!r.valid && options.stopWhenInvalid)
    return r;

  // Output writes to DRAM: {final results, spilled partial sums}, which
  // are counted apart only when their widths differ.
  bool splitOutputs = onChipBits[Tensor::Outputs] !=
                      problem.elementBits[Tensor::Outputs];
  int64_t outputs = problem.tensorSize(Tensor::Outputs);
  auto finalOutputWrites = [&](int64_t writes) {
    int64_t finals = std::min(writes, outputs);
    return std::pair<int64_t, int64_t>{finals, writes - finals};
  };

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
      double r = words(lc.reads[x], onChipBits[x], mem.wordBits);
      double w = words(lc.writes[x], onChipBits[x], mem.wordBits);
      if (m == 0 && x == Tensor::Outputs && splitOutputs) {
        auto [finals, spills] = finalOutputWrites(lc.writes[x]);
        w = words(finals, problem.elementBits[x], mem.wordBits) +
            words(spills, onChipBits[x], mem.wordBits);
      }
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
  for (Tensor x : kAllTensors) {
    if (x != Tensor::Outputs || !splitOutputs) {
      r.dramBytes +=
          (dram.reads[x] + dram.writes[x]) * problem.elementBits[x] / 8;
      continue;
    }
    auto [finals, spills] = finalOutputWrites(dram.writes[x]);
    r.dramBytes += finals * problem.elementBits[x] / 8 +
                   (spills + dram.reads[x]) * onChipBits[x] / 8;
  }
  r.macEnergy = double(r.macs) * arch.macEnergy;
  r.energy += r.macEnergy;
  r.cycles = options.doubleBuffering
                 ? std::max(double(r.computeCycles), slowest)
                 : double(r.computeCycles) + transfers;
  finishCost(r, arch);
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
