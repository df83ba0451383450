//===- GroupSchedule.h - How a layer group runs ----------------*- C++ -*-===//
//
// A layer group's schedule: everything needed to cost, verify and lower the
// group besides its layers and their mappings (docs/Tiling.md). It is the
// value of the `#accel.schedule` attribute on `accel.group`; a group without
// the attribute runs with GroupSchedule::defaults(). Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_GROUPSCHEDULE_H
#define ACCEL_WORKLOAD_GROUPSCHEDULE_H

#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cstdint>
#include <optional>

namespace accel {

/// Rows two consecutive tiles share: kept on chip (fusion without
/// recomputation) or recomputed (and reloaded for the group's inputs).
enum class HaloPolicy : uint8_t { Keep, Recompute };
/// The group's weights: loaded once and kept, or reloaded for every tile
/// (only the running layer's, and the next one's when double buffered).
enum class WeightPolicy : uint8_t { Resident, Streamed };
/// Depth-first: per tile, every layer in turn on the whole PE array.
/// Pipelined: the PE array is shared out among the layers, which run
/// concurrently on consecutive tiles.
enum class ExecutionMode : uint8_t { DepthFirst, Pipelined };

/// How the on-chip level the group lives in is shared between weights and
/// activations.
struct BufferSplit {
  enum class Kind : uint8_t {
    Arch,   ///< as the accelerator describes the level (partitioned or not)
    Shared, ///< one pool for everything
    Weights ///< `weightBytes` for weights, the rest for activations
  };
  Kind kind = Kind::Arch;
  int64_t weightBytes = 0;

  friend bool operator==(const BufferSplit &a, const BufferSplit &b) {
    return a.kind == b.kind &&
           (a.kind != Kind::Weights || a.weightBytes == b.weightBytes);
  }
};

/// The most tiles a group is cut into: the group model keeps a region per
/// tile and tensor, so a 2^24-row network cut into 1-row tiles would take
/// gigabytes and minutes per candidate. Real networks (at most ~2,000 rows)
/// never need more; taller ones get taller tiles.
constexpr int64_t kMaxGroupTiles = 4096;

/// The fewest rows per tile that keep a group of `height` rows within
/// kMaxGroupTiles tiles.
inline int64_t minTileRows(int64_t height) {
  return std::max<int64_t>(1, (height + kMaxGroupTiles - 1) / kMaxGroupTiles);
}

struct GroupSchedule {
  /// Output rows per tile of the group's tallest output; outputs of other
  /// heights are cut into as many tiles, proportionally (docs/Tiling.md).
  int64_t rows = 4;
  HaloPolicy halo = HaloPolicy::Keep;
  WeightPolicy weights = WeightPolicy::Resident;
  /// DRAM transfers overlap compute (the group's inputs are prefetched a
  /// tile ahead, its outputs drained a tile behind), and layers' inner
  /// tiles are double-buffered.
  bool doubleBuffer = true;
  BufferSplit split;
  ExecutionMode mode = ExecutionMode::DepthFirst;
  /// Pipelined: units of the array's outermost fan-out stage given to each
  /// computing layer of the group, in body order.
  llvm::SmallVector<int64_t, 4> pes;

  /// The schedule of a group without `#accel.schedule`, of a group whose
  /// tallest output has `height` rows: tiles of min(4, height) rows (at
  /// least minTileRows(height)), halos
  /// kept, weights resident, double buffering, the accelerator's split,
  /// depth first. Defined here only.
  static GroupSchedule defaults(int64_t height);

  /// What the schedule says about itself: rows >= 1, a split of >= 0 bytes,
  /// PE shares >= 1 exactly when pipelined, pipelined groups keep their
  /// weights resident. The message names the field.
  llvm::Error check() const;

  friend bool operator==(const GroupSchedule &a, const GroupSchedule &b) {
    return a.rows == b.rows && a.halo == b.halo && a.weights == b.weights &&
           a.doubleBuffer == b.doubleBuffer && a.split == b.split &&
           a.mode == b.mode && a.pes == b.pes;
  }
  friend bool operator!=(const GroupSchedule &a, const GroupSchedule &b) {
    return !(a == b);
  }
};

llvm::hash_code hash_value(const GroupSchedule &s);
llvm::hash_code hash_value(const BufferSplit &s);

llvm::StringRef haloPolicyName(HaloPolicy h);       ///< keep, recompute
llvm::StringRef weightPolicyName(WeightPolicy w);   ///< resident, streamed
llvm::StringRef executionModeName(ExecutionMode m); ///< depth_first, ...
std::optional<HaloPolicy> parseHaloPolicy(llvm::StringRef s);
std::optional<WeightPolicy> parseWeightPolicy(llvm::StringRef s);
std::optional<ExecutionMode> parseExecutionMode(llvm::StringRef s);

/// The body of `#accel.schedule<...>`, defaults left out:
/// "rows = 4, halo = recompute, mode = pipelined, pes = [4, 8]".
void printSchedule(llvm::raw_ostream &os, const GroupSchedule &s);

} // namespace accel

#endif // ACCEL_WORKLOAD_GROUPSCHEDULE_H
