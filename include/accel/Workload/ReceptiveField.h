//===- ReceptiveField.h - Which input a tile of output needs ----*- C++ -*-===//
//
// For every layer kind, the exact input region an output region reads,
// through stride, dilation, padding (clipped at the borders), pooling
// windows, transposed convolution and upsampling (fractional strides),
// concatenation (channel ranges) and broadcasting. Regions are boxes of
// half-open intervals over the NCHW dimensions (fewer for lower ranks). The
// window extents come from ShapeArith's inputSpan. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_RECEPTIVEFIELD_H
#define ACCEL_WORKLOAD_RECEPTIVEFIELD_H

#include "accel/Workload/ShapeArith.h"
#include <optional>
#include <string>

namespace accel {

struct Interval {
  int64_t begin = 0, end = 0; ///< half-open; empty when begin >= end
  int64_t size() const { return end > begin ? end - begin : 0; }
  bool empty() const { return end <= begin; }
  friend bool operator==(const Interval &a, const Interval &b) {
    return a.size() == 0 ? b.size() == 0 : a.begin == b.begin && a.end == b.end;
  }
};

/// A box of intervals, one per tensor dimension.
struct TensorRegion {
  llvm::SmallVector<Interval, 4> dims;

  /// The whole of a tensor of `shape`.
  static TensorRegion whole(llvm::ArrayRef<int64_t> shape);
  bool empty() const;
  int64_t elements() const;
  /// The smallest box holding both (what a buffer holds for two tiles).
  TensorRegion hull(const TensorRegion &other) const;
  TensorRegion intersect(const TensorRegion &other) const;
  friend bool operator==(const TensorRegion &a, const TensorRegion &b) {
    return a.dims == b.dims;
  }
  /// "[0, 1) x [0, 64) x [3, 9) x [0, 56)".
  std::string str() const;
  /// Where it starts and how far it reaches, per dimension (a box's
  /// offsets and sizes).
  llvm::SmallVector<int64_t, 4> begins() const;
  llvm::SmallVector<int64_t, 4> sizes() const;
};

/// The window a tile of an axis runs with: outputs `o` of the whole axis,
/// computed from the input positions `in` (those the outputs read, from
/// windowInput), become outputs 0 .. |o| of an input of |in| positions,
/// with the same kernel, stride and dilation and the padding before and
/// after that keeps every window on the same input positions (padding is
/// left only where the whole axis has it). None when `in` misses a
/// position a window reads.
std::optional<Window1D> tileWindow(const Window1D &w, Interval o, Interval in);

/// The input rows (or columns) outputs `o` read through filter taps `taps`:
/// the smallest interval holding every row p * stride + r * dilation -
/// padBegin (p in o, r in taps) that lies in [0, inputSize). Padding is not
/// read; with dilation > stride the rows read can have gaps, which the
/// interval covers.
/// Inline: the cost model asks it for every window at a padded border.
inline Interval windowInput(Interval o, Interval taps, int64_t stride,
                            int64_t dilation, int64_t padBegin,
                            int64_t inputSize);
/// windowInput where the rows read may leave gaps (per tap, no shortcut).
Interval gappedWindowInput(Interval o, Interval taps, int64_t stride,
                           int64_t dilation, int64_t padBegin,
                           int64_t inputSize);
/// The same through all of a window's taps.
Interval windowInput(Interval o, const Window1D &w, int64_t inputSize);
/// Input rows a transposed convolution reads for outputs `o`: the i with
/// i * stride + r * dilation - padBegin in `o` for some tap r.
Interval transposedInput(Interval o, const Window1D &w, int64_t inputSize);

/// The positions of a zero-inserted input (a transposed convolution's,
/// position x holding real element (x - first) / every when every divides
/// x - first) in `v`: the real elements' interval [ceil((begin - first) /
/// every), ceil((end - first) / every)). Monotone: intersections,
/// differences and unions of positions map to those of the real elements.
inline Interval realPositions(Interval v, int64_t every, int64_t first = 0) {
  if (v.empty())
    return {0, 0};
  if (every == 1)
    return v;
  Interval r{ceilDiv(v.begin - first, every), ceilDiv(v.end - first, every)};
  return r.empty() ? Interval{0, 0} : r;
}

/// How a tile of a transposed convolution runs as a transposed convolution
/// of its own: outputs `o` of the whole axis from the real input rows `in`
/// (holding every row the outputs read) through the filter taps `taps`
/// become outputs 0 .. |o| of the input tile with `zerosBefore` and
/// `zerosAfter` rows of zeros around it (outputs the tile's taps do not
/// reach: a part of the reduction over the taps), |taps| taps, and this
/// padding before and after. An empty `in` (a step whose taps meet only
/// inserted zeros) runs on rows of zeros. None when `o` or `taps` is empty.
struct TransposedTileWindow {
  int64_t padBegin = 0, padEnd = 0, zerosBefore = 0, zerosAfter = 0;
};
std::optional<TransposedTileWindow>
transposedTileWindow(const Window1D &w, Interval o, Interval in,
                     Interval taps);

/// conv2d (input NCHW, weight [K, C/G, R, S]): the input region.
TensorRegion conv2dInput(const TensorRegion &out, llvm::ArrayRef<int64_t> input,
                         llvm::ArrayRef<int64_t> weight, const ConvParams &p);
TensorRegion convTranspose2dInput(const TensorRegion &out,
                                  llvm::ArrayRef<int64_t> input,
                                  llvm::ArrayRef<int64_t> weight,
                                  const ConvParams &p);
TensorRegion pool2dInput(const TensorRegion &out, llvm::ArrayRef<int64_t> input,
                         const PoolParams &p);
/// Integer-factor resize; bilinear reads the two neighbours of each source
/// coordinate (half-pixel centres unless alignCorners).
TensorRegion resizeInput(const TensorRegion &out, llvm::ArrayRef<int64_t> input,
                         llvm::ArrayRef<int64_t> output, bool bilinear,
                         bool alignCorners);
/// Elementwise with broadcasting: the region of an operand of `operand`
/// shape (a dimension of 1 that stretches reads [0, 1)).
TensorRegion broadcastInput(const TensorRegion &out,
                            llvm::ArrayRef<int64_t> operand);
/// concat along `axis`: the region of input `index` (empty when the output
/// region does not reach it), in the input's coordinates.
TensorRegion concatInput(const TensorRegion &out,
                         llvm::ArrayRef<llvm::ArrayRef<int64_t>> inputs,
                         int64_t axis, unsigned index);
/// matmul lhs [.., M, K] x rhs: the lhs region (rows of the output, all of K).
TensorRegion matmulLhsInput(const TensorRegion &out,
                            llvm::ArrayRef<int64_t> lhs);
/// Reshape / flatten: exact when the reshape only merges or splits
/// dimensions the region covers whole; otherwise the whole input.
TensorRegion reshapeInput(const TensorRegion &out,
                          llvm::ArrayRef<int64_t> input,
                          llvm::ArrayRef<int64_t> output);

inline Interval windowInput(Interval o, Interval taps, int64_t stride,
                            int64_t dilation, int64_t padBegin,
                            int64_t inputSize) {
  if (o.empty() || taps.empty())
    return {0, 0};
  // When the rows read leave no gap (each tap's rows, or each output's,
  // overlap the next), the hull is the unclipped span clipped to the input:
  // no divisions.
  int64_t outputs = o.end - o.begin, numTaps = taps.end - taps.begin;
  bool contiguous = ((numTaps == 1 || dilation == 1) &&
                     (outputs == 1 || stride <= numTaps)) ||
                    (stride == 1 && (numTaps == 1 || dilation <= outputs));
  if (!contiguous)
    return gappedWindowInput(o, taps, stride, dilation, padBegin, inputSize);
  int64_t first = o.begin * stride + taps.begin * dilation - padBegin;
  int64_t last = (o.end - 1) * stride + (taps.end - 1) * dilation - padBegin;
  first = first > 0 ? first : 0;
  last = last < inputSize - 1 ? last : inputSize - 1;
  return first <= last ? Interval{first, last + 1} : Interval{0, 0};
}

} // namespace accel

#endif
