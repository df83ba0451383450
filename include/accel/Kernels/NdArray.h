//===- NdArray.h - A dense tensor of numbers for reference runs -*- C++ -*-===//
//
// What the reference kernels and the executor compute on: a static shape and
// its elements, row-major, held as double (every element type the networks
// use, f32/f16/bf16 and integers up to 32 bits, is exact in a double; the
// executor rounds to the IR's element type where a command stores). Pure: no
// MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_KERNELS_NDARRAY_H
#define ACCEL_KERNELS_NDARRAY_H

#include "accel/Workload/ShapeArith.h"
#include "llvm/Support/MathExtras.h"
#include <algorithm>
#include <vector>

namespace accel {

/// The most elements an array of a reference run may hold (8 GiB of
/// doubles): the interpreter, the executor and accel-run refuse larger
/// tensors and buffers with an error instead of exhausting memory.
constexpr int64_t kMaxArrayElements = int64_t(1) << 30;

/// Whether an array of `shape` stays within kMaxArrayElements (its element
/// count computed without overflow).
inline bool fitsArray(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (d < 0 || llvm::MulOverflow(n, d, n) || n > kMaxArrayElements)
      return false;
  return true;
}

struct NdArray {
  Shape shape;
  std::vector<double> data;

  NdArray() = default;
  /// Zeros of `shape`.
  explicit NdArray(llvm::ArrayRef<int64_t> shape)
      : shape(shape.begin(), shape.end()), data(numElements(shape), 0.0) {}
  static NdArray filled(llvm::ArrayRef<int64_t> shape, double value) {
    NdArray a(shape);
    std::fill(a.data.begin(), a.data.end(), value);
    return a;
  }

  int64_t size() const { return int64_t(data.size()); }
  unsigned rank() const { return shape.size(); }
  /// Row-major strides, in elements.
  Shape strides() const {
    Shape s(shape.size(), 1);
    for (int i = int(shape.size()) - 2; i >= 0; --i)
      s[i] = s[i + 1] * shape[i + 1];
    return s;
  }
  /// Element [n][c][h][w] of a rank-4 array.
  double &at(int64_t n, int64_t c, int64_t h, int64_t w) {
    return data[((n * shape[1] + c) * shape[2] + h) * shape[3] + w];
  }
  double at(int64_t n, int64_t c, int64_t h, int64_t w) const {
    return data[((n * shape[1] + c) * shape[2] + h) * shape[3] + w];
  }
};

/// Visits every index of a box of `sizes`, row-major: f(index).
template <typename F> void forEachIndex(llvm::ArrayRef<int64_t> sizes, F f) {
  int64_t n = numElements(sizes);
  Shape idx(sizes.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    f(llvm::ArrayRef<int64_t>(idx));
    for (int d = int(sizes.size()) - 1; d >= 0; --d) {
      if (++idx[d] < sizes[d])
        break;
      idx[d] = 0;
    }
  }
}

/// Row-major position of element `offsets + idx * steps` (steps: 1 when
/// empty) in an array of `shape`.
inline int64_t linearIndex(llvm::ArrayRef<int64_t> shape,
                           llvm::ArrayRef<int64_t> offsets,
                           llvm::ArrayRef<int64_t> idx,
                           llvm::ArrayRef<int64_t> steps = {}) {
  int64_t at = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    at = at * shape[d] + offsets[d] + idx[d] * (steps.empty() ? 1 : steps[d]);
  return at;
}

} // namespace accel

#endif // ACCEL_KERNELS_NDARRAY_H
