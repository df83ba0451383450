//===- Dims.h - The loop dimensions of a layer ------------------*- C++ -*-===//
//
// Every layer is a loop nest over *output* coordinates (BRIEF §4):
//   N batch, K output channels (per group), C input channels (per group),
//   P output rows, Q output columns, R filter rows, S filter columns, G groups.
// Pure header: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_DIMS_H
#define ACCEL_WORKLOAD_DIMS_H

#include "llvm/ADT/StringRef.h"
#include <array>
#include <cstdint>
#include <optional>

namespace accel {

enum class Dim : uint8_t { N, K, C, P, Q, R, S, G };
inline constexpr unsigned kNumDims = 8;
inline constexpr std::array<Dim, kNumDims> kAllDims = {
    Dim::N, Dim::K, Dim::C, Dim::P, Dim::Q, Dim::R, Dim::S, Dim::G};

/// One-letter name of a dimension ("N", "K", ...).
llvm::StringRef dimName(Dim d);
/// Inverse of dimName; std::nullopt for anything else.
std::optional<Dim> parseDim(llvm::StringRef name);

inline constexpr unsigned idx(Dim d) { return static_cast<unsigned>(d); }

/// A value per loop dimension.
template <typename T> struct PerDim {
  std::array<T, kNumDims> v{};
  constexpr T &operator[](Dim d) { return v[idx(d)]; }
  constexpr const T &operator[](Dim d) const { return v[idx(d)]; }
  friend bool operator==(const PerDim &a, const PerDim &b) {
    return a.v == b.v;
  }
  friend bool operator!=(const PerDim &a, const PerDim &b) { return !(a == b); }
};

/// The iteration space of one layer: loop extents plus the window parameters
/// that relate output coordinates to input coordinates.
struct LoopBounds {
  PerDim<int64_t> extent; ///< trip count of each dimension (all >= 1)
  int64_t strideH = 1, strideW = 1;
  int64_t dilationH = 1, dilationW = 1;

  LoopBounds() {
    for (Dim d : kAllDims)
      extent[d] = 1;
  }
  int64_t operator[](Dim d) const { return extent[d]; }
  /// Number of loop iterations (multiply-accumulates for a convolution).
  int64_t iterations() const {
    int64_t n = 1;
    for (Dim d : kAllDims)
      n *= extent[d];
    return n;
  }
};

} // namespace accel

#endif // ACCEL_WORKLOAD_DIMS_H
