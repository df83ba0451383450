//===- Reference.cpp - Reference kernels of the accel operators -----------===//

#include "accel/Kernels/Reference.h"
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <thread>

using namespace accel;
using namespace accel::kernels;

namespace {

/// Runs body(i) for i in [0, n) on up to `threads` threads, in contiguous
/// chunks (each i's work is independent of the others').
template <typename F> void parallelFor(int64_t n, unsigned threads, F body) {
  unsigned t = std::max(1u, std::min<unsigned>(threads, unsigned(n)));
  if (t <= 1) {
    for (int64_t i = 0; i < n; ++i)
      body(i);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned k = 0; k < t; ++k)
    pool.emplace_back([&, k] {
      for (int64_t i = n * k / t; i < n * (k + 1) / t; ++i)
        body(i);
    });
  for (std::thread &th : pool)
    th.join();
}

/// Shapes come from verified IR (or tests that build them so).
Shape checked(llvm::Expected<Shape> s) { return llvm::cantFail(std::move(s)); }

} // namespace

double Activation::apply(double x) const {
  switch (kind) {
  case Kind::None:
    return x;
  case Kind::Relu:
    return x > 0 ? x : 0;
  case Kind::Relu6:
    return std::clamp(x, 0.0, 6.0);
  case Kind::Clip:
    return std::clamp(x, alpha, beta);
  case Kind::Sigmoid:
    return 1 / (1 + std::exp(-x));
  case Kind::HardSigmoid:
    return std::clamp(alpha * x + beta, 0.0, 1.0);
  case Kind::HardSwish:
    return x * std::clamp(x + 3, 0.0, 6.0) / 6;
  case Kind::LeakyRelu:
    return x < 0 ? alpha * x : x;
  case Kind::Tanh:
    return std::tanh(x);
  case Kind::Silu:
    return x / (1 + std::exp(-x));
  case Kind::Gelu:
    return x * 0.5 * (1 + std::erf(x / std::sqrt(2.0)));
  }
  return x;
}

void accel::kernels::activate(NdArray &a, const Activation &act) {
  if (act.kind == Activation::Kind::None)
    return;
  for (double &v : a.data)
    v = act.apply(v);
}

NdArray accel::kernels::quantize(const NdArray &input, double scale,
                                 int64_t zeroPoint, int64_t lo, int64_t hi) {
  NdArray out = input;
  for (double &v : out.data)
    v = std::clamp(std::nearbyint(v / scale) + double(zeroPoint), double(lo),
                   double(hi));
  return out;
}

NdArray accel::kernels::dequantize(const NdArray &input,
                                   llvm::ArrayRef<double> scales, int64_t axis,
                                   int64_t zeroPoint) {
  NdArray out = input;
  AxisIndexer channel = axisIndexer(input.shape, axis, scales.size());
  for (int64_t i = 0; i < out.size(); ++i)
    out.data[i] = (out.data[i] - double(zeroPoint)) * scales[channel(i)];
  return out;
}

NdArray accel::kernels::layerNorm(const NdArray &input, double epsilon,
                                  size_t axis) {
  NdArray out = input;
  if (axis >= input.shape.size())
    return out;
  // Each (outer, inner) pair is one row of `d` elements `inner` apart.
  int64_t d = input.shape[axis], inner = 1;
  for (size_t i = axis + 1; i < input.shape.size(); ++i)
    inner *= input.shape[i];
  int64_t rows = d * inner == 0 ? 0 : out.size() / (d * inner) * inner;
  for (int64_t row = 0; row < rows; ++row) {
    double *v = out.data.data() + (row / inner) * d * inner + row % inner;
    double mean = 0, var = 0;
    for (int64_t i = 0; i < d; ++i)
      mean += v[i * inner];
    mean /= double(d);
    for (int64_t i = 0; i < d; ++i)
      var += (v[i * inner] - mean) * (v[i * inner] - mean);
    double scale = 1 / std::sqrt(var / double(d) + epsilon);
    for (int64_t i = 0; i < d; ++i)
      v[i * inner] = (v[i * inner] - mean) * scale;
  }
  return out;
}

NdArray accel::kernels::conv2d(const NdArray &in, const NdArray &w,
                               const NdArray *bias, const ConvParams &p,
                               const Activation &act, unsigned threads) {
  NdArray out(checked(inferConv2dShape(in.shape, w.shape, p)));
  int64_t N = out.shape[0], K = out.shape[1], P = out.shape[2],
          Q = out.shape[3];
  int64_t H = in.shape[2], W = in.shape[3], Cg = w.shape[1], R = w.shape[2],
          S = w.shape[3], Kg = K / p.groups;
  parallelFor(N * K, threads, [&](int64_t nk) {
    int64_t n = nk / K, k = nk % K, c0 = (k / Kg) * Cg;
    for (int64_t y = 0; y < P; ++y)
      for (int64_t x = 0; x < Q; ++x) {
        double sum = bias ? bias->data[k] : 0;
        for (int64_t c = 0; c < Cg; ++c)
          for (int64_t r = 0; r < R; ++r) {
            int64_t h = y * p.strides[0] - p.pads[0] + r * p.dilations[0];
            if (h < 0 || h >= H)
              continue;
            for (int64_t s = 0; s < S; ++s) {
              int64_t v = x * p.strides[1] - p.pads[1] + s * p.dilations[1];
              if (v < 0 || v >= W)
                continue;
              sum += in.at(n, c0 + c, h, v) * w.at(k, c, r, s);
            }
          }
        out.at(n, k, y, x) = act.apply(sum);
      }
  });
  return out;
}

NdArray accel::kernels::convTranspose2d(const NdArray &in, const NdArray &w,
                                        const NdArray *bias,
                                        const ConvParams &p,
                                        const Activation &act,
                                        unsigned threads) {
  NdArray out(checked(inferConvTranspose2dShape(in.shape, w.shape, p)));
  int64_t N = out.shape[0], K = out.shape[1], P = out.shape[2],
          Q = out.shape[3];
  int64_t C = in.shape[1], H = in.shape[2], W = in.shape[3], Kg = w.shape[1],
          R = w.shape[2], S = w.shape[3], Cg = C / p.groups;
  parallelFor(N * K, threads, [&](int64_t nk) {
    int64_t n = nk / K, k = nk % K, g = k / Kg, kl = k % Kg;
    for (int64_t y = 0; y < P; ++y)
      for (int64_t x = 0; x < Q; ++x) {
        // Gather: input row h feeds output row h * stride - pad + r * dil.
        double sum = bias ? bias->data[k] : 0;
        for (int64_t c = g * Cg; c < (g + 1) * Cg; ++c)
          for (int64_t r = 0; r < R; ++r) {
            int64_t hs = y + p.pads[0] - r * p.dilations[0];
            if (hs < 0 || hs % p.strides[0] != 0 || hs / p.strides[0] >= H)
              continue;
            for (int64_t s = 0; s < S; ++s) {
              int64_t ws = x + p.pads[1] - s * p.dilations[1];
              if (ws < 0 || ws % p.strides[1] != 0 || ws / p.strides[1] >= W)
                continue;
              sum += in.at(n, c, hs / p.strides[0], ws / p.strides[1]) *
                     w.at(c, kl, r, s);
            }
          }
        out.at(n, k, y, x) = act.apply(sum);
      }
  });
  return out;
}

NdArray accel::kernels::matmul(const NdArray &lhs, const NdArray &rhs,
                               const NdArray *bias, bool transposeRhs,
                               const Activation &act, unsigned threads) {
  NdArray out(checked(inferMatmulShape(lhs.shape, rhs.shape, transposeRhs)));
  unsigned r = lhs.rank();
  int64_t B = r == 3 ? lhs.shape[0] : 1, M = lhs.shape[r - 2],
          Kd = lhs.shape[r - 1], N = out.shape[r - 1];
  parallelFor(B * N, threads, [&](int64_t bn) {
    int64_t b = bn / N, j = bn % N;
    const double *A = lhs.data.data() + b * M * Kd;
    const double *Bm = rhs.data.data() + b * Kd * N;
    for (int64_t i = 0; i < M; ++i) {
      double sum = bias ? bias->data[j] : 0;
      for (int64_t k = 0; k < Kd; ++k)
        sum += A[i * Kd + k] * (transposeRhs ? Bm[j * Kd + k] : Bm[k * N + j]);
      out.data[(b * M + i) * N + j] = act.apply(sum);
    }
  });
  return out;
}

NdArray accel::kernels::pool2d(const NdArray &in, PoolKind kind,
                               const PoolParams &p, bool countIncludePad) {
  NdArray out(checked(inferPool2dShape(in.shape, p)));
  int64_t N = out.shape[0], C = out.shape[1], P = out.shape[2],
          Q = out.shape[3], H = in.shape[2], W = in.shape[3];
  std::array<int64_t, 2> kernel =
      p.global ? std::array<int64_t, 2>{H, W} : p.kernel;
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t y = 0; y < P; ++y)
        for (int64_t x = 0; x < Q; ++x) {
          int64_t h0 = p.global ? 0 : y * p.strides[0] - p.pads[0];
          int64_t w0 = p.global ? 0 : x * p.strides[1] - p.pads[1];
          double best = -std::numeric_limits<double>::infinity(), sum = 0;
          int64_t inside = 0, padded = 0;
          for (int64_t r = 0; r < kernel[0]; ++r)
            for (int64_t s = 0; s < kernel[1]; ++s) {
              int64_t h = h0 + r * (p.global ? 1 : p.dilations[0]);
              int64_t v = w0 + s * (p.global ? 1 : p.dilations[1]);
              // Taps in the padded input count for count_include_pad.
              bool inPadded =
                  p.global || (h < H + p.pads[2] && v < W + p.pads[3]);
              padded += inPadded;
              if (h < 0 || h >= H || v < 0 || v >= W)
                continue;
              double e = in.at(n, c, h, v);
              best = std::max(best, e);
              sum += e;
              ++inside;
            }
          double value;
          if (kind == PoolKind::Max)
            value = best;
          else
            value = sum / double(countIncludePad ? padded : inside);
          out.at(n, c, y, x) = value;
        }
  return out;
}

NdArray accel::kernels::binary(BinaryKind kind, const NdArray &lhs,
                               const NdArray &rhs, const Activation &act) {
  NdArray out(checked(broadcastShapes(lhs.shape, rhs.shape)));
  unsigned r = out.rank();
  // Each operand's strides aligned to the output's dimensions (0 where it
  // broadcasts).
  auto aligned = [&](const NdArray &a) {
    Shape s(r, 0), own = a.strides();
    for (unsigned i = 0; i < a.rank(); ++i) {
      unsigned d = r - a.rank() + i;
      s[d] = a.shape[i] == 1 ? 0 : own[i];
    }
    return s;
  };
  Shape ls = aligned(lhs), rs = aligned(rhs), os = out.strides();
  for (int64_t i = 0; i < out.size(); ++i) {
    int64_t li = 0, ri = 0, rest = i;
    for (unsigned d = 0; d < r; ++d) {
      int64_t coord = rest / os[d];
      rest %= os[d];
      li += coord * ls[d];
      ri += coord * rs[d];
    }
    double v = kind == BinaryKind::Add ? lhs.data[li] + rhs.data[ri]
                                       : lhs.data[li] * rhs.data[ri];
    out.data[i] = act.apply(v);
  }
  return out;
}

NdArray accel::kernels::concat(llvm::ArrayRef<const NdArray *> inputs,
                               int64_t axis) {
  llvm::SmallVector<llvm::ArrayRef<int64_t>> shapes;
  for (const NdArray *a : inputs)
    shapes.push_back(a->shape);
  NdArray out(checked(inferConcatShape(shapes, axis)));
  // Outer = product of dims before the axis; each input contributes a
  // contiguous block of (its axis extent x inner) per outer index.
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= out.shape[d];
  for (unsigned d = axis + 1; d < out.rank(); ++d)
    inner *= out.shape[d];
  int64_t at = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (const NdArray *a : inputs) {
      int64_t block = a->shape[axis] * inner;
      std::copy_n(a->data.begin() + o * block, block, out.data.begin() + at);
      at += block;
    }
  return out;
}

NdArray accel::kernels::resize(const NdArray &in, ResizeMode mode,
                               llvm::ArrayRef<int64_t> scales,
                               bool alignCorners) {
  NdArray out(checked(inferResizeShape(in.shape, scales)));
  int64_t N = out.shape[0], C = out.shape[1], P = out.shape[2],
          Q = out.shape[3], H = in.shape[2], W = in.shape[3];
  // Where output index y samples the input along an axis of `n` -> `m`.
  auto source = [&](int64_t y, int64_t n, int64_t m, int64_t scale) {
    if (alignCorners)
      return m > 1 ? double(y) * double(n - 1) / double(m - 1) : 0.0;
    return std::max(0.0, (double(y) + 0.5) / double(scale) - 0.5);
  };
  for (int64_t n = 0; n < N; ++n)
    for (int64_t c = 0; c < C; ++c)
      for (int64_t y = 0; y < P; ++y)
        for (int64_t x = 0; x < Q; ++x) {
          if (mode == ResizeMode::Nearest) {
            out.at(n, c, y, x) = in.at(n, c, y / scales[0], x / scales[1]);
            continue;
          }
          double sy = source(y, H, P, scales[0]),
                 sx = source(x, W, Q, scales[1]);
          int64_t y0 = std::min<int64_t>(int64_t(sy), H - 1),
                  x0 = std::min<int64_t>(int64_t(sx), W - 1);
          int64_t y1 = std::min(y0 + 1, H - 1), x1 = std::min(x0 + 1, W - 1);
          double ly = sy - y0, lx = sx - x0;
          out.at(n, c, y, x) =
              (1 - ly) *
                  ((1 - lx) * in.at(n, c, y0, x0) + lx * in.at(n, c, y0, x1)) +
              ly * ((1 - lx) * in.at(n, c, y1, x0) + lx * in.at(n, c, y1, x1));
        }
  return out;
}

namespace {
/// Calls f(linear index in `outer`, linear index in the box) for every
/// element of the box `offsets` + `sizes` of an array of shape `outer`.
template <typename F>
void forEachInBox(llvm::ArrayRef<int64_t> outer,
                  llvm::ArrayRef<int64_t> offsets,
                  llvm::ArrayRef<int64_t> sizes, F f) {
  int64_t n = numElements(sizes);
  Shape idx(sizes.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    int64_t at = 0;
    for (size_t d = 0; d < sizes.size(); ++d)
      at = at * outer[d] + offsets[d] + idx[d];
    f(at, i);
    for (int d = int(sizes.size()) - 1; d >= 0; --d) {
      if (++idx[d] < sizes[d])
        break;
      idx[d] = 0;
    }
  }
}
} // namespace

NdArray accel::kernels::slice(const NdArray &in,
                              llvm::ArrayRef<int64_t> offsets,
                              llvm::ArrayRef<int64_t> sizes) {
  NdArray out(sizes);
  forEachInBox(in.shape, offsets, sizes,
               [&](int64_t at, int64_t i) { out.data[i] = in.data[at]; });
  return out;
}

NdArray accel::kernels::insertSlice(const NdArray &source, NdArray dest,
                                    llvm::ArrayRef<int64_t> offsets) {
  forEachInBox(dest.shape, offsets, source.shape,
               [&](int64_t at, int64_t i) { dest.data[at] = source.data[i]; });
  return dest;
}

NdArray accel::kernels::transpose(const NdArray &in,
                                  llvm::ArrayRef<int64_t> perm) {
  unsigned rank = in.rank();
  Shape p(perm.begin(), perm.end());
  if (p.empty())
    for (unsigned d = 0; d < rank; ++d)
      p.push_back(rank - 1 - d);
  Shape shape(rank);
  for (unsigned d = 0; d < rank; ++d)
    shape[d] = in.shape[p[d]];
  NdArray out(shape);
  Shape strides = in.strides();
  int64_t at = 0;
  forEachIndex(shape, [&](llvm::ArrayRef<int64_t> idx) {
    int64_t from = 0;
    for (unsigned d = 0; d < rank; ++d)
      from += idx[d] * strides[p[d]];
    out.data[at++] = in.data[from];
  });
  return out;
}

NdArray accel::kernels::slice(const NdArray &in, llvm::ArrayRef<int64_t> starts,
                              llvm::ArrayRef<int64_t> ends,
                              llvm::ArrayRef<int64_t> axes,
                              llvm::ArrayRef<int64_t> steps) {
  unsigned rank = in.rank();
  Shape begin(rank, 0), step(rank, 1), shape(in.shape.begin(), in.shape.end());
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t axis = axes.empty() ? int64_t(i) : axes[i];
    if (axis < 0)
      axis += rank;
    int64_t dim = in.shape[axis], s = steps.empty() ? 1 : steps[i];
    auto clamp = [&](int64_t v, int64_t lo, int64_t hi) {
      if (v < 0)
        v += dim;
      return std::clamp(v, lo, hi);
    };
    // ONNX: bounds clamped to [0, dim] for a positive step; for a negative
    // one, the start to [0, dim - 1] and the end to [-1, dim - 1].
    int64_t b = s > 0 ? clamp(starts[i], 0, dim) : clamp(starts[i], 0, dim - 1);
    int64_t e = s > 0 ? clamp(ends[i], 0, dim) : clamp(ends[i], -1, dim - 1);
    int64_t n = s > 0 ? (e - b + s - 1) / s : (b - e - s - 1) / -s;
    begin[axis] = b;
    step[axis] = s;
    shape[axis] = std::max<int64_t>(0, n);
  }
  NdArray out(shape);
  int64_t at = 0;
  forEachIndex(shape, [&](llvm::ArrayRef<int64_t> idx) {
    out.data[at++] = in.data[linearIndex(in.shape, begin, idx, step)];
  });
  return out;
}

NdArray accel::kernels::reshape(const NdArray &in,
                                llvm::ArrayRef<int64_t> shape) {
  assert(numElements(shape) == in.size() && "reshape keeps the elements");
  NdArray out;
  out.shape.assign(shape.begin(), shape.end());
  out.data = in.data;
  return out;
}
