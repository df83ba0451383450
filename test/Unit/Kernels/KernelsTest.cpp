//===- KernelsTest.cpp - Reference kernels against independent oracles ---===//
//
// Each kernel against a formulation that shares no code with it: conv2d
// against im2col + a plain matrix product; conv_transpose2d as conv2d's
// adjoint (<conv(x), y> = <x, conv_transpose(y)> with the same weight);
// pooling against explicitly padded planes; broadcasting, concat and resize
// against their index rules; results independent of the thread count. And
// .npy files: round trips and malformed files.
//
//===----------------------------------------------------------------------===//

#include "accel/Kernels/Npy.h"
#include "accel/Kernels/Npz.h"
#include "accel/Kernels/Reference.h"
#include "gtest/gtest.h"
#include <cmath>
#include <random>

using namespace accel;
using namespace accel::kernels;

namespace {

struct Rand {
  std::mt19937_64 rng;
  int64_t pick(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  NdArray array(llvm::ArrayRef<int64_t> shape) {
    NdArray a(shape);
    std::uniform_real_distribution<double> u(-1, 1);
    for (double &v : a.data)
      v = u(rng);
    return a;
  }
};

double dot(const NdArray &a, const NdArray &b) {
  double s = 0;
  for (int64_t i = 0; i < a.size(); ++i)
    s += a.data[i] * b.data[i];
  return s;
}

/// A random convolution that fits its input.
struct ConvCase {
  NdArray x, w, b;
  ConvParams p;
};
ConvCase randomConv(Rand &r) {
  ConvCase c;
  int64_t groups = r.pick(1, 3);
  int64_t C = groups * r.pick(1, 3), K = groups * r.pick(1, 3);
  int64_t R = r.pick(1, 3), S = r.pick(1, 3);
  c.p.groups = groups;
  c.p.strides = {r.pick(1, 2), r.pick(1, 2)};
  c.p.dilations = {r.pick(1, 2), r.pick(1, 2)};
  c.p.pads = {r.pick(0, 2), r.pick(0, 2), r.pick(0, 2), r.pick(0, 2)};
  int64_t H = r.pick(1, 4) + (R - 1) * c.p.dilations[0];
  int64_t W = r.pick(1, 4) + (S - 1) * c.p.dilations[1];
  c.x = r.array({r.pick(1, 2), C, H, W});
  c.w = r.array({K, C / groups, R, S});
  c.b = r.array({K});
  return c;
}

TEST(Kernels, Conv2dIsIm2colTimesTheWeights) {
  Rand r{std::mt19937_64(1)};
  for (int t = 0; t < 200; ++t) {
    ConvCase c = randomConv(r);
    NdArray y = conv2d(c.x, c.w, &c.b, c.p);
    int64_t N = y.shape[0], K = y.shape[1], P = y.shape[2], Q = y.shape[3];
    int64_t C = c.x.shape[1], H = c.x.shape[2], W = c.x.shape[3];
    int64_t G = c.p.groups, Cg = C / G, Kg = K / G, R = c.w.shape[2],
            S = c.w.shape[3];
    // im2col per group: rows (c, r, s), columns (n, p, q), zeros outside.
    for (int64_t g = 0; g < G; ++g) {
      std::vector<double> cols(Cg * R * S * N * P * Q, 0);
      for (int64_t ci = 0; ci < Cg; ++ci)
        for (int64_t ri = 0; ri < R; ++ri)
          for (int64_t si = 0; si < S; ++si)
            for (int64_t n = 0; n < N; ++n)
              for (int64_t p = 0; p < P; ++p)
                for (int64_t q = 0; q < Q; ++q) {
                  int64_t h =
                      p * c.p.strides[0] + ri * c.p.dilations[0] - c.p.pads[0];
                  int64_t w =
                      q * c.p.strides[1] + si * c.p.dilations[1] - c.p.pads[1];
                  if (h >= 0 && h < H && w >= 0 && w < W)
                    cols[((ci * R + ri) * S + si) * (N * P * Q) +
                         (n * P + p) * Q + q] = c.x.at(n, g * Cg + ci, h, w);
                }
      for (int64_t k = 0; k < Kg; ++k)
        for (int64_t col = 0; col < N * P * Q; ++col) {
          double sum = c.b.data[g * Kg + k];
          for (int64_t row = 0; row < Cg * R * S; ++row)
            sum += c.w.data[(g * Kg + k) * Cg * R * S + row] *
                   cols[row * (N * P * Q) + col];
          int64_t n = col / (P * Q), p = col / Q % P, q = col % Q;
          ASSERT_NEAR(y.at(n, g * Kg + k, p, q), sum, 1e-12);
        }
    }
  }
}

TEST(Kernels, ConvTransposeIsTheAdjointOfConv) {
  Rand r{std::mt19937_64(2)};
  int checked = 0;
  for (int t = 0; t < 200; ++t) {
    ConvCase c = randomConv(r);
    NdArray y = conv2d(c.x, c.w, nullptr, c.p);
    // The transposed convolution maps y's shape back to x's: the output
    // padding makes up what the strides drop.
    ConvParams tp = c.p;
    for (int d = 0; d < 2; ++d) {
      int64_t back = (y.shape[2 + d] - 1) * tp.strides[d] - tp.pads[d] -
                     tp.pads[d + 2] + tp.dilations[d] * (c.w.shape[2 + d] - 1) +
                     1;
      tp.outputPadding[d] = c.x.shape[2 + d] - back;
    }
    if (tp.outputPadding[0] < 0 || tp.outputPadding[1] < 0 ||
        tp.outputPadding[0] >= std::max(tp.strides[0], tp.dilations[0]) ||
        tp.outputPadding[1] >= std::max(tp.strides[1], tp.dilations[1]))
      continue;
    NdArray z = r.array(y.shape);
    NdArray back = convTranspose2d(z, c.w, nullptr, tp);
    ASSERT_EQ(back.shape, c.x.shape);
    EXPECT_NEAR(dot(y, z), dot(c.x, back), 1e-9);
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

TEST(Kernels, ResultsDoNotDependOnTheThreadCount) {
  Rand r{std::mt19937_64(3)};
  for (int t = 0; t < 20; ++t) {
    ConvCase c = randomConv(r);
    Activation relu{Activation::Kind::Relu};
    NdArray one = conv2d(c.x, c.w, &c.b, c.p, relu, 1);
    NdArray three = conv2d(c.x, c.w, &c.b, c.p, relu, 3);
    EXPECT_EQ(one.data, three.data);
    NdArray a = r.array({2, 5, 7}), b = r.array({2, 6, 7});
    EXPECT_EQ(matmul(a, b, nullptr, true, {}, 1).data,
              matmul(a, b, nullptr, true, {}, 4).data);
  }
}

TEST(Kernels, MatmulAgainstItsDefinition) {
  Rand r{std::mt19937_64(4)};
  NdArray a = r.array({3, 4}), b = r.array({4, 5}), bias = r.array({5});
  NdArray bt({5, 4});
  for (int64_t i = 0; i < 4; ++i)
    for (int64_t j = 0; j < 5; ++j)
      bt.data[j * 4 + i] = b.data[i * 5 + j];
  NdArray y = matmul(a, b, &bias, false), yt = matmul(a, bt, &bias, true);
  ASSERT_EQ(y.shape, Shape({3, 5}));
  for (int64_t i = 0; i < 3; ++i)
    for (int64_t j = 0; j < 5; ++j) {
      double s = bias.data[j];
      for (int64_t k = 0; k < 4; ++k)
        s += a.data[i * 4 + k] * b.data[k * 5 + j];
      EXPECT_NEAR(y.data[i * 5 + j], s, 1e-12);
      EXPECT_NEAR(yt.data[i * 5 + j], s, 1e-12);
    }
}

TEST(Kernels, PoolingAgainstPaddedPlanes) {
  Rand r{std::mt19937_64(5)};
  for (int t = 0; t < 100; ++t) {
    PoolParams p;
    p.kernel = {r.pick(1, 3), r.pick(1, 3)};
    p.strides = {r.pick(1, 2), r.pick(1, 2)};
    // Pads smaller than the kernel (ONNX and PyTorch require it).
    p.pads = {r.pick(0, p.kernel[0] - 1), r.pick(0, p.kernel[1] - 1),
              r.pick(0, p.kernel[0] - 1), r.pick(0, p.kernel[1] - 1)};
    NdArray x = r.array({1, 2, r.pick(3, 6), r.pick(3, 6)});
    int64_t H = x.shape[2], W = x.shape[3];
    NdArray mx = pool2d(x, PoolKind::Max, p, false);
    NdArray avgIn = pool2d(x, PoolKind::Avg, p, true);
    NdArray avgEx = pool2d(x, PoolKind::Avg, p, false);
    for (int64_t c = 0; c < 2; ++c)
      for (int64_t y = 0; y < mx.shape[2]; ++y)
        for (int64_t z = 0; z < mx.shape[3]; ++z) {
          // The window on the padded plane: -inf / 0 / not counted outside.
          double best = -INFINITY, sum = 0;
          int64_t inside = 0;
          for (int64_t i = 0; i < p.kernel[0]; ++i)
            for (int64_t j = 0; j < p.kernel[1]; ++j) {
              int64_t h = y * p.strides[0] - p.pads[0] + i;
              int64_t w = z * p.strides[1] - p.pads[1] + j;
              if (h < 0 || h >= H || w < 0 || w >= W)
                continue;
              best = std::max(best, x.at(0, c, h, w));
              sum += x.at(0, c, h, w);
              ++inside;
            }
          EXPECT_EQ(mx.at(0, c, y, z), best);
          EXPECT_NEAR(avgIn.at(0, c, y, z), sum / (p.kernel[0] * p.kernel[1]),
                      1e-12);
          EXPECT_NEAR(avgEx.at(0, c, y, z), sum / inside, 1e-12);
        }
  }
  // Global pooling: the plane's mean and max.
  NdArray x = r.array({2, 3, 4, 5});
  PoolParams g;
  g.global = true;
  NdArray avg = pool2d(x, PoolKind::Avg, g, false);
  ASSERT_EQ(avg.shape, Shape({2, 3, 1, 1}));
  double s = 0;
  for (int64_t h = 0; h < 4; ++h)
    for (int64_t w = 0; w < 5; ++w)
      s += x.at(1, 2, h, w);
  EXPECT_NEAR(avg.at(1, 2, 0, 0), s / 20, 1e-12);
}

// Over axis 1 of NCHW (ConvNeXt's LayerNorm2d once its transposes cancel):
// the innermost-axis norm of the NHWC transpose, transposed back.
TEST(Kernels, LayerNormOverChannelsIsTheInnermostNormOfTheTranspose) {
  Rand r{std::mt19937_64(12)};
  for (int trial = 0; trial < 10; ++trial) {
    NdArray x =
        r.array({r.pick(1, 2), r.pick(1, 6), r.pick(1, 4), r.pick(1, 4)});
    int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
    NdArray nhwc({N, H, W, C});
    for (int64_t n = 0; n < N; ++n)
      for (int64_t c = 0; c < C; ++c)
        for (int64_t h = 0; h < H; ++h)
          for (int64_t w = 0; w < W; ++w)
            nhwc.at(n, h, w, c) = x.at(n, c, h, w);
    NdArray y = layerNorm(x, 1e-5, 1), ref = layerNorm(nhwc, 1e-5, 3);
    for (int64_t n = 0; n < N; ++n)
      for (int64_t c = 0; c < C; ++c)
        for (int64_t h = 0; h < H; ++h)
          for (int64_t w = 0; w < W; ++w)
            EXPECT_NEAR(y.at(n, c, h, w), ref.at(n, h, w, c), 1e-12);
  }
}

// Layer norm against its definition, element by element: every row of the
// innermost axis has mean 0 and (biased) variance var / (var + epsilon),
// and is an affine image of its input row.
TEST(Kernels, LayerNormNormalizesTheInnermostAxis) {
  Rand r{std::mt19937_64(11)};
  for (int trial = 0; trial < 20; ++trial) {
    int64_t d = r.pick(1, 9);
    NdArray x = r.array({r.pick(1, 3), r.pick(1, 3), d});
    double eps = trial % 2 ? 1e-5 : 0.25;
    NdArray y = layerNorm(x, eps, 2);
    ASSERT_EQ(y.shape, x.shape);
    for (int64_t row = 0; row < x.size(); row += d) {
      double mx = 0, my = 0, vx = 0, vy = 0;
      for (int64_t i = 0; i < d; ++i) {
        mx += x.data[row + i] / double(d);
        my += y.data[row + i] / double(d);
      }
      for (int64_t i = 0; i < d; ++i) {
        vx += std::pow(x.data[row + i] - mx, 2) / double(d);
        vy += std::pow(y.data[row + i] - my, 2) / double(d);
      }
      EXPECT_NEAR(my, 0, 1e-12);
      EXPECT_NEAR(vy, vx / (vx + eps), 1e-12);
      for (int64_t i = 0; i < d; ++i)
        EXPECT_NEAR(y.data[row + i],
                    (x.data[row + i] - mx) / std::sqrt(vx + eps), 1e-12);
    }
  }
}

// ONNX's QuantizeLinear and DequantizeLinear on hand-worked values: ties
// round to even, results saturate, a scale per index of the axis.
TEST(Kernels, QuantizeRoundsToEvenAndSaturates) {
  NdArray x({1, 6});
  x.data = {0.25, 0.75, -0.25, 1.0, 100.0, -100.0};
  // x / 0.5 = 0.5, 1.5, -0.5, 2, 200, -200; + zero point 3.
  NdArray q = quantize(x, 0.5, 3, -128, 10);
  EXPECT_EQ(q.data, (std::vector<double>{3, 5, 3, 5, 10, -128}));
  NdArray acc({1, 2, 1, 2});
  acc.data = {10, -4, 7, 0};
  NdArray y = dequantize(acc, {0.5, 0.25}, 1, 2);
  EXPECT_EQ(y.data, (std::vector<double>{4, -3, 1.25, -0.5}));
  NdArray one = dequantize(acc, {2.0}, 1, 0);
  EXPECT_EQ(one.data, (std::vector<double>{20, -8, 14, 0}));
}

TEST(Kernels, BroadcastConcatAndReshape) {
  Rand r{std::mt19937_64(6)};
  NdArray a = r.array({2, 3, 4, 5}), se = r.array({2, 3, 1, 1}),
          row = r.array({5});
  NdArray m = binary(BinaryKind::Mul, a, se);
  NdArray s =
      binary(BinaryKind::Add, a, row, Activation{Activation::Kind::Relu});
  for (int64_t n = 0; n < 2; ++n)
    for (int64_t c = 0; c < 3; ++c)
      for (int64_t h = 0; h < 4; ++h)
        for (int64_t w = 0; w < 5; ++w) {
          EXPECT_EQ(m.at(n, c, h, w), a.at(n, c, h, w) * se.at(n, c, 0, 0));
          EXPECT_EQ(s.at(n, c, h, w),
                    std::max(0.0, a.at(n, c, h, w) + row.data[w]));
        }
  NdArray b = r.array({2, 1, 4, 5});
  NdArray cat = concat({&a, &b}, 1);
  ASSERT_EQ(cat.shape, Shape({2, 4, 4, 5}));
  EXPECT_EQ(cat.at(1, 2, 3, 4), a.at(1, 2, 3, 4));
  EXPECT_EQ(cat.at(1, 3, 2, 1), b.at(1, 0, 2, 1));
  NdArray flat = reshape(cat, {2, 80});
  EXPECT_EQ(flat.data, cat.data);
}

TEST(Kernels, SlicesAndInsertsAreInverse) {
  Rand r{std::mt19937_64(7)};
  NdArray a = r.array({2, 3, 5, 4});
  NdArray s = slice(a, {1, 0, 2, 1}, {1, 3, 2, 3});
  ASSERT_EQ(s.shape, Shape({1, 3, 2, 3}));
  for (int64_t c = 0; c < 3; ++c)
    for (int64_t h = 0; h < 2; ++h)
      for (int64_t w = 0; w < 3; ++w)
        EXPECT_EQ(s.at(0, c, h, w), a.at(1, c, 2 + h, 1 + w));
  // Writing the slice back changes nothing; into zeros, only the box.
  EXPECT_EQ(insertSlice(s, a, {1, 0, 2, 1}).data, a.data);
  NdArray z = insertSlice(s, NdArray(a.shape), {1, 0, 2, 1});
  double sum = 0, boxSum = 0;
  for (double v : z.data)
    sum += v;
  for (double v : s.data)
    boxSum += v;
  EXPECT_EQ(sum, boxSum);
}

// Transpose moves element (i0, i1, i2) to (i[perm[0]], i[perm[1]], ...):
// checked element by element; a transpose by the inverse permutation
// restores the input; channel shuffle (ShuffleNet) as reshape-transpose-
// reshape interleaves the two halves' channels.
TEST(Kernels, TransposePermutesIndices) {
  NdArray a({2, 3, 4});
  for (int64_t i = 0; i < a.size(); ++i)
    a.data[i] = double(i);
  NdArray t = transpose(a, {2, 0, 1});
  ASSERT_EQ(t.shape, (Shape{4, 2, 3}));
  for (int64_t x = 0; x < 2; ++x)
    for (int64_t y = 0; y < 3; ++y)
      for (int64_t z = 0; z < 4; ++z)
        EXPECT_EQ(t.data[(z * 2 + x) * 3 + y], a.data[(x * 3 + y) * 4 + z]);
  EXPECT_EQ(transpose(t, {1, 2, 0}).data, a.data);
  EXPECT_EQ(transpose(a, {}).shape, (Shape{4, 3, 2})); // reversed
  NdArray channels({1, 4, 1, 1});
  channels.data = {0, 1, 2, 3};
  NdArray shuffled =
      reshape(transpose(reshape(channels, {1, 2, 2, 1, 1}), {0, 2, 1, 3, 4}),
              {1, 4, 1, 1});
  EXPECT_EQ(shuffled.data, (std::vector<double>{0, 2, 1, 3}));
}

// Slice against ONNX's examples and rules: negative indices count from
// the end, out-of-range bounds clamp, steps may be negative.
TEST(Kernels, SliceFollowsOnnx) {
  NdArray a({2, 4});
  a.data = {1, 2, 3, 4, 5, 6, 7, 8};
  // ONNX's example 1: starts [1, 0], ends [2, 3], steps [1, 2].
  NdArray s = slice(a, {1, 0}, {2, 3}, {0, 1}, {1, 2});
  EXPECT_EQ(s.shape, (Shape{1, 2}));
  EXPECT_EQ(s.data, (std::vector<double>{5, 7}));
  // ONNX's example 2: starts [0, 1], ends [-1, 1000] (clamped).
  s = slice(a, {0, 1}, {-1, 1000}, {}, {});
  EXPECT_EQ(s.shape, (Shape{1, 3}));
  EXPECT_EQ(s.data, (std::vector<double>{2, 3, 4}));
  // A negative step along axis -1, from the end to the front.
  s = slice(a, {-1}, {-1000}, {-1}, {-1});
  EXPECT_EQ(s.shape, (Shape{2, 4}));
  EXPECT_EQ(s.data, (std::vector<double>{4, 3, 2, 1, 8, 7, 6, 5}));
  // ShuffleNet's channel split: the first and second half of dimension 1.
  s = slice(a, {2}, {4}, {1}, {});
  EXPECT_EQ(s.data, (std::vector<double>{3, 4, 7, 8}));
  // An empty range.
  EXPECT_EQ(slice(a, {3}, {1}, {1}, {}).size(), 0);
}

TEST(Kernels, ResizeFollowsItsSamplingRules) {
  // A linear ramp f(h, w) = 3h - 2w + 1: bilinear resampling reproduces it
  // at every sample whose four neighbours are inside the input.
  NdArray x({1, 1, 5, 6});
  for (int64_t h = 0; h < 5; ++h)
    for (int64_t w = 0; w < 6; ++w)
      x.at(0, 0, h, w) = 3.0 * h - 2.0 * w + 1;
  for (bool corners : {false, true}) {
    NdArray y = resize(x, ResizeMode::Bilinear, {2, 3}, corners);
    ASSERT_EQ(y.shape, Shape({1, 1, 10, 18}));
    for (int64_t i = 0; i < 10; ++i)
      for (int64_t j = 0; j < 18; ++j) {
        double sy = corners ? i * 4.0 / 9 : (i + 0.5) / 2 - 0.5;
        double sx = corners ? j * 5.0 / 17 : (j + 0.5) / 3 - 0.5;
        if (sy < 0 || sx < 0 || sy > 4 || sx > 5)
          continue;
        EXPECT_NEAR(y.at(0, 0, i, j), 3 * sy - 2 * sx + 1, 1e-9)
            << i << " " << j << (corners ? " align_corners" : "");
      }
    if (corners) {
      EXPECT_EQ(y.at(0, 0, 0, 0), x.at(0, 0, 0, 0));
      EXPECT_NEAR(y.at(0, 0, 9, 17), x.at(0, 0, 4, 5), 1e-12);
    }
  }
  NdArray n = resize(x, ResizeMode::Nearest, {2, 3}, false);
  for (int64_t i = 0; i < 10; ++i)
    for (int64_t j = 0; j < 18; ++j)
      EXPECT_EQ(n.at(0, 0, i, j), x.at(0, 0, i / 2, j / 3));
}

TEST(Kernels, Activations) {
  auto f = [](Activation::Kind k, double x, double a = 0, double b = 0) {
    return Activation{k, a, b}.apply(x);
  };
  using K = Activation::Kind;
  EXPECT_EQ(f(K::Relu, -2), 0);
  EXPECT_EQ(f(K::Relu6, 7), 6);
  EXPECT_EQ(f(K::Clip, 5, -1, 2), 2);
  EXPECT_NEAR(f(K::Sigmoid, 0), 0.5, 1e-15);
  EXPECT_NEAR(f(K::HardSigmoid, 1, 0.2, 0.5), 0.7, 1e-15);
  EXPECT_NEAR(f(K::HardSwish, 1), 1 * 4.0 / 6, 1e-15);
  EXPECT_EQ(f(K::HardSwish, -4), 0);
  EXPECT_NEAR(f(K::LeakyRelu, -2, 0.1), -0.2, 1e-15);
  EXPECT_NEAR(f(K::Tanh, 1), std::tanh(1.0), 1e-15);
}

TEST(Npy, RoundTripsAndReadsNumpysTypes) {
  NdArray a({2, 3});
  for (int64_t i = 0; i < 6; ++i)
    a.data[i] = 0.25 * i - 1;
  for (NpyType t : {NpyType::Float32, NpyType::Float64}) {
    std::string bytes = printNpy(a, t);
    EXPECT_EQ(bytes.size() % 64, (t == NpyType::Float32 ? 24u : 48u) % 64);
    llvm::Expected<NdArray> b = parseNpy(bytes);
    ASSERT_TRUE(static_cast<bool>(b)) << llvm::toString(b.takeError());
    EXPECT_EQ(b->shape, a.shape);
    EXPECT_EQ(b->data, a.data);
  }
  // A 1-D and a 0-D array.
  NdArray v = NdArray::filled({3}, 2.5), s = NdArray::filled({}, 7);
  EXPECT_EQ(llvm::cantFail(parseNpy(printNpy(v))).shape, Shape({3}));
  EXPECT_EQ(llvm::cantFail(parseNpy(printNpy(s))).data, std::vector<double>{7});
  // Hand-made files: big-endian int16, float16, int8.
  auto file = [](llvm::StringRef descr, llvm::StringRef shape,
                 llvm::StringRef data) {
    std::string h = ("{'descr': '" + descr +
                     "', 'fortran_order': False, "
                     "'shape': (" +
                     shape + "), }\n")
                        .str();
    std::string out = "\x93NUMPY";
    out += char(1);
    out += char(0);
    out += char(h.size());
    out += char(0);
    return out + h + data.str();
  };
  llvm::Expected<NdArray> i16 =
      parseNpy(file(">i2", "2,", llvm::StringRef("\xff\xfe\x01\x00", 4)));
  ASSERT_TRUE(static_cast<bool>(i16)) << llvm::toString(i16.takeError());
  EXPECT_EQ(i16->data, (std::vector<double>{-2, 256}));
  llvm::Expected<NdArray> f16 =
      parseNpy(file("<f2", "2,", llvm::StringRef("\x00\x3c\x00\xc0", 4)));
  ASSERT_TRUE(static_cast<bool>(f16)) << llvm::toString(f16.takeError());
  EXPECT_EQ(f16->data, (std::vector<double>{1.0, -2.0}));
  llvm::Expected<NdArray> i8 =
      parseNpy(file("|i1", "1, 2", llvm::StringRef("\x80\x7f", 2)));
  ASSERT_TRUE(static_cast<bool>(i8)) << llvm::toString(i8.takeError());
  EXPECT_EQ(i8->data, (std::vector<double>{-128, 127}));
  EXPECT_EQ(i8->shape, Shape({1, 2}));
  // Malformed files say what is wrong.
  auto fails = [](const std::string &bytes) {
    llvm::Expected<NdArray> a = parseNpy(bytes);
    return a ? std::string("parsed") : llvm::toString(a.takeError());
  };
  EXPECT_EQ(fails("PK\x03\x04"), "npy: not a .npy file (no \\x93NUMPY magic)");
  EXPECT_EQ(fails(file("<f4", "3,", "abc")),
            "npy: the data has 3 bytes but the shape and type need 12");
  EXPECT_EQ(fails(file("<c8", "1,", "abcdefgh")),
            "npy: unsupported element type '<c8'");
  EXPECT_EQ(fails(file("<f4", "-1,", "")),
            "npy: bad dimension '-1' in the shape");
  std::string fortran = file("<f4", "1,", "abcd");
  fortran.replace(fortran.find("False"), 5, "True ");
  EXPECT_EQ(fails(fortran), "npy: Fortran-order arrays are not supported");
  EXPECT_EQ(fails(std::string("\x93NUMPY\x01\x00\xff\x00", 10)),
            "npy: truncated header");
}

TEST(Npz, RoundTripsTypedArraysInOrder) {
  NdArray a({2, 3});
  for (int64_t i = 0; i < 6; ++i)
    a.data[i] = 0.5 * i - 1;
  std::vector<NpzMember> members = {
      {"conv1.weight", printNpy(a)},
      {"fc::bias", printNpyRaw("|i1", {3}, llvm::StringRef("\x80\x00\x7f", 3))},
      {"empty", printNpy(NdArray(Shape{0}))},
      // Elements written from where they are, after the header.
      {"split", printNpyRaw("|i1", {2}, ""), llvm::StringRef("\x05\xfb", 2)}};
  llvm::Expected<std::string> bytes = printNpz(members);
  ASSERT_TRUE(static_cast<bool>(bytes)) << llvm::toString(bytes.takeError());
  // The same arrays give the same bytes (no time stamps).
  EXPECT_EQ(*bytes, llvm::cantFail(printNpz(members)));
  llvm::Expected<NpzArrays> back = parseNpz(*bytes);
  ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
  ASSERT_EQ(back->size(), 4u);
  EXPECT_EQ((*back)[0].first, "conv1.weight");
  EXPECT_EQ((*back)[0].second.shape, a.shape);
  EXPECT_EQ((*back)[0].second.data, a.data);
  EXPECT_EQ((*back)[1].first, "fc::bias");
  EXPECT_EQ((*back)[1].second.data, (std::vector<double>{-128, 0, 127}));
  EXPECT_EQ((*back)[2].second.shape, Shape({0}));
  EXPECT_EQ((*back)[3].second.data, (std::vector<double>{5, -5}));
  // An archive with a comment after its end record still opens.
  std::string commented = *bytes;
  commented[commented.size() - 2] = 5;
  commented += "hello";
  EXPECT_TRUE(static_cast<bool>(parseNpz(commented)));

  EXPECT_EQ(llvm::toString(printNpz({members[0], members[0]}).takeError()),
            "npz: two arrays are named 'conv1.weight'");
}

TEST(Npz, DamagedArchivesSayWhatIsWrong) {
  NdArray a = NdArray::filled({4}, 1.5);
  std::string good = llvm::cantFail(printNpz({{"w", printNpy(a)}}));
  auto fails = [](const std::string &bytes) {
    llvm::Expected<NpzArrays> a = parseNpz(bytes);
    return a ? std::string("parsed") : llvm::toString(a.takeError());
  };
  EXPECT_EQ(fails("PK"),
            "npz: not an .npz archive (too short for a zip end record)");
  EXPECT_EQ(fails(std::string(64, 'x')),
            "npz: not an .npz archive (no zip end record)");
  // Every truncation is an error, never a read past the end.
  for (size_t n = 0; n < good.size(); ++n)
    EXPECT_NE(fails(good.substr(0, n)), "parsed") << n;
  // The local header's and the central directory's fields: method 8
  // (deflate) at offset 8, a flipped data byte.
  std::string deflated = good;
  size_t central = good.find("PK\x01\x02");
  deflated[central + 10] = 8;
  EXPECT_EQ(fails(deflated),
            "npz: member 'w.npy' is compressed (zip method 8); accel reads "
            "archives written by np.savez, not np.savez_compressed");
  std::string flipped = good;
  flipped[central - 1] ^= 1;
  EXPECT_EQ(fails(flipped), "npz: member 'w.npy' fails its CRC check");
  std::string renamed = good;
  renamed.replace(renamed.rfind("w.npy"), 5, "w.txt");
  EXPECT_EQ(fails(renamed), "npz: member 'w.txt' is not an .npy array");
  std::string outside = good;
  outside[central + 42] = char(0xf0); // the local header's offset
  EXPECT_EQ(fails(outside), "npz: member 'w.npy': its local header is damaged");
}

} // namespace
