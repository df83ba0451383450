//===- LoopNestSimulator.cpp - Literal execution of a mapped loop nest ----===//

#include "LoopNestSimulator.h"
#include <map>
#include <set>

using namespace accel;
using namespace accel::testing;

namespace {

using Indices = std::vector<int64_t>;
/// An element of a tensor: (n, g, k-or-c, row, col) for activations,
/// (g, k, c, r, s) for weights.
using Element = std::array<int64_t, 5>;

struct Box {
  std::array<int64_t, 5> lo, hi; // inclusive; lo > hi = empty
  Box() {
    lo.fill(INT64_MAX);
    hi.fill(INT64_MIN);
  }
  void add(const Element &e) {
    for (int i = 0; i < 5; ++i) {
      lo[i] = std::min(lo[i], e[i]);
      hi[i] = std::max(hi[i], e[i]);
    }
  }
};

struct Simulator {
  const LayerProblem &prob;
  const Arch &arch;
  const LoopNest &nest;
  bool slidingWindows;
  std::vector<unsigned> temporal, spatial; // loop indices
  SimResult res;

  /// Coordinates of the MAC point for loop indices `idx` (all loops), and
  /// per dimension whether the point exists: every loop iterates over its
  /// parent's chunk only, so an index whose chunk starts past the end of the
  /// enclosing chunk (an edge tile) reaches nothing.
  PerDim<int64_t> point(const Indices &idx,
                        PerDim<bool> *exists = nullptr) const {
    PerDim<int64_t> lo, hi;
    PerDim<bool> ok;
    for (Dim d : kAllDims) {
      hi[d] = prob.bounds[d];
      ok[d] = true;
    }
    for (unsigned k = 0; k < nest.loops.size(); ++k) {
      const NestLoop &l = nest.loops[k];
      lo[l.dim] += idx[k] * l.step;
      hi[l.dim] = std::min(hi[l.dim], lo[l.dim] + l.step);
      if (lo[l.dim] >= hi[l.dim])
        ok[l.dim] = false;
    }
    if (exists)
      *exists = ok;
    return lo;
  }
  static bool all(const PerDim<bool> &ok) {
    for (Dim d : kAllDims)
      if (!ok[d])
        return false;
    return true;
  }
  /// The element of `x` a MAC at `c` touches; for inputs the row and column
  /// may lie in the padding.
  Element element(Tensor x, const PerDim<int64_t> &c) const {
    const LoopBounds &b = prob.bounds;
    switch (x) {
    case Tensor::Weights:
      return {c[Dim::G], c[Dim::K], c[Dim::C], c[Dim::R], c[Dim::S]};
    case Tensor::Inputs:
      return {c[Dim::N], c[Dim::G], c[Dim::C],
              c[Dim::P] * b.strideH + c[Dim::R] * b.dilationH - prob.padTop,
              c[Dim::Q] * b.strideW + c[Dim::S] * b.dilationW - prob.padLeft};
    case Tensor::Outputs:
      return {c[Dim::N], c[Dim::G], c[Dim::K], c[Dim::P], c[Dim::Q]};
    }
    return {};
  }
  /// Whether an input element is stored: not padding, and on a
  /// zero-inserted input a real row and column.
  bool stored(const Element &e) const {
    auto real = [](int64_t x, int64_t size, int64_t every, int64_t first) {
      return x >= 0 && x < size && floorMod(x - first, every) == 0;
    };
    return real(e[3], prob.inputH, prob.everyH, prob.firstH) &&
           real(e[4], prob.inputW, prob.everyW, prob.firstW);
  }
  std::set<Element> elements(Tensor x, const Box &box) const {
    std::set<Element> out;
    const std::array<int64_t, 5> &lo = box.lo, &hi = box.hi;
    if (lo[0] > hi[0])
      return out;
    for (int64_t a = lo[0]; a <= hi[0]; ++a)
      for (int64_t b = lo[1]; b <= hi[1]; ++b)
        for (int64_t c = lo[2]; c <= hi[2]; ++c)
          for (int64_t d = lo[3]; d <= hi[3]; ++d)
            for (int64_t e = lo[4]; e <= hi[4]; ++e)
              if (x != Tensor::Inputs || stored({a, b, c, d, e}))
                out.insert({a, b, c, d, e});
    return out;
  }

  /// Indices of the spatial loops above `pos` (an instance there).
  Indices instanceAt(unsigned pos, const Indices &idx) const {
    Indices out;
    for (unsigned k : spatial)
      if (k < pos)
        out.push_back(idx[k]);
    return out;
  }
  /// Indices of the loops above `pos` that index `x` (the tile's identity).
  Indices identityAt(Tensor x, unsigned pos, const Indices &idx) const {
    Indices out;
    for (unsigned k = 0; k < pos; ++k)
      if (isRelevant(x, nest.loops[k].dim))
        out.push_back(idx[k]);
    return out;
  }
  /// Key of the group whose tiles one parent access serves: the parent
  /// instance and the spatial loops in between that do not combine.
  Indices groupAt(Tensor x, unsigned posP, unsigned posC,
                  const Indices &idx) const {
    Indices out;
    for (unsigned k : spatial) {
      if (k >= posC)
        continue;
      const NestLoop &l = nest.loops[k];
      bool combines =
          k >= posP && (x == Tensor::Outputs ? l.reduction : l.multicast);
      out.push_back(combines ? -1 : idx[k]);
    }
    return out;
  }

  using BoxKey = std::tuple<unsigned, Tensor, Indices, Indices>;
  std::map<BoxKey, Box> boxes;

  /// Calls f(idx) for every assignment of the loops in `which`, in nest
  /// order (the first listed loop is the outermost).
  template <typename F>
  void forEach(const std::vector<unsigned> &which, Indices &idx, unsigned i,
               F &&f) const {
    if (i == which.size())
      return f(idx);
    for (int64_t x = 0; x < nest.loops[which[i]].trip; ++x) {
      idx[which[i]] = x;
      forEach(which, idx, i + 1, f);
    }
    idx[which[i]] = 0;
  }

  /// Where in the identity of an input tile at `pos` the loop it slides
  /// along is: the innermost temporal loop above `pos` indexing the inputs,
  /// if it runs over a window dimension; -1 otherwise.
  int slidePosition(Tensor x, unsigned pos) const {
    if (!slidingWindows || x != Tensor::Inputs)
      return -1;
    int position = -1, last = -1;
    Dim lastDim = Dim::N;
    for (unsigned k = 0, j = 0; k < pos; ++k) {
      if (!isRelevant(x, nest.loops[k].dim))
        continue;
      if (!nest.loops[k].spatial) {
        last = int(j);
        lastDim = nest.loops[k].dim;
      }
      ++j;
    }
    if (lastDim == Dim::P || lastDim == Dim::Q || lastDim == Dim::R ||
        lastDim == Dim::S)
      position = last;
    return position;
  }

  /// Whether identity `now` is `before` with only the sliding loop (at
  /// `slide` in both) one iteration further.
  static bool slidOnce(const Indices &before, const Indices &now, int slide) {
    if (slide < 0)
      return false;
    for (unsigned j = 0; j < now.size(); ++j)
      if (now[j] != before[j] + (int(j) == slide ? 1 : 0))
        return false;
    return true;
  }

  std::vector<unsigned> holders(Tensor x) const {
    std::vector<unsigned> h;
    for (unsigned m = 0; m < arch.memories.size(); ++m)
      if (m == 0 || arch.memories[m].holds(x))
        h.push_back(m);
    return h;
  }

  void run() {
    unsigned numMem = arch.memories.size();
    res.reads.assign(numMem, PerTensor<int64_t>());
    res.writes.assign(numMem, PerTensor<int64_t>());
    for (unsigned k = 0; k < nest.loops.size(); ++k)
      (nest.loops[k].spatial ? spatial : temporal).push_back(k);
    std::vector<Tensor> tensors = {Tensor::Inputs, Tensor::Outputs};
    if (prob.hasWeights)
      tensors.insert(tensors.begin(), Tensor::Weights);

    // Phase 1: the box of every tile, from the MAC points it contains.
    Indices idx(nest.loops.size(), 0);
    std::vector<unsigned> allLoops(nest.loops.size());
    for (unsigned k = 0; k < allLoops.size(); ++k)
      allLoops[k] = k;
    // A tile holds the elements its loops reach: a point counts for tensor
    // x when the dimensions indexing x are in range (units idle along other
    // dimensions still hold their tile).
    forEach(allLoops, idx, 0, [&](const Indices &i) {
      PerDim<bool> exists;
      PerDim<int64_t> c = point(i, &exists);
      for (Tensor x : tensors) {
        bool reaches = true;
        for (Dim d : kAllDims)
          if (isRelevant(x, d) && !exists[d])
            reaches = false;
        if (!reaches)
          continue;
        Element e = element(x, c);
        // Padding is not stored: input boxes hold rows and columns read
        // (their real ones, on a zero-inserted input: elements()).
        if (x == Tensor::Inputs && (e[3] < 0 || e[3] >= prob.inputH ||
                                    e[4] < 0 || e[4] >= prob.inputW))
          continue;
        for (unsigned m : holders(x)) {
          unsigned pos = nest.position[m];
          boxes[{m, x, instanceAt(pos, i), identityAt(x, pos, i)}].add(e);
        }
      }
    });

    // Phase 2: replay the steps.
    using InstKey = std::pair<unsigned, Indices>; // (memory, instance)
    std::map<std::pair<Tensor, InstKey>, Indices> current;
    // Partial sums written in the current residency of each output holder
    // instance (DRAM has a single residency).
    std::map<InstKey, std::set<Element>> written;

    auto tileOf = [&](unsigned m, Tensor x, const Indices &inst,
                      const Indices &id) {
      auto it = boxes.find({m, x, inst, id});
      return it == boxes.end() ? std::set<Element>() : elements(x, it->second);
    };
    // Partial sums arriving at holder `m`, instance `inst`.
    auto accumulate = [&](unsigned m, const Indices &inst,
                          const std::set<Element> &in) {
      std::set<Element> &w = written[{m, inst}];
      for (const Element &e : in) {
        if (w.count(e))
          res.reads[m][Tensor::Outputs]++;
        else
          w.insert(e);
        res.writes[m][Tensor::Outputs]++;
      }
    };
    // Write-backs of one step, united per (parent, group).
    std::map<std::tuple<unsigned, Indices, Indices>, std::set<Element>>
        outgoing;
    auto flushOutgoing = [&](unsigned parent) {
      for (auto it = outgoing.begin(); it != outgoing.end();) {
        if (std::get<0>(it->first) != parent) {
          ++it;
          continue;
        }
        accumulate(parent, std::get<1>(it->first), it->second);
        it = outgoing.erase(it);
      }
    };

    forEach(temporal, idx, 0, [&](const Indices &tIdx) {
      Indices i = tIdx;
      for (Tensor x : tensors) {
        std::vector<unsigned> h = holders(x);
        // Inner holders first: their write-backs land in the parents'
        // current residencies before the parents move on.
        for (unsigned hi = h.size(); hi-- > 1;) {
          unsigned m = h[hi], parent = h[hi - 1];
          unsigned pos = nest.position[m], posP = nest.position[parent];
          std::map<Indices, std::set<Element>> parentReads;
          std::vector<unsigned> above;
          for (unsigned k : spatial)
            if (k < pos)
              above.push_back(k);
          forEach(above, i, 0, [&](Indices &u) {
            Indices inst = instanceAt(pos, u);
            Indices id = identityAt(x, pos, u);
            auto key = std::make_pair(x, InstKey{m, inst});
            auto cur = current.find(key);
            if (cur != current.end() && cur->second == id)
              return;
            Indices group = groupAt(x, posP, pos, u);
            if (x == Tensor::Outputs && cur != current.end()) {
              std::set<Element> old = tileOf(m, x, inst, cur->second);
              res.reads[m][x] += old.size();
              auto &out = outgoing[{parent, instanceAt(posP, u), group}];
              out.insert(old.begin(), old.end());
            }
            if (x == Tensor::Outputs)
              written[{m, inst}].clear();
            std::set<Element> tile = tileOf(m, x, inst, id);
            if (x != Tensor::Outputs && cur != current.end() &&
                slidOnce(cur->second, id, slidePosition(x, pos))) {
              // The instance keeps what its previous tile shares with this
              // one.
              for (const Element &e : tileOf(m, x, inst, cur->second))
                tile.erase(e);
            }
            if (x != Tensor::Outputs) {
              res.writes[m][x] += tile.size();
              parentReads[group].insert(tile.begin(), tile.end());
            }
            current[key] = id;
          });
          for (auto &[g, s] : parentReads)
            res.reads[parent][x] += s.size();
          if (x == Tensor::Outputs)
            flushOutgoing(parent);
        }
      }
      // The MACs of this step.
      std::map<std::tuple<Tensor, unsigned, Indices>, std::set<Element>> macIn;
      bool any = false;
      forEach(spatial, i, 0, [&](Indices &u) {
        PerDim<bool> exists;
        PerDim<int64_t> c = point(u, &exists);
        if (!all(exists))
          return;
        any = true;
        res.macs++;
        for (Tensor x : tensors) {
          Element e = element(x, c);
          // Padding is generated, not read.
          if (x == Tensor::Inputs && !stored(e))
            continue;
          unsigned inner = holders(x).back();
          unsigned pos = nest.position[inner];
          Indices group = groupAt(x, pos, nest.loops.size(), u);
          macIn[{x, inner, group}].insert(e);
        }
      });
      res.computeCycles += any;
      for (auto &[key, s] : macIn) {
        auto &[x, inner, group] = key;
        if (x != Tensor::Outputs) {
          res.reads[inner][x] += s.size();
          continue;
        }
        Indices inst;
        for (unsigned j = 0, k = 0; k < spatial.size(); ++k)
          if (spatial[k] < nest.position[inner])
            inst.push_back(group[j++]);
          else
            ++j;
        accumulate(inner, inst, s);
      }
    });

    // Final write-backs of outputs, inner holders first.
    std::vector<unsigned> h = holders(Tensor::Outputs);
    for (unsigned hi = h.size(); hi-- > 1;) {
      unsigned m = h[hi], parent = h[hi - 1];
      unsigned pos = nest.position[m], posP = nest.position[parent];
      for (auto &[key, id] : current) {
        if (key.first != Tensor::Outputs || key.second.first != m)
          continue;
        const Indices &inst = key.second.second;
        std::set<Element> old = tileOf(m, Tensor::Outputs, inst, id);
        res.reads[m][Tensor::Outputs] += old.size();
        // Rebuild the loop indices of this instance to find its group.
        Indices u(nest.loops.size(), 0);
        unsigned j = 0;
        for (unsigned k : spatial)
          if (k < pos)
            u[k] = inst[j++];
        outgoing[{parent, instanceAt(posP, u),
                  groupAt(Tensor::Outputs, posP, pos, u)}]
            .insert(old.begin(), old.end());
      }
      flushOutgoing(parent);
    }
    res.dramOutputsFinal = int64_t(written[{0, Indices()}].size());
  }
};

} // namespace

SimResult accel::testing::simulate(const LayerProblem &problem,
                                   const Arch &arch, const LoopNest &nest,
                                   bool slidingWindows) {
  Simulator sim{problem, arch, nest, slidingWindows, {}, {}, {}, {}};
  sim.run();
  return sim.res;
}
