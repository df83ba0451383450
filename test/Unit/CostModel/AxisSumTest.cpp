//===- AxisSumTest.cpp - Closed-form per-axis sums against enumeration ----===//
//
// The cost model takes a per-axis sum in closed form when there is one
// (lib/CostModel/AxisSumClosedForm.cpp). The enumeration of the loop tree is
// the reference: on random layers of realistic size (strides, dilations,
// asymmetric padding) and random chains of loops (ragged tiles, loops whose
// trips do not cover their parent chunk, across loops), both must agree.
// The loop-nest simulator checks the enumeration itself, on small layers.
//
//===----------------------------------------------------------------------===//

#include "CostModel/AxisSum.h"
#include "RandomCases.h"
#include "gtest/gtest.h"
#include <deque>
#include <random>
#include <set>

using namespace accel;

namespace {

using accel::testing::Random;

LayerProblem randomConv(Random &r) {
  int64_t k = r.pick(1, 7), stride = r.pick(1, 3), dilation = r.pick(1, 2);
  int64_t in = r.pick(std::max<int64_t>(1, (k - 1) * dilation - 3), 60);
  ConvParams p;
  p.strides = {stride, stride};
  p.dilations = {dilation, dilation};
  for (int64_t &pad : p.pads)
    pad = r.pick(0, 3);
  // The window must fit the padded input.
  while (in + p.pads[0] + p.pads[2] < (k - 1) * dilation + 1)
    ++in;
  while (in + p.pads[1] + p.pads[3] < (k - 1) * dilation + 1)
    ++in;
  return convProblem({1, 4, in, in}, {4, 4, k, k}, p);
}

/// A chain of loops splitting `extent`, outer first: each step at most the
/// previous one; trips cover the parent chunk, or with `shortTrips`
/// sometimes fall short of it (firstContributions counts a subset of a
/// dimension's loops, Combine::Any).
void addChain(Random &r, Dim d, int64_t extent, std::deque<NestLoop> &loops,
              bool allowAcross, bool shortTrips) {
  int64_t parent = extent;
  unsigned n = r.pick(0, 4);
  for (unsigned i = 0; i < n && parent > 1; ++i) {
    int64_t step = r.coin(0.3) ? 1 : r.pick(1, parent);
    int64_t trip = (parent + step - 1) / step;
    if (shortTrips && r.coin(0.15))
      trip = r.pick(1, trip);
    NestLoop l;
    l.dim = d;
    l.trip = trip;
    l.step = step;
    l.spatial = allowAcross && r.coin(0.3);
    loops.push_back(l);
    parent = step;
  }
}

/// Interleaves two chains at random, keeping each one's order.
std::vector<NestLoop> interleave(Random &r, std::deque<NestLoop> a,
                                 std::deque<NestLoop> b) {
  std::vector<NestLoop> out;
  while (!a.empty() || !b.empty()) {
    bool fromA = b.empty() || (!a.empty() && r.coin());
    std::deque<NestLoop> &q = fromA ? a : b;
    out.push_back(q.front());
    q.pop_front();
  }
  return out;
}

std::string describe(const LayerProblem &p, const Axis &a,
                     llvm::ArrayRef<AxisLoop> loops, Combine c) {
  std::string s = "axis " + dimName(a.d0).str() + "/" + dimName(a.d1).str() +
                  (a.window ? " window" : "") + " combine " +
                  std::to_string(int(c)) + " bounds";
  for (Dim d : kAllDims)
    s += " " + dimName(d).str() + "=" + std::to_string(p.bounds[d]);
  s += " stride " + std::to_string(p.bounds.strideH) + " dilation " +
       std::to_string(p.bounds.dilationH) + " input " +
       std::to_string(p.inputH) + " pad " + std::to_string(p.padTop) +
       "\n  loops:";
  for (const AxisLoop &l : loops)
    s += " " + dimName(l.loop->dim).str() + std::to_string(l.loop->trip) + "x" +
         std::to_string(l.loop->step) + (l.across ? "*" : "");
  return s;
}

TEST(AxisSum, ClosedFormsEqualTheEnumeration) {
  Random r{std::mt19937_64(20261122)};
  int windows = 0, clippedWindows = 0, dims = 0, unions = 0, unitedClosed = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    LayerProblem p = randomConv(r);
    bool window = r.coin(0.6);
    Axis axis = window ? (r.coin() ? Axis{Dim::P, Dim::R, true}
                                   : Axis{Dim::Q, Dim::S, true})
                       : Axis{Dim::P, Dim::P, false};
    Combine combine = window        ? Combine::Union
                      : r.coin(0.5) ? Combine::Max
                                    : Combine::Any;
    std::deque<NestLoop> c0, c1;
    addChain(r, axis.d0, p.bounds[axis.d0], c0, true, combine == Combine::Any);
    if (window)
      addChain(r, axis.d1, p.bounds[axis.d1], c1, true, false);
    std::vector<NestLoop> nest = interleave(r, c0, c1);
    llvm::SmallVector<AxisLoop, 16> loops;
    for (const NestLoop &l : nest)
      loops.push_back({&l, l.spatial});
    bool united = window && llvm::any_of(loops, [](const AxisLoop &l) {
                    return l.across;
                  });
    int64_t closedSum = 0;
    bool closed = axisSumClosedForm(p, axis, loops, combine, closedSum);
    // Only unions of windows may lack a closed form.
    ASSERT_TRUE(closed || united) << describe(p, axis, loops, combine);
    int64_t reference = axisSumByEnumeration(p, axis, loops, combine);
    if (closed) {
      ASSERT_EQ(closedSum, reference) << describe(p, axis, loops, combine);
    }
    if (united) {
      ++unions;
      unitedClosed += closed;
    }
    if (window) {
      ++windows;
      // Count the cases where the padding clips some window (the
      // corrections' part of the closed form).
      bool rows = axis.d0 == Dim::P;
      int64_t stride = rows ? p.bounds.strideH : p.bounds.strideW;
      int64_t dilation = rows ? p.bounds.dilationH : p.bounds.dilationW;
      int64_t span = (p.bounds[axis.d0] - 1) * stride +
                     (p.bounds[axis.d1] - 1) * dilation + 1;
      clippedWindows += span != (rows ? p.inputH : p.inputW);
    } else {
      ++dims;
    }
  }
  // The random cases exercise both forms and the clipping corrections.
  EXPECT_GT(windows, 10000);
  EXPECT_GT(clippedWindows, 5000);
  EXPECT_GT(dims, 6000);
  // Unions of windows: some have a closed form, not all (gaps, units split
  // again, strided or dilated windows clipped by the padding).
  EXPECT_GT(unions, 3000);
  EXPECT_GT(unitedClosed, 500);
  EXPECT_LT(unitedClosed, unions);
}

// Units across a multicasting stage whose windows overlap (halos) unite into
// their parent's window: the across loop drops out of the closed form.
TEST(AxisSum, OverlappingUnitedWindowsHaveAClosedForm) {
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  LayerProblem p = convProblem({1, 4, 8, 8}, {4, 4, 3, 3}, same);
  NestLoop rows{Dim::P, 2, 4, true, 0};
  AxisLoop across[] = {{&rows, true}};
  Axis axis{Dim::P, Dim::R, true};
  // Two units of four output rows with three taps: rows [-1, 5) and [3, 9)
  // clipped to [0, 8), united: all 8 rows.
  int64_t sum = 0;
  EXPECT_TRUE(axisSumClosedForm(p, axis, across, Combine::Union, sum));
  EXPECT_EQ(sum, 8);
  EXPECT_EQ(axisSumByEnumeration(p, axis, across, Combine::Union), 8);
}

// A strided 1x1 window leaves gaps between units, and units split again
// below unite strided pieces: those unions are enumerated.
TEST(AxisSum, GappedOrSplitUnitedWindowsAreEnumerated) {
  ConvParams strided;
  strided.strides = {2, 2};
  LayerProblem p = convProblem({1, 4, 16, 16}, {4, 4, 1, 1}, strided);
  Axis axis{Dim::P, Dim::R, true};
  NestLoop units{Dim::P, 2, 4, true, 0};
  AxisLoop gapped[] = {{&units, true}};
  int64_t sum = 0;
  EXPECT_FALSE(axisSumClosedForm(p, axis, gapped, Combine::Union, sum));
  // Outputs 0-3 read rows [0, 7), outputs 4-7 rows [8, 15): 14 rows.
  EXPECT_EQ(axisSum(p, axis, gapped, Combine::Union), 14);

  NestLoop halves{Dim::P, 2, 2, false, 1};
  AxisLoop split[] = {{&units, true}, {&halves, false}};
  EXPECT_FALSE(axisSumClosedForm(p, axis, split, Combine::Union, sum));
  // Groups by the inner half: outputs {0,1} and {4,5} read [0, 3) and
  // [8, 11); outputs {2,3} and {6,7}, [4, 7) and [12, 15): 12 rows.
  EXPECT_EQ(axisSum(p, axis, split, Combine::Union), 12);
}

/// What tiles sliding along `slide` fetch, literally: every combination of
/// the summed loops, the tiles of the across units united, each unit's
/// tile minus its tile one iteration of `slide` earlier.
int64_t slideSumByBruteForce(const LayerProblem &p, const Axis &axis,
                             llvm::ArrayRef<AxisLoop> loops,
                             const NestLoop *slide) {
  bool rows = axis.d0 == Dim::P;
  std::vector<int64_t> index(loops.size(), 0);
  auto tile = [&](int64_t slideBack) -> std::pair<int64_t, int64_t> {
    int64_t lo[2] = {0, 0}, hi[2] = {p.bounds[axis.d0], p.bounds[axis.d1]};
    for (unsigned k = 0; k < loops.size(); ++k) {
      const NestLoop &l = *loops[k].loop;
      int i = l.dim == axis.d0 ? 0 : 1;
      lo[i] += (index[k] - (&l == slide ? slideBack : 0)) * l.step;
      hi[i] = std::min(hi[i], lo[i] + l.step);
      if (lo[i] >= hi[i])
        return {0, 0};
    }
    return rows ? p.inputRows(lo[0], hi[0], lo[1], hi[1])
                : p.inputCols(lo[0], hi[0], lo[1], hi[1]);
  };
  // Steps the loops with `across` equal to `which` (innermost fastest).
  auto advance = [&](bool which) {
    for (unsigned k = loops.size(); k-- > 0;) {
      if (loops[k].across != which)
        continue;
      if (++index[k] < loops[k].loop->trip)
        return true;
      index[k] = 0;
    }
    return false;
  };
  unsigned at = 0;
  while (loops[at].loop != slide)
    ++at;
  int64_t sum = 0;
  do {
    std::set<int64_t> fetched;
    do {
      auto [b, e] = tile(0);
      auto [pb, pe] = index[at] > 0 ? tile(1) : std::pair<int64_t, int64_t>{};
      for (int64_t row = b; row < e; ++row)
        if (row < pb || row >= pe)
          fetched.insert(row);
    } while (advance(true));
    sum += fetched.size();
  } while (advance(false));
  return sum;
}

// Tiles sliding along a loop fetch only what the previous tile lacks: the
// sum (runs of translated pairs counted once) against the literal one, on
// layers of realistic size.
TEST(AxisSum, SlidingTilesFetchWhatThePreviousTileLacks) {
  Random r{std::mt19937_64(20261123)};
  int checked = 0, saved = 0, united = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    LayerProblem p = randomConv(r);
    Axis axis =
        r.coin() ? Axis{Dim::P, Dim::R, true} : Axis{Dim::Q, Dim::S, true};
    std::deque<NestLoop> c0, c1;
    addChain(r, axis.d0, p.bounds[axis.d0], c0, true, false);
    addChain(r, axis.d1, p.bounds[axis.d1], c1, true, false);
    std::vector<NestLoop> nest = interleave(r, c0, c1);
    llvm::SmallVector<AxisLoop, 16> loops;
    std::vector<const NestLoop *> candidates;
    for (const NestLoop &l : nest) {
      loops.push_back({&l, l.spatial});
      if (!l.spatial)
        candidates.push_back(&l);
    }
    if (candidates.empty())
      continue;
    const NestLoop *slide =
        candidates[r.pick(0, int64_t(candidates.size()) - 1)];
    int64_t reference = slideSumByBruteForce(p, axis, loops, slide);
    ASSERT_EQ(axisSlideSum(p, axis, loops, slide), reference)
        << describe(p, axis, loops, Combine::Union) << "\n  sliding along "
        << dimName(slide->dim).str() << slide->trip << "x" << slide->step;
    ++checked;
    saved += reference < axisSum(p, axis, loops, Combine::Union);
    united += llvm::any_of(loops, [](const AxisLoop &l) { return l.across; });
  }
  EXPECT_GT(checked, 15000);
  EXPECT_GT(saved, 4000);
  EXPECT_GT(united, 7000);
}

// Three output rows per tile, three taps, stride 1, no padding, on 8 input
// rows (6 outputs): the tiles read rows [0, 5) and [3, 8); the second keeps
// rows 3 and 4 and fetches 3 rows.
TEST(AxisSum, SlidingTilesKeepTheirOverlap) {
  LayerProblem p = convProblem({1, 4, 8, 8}, {4, 4, 3, 3}, ConvParams());
  NestLoop rows{Dim::P, 2, 3, false, 0};
  AxisLoop loops[] = {{&rows, false}};
  Axis axis{Dim::P, Dim::R, true};
  EXPECT_EQ(axisSum(p, axis, loops, Combine::Union), 10);
  EXPECT_EQ(axisSlideSum(p, axis, loops, &rows), 8);
}

} // namespace
