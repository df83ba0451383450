//===- GroupSimulator.cpp - A layer group run element by element ----------===//

#include "GroupSimulator.h"
#include <cmath>
#include <set>

using namespace accel;
using namespace accel::testing;

namespace {

using Point = llvm::SmallVector<int64_t, 4>;

int64_t flatIndex(llvm::ArrayRef<int64_t> shape, llvm::ArrayRef<int64_t> p) {
  int64_t i = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    i = i * shape[d] + p[d];
  return i;
}

Point unflatten(llvm::ArrayRef<int64_t> shape, int64_t i) {
  Point p(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    p[d] = i % shape[d];
    i /= shape[d];
  }
  return p;
}

void forEachPoint(const TensorRegion &r, llvm::function_ref<void(Point)> f) {
  if (r.empty())
    return;
  Point p;
  for (const Interval &i : r.dims)
    p.push_back(i.begin);
  while (true) {
    f(p);
    int d = p.size() - 1;
    for (; d >= 0; --d) {
      if (++p[d] < r.dims[d].end)
        break;
      p[d] = r.dims[d].begin;
    }
    if (d < 0)
      return;
  }
}

/// Source coordinates an interpolated output coordinate reads.
llvm::SmallVector<int64_t, 2> resizeSources(int64_t dst, int64_t in,
                                            int64_t out, bool bilinear,
                                            bool alignCorners) {
  int64_t scale = out / in;
  if (!bilinear)
    return {dst / scale};
  double src = alignCorners ? (out > 1 ? double(dst) * (in - 1) / (out - 1) : 0)
                            : std::max(0.0, (dst + 0.5) / scale - 0.5);
  int64_t i0 = std::min<int64_t>(in - 1, int64_t(std::floor(src)));
  int64_t i1 = std::min<int64_t>(i0 + 1, in - 1);
  if (i0 == i1)
    return {i0};
  return {i0, i1};
}

/// Calls f(operand, element) for every element the output element `o` of
/// layer `l` reads, from each operator's definition.
void forEachRead(const LayerGraph &g, const GraphLayer &l, const Point &o,
                 llvm::function_ref<void(unsigned, const Point &)> f) {
  auto shape = [&](unsigned i) -> llvm::ArrayRef<int64_t> {
    return g.tensor(l.operands[i]).shape;
  };
  llvm::ArrayRef<int64_t> out = g.tensor(l.result).shape;
  switch (l.kind) {
  case LayerKind::Conv: {
    llvm::ArrayRef<int64_t> in = shape(0), w = shape(1);
    const ConvParams &p = l.conv;
    int64_t cg = w[1], kg = w[0] / p.groups, grp = o[1] / kg;
    for (int64_t c = 0; c < cg; ++c)
      for (int64_t r = 0; r < w[2]; ++r)
        for (int64_t s = 0; s < w[3]; ++s) {
          int64_t y = o[2] * p.strides[0] + r * p.dilations[0] - p.pads[0];
          int64_t x = o[3] * p.strides[1] + s * p.dilations[1] - p.pads[1];
          if (y >= 0 && y < in[2] && x >= 0 && x < in[3])
            f(0, {o[0], grp * cg + c, y, x});
          f(1, {o[1], c, r, s});
        }
    if (l.operands.size() > 2)
      f(2, {o[1]});
    return;
  }
  case LayerKind::ConvTranspose: {
    llvm::ArrayRef<int64_t> in = shape(0), w = shape(1);
    const ConvParams &p = l.conv;
    int64_t kg = w[1], grp = o[1] / kg, cg = in[1] / p.groups;
    for (int64_t i = 0; i < in[2]; ++i)
      for (int64_t r = 0; r < w[2]; ++r) {
        if (i * p.strides[0] + r * p.dilations[0] - p.pads[0] != o[2])
          continue;
        for (int64_t j = 0; j < in[3]; ++j)
          for (int64_t s = 0; s < w[3]; ++s) {
            if (j * p.strides[1] + s * p.dilations[1] - p.pads[1] != o[3])
              continue;
            for (int64_t c = grp * cg; c < (grp + 1) * cg; ++c) {
              f(0, {o[0], c, i, j});
              f(1, {c, o[1] % kg, r, s});
            }
          }
      }
    if (l.operands.size() > 2)
      f(2, {o[1]});
    return;
  }
  case LayerKind::Pool: {
    llvm::ArrayRef<int64_t> in = shape(0);
    const PoolParams &p = l.pool;
    for (int64_t y = 0; y < in[2]; ++y)
      for (int64_t x = 0; x < in[3]; ++x) {
        bool reads = p.global;
        for (int64_t r = 0; !reads && r < p.kernel[0]; ++r)
          for (int64_t s = 0; !reads && s < p.kernel[1]; ++s)
            reads = o[2] * p.strides[0] + r * p.dilations[0] - p.pads[0] == y &&
                    o[3] * p.strides[1] + s * p.dilations[1] - p.pads[1] == x;
        if (reads)
          f(0, {o[0], o[1], y, x});
      }
    return;
  }
  case LayerKind::Matmul: {
    llvm::ArrayRef<int64_t> lhs = shape(0);
    Point a(o.begin(), o.end()), b(o.begin(), o.end());
    for (int64_t k = 0; k < lhs.back(); ++k) {
      a.back() = k;
      f(0, a);
      size_t n = b.size();
      b[n - 2] = l.transposeRhs ? o.back() : k;
      b[n - 1] = l.transposeRhs ? k : o.back();
      f(1, b);
    }
    if (l.operands.size() > 2)
      f(2, {o.back()});
    return;
  }
  case LayerKind::Add:
  case LayerKind::Mul:
    for (unsigned i = 0; i < 2; ++i) {
      llvm::ArrayRef<int64_t> s = shape(i);
      Point p;
      size_t lead = out.size() - s.size();
      for (size_t d = 0; d < s.size(); ++d)
        p.push_back(s[d] == 1 ? 0 : o[lead + d]);
      f(i, p);
    }
    return;
  case LayerKind::Activation:
  case LayerKind::Quantize:
    f(0, o);
    return;
  case LayerKind::LayerNorm: { // every element of its row along `axis`
    Point p = o;
    for (int64_t i = 0; i < out[l.axis]; ++i) {
      p[l.axis] = i;
      f(0, p);
    }
    return;
  }
  case LayerKind::Resize: {
    llvm::ArrayRef<int64_t> in = shape(0);
    for (int64_t y :
         resizeSources(o[2], in[2], out[2], l.bilinear, l.alignCorners))
      for (int64_t x :
           resizeSources(o[3], in[3], out[3], l.bilinear, l.alignCorners))
        f(0, {o[0], o[1], y, x});
    return;
  }
  case LayerKind::Concat: {
    int64_t offset = 0;
    for (unsigned i = 0; i < l.operands.size(); ++i) {
      int64_t size = shape(i)[l.axis];
      if (o[l.axis] < offset + size) {
        Point p = o;
        p[l.axis] -= offset;
        f(i, p);
        return;
      }
      offset += size;
    }
    return;
  }
  case LayerKind::Reshape:
    f(0, unflatten(shape(0), flatIndex(out, o)));
    return;
  case LayerKind::Opaque:
    for (unsigned i = 0; i < l.operands.size(); ++i)
      forEachPoint(TensorRegion::whole(shape(i)), [&](Point p) { f(i, p); });
    return;
  }
}

/// The bounding box of a set of points, rank `rank` (empty without points).
struct BoxBuilder {
  TensorRegion box;
  bool any = false;
  explicit BoxBuilder(size_t rank) { box.dims.assign(rank, Interval{0, 0}); }
  void add(const Point &p) {
    for (size_t d = 0; d < p.size(); ++d) {
      Interval &i = box.dims[d];
      if (!any || p[d] < i.begin)
        i.begin = p[d];
      if (!any || p[d] + 1 > i.end)
        i.end = p[d] + 1;
    }
    any = true;
  }
};

TensorRegion emptyBox(size_t rank) {
  TensorRegion r;
  r.dims.assign(rank, Interval{0, 0});
  return r;
}

TensorRegion hullOf(const TensorRegion &a, const TensorRegion &b) {
  if (a.empty())
    return b;
  if (b.empty())
    return a;
  TensorRegion r = a;
  for (size_t d = 0; d < r.dims.size(); ++d) {
    r.dims[d].begin = std::min(a.dims[d].begin, b.dims[d].begin);
    r.dims[d].end = std::max(a.dims[d].end, b.dims[d].end);
  }
  return r;
}

} // namespace

SimulatedGroup accel::testing::simulateGroup(const LayerGraph &g,
                                             llvm::ArrayRef<unsigned> layers,
                                             const GroupSchedule &s) {
  SimulatedGroup sim;
  std::set<unsigned> inGroup(layers.begin(), layers.end());
  // Roles.
  std::vector<unsigned> inputs, weights, produced, outputs;
  for (unsigned l : layers) {
    for (unsigned op : g.layer(l).operands) {
      const GraphTensor &x = g.tensor(op);
      if (x.producer >= 0 && inGroup.count(x.producer))
        continue;
      auto &list = x.weight ? weights : inputs;
      if (!llvm::is_contained(list, op))
        list.push_back(op);
    }
    unsigned r = g.layer(l).result;
    produced.push_back(r);
    bool after = g.tensor(r).output;
    for (unsigned c : g.consumers(r))
      after |= !inGroup.count(c);
    if (after)
      outputs.push_back(r);
  }

  // Output tiles: the tallest output's rows cut in `rows`, the others'
  // proportionally; other ranks whole with the last tile.
  int64_t H = 0;
  for (unsigned v : outputs)
    if (g.tensor(v).shape.size() == 4)
      H = std::max(H, g.tensor(v).shape[2]);
  if (H == 0)
    H = 1;
  unsigned T = 0;
  while (int64_t(T) * s.rows < H)
    ++T;
  sim.tiles = T;
  auto outputTile = [&](unsigned v, unsigned t) {
    const Shape &shape = g.tensor(v).shape;
    TensorRegion r = TensorRegion::whole(shape);
    if (shape.size() != 4) {
      if (t + 1 != T)
        for (Interval &i : r.dims)
          i = {0, 0};
      return r;
    }
    // Row y belongs to the last tile whose start is at or before it.
    int64_t h = shape[2], lo = h, hi = 0;
    for (int64_t y = 0; y < h; ++y) {
      unsigned owner = 0;
      for (unsigned u = 0; u < T; ++u)
        if (static_cast<__int128>(u) * s.rows * h / H <= y)
          owner = u;
      if (owner == t) {
        lo = std::min(lo, y);
        hi = std::max(hi, y + 1);
      }
    }
    r.dims[2] = {lo, std::max(lo, hi)};
    if (r.dims[2].empty())
      for (Interval &i : r.dims)
        i = {0, 0};
    return r;
  };

  // Boxes, element by element, layer by layer backwards; a produced
  // tensor's buffer rows have one width: its box in every tile spans what
  // any tile needs in all dimensions but the rows (the whole of a tensor
  // that is not row-tiled).
  sim.regions.resize(T);
  for (unsigned t = 0; t < T; ++t)
    for (unsigned v : outputs) {
      TensorRegion o = outputTile(v, t);
      if (!o.empty())
        sim.regions[t][v] = o;
    }
  for (unsigned l : llvm::reverse(layers)) {
    const GraphLayer &layer = g.layer(l);
    const Shape &shape = g.tensor(layer.result).shape;
    BoxBuilder widest(shape.size());
    for (unsigned t = 0; t < T; ++t) {
      auto it = sim.regions[t].find(layer.result);
      if (it != sim.regions[t].end() && !it->second.empty()) {
        Point lo, hi;
        for (const Interval &i : it->second.dims) {
          lo.push_back(i.begin);
          hi.push_back(i.end - 1);
        }
        widest.add(lo);
        widest.add(hi);
      }
    }
    for (unsigned t = 0; t < T; ++t) {
      auto it = sim.regions[t].find(layer.result);
      if (it == sim.regions[t].end() || it->second.empty())
        continue;
      TensorRegion box =
          shape.size() == 4 ? widest.box : TensorRegion::whole(shape);
      if (shape.size() == 4)
        box.dims[2] = it->second.dims[2];
      it->second = box;
      std::vector<BoxBuilder> reads;
      for (unsigned op : layer.operands)
        reads.emplace_back(g.tensor(op).shape.size());
      forEachPoint(box, [&](Point o) {
        forEachRead(g, layer, o,
                    [&](unsigned i, const Point &p) { reads[i].add(p); });
      });
      std::map<unsigned, TensorRegion> &here = sim.regions[t];
      for (auto [i, op] : llvm::enumerate(layer.operands))
        if (reads[i].any)
          here[op] =
              here.count(op) ? hullOf(here[op], reads[i].box) : reads[i].box;
    }
  }
  // The group's inputs too (one buffer row width).
  std::set<unsigned> groupInputs;
  for (unsigned t = 0; t < T; ++t)
    for (auto &[v, box] : sim.regions[t])
      if (g.tensor(v).producer < 0 || !inGroup.count(g.tensor(v).producer))
        if (!g.tensor(v).weight && g.tensor(v).shape.size() == 4)
          groupInputs.insert(v);
  for (unsigned v : groupInputs) {
    std::optional<TensorRegion> widest;
    for (unsigned t = 0; t < T; ++t)
      if (auto it = sim.regions[t].find(v); it != sim.regions[t].end())
        widest = widest ? hullOf(*widest, it->second) : it->second;
    for (unsigned t = 0; t < T; ++t)
      if (auto it = sim.regions[t].find(v); it != sim.regions[t].end()) {
        Interval rows = it->second.dims[2];
        it->second = *widest;
        it->second.dims[2] = rows;
      }
  }
  auto boxOf = [&](unsigned t, unsigned v) {
    auto it = sim.regions[t].find(v);
    return it == sim.regions[t].end() ? emptyBox(g.tensor(v).shape.size())
                                      : it->second;
  };

  // Stages, and the beats each tile of each tensor is written and last read.
  int ahead = s.doubleBuffer ? 1 : 0;
  // Pipelined: a computing layer one stage after the latest stage whose end
  // makes one of its operands available; data movement passes operands on
  // as they come (a value from outside is there before the first stage).
  std::map<unsigned, int> stage, ready;
  for (unsigned l : layers) {
    int latest = -1;
    for (unsigned op : g.layer(l).operands) {
      int p = g.tensor(op).producer;
      if (p >= 0 && inGroup.count(p))
        latest = std::max(latest, ready[p]);
    }
    bool pipelined = s.mode == ExecutionMode::Pipelined;
    ready[l] = g.layer(l).computes() ? latest + 1 : latest;
    stage[l] = pipelined ? std::max(0, ready[l]) : 0;
  }
  auto readerStages = [&](unsigned v) {
    std::vector<int> st;
    for (unsigned c : g.consumers(v))
      if (inGroup.count(c))
        st.push_back(stage[c]);
    return st;
  };
  std::map<unsigned, std::pair<int, int>> offsets; // write, last use - tile
  for (unsigned v : inputs) {
    std::vector<int> st = readerStages(v);
    offsets[v] = {*llvm::min_element(st) - ahead, *llvm::max_element(st)};
  }
  for (unsigned v : produced) {
    int w = stage[g.tensor(v).producer], last = w;
    for (int st : readerStages(v))
      last = std::max(last, st);
    if (llvm::is_contained(outputs, v))
      last = std::max(last, w + ahead);
    offsets[v] = {w, last};
  }

  // Play the beats.
  bool keep = s.halo == HaloPolicy::Keep;
  std::map<unsigned, std::vector<char>> resident; // halos kept
  std::map<unsigned, std::set<unsigned>> live;    // recomputed: tiles held
  std::vector<int64_t> stepWeights;
  auto weightsOf = [&](unsigned l) {
    std::vector<unsigned> w;
    for (unsigned op : g.layer(l).operands)
      if (llvm::is_contained(weights, op) && !llvm::is_contained(w, op))
        w.push_back(op);
    return w;
  };
  // Writes tile t of v: returns the elements that were not there.
  auto write = [&](unsigned v, unsigned t) -> int64_t {
    TensorRegion b = boxOf(t, v);
    if (!keep) {
      live[v].insert(t);
      return b.empty() ? 0 : b.elements();
    }
    std::vector<char> &held = resident[v];
    held.resize(g.tensor(v).elements(), 0);
    int64_t added = 0;
    forEachPoint(b, [&](Point p) {
      char &c = held[flatIndex(g.tensor(v).shape, p)];
      added += !c;
      c = 1;
    });
    return added;
  };
  int first = INT32_MAX, last = INT32_MIN;
  for (auto &[v, o] : offsets) {
    first = std::min(first, o.first);
    last = std::max(last, int(T) - 1 + o.second);
  }
  for (int k = first; k <= last; ++k) {
    for (unsigned v : inputs) {
      int t = k - offsets[v].first;
      if (t >= 0 && t < int(T))
        sim.loaded[v] += write(v, t);
    }
    for (unsigned l : layers) {
      int t = k - stage[l];
      if (t < 0 || t >= int(T))
        continue;
      const GraphLayer &layer = g.layer(l);
      int64_t made = write(layer.result, t);
      sim.computed[l] += made;
      if (layer.computes()) {
        sim.macs +=
            made * (layer.problem->macs() / g.tensor(layer.result).elements());
        if (made > 0) {
          int64_t bytes = 0;
          for (unsigned w : weightsOf(l)) {
            bytes += g.tensor(w).bytes();
            if (s.weights == WeightPolicy::Streamed)
              sim.weightElementsLoaded += g.tensor(w).elements();
          }
          stepWeights.push_back(bytes);
        }
      }
    }
    for (unsigned v : outputs) {
      int t = k - (offsets[v].first + ahead);
      if (t >= 0 && t < int(T))
        sim.storedElements += outputTile(v, t).elements();
    }
    // What the buffers hold now; then what they keep for the next beat.
    for (auto &[v, o] : offsets) {
      int64_t held = 0;
      if (keep) {
        for (char c : resident[v])
          held += c;
      } else {
        for (unsigned t : live[v])
          held += boxOf(t, v).elements();
      }
      sim.peakElements[v] = std::max(sim.peakElements[v], held);
      if (keep) {
        std::vector<char> needed(g.tensor(v).elements(), 0);
        for (unsigned t = 0; t < T; ++t)
          if (int(t) + o.first <= k + 1 && int(t) + o.second >= k + 1)
            forEachPoint(boxOf(t, v), [&](Point p) {
              needed[flatIndex(g.tensor(v).shape, p)] = 1;
            });
        std::vector<char> &h = resident[v];
        h.resize(needed.size(), 0);
        for (size_t i = 0; i < h.size(); ++i)
          h[i] &= needed[i];
      } else {
        for (auto it = live[v].begin(); it != live[v].end();)
          it = int(*it) + o.second <= k ? live[v].erase(it) : std::next(it);
      }
    }
  }

  if (s.weights == WeightPolicy::Resident) {
    for (unsigned w : weights) {
      sim.weightElementsLoaded += g.tensor(w).elements();
      sim.weightPeakBytes += g.tensor(w).bytes();
    }
  } else {
    for (size_t j = 0; j < stepWeights.size(); ++j)
      sim.weightPeakBytes = std::max(
          sim.weightPeakBytes,
          stepWeights[j] + (s.doubleBuffer && j + 1 < stepWeights.size()
                                ? stepWeights[j + 1]
                                : 0));
  }
  return sim;
}
