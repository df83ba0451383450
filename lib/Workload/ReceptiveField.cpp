//===- ReceptiveField.cpp - Which input a tile of output needs ------------===//

#include "accel/Workload/ReceptiveField.h"
#include "llvm/Support/raw_ostream.h"

using namespace accel;
using llvm::ArrayRef;

TensorRegion TensorRegion::whole(ArrayRef<int64_t> shape) {
  TensorRegion r;
  for (int64_t d : shape)
    r.dims.push_back({0, d});
  return r;
}

bool TensorRegion::empty() const {
  return llvm::any_of(dims, [](const Interval &i) { return i.empty(); });
}

int64_t TensorRegion::elements() const {
  int64_t n = 1;
  for (const Interval &i : dims)
    n *= i.size();
  return n;
}

TensorRegion TensorRegion::hull(const TensorRegion &other) const {
  if (empty())
    return other;
  if (other.empty())
    return *this;
  TensorRegion r = *this;
  for (auto [a, b] : llvm::zip(r.dims, other.dims)) {
    a.begin = std::min(a.begin, b.begin);
    a.end = std::max(a.end, b.end);
  }
  return r;
}

TensorRegion TensorRegion::intersect(const TensorRegion &other) const {
  TensorRegion r = *this;
  for (auto [a, b] : llvm::zip(r.dims, other.dims)) {
    a.begin = std::max(a.begin, b.begin);
    a.end = std::min(a.end, b.end);
  }
  return r;
}

llvm::SmallVector<int64_t, 4> TensorRegion::begins() const {
  llvm::SmallVector<int64_t, 4> b;
  for (Interval d : dims)
    b.push_back(d.begin);
  return b;
}

llvm::SmallVector<int64_t, 4> TensorRegion::sizes() const {
  llvm::SmallVector<int64_t, 4> s;
  for (Interval d : dims)
    s.push_back(d.size());
  return s;
}

std::string TensorRegion::str() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      dims, os,
      [&](const Interval &i) { os << '[' << i.begin << ", " << i.end << ')'; },
      " x ");
  return s;
}

Interval accel::gappedWindowInput(Interval o, Interval taps, int64_t stride,
                                  int64_t dilation, int64_t padBegin,
                                  int64_t inputSize) {
  Interval hull{INT64_MAX, INT64_MIN};
  if (o.empty() || taps.empty())
    return {0, 0};
  // Per tap, the outputs whose row lands inside the input.
  for (int64_t r = taps.begin; r < taps.end; ++r) {
    int64_t offset = r * dilation - padBegin;
    int64_t pMin = std::max(o.begin, ceilDiv(-offset, stride));
    int64_t pMax =
        std::min(o.end - 1, floorDiv(inputSize - 1 - offset, stride));
    if (pMin > pMax)
      continue;
    hull.begin = std::min(hull.begin, pMin * stride + offset);
    hull.end = std::max(hull.end, pMax * stride + offset + 1);
  }
  return hull.begin < hull.end ? hull : Interval{0, 0};
}

Interval accel::windowInput(Interval o, const Window1D &w, int64_t inputSize) {
  return windowInput(o, {0, w.kernel}, w.stride, w.dilation, w.padBegin,
                     inputSize);
}

Interval accel::transposedInput(Interval o, const Window1D &w,
                                int64_t inputSize) {
  // Input i feeds outputs i * stride + r * dilation - padBegin.
  Interval hull{INT64_MAX, INT64_MIN};
  if (o.empty())
    return {0, 0};
  for (int64_t r = 0; r < w.kernel; ++r) {
    int64_t offset = r * w.dilation - w.padBegin;
    int64_t iMin = std::max<int64_t>(0, ceilDiv(o.begin - offset, w.stride));
    int64_t iMax =
        std::min(inputSize - 1, floorDiv(o.end - 1 - offset, w.stride));
    if (iMin > iMax)
      continue;
    hull.begin = std::min(hull.begin, iMin);
    hull.end = std::max(hull.end, iMax + 1);
  }
  return hull.begin < hull.end ? hull : Interval{0, 0};
}

/// Input channels the output channels [k0, k1) of a grouped layer read.
static Interval groupChannels(Interval k, int64_t outPerGroup,
                              int64_t inPerGroup) {
  if (k.empty())
    return {0, 0};
  int64_t g0 = k.begin / outPerGroup, g1 = (k.end - 1) / outPerGroup + 1;
  return {g0 * inPerGroup, g1 * inPerGroup};
}

TensorRegion accel::conv2dInput(const TensorRegion &out,
                                ArrayRef<int64_t> input,
                                ArrayRef<int64_t> weight, const ConvParams &p) {
  TensorRegion in;
  in.dims.push_back(out.dims[0]);
  in.dims.push_back(
      groupChannels(out.dims[1], weight[0] / p.groups, input[1] / p.groups));
  in.dims.push_back(windowInput(out.dims[2], p.windowH(weight[2]), input[2]));
  in.dims.push_back(windowInput(out.dims[3], p.windowW(weight[3]), input[3]));
  return in;
}

TensorRegion accel::convTranspose2dInput(const TensorRegion &out,
                                         ArrayRef<int64_t> input,
                                         ArrayRef<int64_t> weight,
                                         const ConvParams &p) {
  TensorRegion in;
  in.dims.push_back(out.dims[0]);
  in.dims.push_back(groupChannels(out.dims[1], weight[1], input[1] / p.groups));
  in.dims.push_back(
      transposedInput(out.dims[2], p.windowH(weight[2]), input[2]));
  in.dims.push_back(
      transposedInput(out.dims[3], p.windowW(weight[3]), input[3]));
  return in;
}

TensorRegion accel::pool2dInput(const TensorRegion &out,
                                ArrayRef<int64_t> input, const PoolParams &p) {
  TensorRegion in;
  in.dims.push_back(out.dims[0]);
  in.dims.push_back(out.dims[1]);
  if (p.global) {
    bool any = !out.empty();
    in.dims.push_back({0, any ? input[2] : 0});
    in.dims.push_back({0, any ? input[3] : 0});
    return in;
  }
  Window1D h{p.kernel[0], p.strides[0], p.dilations[0], p.pads[0], p.pads[2]};
  Window1D w{p.kernel[1], p.strides[1], p.dilations[1], p.pads[1], p.pads[3]};
  in.dims.push_back(windowInput(out.dims[2], h, input[2]));
  in.dims.push_back(windowInput(out.dims[3], w, input[3]));
  return in;
}

/// Source interval of a resized axis for outputs `o`.
static Interval resizeAxis(Interval o, int64_t in, int64_t outSize,
                           bool bilinear, bool alignCorners) {
  if (o.empty())
    return {0, 0};
  int64_t s = outSize / in;
  if (!bilinear) // nearest: floor(dst / s)
    return {o.begin / s, (o.end - 1) / s + 1};
  auto lowNeighbour = [&](int64_t dst) -> int64_t {
    if (alignCorners)
      return outSize > 1 ? dst * (in - 1) / (outSize - 1) : 0;
    // half-pixel: src = (dst + 0.5) / s - 0.5, clamped at 0
    return std::max<int64_t>(0, floorDiv(2 * dst + 1 - s, 2 * s));
  };
  int64_t lo = lowNeighbour(o.begin);
  int64_t hi = std::min(in - 1, lowNeighbour(o.end - 1) + 1);
  return {lo, hi + 1};
}

TensorRegion accel::resizeInput(const TensorRegion &out,
                                ArrayRef<int64_t> input,
                                ArrayRef<int64_t> output, bool bilinear,
                                bool alignCorners) {
  TensorRegion in;
  in.dims.push_back(out.dims[0]);
  in.dims.push_back(out.dims[1]);
  for (int d = 2; d < 4; ++d)
    in.dims.push_back(
        resizeAxis(out.dims[d], input[d], output[d], bilinear, alignCorners));
  return in;
}

TensorRegion accel::broadcastInput(const TensorRegion &out,
                                   ArrayRef<int64_t> operand) {
  TensorRegion in;
  size_t lead = out.dims.size() - operand.size();
  for (size_t d = 0; d < operand.size(); ++d) {
    const Interval &o = out.dims[lead + d];
    in.dims.push_back(operand[d] == 1 ? Interval{0, o.empty() ? 0 : 1} : o);
  }
  return in;
}

TensorRegion accel::concatInput(const TensorRegion &out,
                                ArrayRef<ArrayRef<int64_t>> inputs,
                                int64_t axis, unsigned index) {
  int64_t offset = 0;
  for (unsigned i = 0; i < index; ++i)
    offset += inputs[i][axis];
  TensorRegion in = out;
  Interval &a = in.dims[axis];
  a = {std::max<int64_t>(a.begin - offset, 0),
       std::min(a.end - offset, inputs[index][axis])};
  if (a.empty())
    for (Interval &i : in.dims)
      i = {0, 0};
  return in;
}

TensorRegion accel::matmulLhsInput(const TensorRegion &out,
                                   ArrayRef<int64_t> lhs) {
  TensorRegion in = out;
  in.dims.back() = {0, out.empty() ? 0 : lhs.back()};
  return in;
}

TensorRegion accel::reshapeInput(const TensorRegion &out,
                                 ArrayRef<int64_t> input,
                                 ArrayRef<int64_t> output) {
  // Exact when the region is whole in every dimension but the first, and
  // the first dimension is shared (a flatten of [N, ...]).
  bool wholeTail = true;
  for (size_t d = 1; d < out.dims.size(); ++d)
    wholeTail &= out.dims[d] == Interval{0, output[d]};
  if (wholeTail && !input.empty() && input[0] == output[0]) {
    TensorRegion in = TensorRegion::whole(input);
    in.dims[0] = out.dims[0];
    return in;
  }
  // [N, C, 1, 1] <-> [N, C]: channels map one to one.
  if (input.size() == 4 && output.size() == 2 && input[2] == 1 &&
      input[3] == 1) {
    TensorRegion in = TensorRegion::whole(input);
    in.dims[0] = out.dims[0];
    in.dims[1] = out.dims[1];
    return in;
  }
  TensorRegion in = TensorRegion::whole(input);
  if (out.empty())
    in.dims[0] = {0, 0};
  return in;
}

std::optional<Window1D> accel::tileWindow(const Window1D &w, Interval o,
                                          Interval in) {
  if (o.empty() || in.empty())
    return std::nullopt;
  // Input position of output p's tap r: p * stride + r * dilation - pad.
  int64_t first = o.begin * w.stride - w.padBegin;
  int64_t span = (o.size() - 1) * w.stride + (w.kernel - 1) * w.dilation + 1;
  Window1D t = w;
  t.padBegin = in.begin - first;
  t.padEnd = span - t.padBegin - in.size();
  if (t.padBegin < 0 || t.padEnd < 0)
    return std::nullopt;
  return t;
}

std::optional<TransposedTileWindow>
accel::transposedTileWindow(const Window1D &w, Interval o, Interval in,
                            Interval taps) {
  if (o.empty() || taps.empty())
    return std::nullopt;
  // Output row i * stride + r * dilation - pad of the whole axis is row
  // (i - in.begin) * stride + (r - taps.begin) * dilation - padBegin of the
  // tile's, with the padBegin below.
  TransposedTileWindow t;
  t.padBegin = w.padBegin + o.begin - in.begin * w.stride -
               taps.begin * w.dilation;
  if (t.padBegin < 0) { // outputs before the first row's first tap
    t.zerosBefore = ceilDiv(-t.padBegin, w.stride);
    t.padBegin += t.zerosBefore * w.stride;
  }
  int64_t rows = t.zerosBefore + in.size();
  int64_t span = inputSpan(rows, taps.size(), w.stride, w.dilation);
  int64_t rest = span - t.padBegin - o.size();
  if (rest < 0) { // outputs past the last row's last tap
    t.zerosAfter = ceilDiv(-rest, w.stride);
    rest += t.zerosAfter * w.stride;
  }
  if (rows + t.zerosAfter == 0) { // no input row at all: one of zeros
    t.zerosAfter = 1;
    rest += w.stride;
  }
  t.padEnd = rest;
  return t;
}
