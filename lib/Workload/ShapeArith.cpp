//===- ShapeArith.cpp - Shape and window arithmetic of layers -------------===//

#include "accel/Workload/ShapeArith.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

using namespace accel;
using llvm::ArrayRef;
using llvm::Expected;

namespace {
llvm::Error err(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

llvm::Error checkPositive(llvm::StringRef what, ArrayRef<int64_t> values) {
  for (int64_t v : values)
    if (v < 1)
      return err(llvm::formatv("{0} must be >= 1, got {1}", what,
                               formatShape(values)));
  return llvm::Error::success();
}
llvm::Error checkNonNegative(llvm::StringRef what, ArrayRef<int64_t> values) {
  for (int64_t v : values)
    if (v < 0)
      return err(llvm::formatv("{0} must be >= 0, got {1}", what,
                               formatShape(values)));
  return llvm::Error::success();
}
llvm::Error checkRank(llvm::StringRef what, ArrayRef<int64_t> shape,
                      size_t rank) {
  if (shape.size() != rank)
    return err(llvm::formatv("{0} must have rank {1}, got {2}", what, rank,
                             formatShape(shape)));
  return llvm::Error::success();
}
} // namespace

std::string accel::formatShape(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(shape, os);
  os << ']';
  return s;
}

int64_t accel::numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

int64_t accel::dilatedKernel(const Window1D &w) {
  return inputSpan(1, w.kernel, w.stride, w.dilation);
}

int64_t accel::inputSpan(int64_t outputs, int64_t taps, int64_t stride,
                         int64_t dilation) {
  return (outputs - 1) * stride + dilation * (taps - 1) + 1;
}

/// A window's numbers within the dimension limit, so that the arithmetic
/// on them stays inside int64 (they come from files: an ONNX attribute of
/// 2^63 - 1 must be an error, not an overflow).
static llvm::Error checkWindowLimits(int64_t in, const Window1D &w,
                                     int64_t outputPadding = 0) {
  for (auto [what, v] : {std::pair<const char *, int64_t>{"input", in},
                         {"kernel", w.kernel},
                         {"stride", w.stride},
                         {"dilation", w.dilation},
                         {"padding", w.padBegin},
                         {"padding", w.padEnd},
                         {"output padding", outputPadding}})
    if (v > kMaxDimension)
      return err(llvm::formatv("{0} {1} exceeds the limit of 2^24", what, v));
  return llvm::Error::success();
}

Expected<int64_t> accel::slidingOutputSize(int64_t in, const Window1D &w,
                                           bool ceilMode) {
  if (in < 1 || w.kernel < 1 || w.stride < 1 || w.dilation < 1 ||
      w.padBegin < 0 || w.padEnd < 0)
    return err(llvm::formatv(
        "invalid window (input {0}, kernel {1}, stride {2}, dilation {3}, "
        "pads {4}/{5})",
        in, w.kernel, w.stride, w.dilation, w.padBegin, w.padEnd));
  if (auto e = checkWindowLimits(in, w))
    return std::move(e);
  int64_t padded = in + w.padBegin + w.padEnd;
  int64_t span = dilatedKernel(w);
  if (span > padded)
    return err(llvm::formatv("window of extent {0} (kernel {1}, dilation {2}) "
                             "exceeds the padded input extent {3}",
                             span, w.kernel, w.dilation, padded));
  int64_t range = padded - span;
  if (!ceilMode)
    return range / w.stride + 1;
  int64_t out = ceilDiv(range, w.stride) + 1;
  // The last window must start inside the input or the begin padding.
  if ((out - 1) * w.stride >= in + w.padBegin)
    --out;
  return out;
}

Expected<int64_t> accel::transposedOutputSize(int64_t in, const Window1D &w,
                                              int64_t outputPadding) {
  if (in < 1 || w.kernel < 1 || w.stride < 1 || w.dilation < 1 ||
      w.padBegin < 0 || w.padEnd < 0 || outputPadding < 0)
    return err(llvm::formatv(
        "invalid transposed window (input {0}, kernel {1}, stride {2}, "
        "dilation {3}, pads {4}/{5}, output padding {6})",
        in, w.kernel, w.stride, w.dilation, w.padBegin, w.padEnd,
        outputPadding));
  if (auto e = checkWindowLimits(in, w, outputPadding))
    return std::move(e);
  if (outputPadding >= std::max(w.stride, w.dilation))
    return err(llvm::formatv("output padding {0} must be smaller than the "
                             "stride {1} or the dilation {2}",
                             outputPadding, w.stride, w.dilation));
  int64_t out = (in - 1) * w.stride - w.padBegin - w.padEnd + dilatedKernel(w) +
                outputPadding;
  if (out < 1)
    return err(llvm::formatv("padding {0}/{1} removes the whole output",
                             w.padBegin, w.padEnd));
  return out;
}

static llvm::Error checkConvParams(const ConvParams &p) {
  if (auto e = checkPositive("strides", p.strides))
    return e;
  if (auto e = checkPositive("dilations", p.dilations))
    return e;
  if (auto e = checkNonNegative("pads", p.pads))
    return e;
  if (p.groups < 1)
    return err(llvm::formatv("groups must be >= 1, got {0}", p.groups));
  return checkNonNegative("output padding", p.outputPadding);
}

Expected<Shape> accel::inferConv2dShape(ArrayRef<int64_t> input,
                                        ArrayRef<int64_t> weight,
                                        const ConvParams &p) {
  if (auto e = checkRank("input", input, 4))
    return std::move(e);
  if (auto e = checkRank("weight", weight, 4))
    return std::move(e);
  if (auto e = checkConvParams(p))
    return std::move(e);
  int64_t c = input[1], k = weight[0];
  if (c % p.groups != 0)
    return err(llvm::formatv(
        "input channels {0} are not divisible by groups {1}", c, p.groups));
  if (k % p.groups != 0)
    return err(llvm::formatv(
        "output channels {0} (weight dim 0) are not divisible by groups {1}", k,
        p.groups));
  if (weight[1] != c / p.groups)
    return err(llvm::formatv("weight dim 1 is {0} but input channels / groups "
                             "is {1} / {2} = {3}",
                             weight[1], c, p.groups, c / p.groups));
  auto h = slidingOutputSize(input[2], p.windowH(weight[2]));
  if (!h)
    return h.takeError();
  auto w = slidingOutputSize(input[3], p.windowW(weight[3]));
  if (!w)
    return w.takeError();
  return Shape{input[0], k, *h, *w};
}

Expected<Shape> accel::inferConvTranspose2dShape(ArrayRef<int64_t> input,
                                                 ArrayRef<int64_t> weight,
                                                 const ConvParams &p) {
  if (auto e = checkRank("input", input, 4))
    return std::move(e);
  if (auto e = checkRank("weight", weight, 4))
    return std::move(e);
  if (auto e = checkConvParams(p))
    return std::move(e);
  int64_t c = input[1];
  if (c % p.groups != 0)
    return err(llvm::formatv(
        "input channels {0} are not divisible by groups {1}", c, p.groups));
  if (weight[0] != c)
    return err(llvm::formatv(
        "weight dim 0 is {0} but must equal the input channels {1}", weight[0],
        c));
  auto h =
      transposedOutputSize(input[2], p.windowH(weight[2]), p.outputPadding[0]);
  if (!h)
    return h.takeError();
  auto w =
      transposedOutputSize(input[3], p.windowW(weight[3]), p.outputPadding[1]);
  if (!w)
    return w.takeError();
  if (weight[1] > kMaxDimension || p.groups > kMaxDimension)
    return err(llvm::formatv("{0} groups of {1} output channels exceed the "
                             "limit of 2^24",
                             p.groups, weight[1]));
  return Shape{input[0], weight[1] * p.groups, *h, *w};
}

Expected<Shape> accel::inferPool2dShape(ArrayRef<int64_t> input,
                                        const PoolParams &p) {
  if (auto e = checkRank("input", input, 4))
    return std::move(e);
  if (p.global)
    return Shape{input[0], input[1], 1, 1};
  if (auto e = checkPositive("kernel", p.kernel))
    return std::move(e);
  if (auto e = checkPositive("strides", p.strides))
    return std::move(e);
  if (auto e = checkPositive("dilations", p.dilations))
    return std::move(e);
  if (auto e = checkNonNegative("pads", p.pads))
    return std::move(e);
  for (int i = 0; i < 2; ++i)
    if (p.pads[i] >= p.kernel[i] || p.pads[i + 2] >= p.kernel[i])
      return err(llvm::formatv("pads {0} must be smaller than the kernel {1}",
                               formatShape(p.pads), formatShape(p.kernel)));
  Window1D wh{p.kernel[0], p.strides[0], p.dilations[0], p.pads[0], p.pads[2]};
  Window1D ww{p.kernel[1], p.strides[1], p.dilations[1], p.pads[1], p.pads[3]};
  auto h = slidingOutputSize(input[2], wh, p.ceilMode);
  if (!h)
    return h.takeError();
  auto w = slidingOutputSize(input[3], ww, p.ceilMode);
  if (!w)
    return w.takeError();
  return Shape{input[0], input[1], *h, *w};
}

Expected<Shape> accel::inferMatmulShape(ArrayRef<int64_t> lhs,
                                        ArrayRef<int64_t> rhs,
                                        bool transposeRhs) {
  if (lhs.size() < 2 || lhs.size() > 3)
    return err(
        llvm::formatv("lhs must have rank 2 or 3, got {0}", formatShape(lhs)));
  if (rhs.size() != lhs.size())
    return err(llvm::formatv("lhs {0} and rhs {1} must have the same rank",
                             formatShape(lhs), formatShape(rhs)));
  size_t r = lhs.size();
  if (r == 3 && lhs[0] != rhs[0])
    return err(
        llvm::formatv("batch dimensions differ: {0} vs {1}", lhs[0], rhs[0]));
  int64_t m = lhs[r - 2], kl = lhs[r - 1];
  int64_t kr = transposeRhs ? rhs[r - 1] : rhs[r - 2];
  int64_t n = transposeRhs ? rhs[r - 2] : rhs[r - 1];
  if (kl != kr)
    return err(llvm::formatv("contraction sizes differ: lhs {0} has {1}, rhs "
                             "{2} has {3}{4}",
                             formatShape(lhs), kl, formatShape(rhs), kr,
                             transposeRhs ? " (transposed)" : ""));
  Shape out(lhs.begin(), lhs.end());
  out[r - 2] = m;
  out[r - 1] = n;
  return out;
}

Expected<Shape> accel::broadcastShapes(ArrayRef<int64_t> a,
                                       ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t db = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (da != db && da != 1 && db != 1)
      return err(llvm::formatv("shapes {0} and {1} are not broadcastable",
                               formatShape(a), formatShape(b)));
    out[rank - 1 - i] = std::max(da, db);
  }
  return out;
}

Expected<Shape> accel::inferConcatShape(ArrayRef<ArrayRef<int64_t>> inputs,
                                        int64_t axis) {
  if (inputs.empty())
    return err("concat needs at least one input");
  int64_t rank = inputs[0].size();
  if (axis < 0 || axis >= rank)
    return err(
        llvm::formatv("axis {0} is out of range for rank {1}", axis, rank));
  Shape out(inputs[0].begin(), inputs[0].end());
  out[axis] = 0;
  for (auto [i, in] : llvm::enumerate(inputs)) {
    if (static_cast<int64_t>(in.size()) != rank)
      return err(llvm::formatv("input {0} has rank {1}, expected {2}", i,
                               in.size(), rank));
    for (int64_t d = 0; d < rank; ++d)
      if (d != axis && in[d] != out[d])
        return err(llvm::formatv("input {0} {1} differs from input 0 {2} in "
                                 "dimension {3}",
                                 i, formatShape(in), formatShape(inputs[0]),
                                 d));
    out[axis] += in[axis];
  }
  return out;
}

Expected<Shape> accel::inferResizeShape(ArrayRef<int64_t> input,
                                        ArrayRef<int64_t> scales) {
  if (auto e = checkRank("input", input, 4))
    return std::move(e);
  if (scales.size() != 2)
    return err(llvm::formatv("scales must have 2 entries (H, W), got {0}",
                             formatShape(scales)));
  if (auto e = checkPositive("scales", scales))
    return std::move(e);
  for (int64_t v : {input[2], input[3], scales[0], scales[1]})
    if (v > kMaxDimension)
      return err(llvm::formatv("resize of {0} by {1} exceeds the limit of "
                               "2^24",
                               formatShape(input), formatShape(scales)));
  return Shape{input[0], input[1], input[2] * scales[0], input[3] * scales[1]};
}

Expected<Shape> accel::inferFlattenShape(ArrayRef<int64_t> input,
                                         int64_t axis) {
  if (axis < 0 || axis > static_cast<int64_t>(input.size()))
    return err(llvm::formatv("axis {0} is out of range for rank {1}", axis,
                             input.size()));
  return Shape{numElements(input.take_front(axis)),
               numElements(input.drop_front(axis))};
}

LoopBounds accel::conv2dLoopBounds(ArrayRef<int64_t> output,
                                   ArrayRef<int64_t> weight,
                                   const ConvParams &p) {
  LoopBounds b;
  b.extent[Dim::N] = output[0];
  b.extent[Dim::G] = p.groups;
  b.extent[Dim::K] = weight[0] / p.groups;
  b.extent[Dim::C] = weight[1];
  b.extent[Dim::P] = output[2];
  b.extent[Dim::Q] = output[3];
  b.extent[Dim::R] = weight[2];
  b.extent[Dim::S] = weight[3];
  b.strideH = p.strides[0];
  b.strideW = p.strides[1];
  b.dilationH = p.dilations[0];
  b.dilationW = p.dilations[1];
  return b;
}

LoopBounds accel::convTranspose2dLoopBounds(ArrayRef<int64_t> output,
                                            ArrayRef<int64_t> weight,
                                            const ConvParams &p) {
  // Over output coordinates; each output gathers the taps whose input
  // coordinate is integral: the dense nest over the zero-inserted input
  // (convTransposeProblem), which multiplies the inserted zeros too.
  LoopBounds b;
  b.extent[Dim::N] = output[0];
  b.extent[Dim::G] = p.groups;
  b.extent[Dim::K] = weight[1];
  b.extent[Dim::C] = weight[0] / p.groups;
  b.extent[Dim::P] = output[2];
  b.extent[Dim::Q] = output[3];
  b.extent[Dim::R] = weight[2];
  b.extent[Dim::S] = weight[3];
  b.strideH = p.strides[0];
  b.strideW = p.strides[1];
  b.dilationH = p.dilations[0];
  b.dilationW = p.dilations[1];
  return b;
}

LoopBounds accel::pool2dLoopBounds(ArrayRef<int64_t> input,
                                   ArrayRef<int64_t> output,
                                   const PoolParams &p) {
  LoopBounds b;
  b.extent[Dim::N] = output[0];
  b.extent[Dim::G] = output[1];
  b.extent[Dim::P] = output[2];
  b.extent[Dim::Q] = output[3];
  b.extent[Dim::R] = p.global ? input[2] : p.kernel[0];
  b.extent[Dim::S] = p.global ? input[3] : p.kernel[1];
  if (!p.global) {
    b.strideH = p.strides[0];
    b.strideW = p.strides[1];
    b.dilationH = p.dilations[0];
    b.dilationW = p.dilations[1];
  }
  return b;
}

LoopBounds accel::matmulLoopBounds(ArrayRef<int64_t> lhs,
                                   ArrayRef<int64_t> output) {
  LoopBounds b;
  size_t r = output.size();
  if (r == 3)
    b.extent[Dim::G] = output[0];
  b.extent[Dim::N] = output[r - 2];
  b.extent[Dim::K] = output[r - 1];
  b.extent[Dim::C] = lhs[r - 1];
  return b;
}

/// The loop dimensions of an elementwise layer's output axes, outer first.
static constexpr Dim kElementwiseOrder[] = {Dim::N, Dim::G, Dim::P, Dim::Q};

LoopBounds accel::elementwiseLoopBounds(ArrayRef<int64_t> output,
                                        int64_t window) {
  LoopBounds b;
  // Ranks above 4 fold their leading dimensions into N.
  size_t lead = output.size() > 4 ? output.size() - 3 : 1;
  if (!output.empty())
    b.extent[Dim::N] = numElements(output.take_front(lead));
  for (size_t i = lead; i < output.size(); ++i)
    b.extent[kElementwiseOrder[i - lead + 1]] = output[i];
  b.extent[Dim::R] = window;
  b.extent[Dim::S] = window;
  return b;
}

AxisIndexer accel::axisIndexer(ArrayRef<int64_t> shape, int64_t axis,
                               size_t count) {
  AxisIndexer ix;
  if (count <= 1 || axis < 0 || axis >= int64_t(shape.size()))
    return ix;
  for (size_t d = axis + 1; d < shape.size(); ++d)
    ix.inner *= shape[d];
  ix.extent = shape[axis];
  return ix;
}

Dim accel::elementwiseAxisDim(size_t rank, size_t axis) {
  // (As elementwiseLoopBounds folds them: ranks above 4 into N.)
  size_t lead = rank > 4 ? rank - 3 : 1;
  return axis < lead ? Dim::N
                     : kElementwiseOrder[std::min<size_t>(axis - lead + 1, 3)];
}

std::optional<int64_t> accel::boundedProduct(ArrayRef<int64_t> factors,
                                             int64_t limit) {
  int64_t n = 1;
  for (int64_t f : factors) {
    if (f < 1 || n > limit / f)
      return std::nullopt;
    n *= f;
  }
  return n;
}

bool accel::isBoundedShape(ArrayRef<int64_t> shape) {
  return llvm::all_of(shape, [](int64_t d) { return d <= kMaxDimension; }) &&
         boundedProduct(shape, kMaxTensorElements).has_value();
}

bool accel::boxesOverlap(ArrayRef<int64_t> offsetsA, ArrayRef<int64_t> sizesA,
                         ArrayRef<int64_t> offsetsB, ArrayRef<int64_t> sizesB) {
  for (size_t d = 0; d < offsetsA.size(); ++d)
    if (offsetsA[d] + sizesA[d] <= offsetsB[d] ||
        offsetsB[d] + sizesB[d] <= offsetsA[d])
      return false;
  return true;
}

bool accel::boxContains(ArrayRef<int64_t> outerOffsets,
                        ArrayRef<int64_t> outerSizes,
                        ArrayRef<int64_t> innerOffsets,
                        ArrayRef<int64_t> innerSizes) {
  for (size_t d = 0; d < outerOffsets.size(); ++d)
    if (innerOffsets[d] < outerOffsets[d] ||
        innerOffsets[d] + innerSizes[d] > outerOffsets[d] + outerSizes[d])
      return false;
  return true;
}
