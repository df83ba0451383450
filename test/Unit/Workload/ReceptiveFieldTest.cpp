//===- ReceptiveFieldTest.cpp - Receptive fields against brute force ------===//
//
// Each case propagates an output region element by element: every output in
// the region, every tap it reads, and keeps the input coordinates that lie
// inside the input. The analytical region must be the bounding box of that
// set, exactly.
//
//===----------------------------------------------------------------------===//

#include "accel/Workload/ReceptiveField.h"
#include "RandomCases.h"
#include "accel/Workload/Problem.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <cmath>
#include <random>

using namespace accel;

namespace {

struct Random : accel::testing::Random {
  Interval sub(int64_t size) {
    int64_t b = pick(0, size - 1);
    return {b, pick(b + 1, size)};
  }
};

/// Bounding box of a set of 4-D points, as a TensorRegion.
struct BoxBuilder {
  std::array<int64_t, 4> lo{INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX};
  std::array<int64_t, 4> hi{INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN};
  bool any = false;
  void add(std::array<int64_t, 4> p) {
    any = true;
    for (int i = 0; i < 4; ++i) {
      lo[i] = std::min(lo[i], p[i]);
      hi[i] = std::max(hi[i], p[i] + 1);
    }
  }
  TensorRegion region() const {
    TensorRegion r;
    for (int i = 0; i < 4; ++i)
      r.dims.push_back(any ? Interval{lo[i], hi[i]} : Interval{0, 0});
    return r;
  }
};

bool sameRegion(const TensorRegion &a, const TensorRegion &b) {
  if (a.empty() || b.empty())
    return a.empty() == b.empty();
  return a == b;
}

TEST(ReceptiveField, ConvMatchesBruteForce) {
  Random r{std::mt19937_64(3)};
  int checked = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    ConvParams p;
    p.groups = r.pick(1, 3);
    int64_t cg = r.pick(1, 2), kg = r.pick(1, 2);
    int64_t kh = r.pick(1, 4), kw = r.pick(1, 3);
    p.strides = {r.pick(1, 3), r.pick(1, 2)};
    p.dilations = {r.pick(1, 3), r.pick(1, 2)};
    p.pads = {r.pick(0, 3), r.pick(0, 2), r.pick(0, 3), r.pick(0, 2)};
    Shape in{1, cg * p.groups, r.pick(1, 12), r.pick(1, 9)};
    Shape w{kg * p.groups, cg, kh, kw};
    auto out = inferConv2dShape(in, w, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      continue;
    }
    TensorRegion o{{r.sub((*out)[0]), r.sub((*out)[1]), r.sub((*out)[2]),
                    r.sub((*out)[3])}};
    BoxBuilder box;
    for (int64_t n = o.dims[0].begin; n < o.dims[0].end; ++n)
      for (int64_t k = o.dims[1].begin; k < o.dims[1].end; ++k)
        for (int64_t y = o.dims[2].begin; y < o.dims[2].end; ++y)
          for (int64_t x = o.dims[3].begin; x < o.dims[3].end; ++x)
            for (int64_t c = 0; c < cg; ++c)
              for (int64_t i = 0; i < kh; ++i)
                for (int64_t j = 0; j < kw; ++j) {
                  int64_t g = k / kg;
                  int64_t row =
                      y * p.strides[0] + i * p.dilations[0] - p.pads[0];
                  int64_t col =
                      x * p.strides[1] + j * p.dilations[1] - p.pads[1];
                  if (row >= 0 && row < in[2] && col >= 0 && col < in[3])
                    box.add({n, g * cg + c, row, col});
                }
    TensorRegion expected = box.region();
    TensorRegion got = conv2dInput(o, in, w, p);
    ASSERT_TRUE(sameRegion(got, expected))
        << "out " << o.str() << " got " << got.str() << " expected "
        << expected.str();
    ++checked;
  }
  EXPECT_GT(checked, 1000);
}

// windowInput on any outputs and any taps (the cost model asks for tiles of
// both), against the rows read listed one by one; covers both the gap-free
// shortcut and the per-tap hull.
TEST(ReceptiveField, WindowInputMatchesBruteForce) {
  Random r{std::mt19937_64(5)};
  int shortcut = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    int64_t stride = r.pick(1, 4), dilation = r.pick(1, 4), pad = r.pick(0, 4),
            size = r.pick(1, 20);
    Interval o = r.sub(12), taps = r.sub(6);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int64_t p = o.begin; p < o.end; ++p)
      for (int64_t t = taps.begin; t < taps.end; ++t) {
        int64_t row = p * stride + t * dilation - pad;
        if (row >= 0 && row < size) {
          lo = std::min(lo, row);
          hi = std::max(hi, row + 1);
        }
      }
    Interval expected = lo < hi ? Interval{lo, hi} : Interval{0, 0};
    Interval got = windowInput(o, taps, stride, dilation, pad, size);
    ASSERT_EQ(got.begin, expected.begin)
        << "outputs [" << o.begin << ", " << o.end << ") taps [" << taps.begin
        << ", " << taps.end << ") stride " << stride << " dilation " << dilation
        << " pad " << pad << " size " << size;
    ASSERT_EQ(got.end, expected.end);
    shortcut += stride == 1 || dilation == 1;
  }
  EXPECT_GT(shortcut, 5000);
}

// A tile's window: run on the input positions its outputs read, it yields
// as many outputs, and every tap of every output reads the same input
// position as in the whole axis (or padding where that is padding).
TEST(ReceptiveField, TileWindowsReadWhatTheWholeAxisReads) {
  Random r{std::mt19937_64(11)};
  int tiles = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Window1D w{r.pick(1, 5), r.pick(1, 3), r.pick(1, 3), r.pick(0, 3),
               r.pick(0, 3)};
    int64_t size = r.pick(1, 24);
    int64_t outputs =
        (size + w.padBegin + w.padEnd - (w.kernel - 1) * w.dilation - 1);
    if (outputs < 0)
      continue;
    outputs = outputs / w.stride + 1;
    Interval o = r.sub(outputs);
    if (o.empty())
      continue;
    Interval in =
        windowInput(o, {0, w.kernel}, w.stride, w.dilation, w.padBegin, size);
    if (in.empty())
      continue; // the outputs read only padding
    std::optional<Window1D> t = tileWindow(w, o, in);
    ASSERT_TRUE(t.has_value());
    ++tiles;
    int64_t span = in.size() + t->padBegin + t->padEnd;
    ASSERT_EQ((span - (t->kernel - 1) * t->dilation - 1) / t->stride + 1,
              o.size());
    for (int64_t p = o.begin; p < o.end; ++p)
      for (int64_t k = 0; k < w.kernel; ++k) {
        int64_t whole = p * w.stride + k * w.dilation - w.padBegin;
        int64_t local =
            (p - o.begin) * t->stride + k * t->dilation - t->padBegin;
        bool real = whole >= 0 && whole < size;
        ASSERT_EQ(real, local >= 0 && local < in.size());
        if (real) {
          ASSERT_EQ(local + in.begin, whole);
        }
      }
  }
  EXPECT_GT(tiles, 10000);
}

TEST(ReceptiveField, TransposedConvMatchesBruteForce) {
  Random r{std::mt19937_64(5)};
  int checked = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    ConvParams p;
    int64_t kh = r.pick(1, 4), kw = r.pick(1, 3);
    p.strides = {r.pick(1, 3), r.pick(1, 2)};
    p.dilations = {r.pick(1, 2), r.pick(1, 2)};
    p.pads = {r.pick(0, 2), r.pick(0, 1), r.pick(0, 2), r.pick(0, 1)};
    Shape in{1, 2, r.pick(1, 7), r.pick(1, 6)};
    Shape w{2, 3, kh, kw};
    auto out = inferConvTranspose2dShape(in, w, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      continue;
    }
    TensorRegion o{
        {{0, 1}, r.sub((*out)[1]), r.sub((*out)[2]), r.sub((*out)[3])}};
    BoxBuilder box;
    // Input (c, i, j) feeds output row i * s + a * d - pad for tap a.
    for (int64_t c = 0; c < in[1]; ++c)
      for (int64_t i = 0; i < in[2]; ++i)
        for (int64_t j = 0; j < in[3]; ++j)
          for (int64_t a = 0; a < kh; ++a)
            for (int64_t b = 0; b < kw; ++b) {
              int64_t y = i * p.strides[0] + a * p.dilations[0] - p.pads[0];
              int64_t x = j * p.strides[1] + b * p.dilations[1] - p.pads[1];
              if (y >= o.dims[2].begin && y < o.dims[2].end &&
                  x >= o.dims[3].begin && x < o.dims[3].end)
                box.add({0, c, i, j});
            }
    TensorRegion expected = box.region();
    TensorRegion got = convTranspose2dInput(o, in, w, p);
    ASSERT_TRUE(sameRegion(got, expected))
        << "out " << o.str() << " got " << got.str() << " expected "
        << expected.str();
    ++checked;
  }
  EXPECT_GT(checked, 1000);
}

// A tile of a transposed convolution as a transposed convolution of its
// own: every (input row, tap) of the tile lands on the tile's output row
// that the whole axis' output row is, and on none when that row is outside
// the tile; the tile's output has exactly the tile's rows.
TEST(ReceptiveField, TransposedTileWindowsComputeWhatTheWholeAxisComputes) {
  Random r{std::mt19937_64(17)};
  int tiles = 0, zeroRows = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    Window1D w{r.pick(1, 5), r.pick(1, 3), r.pick(1, 3), r.pick(0, 3),
               r.pick(0, 3)};
    int64_t size = r.pick(1, 12);
    int64_t outputs = (size - 1) * w.stride - w.padBegin - w.padEnd +
                      (w.kernel - 1) * w.dilation + 1;
    if (outputs < 1)
      continue;
    Interval o = r.sub(outputs), taps = r.sub(w.kernel);
    // The rows the outputs read through the taps, widened at random.
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int64_t i = 0; i < size; ++i)
      for (int64_t k = taps.begin; k < taps.end; ++k) {
        int64_t y = i * w.stride + k * w.dilation - w.padBegin;
        if (y >= o.begin && y < o.end) {
          lo = std::min(lo, i);
          hi = std::max(hi, i + 1);
        }
      }
    Interval in = lo < hi ? Interval{std::max<int64_t>(0, lo - r.pick(0, 1)),
                                     std::min(size, hi + r.pick(0, 1))}
                          : Interval{0, 0};
    std::optional<TransposedTileWindow> t =
        transposedTileWindow(w, o, in, taps);
    ASSERT_TRUE(t.has_value());
    ASSERT_GE(t->padBegin, 0);
    ASSERT_GE(t->padEnd, 0);
    int64_t rows = t->zerosBefore + in.size() + t->zerosAfter;
    ASSERT_GE(rows, 1);
    ASSERT_EQ((rows - 1) * w.stride + (taps.size() - 1) * w.dilation + 1 -
                  t->padBegin - t->padEnd,
              o.size());
    for (int64_t i = in.begin; i < in.end; ++i)
      for (int64_t k = taps.begin; k < taps.end; ++k) {
        int64_t whole = i * w.stride + k * w.dilation - w.padBegin;
        int64_t local = (t->zerosBefore + i - in.begin) * w.stride +
                        (k - taps.begin) * w.dilation - t->padBegin;
        bool inTile = whole >= o.begin && whole < o.end;
        ASSERT_EQ(inTile, local >= 0 && local < o.size());
        if (inTile) {
          ASSERT_EQ(local, whole - o.begin);
        }
      }
    zeroRows += t->zerosBefore + t->zerosAfter > 0;
    ++tiles;
  }
  EXPECT_GT(tiles, 10000);
  EXPECT_GT(zeroRows, 1000);
}

TEST(ReceptiveField, PoolMatchesBruteForce) {
  Random r{std::mt19937_64(9)};
  for (int iter = 0; iter < 2000; ++iter) {
    PoolParams p;
    p.kernel = {r.pick(1, 3), r.pick(1, 3)};
    p.strides = {r.pick(1, 3), r.pick(1, 2)};
    p.pads = {r.pick(0, p.kernel[0] - 1), r.pick(0, p.kernel[1] - 1),
              r.pick(0, p.kernel[0] - 1), r.pick(0, p.kernel[1] - 1)};
    p.ceilMode = r.pick(0, 1);
    Shape in{1, 3, r.pick(1, 10), r.pick(1, 10)};
    auto out = inferPool2dShape(in, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      continue;
    }
    TensorRegion o{{{0, 1}, r.sub(3), r.sub((*out)[2]), r.sub((*out)[3])}};
    BoxBuilder box;
    for (int64_t c = o.dims[1].begin; c < o.dims[1].end; ++c)
      for (int64_t y = o.dims[2].begin; y < o.dims[2].end; ++y)
        for (int64_t x = o.dims[3].begin; x < o.dims[3].end; ++x)
          for (int64_t a = 0; a < p.kernel[0]; ++a)
            for (int64_t b = 0; b < p.kernel[1]; ++b) {
              int64_t row = y * p.strides[0] + a - p.pads[0];
              int64_t col = x * p.strides[1] + b - p.pads[1];
              if (row >= 0 && row < in[2] && col >= 0 && col < in[3])
                box.add({0, c, row, col});
            }
    TensorRegion got = pool2dInput(o, in, p);
    ASSERT_TRUE(sameRegion(got, box.region()))
        << "out " << o.str() << " got " << got.str() << " expected "
        << box.region().str();
  }
}

/// Source rows of output row `dst` of a resize, as an executor computes them.
std::pair<int64_t, int64_t> resizeSources(int64_t dst, int64_t in, int64_t out,
                                          bool bilinear, bool alignCorners) {
  int64_t s = out / in;
  if (!bilinear)
    return {dst / s, dst / s};
  double src = alignCorners ? (out > 1 ? double(dst) * (in - 1) / (out - 1) : 0)
                            : (dst + 0.5) / s - 0.5;
  int64_t lo = std::max<int64_t>(0, int64_t(std::floor(src)));
  return {lo, std::min(in - 1, lo + 1)};
}

TEST(ReceptiveField, ResizeMatchesBruteForce) {
  Random r{std::mt19937_64(13)};
  for (int iter = 0; iter < 2000; ++iter) {
    bool bilinear = r.pick(0, 1), align = bilinear && r.pick(0, 1);
    Shape in{1, 2, r.pick(1, 6), r.pick(1, 6)};
    Shape out{1, 2, in[2] * r.pick(1, 4), in[3] * r.pick(1, 4)};
    TensorRegion o{{{0, 1}, r.sub(2), r.sub(out[2]), r.sub(out[3])}};
    BoxBuilder box;
    for (int64_t c = o.dims[1].begin; c < o.dims[1].end; ++c)
      for (int64_t y = o.dims[2].begin; y < o.dims[2].end; ++y)
        for (int64_t x = o.dims[3].begin; x < o.dims[3].end; ++x) {
          auto [y0, y1] = resizeSources(y, in[2], out[2], bilinear, align);
          auto [x0, x1] = resizeSources(x, in[3], out[3], bilinear, align);
          for (int64_t a : {y0, y1})
            for (int64_t b : {x0, x1})
              box.add({0, c, a, b});
        }
    TensorRegion got = resizeInput(o, in, out, bilinear, align);
    ASSERT_TRUE(sameRegion(got, box.region()))
        << "out " << o.str() << " got " << got.str() << " expected "
        << box.region().str() << (bilinear ? " bilinear" : " nearest")
        << (align ? " align" : "");
  }
}

TEST(ReceptiveField, ConcatBroadcastMatmulReshape) {
  Shape a{1, 8, 4, 4}, b{1, 16, 4, 4};
  llvm::ArrayRef<int64_t> ins[] = {a, b};
  TensorRegion o{{{0, 1}, {6, 12}, {1, 3}, {0, 4}}};
  EXPECT_EQ(concatInput(o, ins, 1, 0).str(),
            "[0, 1) x [6, 8) x [1, 3) x [0, 4)");
  EXPECT_EQ(concatInput(o, ins, 1, 1).str(),
            "[0, 1) x [0, 4) x [1, 3) x [0, 4)");
  TensorRegion high{{{0, 1}, {9, 12}, {0, 4}, {0, 4}}};
  EXPECT_TRUE(concatInput(high, ins, 1, 0).empty());

  // Squeeze-excite: the [N, C, 1, 1] gate is read at [0, 1) spatially.
  EXPECT_EQ(broadcastInput(o, {1, 24, 1, 1}).str(),
            "[0, 1) x [6, 12) x [0, 1) x [0, 1)");
  EXPECT_EQ(broadcastInput(o, {24, 4, 4}).str(), "[6, 12) x [1, 3) x [0, 4)");

  TensorRegion rows{{{2, 5}, {0, 10}}};
  EXPECT_EQ(matmulLhsInput(rows, {8, 64}).str(), "[2, 5) x [0, 64)");
  // A flatten of [N, C, 1, 1] maps channels one to one.
  TensorRegion cols{{{0, 1}, {3, 7}}};
  EXPECT_EQ(reshapeInput(cols, {1, 16, 1, 1}, {1, 16}).str(),
            "[0, 1) x [3, 7) x [0, 1) x [0, 1)");
  // Anything else reads the whole input.
  EXPECT_EQ(reshapeInput(cols, {1, 4, 2, 2}, {1, 16}).str(),
            "[0, 1) x [0, 4) x [0, 2) x [0, 2)");
}

} // namespace

/// inputsRead counts the input elements some output reads, against marking
/// them one by one (strides that skip rows, dilations that skip taps,
/// strides and dilations with common factors, windows wider than the
/// input: every branch of its closed forms).
TEST(ReceptiveField, InputsReadMatchesBruteForce) {
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (int trial = 0; trial < 20000; ++trial) {
    ConvParams p;
    p.strides = {pick(1, 8), pick(1, 8)};
    p.dilations = {pick(1, 6), pick(1, 6)};
    p.pads = {pick(0, 4), pick(0, 4), pick(0, 4), pick(0, 4)};
    int64_t h = pick(1, 40), w = pick(1, 40), r = pick(1, 7), s = pick(1, 7);
    if ((r - 1) * p.dilations[0] + 1 > h + p.pads[0] + p.pads[2] ||
        (s - 1) * p.dilations[1] + 1 > w + p.pads[1] + p.pads[3])
      continue;
    LayerProblem layer = convProblem({1, 2, h, w}, {3, 2, r, s}, p);
    const LoopBounds &b = layer.bounds;
    std::vector<bool> read(h * w, false);
    for (int64_t y = 0; y < b[Dim::P]; ++y)
      for (int64_t x = 0; x < b[Dim::Q]; ++x)
        for (int64_t i = 0; i < r; ++i)
          for (int64_t j = 0; j < s; ++j) {
            int64_t row = y * p.strides[0] + i * p.dilations[0] - p.pads[0];
            int64_t col = x * p.strides[1] + j * p.dilations[1] - p.pads[1];
            if (row >= 0 && row < h && col >= 0 && col < w)
              read[row * w + col] = true;
          }
    int64_t expected = 2 * std::count(read.begin(), read.end(), true);
    ASSERT_EQ(layer.inputsRead(), expected)
        << "h " << h << " w " << w << " r " << r << " s " << s << " stride "
        << p.strides[0] << "," << p.strides[1] << " dilation " << p.dilations[0]
        << "," << p.dilations[1];
  }
}

// A transposed convolution's problem reads the real input elements some
// output's taps reach, not the zeros inserted between them.
TEST(ReceptiveField, TransposedInputsReadMatchesBruteForce) {
  std::mt19937 rng(13);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  int checked = 0;
  for (int trial = 0; trial < 5000; ++trial) {
    ConvParams p;
    p.strides = {pick(1, 4), pick(1, 4)};
    p.dilations = {pick(1, 3), pick(1, 3)};
    p.pads = {pick(0, 4), pick(0, 4), pick(0, 4), pick(0, 4)};
    int64_t h = pick(1, 9), w = pick(1, 9), r = pick(1, 4), s = pick(1, 4);
    Shape in{1, 2, h, w}, weight{2, 3, r, s};
    auto out = inferConvTranspose2dShape(in, weight, p);
    if (!out) {
      llvm::consumeError(out.takeError());
      continue;
    }
    LayerProblem layer =
        convTransposeProblem(in, weight, *out, p, PerTensor<int64_t>{});
    std::vector<bool> read(h * w, false);
    for (int64_t i = 0; i < h; ++i)
      for (int64_t j = 0; j < w; ++j)
        for (int64_t a = 0; a < r; ++a)
          for (int64_t b = 0; b < s; ++b) {
            int64_t y = i * p.strides[0] + a * p.dilations[0] - p.pads[0];
            int64_t x = j * p.strides[1] + b * p.dilations[1] - p.pads[1];
            if (y >= 0 && y < (*out)[2] && x >= 0 && x < (*out)[3])
              read[i * w + j] = true;
          }
    int64_t expected = 2 * std::count(read.begin(), read.end(), true);
    ASSERT_EQ(layer.inputsRead(), expected)
        << "h " << h << " w " << w << " r " << r << " s " << s << " stride "
        << p.strides[0] << "," << p.strides[1] << " dilation " << p.dilations[0]
        << "," << p.dilations[1] << " pads " << p.pads[0] << "," << p.pads[1]
        << "," << p.pads[2] << "," << p.pads[3];
    EXPECT_EQ(layer.tensorSize(Tensor::Inputs), 2 * h * w);
    ++checked;
  }
  EXPECT_GT(checked, 2000);
}
