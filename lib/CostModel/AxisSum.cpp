//===- AxisSum.cpp - Per-axis sums of the loop nest -----------------------===//
//
// The loops of an axis split its dimensions' ranges recursively: a loop
// over a chunk [lo, hi) gives chunks [lo + x * step, min(hi, lo + (x + 1) *
// step)). The sum is taken over that tree, but most subtrees are copies of
// one another: a chunk's subtree depends only on the chunk's size, unless
// the sliding window of the chunk reaches the input's padding, where rows
// are clipped. Inside the input the window of output rows [p0, p1) and
// filter rows [r0, r1) is [p0 s + r0 d - pad, (p1-1) s + (r1-1) d - pad + 1),
// as windowInput would give, and shifts with the chunk. So:
//  * a loop's full-size children inside the input form one run found by
//    arithmetic; one of them is summed and multiplied by the run's length;
//  * subtrees of chunks inside the input (every chunk, on an axis without a
//    window) are cached by (loop, size), for the runs of other parents;
//  * only the children at the borders and the clipped last child of a loop
//    are enumerated, with windowInput at the leaves that are clipped.
// Windows of units across a multicasting stage overlap (halos): below the
// first across loop the tiles of each group of the other loops are united.
// With a single across loop, its interior units' tiles are translates that
// overlap, and their union is one interval; only border units are listed.
// Tiles that slide along a loop (axisSlideSum) fetch, after that loop's
// first child, only what each unit's previous tile lacks: the subtrees of
// two neighbouring children are walked together (pairTotal), unit by unit,
// and pairs of neighbours inside the input are translates, counted once per
// run.
// A zero-inserted input (a transposed convolution's: only every `every`-th
// row holds data) counts the real rows of each interval; translates then
// differ, so nothing is taken as a translate of anything: all enumerated.
// Mappings of a few levels use no heap memory.
//
//===----------------------------------------------------------------------===//

#include "AxisSum.h"
#include "accel/Workload/ReceptiveField.h"
#include "accel/Workload/ShapeArith.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>
#include <cassert>

using namespace accel;

namespace {

class AxisSummer {
public:
  AxisSummer(const LayerProblem &problem, const Axis &axis,
             llvm::ArrayRef<AxisLoop> loops, Combine combine,
             const NestLoop *slideLoop = nullptr)
      : problem(problem), axis(axis), loops(loops), combine(combine) {
    unite = axis.window &&
            llvm::any_of(loops, [](const AxisLoop &l) { return l.across; });
    if (axis.window) {
      rows = axis.d0 == Dim::P;
      PlaneAxis a = problem.plane(rows);
      stride = a.stride;
      dilation = a.dilation;
      pad = a.pad;
      size = a.size;
      every = a.every;
      firstReal = a.first;
    }
    if (unite)
      hoistUnitedDimension();
    for (unsigned k = 0; k < this->loops.size(); ++k)
      if (this->loops[k].loop == slideLoop)
        slide = k;
  }

  int64_t sum() {
    const LoopBounds &bounds = problem.bounds;
    // A single dimension's chunks partition it, so across units they are
    // disjoint: their union over everything is the extent.
    if (!axis.window && combine == Combine::Union)
      return bounds[axis.d0];
    // Without across loops, all chunks count: their sizes add up to it.
    if (!axis.window && combine == Combine::Max &&
        llvm::none_of(loops, [](const AxisLoop &l) { return l.across; }))
      return bounds[axis.d0];
    return total(0, 0, bounds[axis.d0], 0, bounds[axis.d1]);
  }

private:
  const LayerProblem &problem;
  const Axis &axis;
  llvm::ArrayRef<AxisLoop> loops;
  llvm::SmallVector<AxisLoop, 16> reordered;
  Combine combine;
  bool unite; ///< a window axis with across loops: unite per group
  bool rows = false;
  int64_t stride = 1, dilation = 1, pad = 0, size = 0, every = 1,
          firstReal = 0;
  /// The loop along which tiles slide (axisSlideSum), or none.
  unsigned slide = ~0u;

  /// The current chunks of the axis' two dimensions.
  struct Chunks {
    int64_t lo0, hi0, lo1, hi1;
  };

  struct Memo {
    unsigned k;
    int64_t n0, n1, value;
  };
  /// Direct-mapped: a collision only costs a recomputation.
  static constexpr unsigned kMemoSlots = 32;
  Memo memo[kMemoSlots];
  uint32_t memoValid = 0;

  unsigned memoSlot(unsigned k, int64_t n0, int64_t n1) const {
    return (k * 7 + uint64_t(n0) * 5 + uint64_t(n1) * 3) % kMemoSlots;
  }

  /// The tiles of the group being united.
  llvm::SmallVector<std::pair<int64_t, int64_t>, 64> tiles;
  bool sorted = true; ///< whether `tiles` arrived in order
  /// The current iteration of each loop, in the subtree being united.
  llvm::SmallVector<int64_t, 16> index;

  /// A dimension's chunks depend only on its own loops, in their order, so
  /// the loops of the two dimensions may interleave in any way. Those of a
  /// dimension without across loops go first: they are then summed over
  /// (runs, cache) instead of splitting the united subtree into groups.
  void hoistUnitedDimension() {
    auto acrossOn = [&](Dim d) {
      return llvm::any_of(loops, [&](const AxisLoop &l) {
        return l.across && l.loop->dim == d;
      });
    };
    bool across0 = acrossOn(axis.d0), across1 = acrossOn(axis.d1);
    if (across0 == across1)
      return;
    Dim first = across0 ? axis.d1 : axis.d0;
    for (const AxisLoop &l : loops)
      if (l.loop->dim == first)
        reordered.push_back(l);
    for (const AxisLoop &l : loops)
      if (l.loop->dim != first)
        reordered.push_back(l);
    loops = reordered;
  }

  /// Whether the window of the chunks lies inside the input (always, for an
  /// axis without a window): then the subtree below is shift-invariant.
  bool inside(int64_t lo0, int64_t hi0, int64_t lo1, int64_t hi1) const {
    if (!axis.window)
      return true;
    if (every > 1)
      return false; // (translates hold other numbers of real rows)
    return lo0 * stride + lo1 * dilation - pad >= 0 &&
           (hi0 - 1) * stride + (hi1 - 1) * dilation - pad + 1 <= size;
  }

  /// The elements of [b, e): its real rows on a zero-inserted input.
  int64_t extent(int64_t b, int64_t e) const {
    return every == 1 ? e - b : realPositions({b, e}, every, firstReal).size();
  }

  /// The axis interval given the current chunk of each of its dimensions.
  std::pair<int64_t, int64_t> interval(int64_t lo0, int64_t hi0, int64_t lo1,
                                       int64_t hi1) const {
    if (!axis.window)
      return lo0 < hi0 ? std::pair{lo0, hi0}
                       : std::pair<int64_t, int64_t>{0, 0};
    if (lo0 < hi0 && lo1 < hi1 && inside(lo0, hi0, lo1, hi1))
      return {lo0 * stride + lo1 * dilation - pad,
              (hi0 - 1) * stride + (hi1 - 1) * dilation - pad + 1};
    return rows ? problem.inputRows(lo0, hi0, lo1, hi1)
                : problem.inputCols(lo0, hi0, lo1, hi1);
  }

  /// The sum over the subtree of loops[k..] in the chunks [lo0, hi0) of d0
  /// and [lo1, hi1) of d1.
  int64_t total(unsigned k, int64_t lo0, int64_t hi0, int64_t lo1,
                int64_t hi1) {
    if (lo0 >= hi0 || lo1 >= hi1)
      return 0; // an empty chunk stays empty below
    if (k == loops.size()) {
      auto [b, e] = interval(lo0, hi0, lo1, hi1);
      return combine == Combine::Any ? (e > b) : extent(b, e);
    }
    bool shiftFree = inside(lo0, hi0, lo1, hi1);
    int64_t n0 = hi0 - lo0, n1 = hi1 - lo1;
    unsigned slot = memoSlot(k, n0, n1);
    const Memo &m = memo[slot];
    if (shiftFree && (memoValid >> slot & 1) && m.k == k && m.n0 == n0 &&
        m.n1 == n1)
      return m.value;
    int64_t value = unite && loops[k].across
                        ? unitedGroups(k, lo0, hi0, lo1, hi1)
                    : k == slide ? slid(k, {lo0, hi0, lo1, hi1}, shiftFree)
                                 : summed(k, lo0, hi0, lo1, hi1, shiftFree);
    if (shiftFree) {
      memo[slot] = {k, n0, n1, value};
      memoValid |= uint32_t(1) << slot;
    }
    return value;
  }

  /// The children of loop k in a chunk: how many are non-empty, and the run
  /// [runBegin, runEnd) of full-size ones whose windows lie inside the
  /// input (their subtrees are translates of one another).
  struct Children {
    int64_t count, runBegin, runEnd;
  };
  Children children(unsigned k, const Chunks &c, bool inside) const {
    const NestLoop &l = *loops[k].loop;
    bool first = l.dim == axis.d0;
    int64_t lo = first ? c.lo0 : c.lo1, hi = first ? c.hi0 : c.hi1;
    int64_t step = l.step, trips = loops[k].across ? 1 : l.trip;
    // Divisions are slow: the trips usually fit the chunk exactly.
    int64_t count = trips, full = trips;
    if (trips * step > hi - lo) {
      count = std::min(trips, ceilDiv(hi - lo, step));
      full = std::min(count, (hi - lo) / step);
    }
    auto [runBegin, runEnd] =
        inside  ? std::pair<int64_t, int64_t>{0, full}
        : first ? insideRun(lo, step, full, stride, c.lo1 * dilation,
                            (c.hi1 - 1) * dilation)
                : insideRun(lo, step, full, dilation, c.lo0 * stride,
                            (c.hi0 - 1) * stride);
    return {count, runBegin, runEnd};
  }

  /// Child x of loop k in chunk c.
  Chunks child(unsigned k, Chunks c, int64_t x) const {
    const NestLoop &l = *loops[k].loop;
    int64_t &lo = l.dim == axis.d0 ? c.lo0 : c.lo1;
    int64_t &hi = l.dim == axis.d0 ? c.hi0 : c.hi1;
    lo += x * l.step;
    hi = std::min(hi, lo + l.step);
    return c;
  }

  int64_t total(unsigned k, const Chunks &c) {
    return total(k, c.lo0, c.hi0, c.lo1, c.hi1);
  }

  /// Loop k is summed over (an across loop outside a union: its first unit).
  /// Its full-size children whose windows lie inside the input have equal
  /// sums: that run is counted by multiplication, the others enumerated.
  int64_t summed(unsigned k, int64_t lo0, int64_t hi0, int64_t lo1, int64_t hi1,
                 bool inside) {
    Chunks c{lo0, hi0, lo1, hi1};
    auto [count, runBegin, runEnd] = children(k, c, inside);
    int64_t sum = 0;
    for (int64_t x = 0; x < runBegin; ++x)
      sum += total(k + 1, child(k, c, x));
    if (runBegin < runEnd)
      sum += (runEnd - runBegin) * total(k + 1, child(k, c, runBegin));
    for (int64_t x = std::max(runBegin, runEnd); x < count; ++x)
      sum += total(k + 1, child(k, c, x));
    return sum;
  }

  /// Loop k is the one tiles slide along: its first child fetches whole
  /// tiles, each later one only what the previous child's tiles lack.
  /// Pairs of neighbours in the inside run are translates of one another.
  int64_t slid(unsigned k, const Chunks &c, bool inside) {
    auto [count, runBegin, runEnd] = children(k, c, inside);
    if (count == 0)
      return 0;
    int64_t sum = total(k + 1, child(k, c, 0));
    int64_t pairsBegin = std::max<int64_t>(runBegin + 1, 1);
    for (int64_t x = 1; x < count; ++x) {
      if (x == pairsBegin && pairsBegin < runEnd) {
        sum += (runEnd - pairsBegin) *
               pairTotal(k + 1, child(k, c, x - 1), child(k, c, x));
        x = runEnd - 1;
        continue;
      }
      sum += pairTotal(k + 1, child(k, c, x - 1), child(k, c, x));
    }
    return sum;
  }

  /// What the tiles of the subtree of loops[k..] in chunks `cur` fetch when
  /// the same subtree in `prev` held the previous ones (unit by unit: the
  /// loops below the sliding one are the same units in both).
  int64_t pairTotal(unsigned k, const Chunks &prev, const Chunks &cur) {
    if (cur.lo0 >= cur.hi0 || cur.lo1 >= cur.hi1)
      return 0;
    if (prev.lo0 >= prev.hi0 || prev.lo1 >= prev.hi1)
      return total(k, cur);
    if (k == loops.size()) {
      Piece pieces[2];
      int64_t sum = 0;
      for (unsigned i = 0, n = difference(prev, cur, pieces); i < n; ++i)
        sum += extent(pieces[i].first, pieces[i].second);
      return sum;
    }
    if (unite && loops[k].across)
      return unitedGroups(k, cur, &prev);
    bool insidePrev = inside(prev.lo0, prev.hi0, prev.lo1, prev.hi1);
    bool insideCur = inside(cur.lo0, cur.hi0, cur.lo1, cur.hi1);
    Children p = children(k, prev, insidePrev);
    Children c = children(k, cur, insideCur);
    // Children inside both runs are translates (by the sliding step).
    int64_t runBegin = std::max(p.runBegin, c.runBegin);
    int64_t runEnd = std::min(p.runEnd, c.runEnd);
    int64_t sum = 0;
    for (int64_t x = 0; x < c.count; ++x) {
      if (x == runBegin && runBegin < runEnd) {
        sum += (runEnd - runBegin) *
               pairTotal(k + 1, child(k, prev, x), child(k, cur, x));
        x = runEnd - 1;
        continue;
      }
      sum += pairTotal(k + 1, child(k, prev, x), child(k, cur, x));
    }
    return sum;
  }

  using Piece = std::pair<int64_t, int64_t>;
  /// The leaf interval of `cur` minus that of `prev`: up to two pieces.
  unsigned difference(const Chunks &prev, const Chunks &cur,
                      Piece (&pieces)[2]) const {
    auto [pb, pe] = interval(prev.lo0, prev.hi0, prev.lo1, prev.hi1);
    auto [cb, ce] = interval(cur.lo0, cur.hi0, cur.lo1, cur.hi1);
    if (cb >= ce)
      return 0;
    if (pb >= pe || pe <= cb || ce <= pb) {
      pieces[0] = {cb, ce};
      return 1;
    }
    unsigned n = 0;
    if (cb < pb)
      pieces[n++] = {cb, pb};
    if (ce > pe)
      pieces[n++] = {pe, ce};
    return n;
  }

  /// The children x in [0, full) of size `step` at lo + x * step whose
  /// windows lie inside the input, when the dimension's rows are `scale`
  /// input rows apart and the other dimension's chunk adds `first` to the
  /// window's first row and `last` to its last one.
  std::pair<int64_t, int64_t> insideRun(int64_t lo, int64_t step, int64_t full,
                                        int64_t scale, int64_t first,
                                        int64_t last) const {
    if (!axis.window)
      return {0, full};
    if (every > 1)
      return {0, 0};
    return runInside(lo * scale + first - pad,
                     (lo + step - 1) * scale + last - pad + 1, step * scale,
                     full);
  }

  /// The x in [0, full) for which [b, e) shifted by x * unit lies inside the
  /// input (unit > 0). Divides only when the run is cut short.
  std::pair<int64_t, int64_t> runInside(int64_t b, int64_t e, int64_t unit,
                                        int64_t full) const {
    if (unit == 1) {
      int64_t from = std::max<int64_t>(0, -b);
      int64_t to = std::min(full, size - e + 1);
      return from < to ? std::pair{from, to}
                       : std::pair<int64_t, int64_t>{0, 0};
    }
    int64_t from = b >= 0 ? 0 : ceilDiv(-b, unit);
    int64_t to = e + (full - 1) * unit <= size
                     ? full
                     : std::min(full, floorDiv(size - e, unit) + 1);
    return from < to ? std::pair{from, to} : std::pair<int64_t, int64_t>{0, 0};
  }

  /// Loop k is across: the sum over the groups of the subtree of loops[k..]
  /// (the combinations of its summed loops) of the tiles combined over the
  /// across loops. Groups are visited one after the other, so a group's
  /// tiles usually arrive in order and need no sorting.
  int64_t unitedGroups(unsigned k, int64_t lo0, int64_t hi0, int64_t lo1,
                       int64_t hi1) {
    return unitedGroups(k, {lo0, hi0, lo1, hi1}, nullptr);
  }

  /// The same, fetching only what each unit's previous tile lacks: the
  /// tile of the same units in `prev` (pairTotal), or, when the sliding
  /// loop is in the subtree and has advanced, its previous iteration.
  int64_t unitedGroups(unsigned k, const Chunks &c, const Chunks *prev) {
    index.assign(loops.size(), 0);
    bool oneAcross = combine == Combine::Union &&
                     llvm::count_if(loops.drop_front(k), [](const AxisLoop &l) {
                       return l.across;
                     }) == 1;
    bool slides = slide != ~0u && slide > k;
    int64_t sum = 0;
    do {
      tiles.clear();
      sorted = true;
      if (prev || (slides && index[slide] > 0))
        do
          addDifference(k, c, prev);
        while (advance(k, /*across=*/true));
      else if (oneAcross)
        listUnits(k, c.lo0, c.hi0, c.lo1, c.hi1);
      else
        do
          addTile(tile(k, c.lo0, c.hi0, c.lo1, c.hi1));
        while (advance(k, /*across=*/true));
      if (!sorted)
        llvm::sort(tiles);
      sum += combined();
    } while (advance(k, /*across=*/false));
    return sum;
  }

  /// Adds what the unit at the current iterations of loops[k..] fetches:
  /// its tile in `c` minus its tile in `prev`, or minus its tile one
  /// iteration of the sliding loop earlier.
  void addDifference(unsigned k, const Chunks &c, const Chunks *prev) {
    Chunks now = c, before = prev ? *prev : c;
    if (!leaf(k, now))
      return;
    if (!prev)
      --index[slide];
    bool had = leaf(k, before);
    if (!prev)
      ++index[slide];
    if (!had) {
      addTile(interval(now.lo0, now.hi0, now.lo1, now.hi1));
      return;
    }
    Piece pieces[2];
    for (unsigned i = 0, n = difference(before, now, pieces); i < n; ++i)
      addTile(pieces[i]);
  }

  void addTile(std::pair<int64_t, int64_t> t) {
    if (t.first >= t.second)
      return;
    sorted &= tiles.empty() || tiles.back() <= t;
    tiles.push_back(t);
  }

  /// Lists the tiles of the units of loop k, the only across loop of the
  /// subtree, in the current group. A unit's full-size chunk gives the
  /// first unit's tile shifted by the unit's step: where those lie inside
  /// the input and overlap, their union is one interval, listed as such.
  void listUnits(unsigned k, int64_t lo0, int64_t hi0, int64_t lo1,
                 int64_t hi1) {
    const NestLoop &l = *loops[k].loop;
    bool first = l.dim == axis.d0;
    int64_t lo = first ? lo0 : lo1, hi = first ? hi0 : hi1, step = l.step;
    int64_t count = l.trip, full = l.trip; // non-empty, full-size units
    if (l.trip * step > hi - lo) {
      count = std::min(l.trip, ceilDiv(hi - lo, step));
      full = std::min(count, (hi - lo) / step);
    }
    int64_t runBegin = 0, runEnd = 0, b0 = 0, e0 = 0;
    int64_t spacing = step * (first ? stride : dilation);
    Chunks c{lo0, hi0, lo1, hi1};
    index[k] = 0;
    if (full > 0 && leaf(k, c)) {
      b0 = c.lo0 * stride + c.lo1 * dilation - pad;
      e0 = (c.hi0 - 1) * stride + (c.hi1 - 1) * dilation - pad + 1;
      if (spacing <= e0 - b0 && every == 1)
        std::tie(runBegin, runEnd) = runInside(b0, e0, spacing, full);
    }
    for (int64_t u = 0; u < count; ++u) {
      if (u == runBegin && runBegin < runEnd) {
        addTile({b0 + runBegin * spacing, e0 + (runEnd - 1) * spacing});
        u = runEnd - 1;
        continue;
      }
      index[k] = u;
      addTile(tile(k, lo0, hi0, lo1, hi1));
    }
    index[k] = 0;
  }

  /// Narrows `c` to the leaf chunks at the current iterations of loops[k..],
  /// clipped as the loops clip them; false if empty.
  bool leaf(unsigned k, Chunks &c) const {
    for (unsigned j = k; j < loops.size(); ++j) {
      const NestLoop &l = *loops[j].loop;
      if (l.dim == axis.d0) {
        c.lo0 += index[j] * l.step;
        c.hi0 = std::min(c.hi0, c.lo0 + l.step);
      } else {
        c.lo1 += index[j] * l.step;
        c.hi1 = std::min(c.hi1, c.lo1 + l.step);
      }
      if (c.lo0 >= c.hi0 || c.lo1 >= c.hi1)
        return false;
    }
    return true;
  }

  /// The tile at the current iterations of loops[k..] below [lo0, hi0) x
  /// [lo1, hi1).
  std::pair<int64_t, int64_t> tile(unsigned k, int64_t lo0, int64_t hi0,
                                   int64_t lo1, int64_t hi1) const {
    Chunks c{lo0, hi0, lo1, hi1};
    if (!leaf(k, c))
      return {0, 0};
    return interval(c.lo0, c.hi0, c.lo1, c.hi1);
  }

  /// Steps the across (or the summed) loops among loops[k..] to their next
  /// combination, innermost fastest; false after the last one.
  bool advance(unsigned k, bool across) {
    for (unsigned j = loops.size(); j-- > k;) {
      if (loops[j].across != across)
        continue;
      if (++index[j] < loops[j].loop->trip)
        return true;
      index[j] = 0;
    }
    return false;
  }

  /// The tiles of one group (sorted) combined.
  int64_t combined() const {
    if (tiles.empty())
      return 0;
    if (combine == Combine::Any)
      return 1;
    int64_t value = 0, coveredEnd = INT64_MIN;
    for (auto [b, e] : tiles) {
      if (combine == Combine::Max) {
        value = std::max(value, extent(b, e));
        continue;
      }
      int64_t from = std::max(b, coveredEnd);
      if (e > from)
        value += extent(from, e);
      coveredEnd = std::max(coveredEnd, e);
    }
    return value;
  }
};

} // namespace

int64_t accel::axisSumByEnumeration(const LayerProblem &problem,
                                    const Axis &axis,
                                    llvm::ArrayRef<AxisLoop> loops,
                                    Combine combine) {
  return AxisSummer(problem, axis, loops, combine).sum();
}

int64_t accel::axisSlideSum(const LayerProblem &problem, const Axis &axis,
                            llvm::ArrayRef<AxisLoop> loops,
                            const NestLoop *slide) {
  assert(axis.window && "only windows overlap from one tile to the next");
  PlaneAxis plane = problem.plane(axis.d0 == Dim::P);
  // When a unit's consecutive windows overlap or touch and have no gaps,
  // each refill fetches the rows past the previous window's end: a run of
  // the sliding loop fetches the window of the chunk it covers. When
  // nothing below the sliding loop splits that chunk again and no units are
  // united, that is the sum without the sliding loop. Windows qualify with
  // unit stride and dilation, or, sliding over outputs with unit dilation,
  // when every chunk of taps spans at least a stride.
  auto at =
      llvm::find_if(loops, [&](const AxisLoop &l) { return l.loop == slide; });
  bool split = std::any_of(at + 1, loops.end(), [&](const AxisLoop &l) {
    return l.loop->dim == slide->dim;
  });
  bool united = llvm::any_of(loops, [](const AxisLoop &l) { return l.across; });
  auto tapsSpanAStride = [&] {
    int64_t taps = problem.bounds[axis.d1];
    for (const AxisLoop &l : loops)
      if (l.loop->dim == axis.d1) {
        if (taps % l.loop->step != 0)
          return false; // ragged chunks of taps: not checked here
        taps = l.loop->step;
      }
    return taps >= plane.stride;
  };
  bool contiguous =
      plane.dilation == 1 &&
      (plane.stride == 1 || (slide->dim == axis.d0 && tapsSpanAStride()));
  if (contiguous && !split && !united) {
    llvm::SmallVector<AxisLoop, 16> rest(loops.begin(), at);
    rest.append(at + 1, loops.end());
    return axisSum(problem, axis, rest, Combine::Union);
  }
  return AxisSummer(problem, axis, loops, Combine::Union, slide).sum();
}

int64_t accel::axisSum(const LayerProblem &problem, const Axis &axis,
                       llvm::ArrayRef<AxisLoop> loops, Combine combine) {
  int64_t sum;
  if (axisSumClosedForm(problem, axis, loops, combine, sum))
    return sum;
  return axisSumByEnumeration(problem, axis, loops, combine);
}
