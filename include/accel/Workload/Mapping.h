//===- Mapping.h - Loop-nest mapping of a layer onto an accelerator -*- C++
//-*-//
//
// A mapping is a list of levels, outermost first. Level i splits the extent
// its parent hands down (E[i-1]; E[-1] is the layer's loop bounds) into tiles:
//   * `tile[d]` is the chunk of dimension d that ONE unit of this level works
//     on per step; 0 means "the whole parent extent" (the dimension is not
//     listed at this level);
//   * at most one dimension is spatial: its tiles are spread over `fanout`
//     units side by side, so one step covers fanout * tile[d] of it;
//   * `order` lists the temporal loops of this level, outermost first; their
//     trip counts are ceil(E[i-1][d] / tile[d]) (divided by the fan-out for
//     the spatial dimension). Unlisted dimensions have trip count 1.
// The innermost level's tile is the work of one processing element, which it
// executes in that level's loop order. This expresses GAMMA's genome (each
// level is an ordered list of (dimension, tile) pairs whose first pair is the
// parallel one) and a Timeloop mapping (one level per memory level: temporal
// factors + permutation; spatial factors as levels with a fan-out).
//
// The struct is a fixed-size value type so that the cost model and the
// searches can copy and evaluate mappings without touching the heap.
// Pure header: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_MAPPING_H
#define ACCEL_WORKLOAD_MAPPING_H

#include "accel/Workload/Dims.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

namespace accel {

inline constexpr unsigned kMaxMappingLevels = 8;

struct MappingLevel {
  std::optional<Dim> spatial; ///< the parallel dimension, if any
  int64_t fanout = 1;         ///< units used side by side along `spatial`
  uint8_t numLoops = 0;       ///< entries of `order` in use
  std::array<Dim, kNumDims> order{}; ///< temporal loops, outermost first
  PerDim<int64_t> tile;              ///< per-unit tile; 0 = whole parent extent

  llvm::ArrayRef<Dim> loops() const { return {order.data(), numLoops}; }
  /// Appends a temporal loop over `d` with tile size `size`.
  void addLoop(Dim d, int64_t size) {
    order[numLoops++] = d;
    tile[d] = size;
  }
  bool lists(Dim d) const { return llvm::is_contained(loops(), d); }

  friend bool operator==(const MappingLevel &a, const MappingLevel &b) {
    return a.spatial == b.spatial && a.fanout == b.fanout &&
           a.loops() == b.loops() && a.tile == b.tile;
  }
};

struct Mapping {
  uint8_t numLevels = 0;
  std::array<MappingLevel, kMaxMappingLevels> levelStorage{};

  llvm::ArrayRef<MappingLevel> levels() const {
    return {levelStorage.data(), numLevels};
  }
  MappingLevel &level(unsigned i) { return levelStorage[i]; }
  const MappingLevel &level(unsigned i) const { return levelStorage[i]; }
  MappingLevel &addLevel() {
    levelStorage[numLevels] = MappingLevel();
    return levelStorage[numLevels++];
  }

  /// Tile of `d` at level `i` with 0 ("whole") resolved against `bounds`.
  int64_t resolvedTile(unsigned i, Dim d, const LoopBounds &bounds) const;
  /// Temporal trip count of `d` at level `i` (spatial division included).
  int64_t tripCount(unsigned i, Dim d, const LoopBounds &bounds) const;

  friend bool operator==(const Mapping &a, const Mapping &b) {
    return a.levels() == b.levels();
  }
  friend bool operator!=(const Mapping &a, const Mapping &b) {
    return !(a == b);
  }
};

llvm::hash_code hash_value(const Mapping &m);

/// Checks a mapping. Without `bounds`, only what the mapping says about itself
/// (each dimension listed once per level, tiles >= 1, a spatial dimension has
/// a tile, an inner tile fits in an explicit outer one). With `bounds`, also
/// that every tile and every spatial fan-out x tile fits in its parent extent.
/// The error message names the level and the dimension.
llvm::Error verifyMapping(const Mapping &m, const LoopBounds *bounds = nullptr);

/// Prints the textual form used by #accel.mapping<...>:
///   [K*16 | C:64 P:56 K:4], [C*12 | R:3 S:3 C:1]
void printMapping(llvm::raw_ostream &os, const Mapping &m);

} // namespace accel

#endif // ACCEL_WORKLOAD_MAPPING_H
