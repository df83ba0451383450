//===- Problem.h - A layer as the cost model sees it ------------*- C++ -*-===//
//
// The loop bounds of a layer plus the geometry of its tensors: the input
// planes (for the receptive-field arithmetic with padding), element sizes,
// and which tensors exist (pooling has no weights). Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_PROBLEM_H
#define ACCEL_WORKLOAD_PROBLEM_H

#include "accel/Workload/Dims.h"
#include "accel/Workload/ShapeArith.h"
#include <vector>

namespace accel {

/// The three tensors of a layer.
enum class Tensor : uint8_t { Weights, Inputs, Outputs };
inline constexpr unsigned kNumTensors = 3;
inline constexpr std::array<Tensor, kNumTensors> kAllTensors = {
    Tensor::Weights, Tensor::Inputs, Tensor::Outputs};
llvm::StringRef tensorName(Tensor t);

template <typename T> struct PerTensor {
  std::array<T, kNumTensors> v{};
  T &operator[](Tensor t) { return v[static_cast<unsigned>(t)]; }
  const T &operator[](Tensor t) const { return v[static_cast<unsigned>(t)]; }
  friend bool operator==(const PerTensor &a, const PerTensor &b) {
    return a.v == b.v;
  }
};

/// Whether tensor `t` is indexed by loop dimension `d` (weights: G K C R S;
/// inputs: N G C and P R / Q S through the sliding window; outputs: N G K P Q).
bool isRelevant(Tensor t, Dim d);

/// The window arithmetic of one input plane axis (rows or columns): input
/// row p * stride + r * dilation - pad of an input of `size` rows, of which
/// only every `every`-th from row `first` on holds data (a transposed
/// convolution's zero-inserted input; every row otherwise).
struct PlaneAxis {
  int64_t stride = 1, dilation = 1, pad = 0, size = 1, every = 1, first = 0;
};

/// The bits an accelerator stores each kind of data in (its precision), as
/// opposed to the element types of the IR it is given.
struct DataPrecision {
  int64_t weights = 16;     ///< weights, biases and other constants
  int64_t activations = 16; ///< layer inputs and outputs, in DRAM and between
                            ///< fused layers
  int64_t partialSums = 16; ///< accumulators: outputs before the reduction
                            ///< completes
  friend bool operator==(const DataPrecision &a, const DataPrecision &b) {
    return a.weights == b.weights && a.activations == b.activations &&
           a.partialSums == b.partialSums;
  }
};

struct LayerProblem {
  LoopBounds bounds;
  /// Input plane and the padding before it (rows, columns); an input row is
  /// p * strideH + r * dilationH - padTop.
  int64_t inputH = 1, inputW = 1;
  int64_t padTop = 0, padLeft = 0;
  /// Zero insertion (transposed convolutions): only every everyH-th input
  /// row from row firstH on (columns: everyW, firstW) holds data, the real
  /// input's; the rows between are zeros no memory stores or moves (the DMA
  /// and the PEs' address generation insert them). Tiles count, and
  /// transfers move, the real rows only; the MACs stay the dense nest's.
  int64_t everyH = 1, everyW = 1, firstH = 0, firstW = 0;
  /// Bits per element as the accelerator stores each operand (weights,
  /// inputs, and the final outputs written back to DRAM).
  PerTensor<int64_t> elementBits;
  /// Bits of a partial sum (an accumulator): outputs held on chip and
  /// partial sums spilled to DRAM before the reduction completes; 0 = as
  /// elementBits[Outputs].
  int64_t partialSumBits = 0;
  bool hasWeights = true;
  /// A dimension the loops above the first on-chip memory may not split:
  /// that memory holds all of it (a layer norm's normalized axis, whose
  /// statistics need every element of it before any output).
  std::optional<Dim> wholeOnChip;

  LayerProblem() { elementBits.v = {16, 16, 16}; }

  int64_t macs() const { return bounds.iterations(); }
  int64_t psumBits() const {
    return partialSumBits ? partialSumBits : elementBits[Tensor::Outputs];
  }
  /// Stores operands at the accelerator's precision `p`: the weight operand
  /// at p.weights (at p.activations when it is another layer's result, as
  /// the right operand of an activation x activation matmul), inputs and
  /// outputs at p.activations, partial sums at p.partialSums.
  void setPrecision(const DataPrecision &p, bool weightsAreActivations = false);
  /// Every field as one comparable key: layers with equal keys cost the
  /// same under every mapping (searches run once per key).
  std::vector<int64_t> key() const;
  /// Number of elements of each tensor.
  int64_t tensorSize(Tensor t) const;
  /// Input elements the layer reads at all (fewer than tensorSize(Inputs)
  /// when a stride skips rows, e.g. a 1x1 convolution of stride 2).
  int64_t inputsRead() const;
  /// Input rows a tile of output rows [p0, p1) x filter rows [r0, r1) reads
  /// (ReceptiveField.h's windowInput): {begin, end}, empty as {0, 0}.
  std::pair<int64_t, int64_t> inputRows(int64_t p0, int64_t p1, int64_t r0,
                                        int64_t r1) const;
  std::pair<int64_t, int64_t> inputCols(int64_t q0, int64_t q1, int64_t s0,
                                        int64_t s1) const;
  /// The rows' (or the columns') window arithmetic.
  PlaneAxis plane(bool rows) const {
    return rows ? PlaneAxis{bounds.strideH, bounds.dilationH, padTop, inputH,
                            everyH, firstH}
                : PlaneAxis{bounds.strideW, bounds.dilationW, padLeft, inputW,
                            everyW, firstW};
  }
};

/// The problem of a 2-D convolution (also grouped / depthwise): input NCHW,
/// weight [K, C/G, R, S].
LayerProblem convProblem(llvm::ArrayRef<int64_t> input,
                         llvm::ArrayRef<int64_t> weight, const ConvParams &p,
                         int64_t elementBits = 16);
/// The problem of a matmul lhs [M, K] x rhs -> [M, N] (batched: [B, M, K]).
LayerProblem matmulProblem(llvm::ArrayRef<int64_t> lhs,
                           llvm::ArrayRef<int64_t> output,
                           int64_t elementBits = 16);
/// The problem of a pooling layer (no weights).
LayerProblem poolProblem(llvm::ArrayRef<int64_t> input, const PoolParams &p,
                         int64_t elementBits = 16);
/// The problem of a transposed convolution: the dense nest over the
/// outputs, reading the zero-inserted input (a stride-1 convolution over an
/// input of (H - 1) * stride + 1 rows padded by dilation * (R - 1) - pad,
/// with the filter's taps flipped): every output gathers R x S taps, of
/// which only the real rows (every stride-th: everyH, everyW) are stored
/// and moved. Input NCHW, weight [C, K/G, R, S].
LayerProblem convTransposeProblem(llvm::ArrayRef<int64_t> input,
                                  llvm::ArrayRef<int64_t> weight,
                                  llvm::ArrayRef<int64_t> output,
                                  const ConvParams &p,
                                  PerTensor<int64_t> elementBits);
/// A per-pixel layer (add, mul, activation, resize) over an output of
/// `output` shape reading `numInputs` operands: a reduction over C =
/// numInputs without weights (each output touches one element of each
/// operand; a broadcast operand is counted at the output's size); `window`
/// = 2 for bilinear resize, which reads 2 x 2 neighbours per output.
LayerProblem elementwiseProblem(llvm::ArrayRef<int64_t> output,
                                int64_t numInputs, int64_t window,
                                int64_t elementBits);

} // namespace accel

#endif // ACCEL_WORKLOAD_PROBLEM_H
