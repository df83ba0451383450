//===- Problem.cpp - A layer as the cost model sees it --------------------===//

#include "accel/Workload/Problem.h"
#include "accel/Workload/ReceptiveField.h"
#include "llvm/Support/MathExtras.h"
#include <cstdint>
#include <numeric>

using namespace accel;

llvm::StringRef accel::tensorName(Tensor t) {
  switch (t) {
  case Tensor::Weights:
    return "weights";
  case Tensor::Inputs:
    return "inputs";
  case Tensor::Outputs:
    return "outputs";
  }
  return "?";
}

bool accel::isRelevant(Tensor t, Dim d) {
  switch (t) {
  case Tensor::Weights:
    return d == Dim::G || d == Dim::K || d == Dim::C || d == Dim::R ||
           d == Dim::S;
  case Tensor::Inputs:
    return d != Dim::K;
  case Tensor::Outputs:
    return d == Dim::N || d == Dim::G || d == Dim::K || d == Dim::P ||
           d == Dim::Q;
  }
  return false;
}

std::vector<int64_t> LayerProblem::key() const {
  std::vector<int64_t> k(bounds.extent.v.begin(), bounds.extent.v.end());
  k.insert(k.end(),
           {bounds.strideH, bounds.strideW, bounds.dilationH, bounds.dilationW,
            inputH, inputW, padTop, padLeft, hasWeights});
  k.insert(k.end(), elementBits.v.begin(), elementBits.v.end());
  // (Only when it differs: keys, and the search seeds hashed from them,
  // stay as they were for problems whose partial sums are the outputs'.)
  if (psumBits() != elementBits[Tensor::Outputs])
    k.push_back(psumBits());
  if (wholeOnChip) // (negative: never a partial-sum width)
    k.push_back(-1 - int64_t(*wholeOnChip));
  if (everyH != 1 || everyW != 1) // (after a marker no other key has)
    k.insert(k.end(), {INT64_MIN, everyH, everyW, firstH, firstW});
  return k;
}

void LayerProblem::setPrecision(const DataPrecision &p,
                                bool weightsAreActivations) {
  elementBits[Tensor::Weights] =
      weightsAreActivations ? p.activations : p.weights;
  elementBits[Tensor::Inputs] = p.activations;
  elementBits[Tensor::Outputs] = p.activations;
  partialSumBits = p.partialSums;
}

int64_t LayerProblem::tensorSize(Tensor t) const {
  const LoopBounds &b = bounds;
  switch (t) {
  case Tensor::Weights:
    return hasWeights
               ? b[Dim::G] * b[Dim::K] * b[Dim::C] * b[Dim::R] * b[Dim::S]
               : 0;
  case Tensor::Inputs:
    return b[Dim::N] * b[Dim::G] * b[Dim::C] *
           realPositions({0, inputH}, everyH, firstH).size() *
           realPositions({0, inputW}, everyW, firstW).size();
  case Tensor::Outputs:
    return b[Dim::N] * b[Dim::G] * b[Dim::K] * b[Dim::P] * b[Dim::Q];
  }
  return 0;
}

/// Input positions (of `size`) that outputs [0, outputs) x taps [0, taps)
/// read, i = o * stride + t * dilation - pad: the hull when the windows
/// leave no gap; without dilation, windows shorter than the stride are
/// disjoint and only the two that straddle an edge are clipped. Otherwise
/// by residue classes modulo the stride: taps t = t0 + j * M (M = stride /
/// g, g = gcd(stride, dilation)) read c + stride * m for m in the union of
/// [j * D, j * D + outputs) (D = dilation / g, c = t0 * dilation - pad),
/// and distinct t0 < M give disjoint classes; each class is counted in
/// closed form, so the work is min(taps, M) steps, never the extents (the
/// cost model calls this per evaluation).
static int64_t positionsRead(int64_t outputs, int64_t taps, int64_t stride,
                             int64_t dilation, int64_t pad, int64_t size) {
  Interval hull =
      windowInput({0, outputs}, {0, taps}, stride, dilation, pad, size);
  bool noGaps = (dilation == 1 && taps >= stride) ||
                (stride == 1 && (outputs >= dilation || taps == 1));
  if (noGaps || hull.size() == 0)
    return hull.size();
  if (dilation == 1) {
    // Windows [lo, hi] lie wholly inside the input.
    int64_t lo = std::max<int64_t>(0, llvm::divideCeilSigned(pad, stride));
    int64_t hi = std::min(outputs - 1,
                          llvm::divideFloorSigned(size + pad - taps, stride));
    auto clipped = [&](int64_t o) {
      int64_t begin = o * stride - pad;
      return std::max<int64_t>(0, std::min(begin + taps, size) -
                                      std::max<int64_t>(begin, 0));
    };
    if (lo <= hi)
      return (hi - lo + 1) * taps + (lo > 0 ? clipped(lo - 1) : 0) +
             (hi + 1 < outputs ? clipped(hi + 1) : 0);
  }
  int64_t g = std::gcd(stride, dilation);
  int64_t M = stride / g, D = dilation / g;
  int64_t count = 0;
  for (int64_t t0 = 0; t0 < std::min(taps, M); ++t0) {
    int64_t J = (taps - 1 - t0) / M + 1; // taps of this class
    int64_t c = t0 * dilation - pad;
    // |union of [j*D, j*D + outputs), j < J| below x.
    auto below = [&](int64_t x) -> int64_t {
      if (x <= 0)
        return 0;
      if (outputs >= D) // the intervals touch: one interval
        return std::min(x, (J - 1) * D + outputs);
      int64_t q = x / D;
      return std::min(q, J) * outputs +
             (q < J ? std::min(x - q * D, outputs) : 0);
    };
    // 0 <= c + stride * m < size
    int64_t mLo = llvm::divideCeilSigned(-c, stride);
    int64_t mHi = llvm::divideFloorSigned(size - 1 - c, stride) + 1;
    if (mHi > mLo)
      count += below(mHi) - below(std::max<int64_t>(mLo, 0));
  }
  return count;
}

/// Of the positions outputs [0, outputs) x taps [0, taps) read at stride 1,
/// those that hold data, every `every`-th (a zero-inserted input): the
/// union of each tap's run, one interval when the runs touch.
static int64_t realPositionsRead(int64_t outputs, int64_t taps,
                                 int64_t dilation, int64_t pad, int64_t size,
                                 int64_t every, int64_t first) {
  int64_t count = 0, coveredEnd = INT64_MIN;
  for (int64_t t = 0; t < taps; ++t) {
    Interval run = windowInput({0, outputs}, {t, t + 1}, 1, dilation, pad, size);
    if (run.empty())
      continue;
    run.begin = std::max(run.begin, coveredEnd);
    count += realPositions(run, every, first).size();
    coveredEnd = std::max(coveredEnd, run.end);
  }
  return count;
}

int64_t LayerProblem::inputsRead() const {
  const LoopBounds &b = bounds;
  if (everyH != 1 || everyW != 1)
    return b[Dim::N] * b[Dim::G] * b[Dim::C] *
           realPositionsRead(b[Dim::P], b[Dim::R], b.dilationH, padTop, inputH,
                             everyH, firstH) *
           realPositionsRead(b[Dim::Q], b[Dim::S], b.dilationW, padLeft,
                             inputW, everyW, firstW);
  return b[Dim::N] * b[Dim::G] * b[Dim::C] *
         positionsRead(b[Dim::P], b[Dim::R], b.strideH, b.dilationH, padTop,
                       inputH) *
         positionsRead(b[Dim::Q], b[Dim::S], b.strideW, b.dilationW, padLeft,
                       inputW);
}

std::pair<int64_t, int64_t>
LayerProblem::inputRows(int64_t p0, int64_t p1, int64_t r0, int64_t r1) const {
  Interval i = windowInput({p0, p1}, {r0, r1}, bounds.strideH, bounds.dilationH,
                           padTop, inputH);
  return {i.begin, i.end};
}

std::pair<int64_t, int64_t>
LayerProblem::inputCols(int64_t q0, int64_t q1, int64_t s0, int64_t s1) const {
  Interval i = windowInput({q0, q1}, {s0, s1}, bounds.strideW, bounds.dilationW,
                           padLeft, inputW);
  return {i.begin, i.end};
}

LayerProblem accel::convProblem(llvm::ArrayRef<int64_t> input,
                                llvm::ArrayRef<int64_t> weight,
                                const ConvParams &p, int64_t elementBits) {
  LayerProblem prob;
  Shape out = llvm::cantFail(inferConv2dShape(input, weight, p));
  prob.bounds = conv2dLoopBounds(out, weight, p);
  prob.inputH = input[2];
  prob.inputW = input[3];
  prob.padTop = p.pads[0];
  prob.padLeft = p.pads[1];
  prob.elementBits.v = {elementBits, elementBits, elementBits};
  return prob;
}

LayerProblem accel::matmulProblem(llvm::ArrayRef<int64_t> lhs,
                                  llvm::ArrayRef<int64_t> output,
                                  int64_t elementBits) {
  LayerProblem prob;
  prob.bounds = matmulLoopBounds(lhs, output);
  prob.elementBits.v = {elementBits, elementBits, elementBits};
  return prob;
}

LayerProblem accel::poolProblem(llvm::ArrayRef<int64_t> input,
                                const PoolParams &p, int64_t elementBits) {
  LayerProblem prob;
  Shape out = llvm::cantFail(inferPool2dShape(input, p));
  prob.bounds = pool2dLoopBounds(input, out, p);
  prob.inputH = input[2];
  prob.inputW = input[3];
  if (!p.global) {
    prob.padTop = p.pads[0];
    prob.padLeft = p.pads[1];
  }
  prob.hasWeights = false;
  prob.elementBits.v = {elementBits, elementBits, elementBits};
  return prob;
}

LayerProblem accel::convTransposeProblem(llvm::ArrayRef<int64_t> input,
                                         llvm::ArrayRef<int64_t> weight,
                                         llvm::ArrayRef<int64_t> output,
                                         const ConvParams &cp,
                                         PerTensor<int64_t> elementBits) {
  LayerProblem p;
  p.bounds = convTranspose2dLoopBounds(output, weight, cp);
  p.inputH = (input[2] - 1) * cp.strides[0] + 1;
  p.inputW = (input[3] - 1) * cp.strides[1] + 1;
  p.padTop = cp.dilations[0] * (p.bounds[Dim::R] - 1) - cp.pads[0];
  p.padLeft = cp.dilations[1] * (p.bounds[Dim::S] - 1) - cp.pads[1];
  p.bounds.strideH = p.bounds.strideW = 1;
  p.everyH = cp.strides[0];
  p.everyW = cp.strides[1];
  p.elementBits = elementBits;
  return p;
}

LayerProblem accel::elementwiseProblem(llvm::ArrayRef<int64_t> output,
                                       int64_t numInputs, int64_t window,
                                       int64_t elementBits) {
  LayerProblem p;
  p.bounds = elementwiseLoopBounds(output, window);
  p.bounds.extent[Dim::C] = numInputs;
  p.inputH = p.bounds[Dim::P] + window - 1;
  p.inputW = p.bounds[Dim::Q] + window - 1;
  p.hasWeights = false;
  p.elementBits.v = {elementBits, elementBits, elementBits};
  return p;
}
