//===- ShapeArithTest.cpp - Shape and window arithmetic -------------------===//

#include "accel/Workload/ShapeArith.h"
#include "gtest/gtest.h"
#include <random>

using namespace accel;

namespace {

/// Brute force: count the window positions (multiples of the stride) whose
/// taps all lie in the padded input.
int64_t bruteForceOutputSize(int64_t in, const Window1D &w) {
  int64_t span = dilatedKernel(w);
  int64_t padded = in + w.padBegin + w.padEnd;
  int64_t count = 0;
  for (int64_t start = 0; start + span <= padded; start += w.stride)
    ++count;
  return count;
}

TEST(ShapeArith, SlidingMatchesBruteForce) {
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  int checked = 0;
  for (int iter = 0; iter < 5000; ++iter) {
    Window1D w{pick(1, 7), pick(1, 4), pick(1, 3), pick(0, 3), pick(0, 3)};
    int64_t in = pick(1, 40);
    auto floorSize = slidingOutputSize(in, w);
    if (dilatedKernel(w) > in + w.padBegin + w.padEnd) {
      EXPECT_FALSE(static_cast<bool>(floorSize));
      llvm::consumeError(floorSize.takeError());
      continue;
    }
    ASSERT_TRUE(static_cast<bool>(floorSize));
    EXPECT_EQ(*floorSize, bruteForceOutputSize(in, w))
        << "in=" << in << " k=" << w.kernel << " s=" << w.stride
        << " d=" << w.dilation;
    ++checked;
  }
  EXPECT_GT(checked, 1000);
}

TEST(ShapeArith, CeilModeMatchesPyTorch) {
  // torch.nn.MaxPool2d(3, 2, ceil_mode=True) on 112 -> 56, on 56 -> 28;
  // GoogLeNet-style: 3x3/2 on 14 -> 7 (floor 6); kernel 2 stride 2 on 7 -> 4.
  EXPECT_EQ(*slidingOutputSize(112, {3, 2, 1, 0, 0}, true), 56);
  EXPECT_EQ(*slidingOutputSize(14, {3, 2, 1, 0, 0}, true), 7);
  EXPECT_EQ(*slidingOutputSize(14, {3, 2, 1, 0, 0}, false), 6);
  EXPECT_EQ(*slidingOutputSize(7, {2, 2, 1, 0, 0}, true), 4);
  // The last window may not start in the end padding: in=5, k=2, s=2,
  // pad 1/1 -> ceil((7-2)/2)+1 = 4 windows would start at 6 = in + padBegin.
  EXPECT_EQ(*slidingOutputSize(5, {2, 2, 1, 1, 1}, true), 3);
}

TEST(ShapeArith, ConvShapes) {
  ConvParams p;
  p.pads = {1, 1, 1, 1};
  EXPECT_EQ(*inferConv2dShape({1, 64, 56, 56}, {64, 64, 3, 3}, p),
            (Shape{1, 64, 56, 56}));
  p.strides = {2, 2};
  p.pads = {3, 3, 3, 3};
  EXPECT_EQ(*inferConv2dShape({1, 3, 224, 224}, {64, 3, 7, 7}, p),
            (Shape{1, 64, 112, 112}));
  // Depthwise: groups = C, weight [C, 1, 3, 3].
  ConvParams dw;
  dw.groups = 32;
  dw.pads = {1, 1, 1, 1};
  EXPECT_EQ(*inferConv2dShape({1, 32, 112, 112}, {32, 1, 3, 3}, dw),
            (Shape{1, 32, 112, 112}));
  // Dilation 2 with pad 2 keeps the size.
  ConvParams dil;
  dil.dilations = {2, 2};
  dil.pads = {2, 2, 2, 2};
  EXPECT_EQ(*inferConv2dShape({2, 8, 17, 17}, {16, 8, 3, 3}, dil),
            (Shape{2, 16, 17, 17}));
}

TEST(ShapeArith, ConvErrorsNameTheProblem) {
  ConvParams p;
  p.groups = 3;
  auto r = inferConv2dShape({1, 64, 8, 8}, {64, 64, 3, 3}, p);
  ASSERT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(llvm::toString(r.takeError()),
            "input channels 64 are not divisible by groups 3");
  ConvParams q;
  auto w = inferConv2dShape({1, 64, 8, 8}, {64, 32, 3, 3}, q);
  ASSERT_FALSE(static_cast<bool>(w));
  EXPECT_EQ(llvm::toString(w.takeError()),
            "weight dim 1 is 32 but input channels / groups is 64 / 1 = 64");
  auto big = inferConv2dShape({1, 4, 2, 2}, {4, 4, 5, 5}, q);
  ASSERT_FALSE(static_cast<bool>(big));
  EXPECT_EQ(llvm::toString(big.takeError()),
            "window of extent 5 (kernel 5, dilation 1) exceeds the padded "
            "input extent 2");
}

/// Brute force of a transposed convolution's output extent: the largest
/// output coordinate any input tap reaches, after cropping the pads.
int64_t bruteForceTransposed(int64_t in, const Window1D &w, int64_t outPad) {
  int64_t maxCoord = 0;
  for (int64_t i = 0; i < in; ++i)
    for (int64_t k = 0; k < w.kernel; ++k)
      maxCoord = std::max(maxCoord, i * w.stride + k * w.dilation);
  return maxCoord + 1 - w.padBegin - w.padEnd + outPad;
}

TEST(ShapeArith, TransposedMatchesBruteForce) {
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (int iter = 0; iter < 2000; ++iter) {
    Window1D w{pick(1, 5), pick(1, 4), pick(1, 2), pick(0, 2), pick(0, 2)};
    int64_t in = pick(1, 20);
    int64_t outPad = pick(0, std::max(w.stride, w.dilation) - 1);
    int64_t expected = bruteForceTransposed(in, w, outPad);
    auto got = transposedOutputSize(in, w, outPad);
    if (expected < 1) {
      EXPECT_FALSE(static_cast<bool>(got));
      llvm::consumeError(got.takeError());
      continue;
    }
    ASSERT_TRUE(static_cast<bool>(got));
    EXPECT_EQ(*got, expected);
  }
  // U-Net decoder: 2x2 stride 2 doubles the size.
  ConvParams up;
  up.strides = {2, 2};
  EXPECT_EQ(*inferConvTranspose2dShape({1, 128, 32, 32}, {128, 64, 2, 2}, up),
            (Shape{1, 64, 64, 64}));
}

TEST(ShapeArith, PoolMatmulBroadcastConcatResizeFlatten) {
  PoolParams mp;
  mp.kernel = {3, 3};
  mp.strides = {2, 2};
  mp.pads = {1, 1, 1, 1};
  EXPECT_EQ(*inferPool2dShape({1, 64, 112, 112}, mp), (Shape{1, 64, 56, 56}));
  PoolParams gp;
  gp.global = true;
  EXPECT_EQ(*inferPool2dShape({1, 512, 7, 7}, gp), (Shape{1, 512, 1, 1}));

  EXPECT_EQ(*inferMatmulShape({1, 512}, {1000, 512}, true), (Shape{1, 1000}));
  EXPECT_EQ(*inferMatmulShape({4, 8, 16}, {4, 16, 32}, false),
            (Shape{4, 8, 32}));
  auto bad = inferMatmulShape({1, 512}, {1000, 256}, true);
  ASSERT_FALSE(static_cast<bool>(bad));
  llvm::consumeError(bad.takeError());

  EXPECT_EQ(*broadcastShapes({1, 64, 56, 56}, {1, 64, 1, 1}),
            (Shape{1, 64, 56, 56}));
  EXPECT_EQ(*broadcastShapes({64, 1, 1}, {1, 64, 7, 7}), (Shape{1, 64, 7, 7}));
  auto nb = broadcastShapes({1, 64, 7, 7}, {1, 32, 7, 7});
  ASSERT_FALSE(static_cast<bool>(nb));
  EXPECT_EQ(llvm::toString(nb.takeError()),
            "shapes [1, 64, 7, 7] and [1, 32, 7, 7] are not broadcastable");

  llvm::SmallVector<int64_t> a{1, 64, 28, 28}, b{1, 32, 28, 28};
  llvm::ArrayRef<int64_t> ins[] = {a, b};
  EXPECT_EQ(*inferConcatShape(ins, 1), (Shape{1, 96, 28, 28}));
  EXPECT_EQ(*inferResizeShape({1, 64, 28, 28}, {2, 2}), (Shape{1, 64, 56, 56}));
  EXPECT_EQ(*inferFlattenShape({1, 512, 1, 1}, 1), (Shape{1, 512}));
  EXPECT_EQ(*inferFlattenShape({2, 3, 4}, 0), (Shape{1, 24}));
}

TEST(ShapeArith, LoopBounds) {
  ConvParams p;
  p.groups = 32;
  LoopBounds dw = conv2dLoopBounds({1, 32, 112, 112}, {32, 1, 3, 3}, p);
  EXPECT_EQ(dw[Dim::G], 32);
  EXPECT_EQ(dw[Dim::K], 1);
  EXPECT_EQ(dw[Dim::C], 1);
  EXPECT_EQ(dw[Dim::P], 112);
  EXPECT_EQ(dw.iterations(), 32 * 112 * 112 * 9);

  // VGG-16 conv2: the MAC count the brief quotes.
  ConvParams vgg;
  LoopBounds v = conv2dLoopBounds({1, 64, 224, 224}, {64, 64, 3, 3}, vgg);
  EXPECT_EQ(v.iterations(), 1849688064);

  LoopBounds fc = matmulLoopBounds({1, 512}, {1, 1000});
  EXPECT_EQ(fc[Dim::N], 1);
  EXPECT_EQ(fc[Dim::K], 1000);
  EXPECT_EQ(fc[Dim::C], 512);
  EXPECT_EQ(fc.iterations(), 512000);

  LoopBounds ew = elementwiseLoopBounds({1, 64, 56, 56});
  EXPECT_EQ(ew[Dim::G], 64);
  EXPECT_EQ(ew[Dim::Q], 56);
  EXPECT_EQ(elementwiseLoopBounds({1, 1000})[Dim::G], 1000);
}

} // namespace
