//===- AxisSumClosedForm.cpp - Per-axis sums without enumeration ----------===//
//
// Most per-axis sums the cost model asks for have a closed form; the
// enumeration in AxisSum.cpp remains for the others (windows united across
// units that leave gaps or are split again) and as the reference the closed
// forms are tested against (test/Unit/CostModel/AxisSumTest.cpp).
//
//  * One dimension: a loop splits each chunk into full pieces of its step and
//    at most one shorter last piece, so the chunks of a level take few
//    distinct sizes. Carrying (size, count) pairs level by level gives the
//    number of non-empty leaves (Any) and the sum of their sizes (Max, where
//    an across loop keeps only its first, largest, unit).
//  * A window axis without across loops: every leaf of the output dimension
//    meets every leaf of the filter dimension once, and an unclipped window
//    of n0 outputs and n1 taps spans (n0 - 1) stride + (n1 - 1) dilation + 1
//    input rows, so the sum of spans is a product of per-dimension leaf
//    counts and sizes. Only the leaf pairs whose window reaches the padding
//    differ: those lie at the two ends of both dimensions and are enumerated
//    from the ends, with windowInput giving their clipped span. Across loops
//    whose units' windows overlap unite into their parent's window and drop
//    out of the sum; other unions are enumerated.
//
//===----------------------------------------------------------------------===//

#include "AxisSum.h"
#include "accel/Workload/ReceptiveField.h"
#include "accel/Workload/ShapeArith.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace accel;

namespace {

/// What the closed forms below return when they do not apply (sums are not
/// negative). Not std::optional: its flag, stored as a byte and reloaded
/// with the value, stalls the store forwarding of every return.
constexpr int64_t kNone = -1;

/// One dimension's loops of a sum, outer first. Mappings have a few levels:
/// longer chains go to the enumeration.
struct Chain {
  static constexpr unsigned kMax = 12;
  int64_t trip[kMax], step[kMax];
  bool across[kMax];
  unsigned n = 0;
  int64_t extent = 0;

  bool add(const NestLoop &l, bool isAcross) {
    if (n == kMax)
      return false;
    trip[n] = l.trip;
    step[n] = l.step;
    across[n++] = isAcross;
    return true;
  }
};

/// Leaves of a chain: how many are non-empty and the sum of their sizes.
/// Across loops keep their first unit. The chunks of a level take few
/// distinct sizes, carried as (size, count) pairs; false if they do not.
struct LeafStats {
  int64_t leaves = 0, sizes = 0;
  int64_t smallest = INT64_MAX; ///< size of the smallest non-empty leaf
  bool equal = false; ///< every loop splits exactly: the leaves are equal
};
bool leafStats(const Chain &chain, LeafStats &out) {
  // While every chunk splits exactly, the chunks of a level have one size.
  int64_t size0 = chain.extent, count0 = 1;
  bool anyAcross = false;
  unsigned k = 0;
  for (; k < chain.n; ++k) {
    int64_t step = chain.step[k];
    if (chain.across[k]) {
      size0 = std::min(size0, step);
      anyAcross = true;
      continue;
    }
    if (chain.trip[k] * step != size0)
      break;
    count0 *= chain.trip[k];
    size0 = step;
  }
  if (k == chain.n) {
    out = {count0, count0 * size0, size0, !anyAcross};
    return true;
  }
  constexpr unsigned kSizes = 8;
  int64_t size[2][kSizes], count[2][kSizes];
  unsigned n[2] = {1, 0}, cur = 0;
  size[0][0] = size0;
  count[0][0] = count0;
  for (; k < chain.n; ++k) {
    unsigned nxt = cur ^ 1;
    n[nxt] = 0;
    auto add = [&](int64_t s, int64_t c) {
      if (s <= 0 || c <= 0)
        return true;
      for (unsigned i = 0; i < n[nxt]; ++i)
        if (size[nxt][i] == s) {
          count[nxt][i] += c;
          return true;
        }
      if (n[nxt] == kSizes)
        return false;
      size[nxt][n[nxt]] = s;
      count[nxt][n[nxt]++] = c;
      return true;
    };
    int64_t trip = chain.trip[k], step = chain.step[k];
    for (unsigned i = 0; i < n[cur]; ++i) {
      int64_t s = size[cur][i], c = count[cur][i];
      if (chain.across[k]) {
        if (!add(std::min(s, step), c))
          return false;
        continue;
      }
      // Divisions are slow: the trips usually fit the chunk exactly.
      int64_t full = trip * step <= s ? trip : s / step;
      if (!add(step, c * full) || (full < trip && !add(s - full * step, c)))
        return false;
    }
    cur = nxt;
  }
  for (unsigned i = 0; i < n[cur]; ++i) {
    out.leaves += count[cur][i];
    out.sizes += count[cur][i] * size[cur][i];
    out.smallest = std::min(out.smallest, size[cur][i]);
  }
  return true;
}

/// Where a chain's first leaf ends and its last leaf begins, when its
/// loops cover their chunks (the leaves then tile the extent in order);
/// false if some loop leaves part of a chunk out.
struct LeafEnds {
  int64_t firstEnd = 0, lastBegin = 0;
};
bool leafEnds(const Chain &c, LeafEnds &out) {
  int64_t largest = c.extent; // the largest chunk entering loop k
  int64_t from = 0;           // the last leaf so far: [from, extent)
  for (unsigned k = 0; k < c.n; ++k) {
    int64_t step = c.step[k], length = c.extent - from;
    int64_t covered = c.trip[k] * step;
    if (covered < largest)
      return false;
    largest = std::min(largest, step);
    // The last non-empty child; without a division when all trips run.
    int64_t count = covered - length < step ? c.trip[k] : ceilDiv(length, step);
    from += (count - 1) * step;
  }
  out.firstEnd = largest;
  out.lastBegin = from;
  return true;
}

/// Walks the non-empty leaf chunks [b, e) of a chain (no across loops) from
/// one end: first() then next() until they return false.
class LeafWalk {
public:
  LeafWalk(const Chain &chain, bool fromEnd) : c(chain), fromEnd(fromEnd) {}

  bool first() {
    ordinal = 0;
    descend(0, 0, c.extent);
    return true;
  }
  /// Steps to the next leaf: the innermost loop with a child left advances.
  bool next() {
    for (unsigned k = c.n; k-- > 0;) {
      int64_t last = fromEnd ? 0 : count[k] - 1;
      if (index[k] == last)
        continue;
      index[k] += fromEnd ? -1 : 1;
      int64_t b = lo[k] + index[k] * c.step[k];
      int64_t e = std::min(hi[k], b + c.step[k]);
      descend(k + 1, b, e);
      ++ordinal;
      return true;
    }
    return false;
  }

  int64_t b = 0, e = 0; ///< the current leaf
  int64_t ordinal = 0;  ///< counted from the walk's end

private:
  const Chain &c;
  bool fromEnd;
  int64_t index[Chain::kMax], count[Chain::kMax], lo[Chain::kMax],
      hi[Chain::kMax];

  /// Enters the loops from k on below the chunk [from, to), at their first
  /// (or last) non-empty child.
  void descend(unsigned k, int64_t from, int64_t to) {
    for (; k < c.n; ++k) {
      lo[k] = from;
      hi[k] = to;
      count[k] = c.trip[k] * c.step[k] <= to - from
                     ? c.trip[k]
                     : std::min(c.trip[k], ceilDiv(to - from, c.step[k]));
      index[k] = fromEnd ? count[k] - 1 : 0;
      from += index[k] * c.step[k];
      to = std::min(to, from + c.step[k]);
    }
    b = from;
    e = to;
  }
};

/// The sum of a window axis' spans over all leaf pairs of the chains c0 (of
/// axis.d0) and c1 (of axis.d1), which have no across loops.
int64_t windowSpans(const LayerProblem &problem, const Axis &axis,
                    const Chain &c0, const Chain &c1) {
  bool rows = axis.d0 == Dim::P;
  auto [stride, dilation, pad, size, every, first] = problem.plane(rows);
  LeafStats s0, s1;
  if (!leafStats(c0, s0) || !leafStats(c1, s1))
    return kNone;
  int64_t total = stride * s1.leaves * (s0.sizes - s0.leaves) +
                  dilation * s0.leaves * (s1.sizes - s1.leaves) +
                  s0.leaves * s1.leaves;
  auto clippedSpan = [&](int64_t b0, int64_t e0, int64_t b1, int64_t e1) {
    return windowInput({b0, e0}, {b1, e1}, stride, dilation, pad, size).size();
  };
  auto spanEnd = [&](int64_t e0, int64_t e1) {
    return (e0 - 1) * stride + (e1 - 1) * dilation - pad + 1;
  };

  // Usually the padding clips only the pair of first leaves and the pair of
  // last leaves: when the leaves tile their extents in order, that holds if
  // the windows of the second leaves (second-to-last ones) stay inside.
  auto ends = [](const Chain &c, const LeafStats &st, LeafEnds &out) {
    if (!st.equal)
      return leafEnds(c, out);
    out = {st.smallest, c.extent - st.smallest};
    return true;
  };
  LeafEnds l0, l1;
  if (ends(c0, s0, l0) && ends(c1, s1, l1)) {
    int64_t n0 = c0.extent, n1 = c1.extent;
    if (s0.leaves == 1 && s1.leaves == 1)
      return clippedSpan(0, n0, 0, n1);
    bool startOk =
        pad <= 0 || ((s0.leaves == 1 || l0.firstEnd * stride >= pad) &&
                     (s1.leaves == 1 || l1.firstEnd * dilation >= pad));
    bool endClips = spanEnd(n0, n1) > size;
    bool endOk =
        !endClips || ((s0.leaves == 1 || spanEnd(l0.lastBegin, n1) <= size) &&
                      (s1.leaves == 1 || spanEnd(n0, l1.lastBegin) <= size));
    if (startOk && endOk) {
      auto correct = [&](int64_t b0, int64_t e0, int64_t b1, int64_t e1) {
        total -= (e0 - b0 - 1) * stride + (e1 - b1 - 1) * dilation + 1 -
                 clippedSpan(b0, e0, b1, e1);
      };
      if (pad > 0)
        correct(0, l0.firstEnd, 0, l1.firstEnd);
      if (endClips)
        correct(l0.lastBegin, n0, l1.lastBegin, n1);
      return total;
    }
  }

  // The leaf pairs whose window starts above the input or ends below it lie
  // at the two ends of both dimensions: walk in from each end while they do.
  struct Pair {
    int64_t i0, i1; ///< ordinals from the start, to skip pairs seen twice
  };
  constexpr unsigned kMaxPairs = 64;
  Pair seen[kMaxPairs];
  unsigned numSeen = 0;
  for (bool atEnd : {false, true}) {
    auto crosses = [&](int64_t b0, int64_t e0, int64_t b1, int64_t e1) {
      return atEnd ? (e0 - 1) * stride + (e1 - 1) * dilation - pad + 1 > size
                   : b0 * stride + b1 * dilation - pad < 0;
    };
    LeafWalk w0(c0, atEnd), w1(c1, atEnd);
    for (bool more0 = w0.first(); more0; more0 = w0.next()) {
      if (!crosses(w0.b, w0.e, atEnd ? c1.extent - 1 : 0,
                   atEnd ? c1.extent : 1))
        break;
      for (bool more1 = w1.first(); more1; more1 = w1.next()) {
        if (!crosses(w0.b, w0.e, w1.b, w1.e))
          break;
        Pair p{atEnd ? s0.leaves - 1 - w0.ordinal : w0.ordinal,
               atEnd ? s1.leaves - 1 - w1.ordinal : w1.ordinal};
        bool again = false;
        for (unsigned i = 0; atEnd && i < numSeen && !again; ++i)
          again = seen[i].i0 == p.i0 && seen[i].i1 == p.i1;
        if (again)
          continue;
        if (numSeen == kMaxPairs)
          return kNone;
        if (!atEnd)
          seen[numSeen++] = p;
        int64_t span =
            (w0.e - w0.b - 1) * stride + (w1.e - w1.b - 1) * dilation + 1;
        auto [from, to] = rows ? problem.inputRows(w0.b, w0.e, w1.b, w1.e)
                               : problem.inputCols(w0.b, w0.e, w1.b, w1.e);
        total -= span - (to - from);
      }
    }
  }
  return total;
}

/// A window axis' sum of tiles united across its across loops. The units of
/// an across loop split their parent's chunk; when no loop below splits
/// them further and the windows of neighbouring units overlap or touch, the
/// union of their windows is the window of the parent's chunk, as if the
/// loop were not there. Windows of neighbouring chunks of outputs leave no
/// gap when the taps' span, (n1 - 1) dilation + 1 for the smallest chunk of
/// n1 taps, is at least the stride; neighbouring chunks of taps, when
/// (n0 - 1) stride + 1 >= dilation. Other unions (strided 1x1 windows,
/// units split again below) have no closed form here.
int64_t unitedWindowSpans(const LayerProblem &problem, const Axis &axis,
                          llvm::ArrayRef<AxisLoop> loops) {
  const LoopBounds &bounds = problem.bounds;
  // The loops kept, and the largest chunk each dimension's next loop splits.
  Chain kept[2];
  int64_t largest[2] = {bounds[axis.d0], bounds[axis.d1]};
  kept[0].extent = largest[0];
  kept[1].extent = largest[1];
  bool united[2] = {false, false};
  for (const AxisLoop &l : loops) {
    unsigned i = l.loop->dim == axis.d0 ? 0 : 1;
    if (united[i])
      return kNone; // splits the units of an across loop above
    if (l.across) {
      if (l.loop->trip * l.loop->step < largest[i])
        return kNone; // the units leave part of the chunk out
      united[i] = true;
    } else if (!kept[i].add(*l.loop, false)) {
      return kNone;
    }
    largest[i] = std::min(largest[i], l.loop->step);
  }
  if (!united[0] && !united[1])
    return windowSpans(problem, axis, kept[0], kept[1]);
  auto [stride, dilation, pad, size, every, first] = problem.plane(axis.d0 == Dim::P);
  // A window clipped by the padding starts at its first row inside the
  // input: with strides or dilations that row moves by more than the
  // clipping, and clipped neighbours can leave gaps their union does not.
  bool clipped = pad > 0 || (bounds[axis.d0] - 1) * stride +
                                    (bounds[axis.d1] - 1) * dilation + 1 >
                                size;
  if (clipped && (stride > 1 || dilation > 1))
    return kNone;
  // The smallest chunk of a dimension, with every loop splitting (the
  // units' own chunks).
  auto smallest = [&](Dim d) -> int64_t {
    Chain all;
    all.extent = bounds[d];
    for (const AxisLoop &l : loops)
      if (l.loop->dim == d && !all.add(*l.loop, false))
        return kNone;
    LeafStats st;
    if (!leafStats(all, st))
      return kNone;
    return st.smallest;
  };
  if (united[0] && stride > 1) {
    int64_t n1 = smallest(axis.d1);
    if (n1 == kNone || (n1 - 1) * dilation + 1 < stride)
      return kNone;
  }
  if (united[1] && dilation > 1) {
    int64_t n0 = smallest(axis.d0);
    if (n0 == kNone || (n0 - 1) * stride + 1 < dilation)
      return kNone;
  }
  return windowSpans(problem, axis, kept[0], kept[1]);
}

/// The closed form of the sum, or kNone.
int64_t closedForm(const LayerProblem &problem, const Axis &axis,
                   llvm::ArrayRef<AxisLoop> loops, Combine combine) {
  if (!axis.window) {
    if (combine == Combine::Union)
      return problem.bounds[axis.d0]; // the chunks partition the dimension
    Chain chain;
    chain.extent = problem.bounds[axis.d0];
    for (const AxisLoop &l : loops)
      if (!chain.add(*l.loop, l.across))
        return kNone;
    LeafStats s;
    if (!leafStats(chain, s))
      return kNone;
    return combine == Combine::Any ? s.leaves : s.sizes;
  }
  if (combine == Combine::Union)
    return unitedWindowSpans(problem, axis, loops);
  return kNone;
}

} // namespace

bool accel::axisSumClosedForm(const LayerProblem &problem, const Axis &axis,
                              llvm::ArrayRef<AxisLoop> loops, Combine combine,
                              int64_t &sum) {
  // A zero-inserted input counts real rows, which no closed form here does.
  if (axis.window && problem.plane(axis.d0 == Dim::P).every != 1)
    return false;
  sum = closedForm(problem, axis, loops, combine);
  return sum != kNone;
}
