//===- AxisSum.cpp - Per-axis sums of the loop nest -----------------------===//
//
// The loops of an axis split its dimensions' ranges recursively: a loop
// over a chunk [lo, hi) gives chunks [lo + x * step, min(hi, lo + (x + 1) *
// step)). The sum is taken over that tree, but most subtrees are copies of
// one another: a chunk's subtree depends only on the chunk's size, unless
// the sliding window of the chunk reaches the input's padding, where rows
// are clipped. So every chunk whose window lies inside the input (every
// chunk, on an axis without a window) is looked up by (loop, size) in a
// small memo, and only the chunks along the borders and the clipped edge
// chunks are enumerated. Inside the input the window of output rows [p0, p1)
// and filter rows [r0, r1) is [p0 s + r0 d - pad, (p1-1) s + (r1-1) d - pad
// + 1), which windowInput would also give.
//
// Windows of units across a multicasting stage overlap (halos), so below the
// first across loop the tiles are listed and united per group of the other
// loops; that subtree is memoised like any other.
//
//===----------------------------------------------------------------------===//

#include "AxisSum.h"
#include "llvm/ADT/STLExtras.h"
#include <algorithm>

using namespace accel;

namespace {

class AxisSummer {
public:
  AxisSummer(const LayerProblem &problem, const Axis &axis,
             llvm::ArrayRef<AxisLoop> loops, Combine combine)
      : problem(problem), axis(axis), loops(loops), combine(combine) {
    unite = axis.window &&
            llvm::any_of(loops, [](const AxisLoop &l) { return l.across; });
    if (axis.window) {
      const LoopBounds &b = problem.bounds;
      rows = axis.d0 == Dim::P;
      stride = rows ? b.strideH : b.strideW;
      dilation = rows ? b.dilationH : b.dilationW;
      pad = rows ? problem.padTop : problem.padLeft;
      size = rows ? problem.inputH : problem.inputW;
    }
    if (unite) {
      // Group key weights of the loops that are summed over.
      radix.assign(loops.size(), 0);
      int64_t weight = 1;
      for (unsigned k = loops.size(); k-- > 0;)
        if (!loops[k].across) {
          radix[k] = weight;
          weight *= loops[k].loop->trip;
        }
    }
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
  Combine combine;
  bool unite; ///< a window axis with across loops: unite per group
  bool rows = false;
  int64_t stride = 1, dilation = 1, pad = 0, size = 0;
  llvm::SmallVector<int64_t, 8> radix; ///< group-key weight of summed loops

  struct Memo {
    unsigned k;
    int64_t n0, n1, value;
  };
  static constexpr unsigned kMemoSize = 32;
  llvm::SmallVector<Memo, kMemoSize> memo;

  struct Entry {
    int64_t key, begin, end;
  };
  llvm::SmallVector<Entry, 256> entries;

  /// Whether the window of the chunks lies inside the input (always, for an
  /// axis without a window): then the subtree below is shift-invariant.
  bool inside(int64_t lo0, int64_t hi0, int64_t lo1, int64_t hi1) const {
    if (!axis.window)
      return true;
    return lo0 * stride + lo1 * dilation - pad >= 0 &&
           (hi0 - 1) * stride + (hi1 - 1) * dilation - pad + 1 <= size;
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
      return combine == Combine::Any ? (e > b) : e - b;
    }
    bool shiftFree = inside(lo0, hi0, lo1, hi1);
    int64_t n0 = hi0 - lo0, n1 = hi1 - lo1;
    if (shiftFree)
      for (const Memo &m : memo)
        if (m.k == k && m.n0 == n0 && m.n1 == n1)
          return m.value;
    int64_t value = unite && loops[k].across
                        ? unitedGroups(k, lo0, hi0, lo1, hi1)
                        : summed(k, lo0, hi0, lo1, hi1);
    if (shiftFree && memo.size() < kMemoSize)
      memo.push_back({k, n0, n1, value});
    return value;
  }

  /// Loop k is summed over (an across loop outside a union: its first unit).
  int64_t summed(unsigned k, int64_t lo0, int64_t hi0, int64_t lo1,
                 int64_t hi1) {
    const NestLoop &l = *loops[k].loop;
    bool first = l.dim == axis.d0;
    int64_t trips = loops[k].across ? 1 : l.trip;
    int64_t sum = 0;
    for (int64_t x = 0; x < trips; ++x) {
      if (first) {
        int64_t lo = lo0 + x * l.step;
        if (lo >= hi0)
          break;
        sum += total(k + 1, lo, std::min(hi0, lo + l.step), lo1, hi1);
      } else {
        int64_t lo = lo1 + x * l.step;
        if (lo >= hi1)
          break;
        sum += total(k + 1, lo0, hi0, lo, std::min(hi1, lo + l.step));
      }
    }
    return sum;
  }

  /// Lists the non-empty tiles of the subtree of loops[k..] with their
  /// group key.
  void list(unsigned k, int64_t key, int64_t lo0, int64_t hi0, int64_t lo1,
            int64_t hi1) {
    if (k == loops.size()) {
      auto [b, e] = interval(lo0, hi0, lo1, hi1);
      if (b < e)
        entries.push_back({key, b, e});
      return;
    }
    const NestLoop &l = *loops[k].loop;
    bool first = l.dim == axis.d0;
    for (int64_t x = 0; x < l.trip; ++x) {
      int64_t nextKey = loops[k].across ? key : key + x * radix[k];
      if (first) {
        int64_t lo = lo0 + x * l.step;
        if (lo >= hi0)
          break;
        list(k + 1, nextKey, lo, std::min(hi0, lo + l.step), lo1, hi1);
      } else {
        int64_t lo = lo1 + x * l.step;
        if (lo >= hi1)
          break;
        list(k + 1, nextKey, lo0, hi0, lo, std::min(hi1, lo + l.step));
      }
    }
  }

  /// Loop k is across: the sum over the groups of the subtree of their
  /// combined tiles.
  int64_t unitedGroups(unsigned k, int64_t lo0, int64_t hi0, int64_t lo1,
                       int64_t hi1) {
    entries.clear();
    list(k, 0, lo0, hi0, lo1, hi1);
    llvm::sort(entries, [](const Entry &x, const Entry &y) {
      return std::tie(x.key, x.begin, x.end) < std::tie(y.key, y.begin, y.end);
    });
    int64_t sum = 0;
    for (size_t i = 0; i < entries.size();) {
      size_t j = i;
      int64_t groupValue = 0, coveredEnd = INT64_MIN;
      for (; j < entries.size() && entries[j].key == entries[i].key; ++j) {
        const Entry &e = entries[j];
        if (combine == Combine::Any) {
          groupValue = 1;
        } else if (combine == Combine::Max) {
          groupValue = std::max(groupValue, e.end - e.begin);
        } else {
          int64_t from = std::max(e.begin, coveredEnd);
          if (e.end > from)
            groupValue += e.end - from;
          coveredEnd = std::max(coveredEnd, e.end);
        }
      }
      sum += groupValue;
      i = j;
    }
    return sum;
  }
};

} // namespace

int64_t accel::axisSum(const LayerProblem &problem, const Axis &axis,
                       llvm::ArrayRef<AxisLoop> loops, Combine combine) {
  return AxisSummer(problem, axis, loops, combine).sum();
}
