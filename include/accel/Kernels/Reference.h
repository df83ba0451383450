//===- Reference.h - Reference kernels of the accel operators ---*- C++ -*-===//
//
// What each accel operator computes, written as its definition (one output
// element at a time, accumulating in double): the executor's compute and
// the oracle a lowered program is compared with. Shapes follow the
// dialect's (ShapeArith.h): NCHW activations, conv weights [K, C/G, R, S],
// transposed-conv weights [C, K/G, R, S]. Convolutions and matmuls split
// their output channels over `threads` threads; every element is summed in
// one fixed order, so results do not depend on the thread count. In
// namespace accel::kernels (the dialect has enums of the same names). Pure: no
// MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_KERNELS_REFERENCE_H
#define ACCEL_KERNELS_REFERENCE_H

#include "accel/Kernels/NdArray.h"

namespace accel::kernels {

/// An activation function and its parameters (the dialect's #accel.act).
struct Activation {
  enum class Kind {
    None,
    Relu,
    Relu6,
    Clip, ///< clamp to [alpha, beta]
    Sigmoid,
    HardSigmoid, ///< max(0, min(1, alpha * x + beta))
    HardSwish,   ///< x * relu6(x + 3) / 6
    LeakyRelu,   ///< x < 0 ? alpha * x : x
    Tanh,
    Silu, ///< x * sigmoid(x) (swish)
    Gelu  ///< x * (1 + erf(x / sqrt 2)) / 2
  };
  Kind kind = Kind::None;
  double alpha = 0, beta = 0;
  double apply(double x) const;
};

/// Applies `act` to every element.
void activate(NdArray &a, const Activation &act);

NdArray conv2d(const NdArray &input, const NdArray &weight, const NdArray *bias,
               const ConvParams &p, const Activation &act = {},
               unsigned threads = 1);
NdArray convTranspose2d(const NdArray &input, const NdArray &weight,
                        const NdArray *bias, const ConvParams &p,
                        const Activation &act = {}, unsigned threads = 1);
/// lhs [M, K] x rhs [K, N] (rhs [N, K] when transposeRhs) + bias [N];
/// rank 3: a batch.
NdArray matmul(const NdArray &lhs, const NdArray &rhs, const NdArray *bias,
               bool transposeRhs, const Activation &act = {},
               unsigned threads = 1);

enum class PoolKind { Max, Avg };
/// Max: the largest element of the window inside the input (padding never
/// wins). Avg: their sum over the window clipped to the padded input when
/// `countIncludePad`, else over the elements inside the input (PyTorch's
/// and ONNX's rules, ceil mode included).
NdArray pool2d(const NdArray &input, PoolKind kind, const PoolParams &p,
               bool countIncludePad);

enum class BinaryKind { Add, Mul };
/// NumPy broadcasting.
NdArray binary(BinaryKind kind, const NdArray &lhs, const NdArray &rhs,
               const Activation &act = {});

NdArray concat(llvm::ArrayRef<const NdArray *> inputs, int64_t axis);

/// ONNX QuantizeLinear: clamp(round(x / scale) + zeroPoint, lo, hi), ties
/// to even.
NdArray quantize(const NdArray &input, double scale, int64_t zeroPoint,
                 int64_t lo, int64_t hi);
/// ONNX DequantizeLinear: (q - zeroPoint) * scales[c], c the index along
/// `axis` (one scale: all of them).
NdArray dequantize(const NdArray &input, llvm::ArrayRef<double> scales,
                   int64_t axis, int64_t zeroPoint);

/// Layer normalization over dimension `axis` (counted from the front):
/// (x - mean) / sqrt(var + epsilon), the variance biased (divided by the
/// axis' size), as ONNX's LayerNormalization and PyTorch's layer_norm (the
/// innermost axis) or ConvNeXt's LayerNorm2d (axis 1 of NCHW).
NdArray layerNorm(const NdArray &input, double epsilon, size_t axis);

enum class ResizeMode { Nearest, Bilinear };
/// Integer-factor upsampling of an NCHW input: nearest takes
/// floor(y / scale); bilinear samples at (y + 0.5) / scale - 0.5 (clamped at
/// 0), or y * (in - 1) / (out - 1) with `alignCorners` (PyTorch's rules).
NdArray resize(const NdArray &input, ResizeMode mode,
               llvm::ArrayRef<int64_t> scales, bool alignCorners);

/// The box `offsets` + `sizes` of `input` (unit strides).
NdArray slice(const NdArray &input, llvm::ArrayRef<int64_t> offsets,
              llvm::ArrayRef<int64_t> sizes);
/// `dest` with `source` written into its box at `offsets`.
NdArray insertSlice(const NdArray &source, NdArray dest,
                    llvm::ArrayRef<int64_t> offsets);

/// The same elements under another shape.
NdArray reshape(const NdArray &input, llvm::ArrayRef<int64_t> shape);

/// ONNX Transpose: output dimension i is input dimension perm[i] (empty
/// perm: reversed). `perm` must be a permutation of the input's rank.
NdArray transpose(const NdArray &input, llvm::ArrayRef<int64_t> perm);

/// ONNX Slice: along each axis in `axes` (negative: from the end; empty:
/// 0, 1, ...), elements starts[i], starts[i] + steps[i], ... before
/// ends[i], ONNX's clamping of negative and out-of-range bounds applied
/// (steps empty: 1; a step may be negative, not 0).
NdArray slice(const NdArray &input, llvm::ArrayRef<int64_t> starts,
              llvm::ArrayRef<int64_t> ends, llvm::ArrayRef<int64_t> axes,
              llvm::ArrayRef<int64_t> steps);

} // namespace accel::kernels

#endif // ACCEL_KERNELS_REFERENCE_H
