//===- ShapeArith.h - Shape and window arithmetic of layers -----*- C++ -*-===//
//
// The single source of truth for how a layer's output shape follows from its
// input shapes and attributes. Verifiers, importers, analyses and the cost
// model all call these functions. Pure: no MLIR IR.
//
// Layout convention (the accel dialect's): activations are NCHW, convolution
// weights are [K_total, C/G, R, S] (ONNX "OIHW"), transposed-convolution
// weights are [C, K_total/G, R, S] (ONNX ConvTranspose).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_SHAPEARITH_H
#define ACCEL_WORKLOAD_SHAPEARITH_H

#include "accel/Workload/Dims.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include <array>
#include <cstdint>
#include <optional>

namespace accel {

using Shape = llvm::SmallVector<int64_t, 4>;

/// Window parameters of one spatial axis of a sliding-window layer.
struct Window1D {
  int64_t kernel = 1;
  int64_t stride = 1;
  int64_t dilation = 1;
  int64_t padBegin = 0;
  int64_t padEnd = 0;
};

/// Integer division rounding towards negative infinity (b > 0); the window
/// arithmetic meets negative offsets at the padded borders.
inline int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
/// Integer division rounding towards positive infinity (b > 0).
inline int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }
/// The remainder of floorDiv, in [0, b).
inline int64_t floorMod(int64_t a, int64_t b) { return a - floorDiv(a, b) * b; }

/// Extent covered by a dilated kernel: dilation * (kernel - 1) + 1.
int64_t dilatedKernel(const Window1D &w);

/// Input extent (unclipped, padding included) that `outputs` consecutive
/// outputs read with `taps` consecutive filter taps: (outputs - 1) * stride +
/// dilation * (taps - 1) + 1. The receptive field of a tile.
int64_t inputSpan(int64_t outputs, int64_t taps, int64_t stride,
                  int64_t dilation);

/// Output length of a convolution / pooling window sliding over `in`
/// elements: floor((in + pads - dilatedKernel) / stride) + 1, or with
/// `ceilMode` the ceiling, where (as in ONNX and PyTorch) the last window must
/// start inside the input or the begin padding. Fails when the window does not
/// fit at all or a parameter is out of range.
llvm::Expected<int64_t> slidingOutputSize(int64_t in, const Window1D &w,
                                          bool ceilMode = false);

/// Output length of a transposed convolution:
/// (in - 1) * stride - pads + dilatedKernel + outputPadding.
llvm::Expected<int64_t> transposedOutputSize(int64_t in, const Window1D &w,
                                             int64_t outputPadding);

/// Parameters shared by conv2d and conv_transpose2d. Arrays are (H, W);
/// pads are (top, left, bottom, right) as in ONNX.
struct ConvParams {
  std::array<int64_t, 2> strides{1, 1};
  std::array<int64_t, 2> dilations{1, 1};
  std::array<int64_t, 4> pads{0, 0, 0, 0};
  int64_t groups = 1;
  std::array<int64_t, 2> outputPadding{0, 0}; ///< transposed only

  Window1D windowH(int64_t kernel) const {
    return {kernel, strides[0], dilations[0], pads[0], pads[2]};
  }
  Window1D windowW(int64_t kernel) const {
    return {kernel, strides[1], dilations[1], pads[1], pads[3]};
  }
};

struct PoolParams {
  std::array<int64_t, 2> kernel{1, 1};
  std::array<int64_t, 2> strides{1, 1};
  std::array<int64_t, 2> dilations{1, 1};
  std::array<int64_t, 4> pads{0, 0, 0, 0};
  bool ceilMode = false;
  bool global = false; ///< the window is the whole input plane
};

/// Result shape of conv2d: input NCHW, weight [K, C/G, R, S].
llvm::Expected<Shape> inferConv2dShape(llvm::ArrayRef<int64_t> input,
                                       llvm::ArrayRef<int64_t> weight,
                                       const ConvParams &p);
/// Result shape of conv_transpose2d: input NCHW, weight [C, K/G, R, S].
llvm::Expected<Shape> inferConvTranspose2dShape(llvm::ArrayRef<int64_t> input,
                                                llvm::ArrayRef<int64_t> weight,
                                                const ConvParams &p);
/// Result shape of pool2d on an NCHW input.
llvm::Expected<Shape> inferPool2dShape(llvm::ArrayRef<int64_t> input,
                                       const PoolParams &p);
/// Result shape of a (batched) matmul: lhs [..., M, K] x rhs [..., K, N]
/// (rhs [..., N, K] when transposeRhs). Batch dimensions must be equal.
llvm::Expected<Shape> inferMatmulShape(llvm::ArrayRef<int64_t> lhs,
                                       llvm::ArrayRef<int64_t> rhs,
                                       bool transposeRhs);
/// NumPy-style broadcast of two shapes (trailing dimensions aligned, a
/// dimension of 1 stretches).
llvm::Expected<Shape> broadcastShapes(llvm::ArrayRef<int64_t> a,
                                      llvm::ArrayRef<int64_t> b);
/// Result shape of concatenating `inputs` along `axis`.
llvm::Expected<Shape>
inferConcatShape(llvm::ArrayRef<llvm::ArrayRef<int64_t>> inputs, int64_t axis);
/// Result shape of an integer-factor resize of an NCHW input.
llvm::Expected<Shape> inferResizeShape(llvm::ArrayRef<int64_t> input,
                                       llvm::ArrayRef<int64_t> scales);
/// Result shape of flatten: [prod(d < axis), prod(d >= axis)].
llvm::Expected<Shape> inferFlattenShape(llvm::ArrayRef<int64_t> input,
                                        int64_t axis);
/// Number of elements of a static shape.
int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// The sizes the dialect accepts (docs/Dialects.md, "Limits"): a tensor of
/// at most 2^40 elements, none of its dimensions above 2^24, and a layer's
/// loop nest of at most 2^56 iterations, so that every count, byte total
/// and product of tiles the models form stays inside int64, and what the
/// models do per row or column of a dimension stays small.
inline constexpr int64_t kMaxDimension = int64_t(1) << 24;
inline constexpr int64_t kMaxTensorElements = int64_t(1) << 40;
inline constexpr int64_t kMaxLoopIterations = int64_t(1) << 56;
/// Every dimension in [1, kMaxDimension] and at most kMaxTensorElements
/// elements (computed without overflow).
bool isBoundedShape(llvm::ArrayRef<int64_t> shape);
/// The product of `factors`, or none when it exceeds `limit` (or a factor
/// is < 1); never overflows.
std::optional<int64_t> boundedProduct(llvm::ArrayRef<int64_t> factors,
                                      int64_t limit);

/// Whether two boxes (per dimension an offset and a size) share an element.
bool boxesOverlap(llvm::ArrayRef<int64_t> offsetsA,
                  llvm::ArrayRef<int64_t> sizesA,
                  llvm::ArrayRef<int64_t> offsetsB,
                  llvm::ArrayRef<int64_t> sizesB);
/// Whether the box `inner` lies inside the box `outer`.
bool boxContains(llvm::ArrayRef<int64_t> outerOffsets,
                 llvm::ArrayRef<int64_t> outerSizes,
                 llvm::ArrayRef<int64_t> innerOffsets,
                 llvm::ArrayRef<int64_t> innerSizes);

/// Loop bounds of the layers, derived from their shapes (used by mapping
/// verification and the cost model).
LoopBounds conv2dLoopBounds(llvm::ArrayRef<int64_t> output,
                            llvm::ArrayRef<int64_t> weight,
                            const ConvParams &p);
LoopBounds convTranspose2dLoopBounds(llvm::ArrayRef<int64_t> output,
                                     llvm::ArrayRef<int64_t> weight,
                                     const ConvParams &p);
LoopBounds pool2dLoopBounds(llvm::ArrayRef<int64_t> input,
                            llvm::ArrayRef<int64_t> output,
                            const PoolParams &p);
LoopBounds matmulLoopBounds(llvm::ArrayRef<int64_t> lhs,
                            llvm::ArrayRef<int64_t> output);
/// Elementwise / per-pixel layers over an [N, C, H, W] (or lower-rank) output:
/// N, G = channels, P, Q; `window` gives R = S for layers reading a
/// neighbourhood per output (bilinear resize reads 2x2).
LoopBounds elementwiseLoopBounds(llvm::ArrayRef<int64_t> output,
                                 int64_t window = 1);
/// Which index along `axis` each element of a row-major tensor of `shape`
/// has (a per-axis parameter's: quantization scales); with `count` 1, always
/// 0 (one parameter for the whole tensor).
struct AxisIndexer {
  int64_t inner = 1, extent = 1;
  int64_t operator()(int64_t element) const {
    return (element / inner) % extent;
  }
};
AxisIndexer axisIndexer(llvm::ArrayRef<int64_t> shape, int64_t axis,
                        size_t count);

/// The loop dimension elementwiseLoopBounds gives axis `axis` of a
/// rank-`rank` output: the innermost is N for rank 1, G for 2, P for 3, Q
/// above; axis 1 of a rank-4 output is G. Above rank 4 the leading axes
/// all give N.
Dim elementwiseAxisDim(size_t rank, size_t axis);

/// "[1, 64, 56, 56]" for diagnostics.
std::string formatShape(llvm::ArrayRef<int64_t> shape);

} // namespace accel

#endif // ACCEL_WORKLOAD_SHAPEARITH_H
