//===- SearchSpace.h - The mappings a search may visit ----------*- C++ -*-===//
//
// The searches share one encoding, GAMMA's genome (Kao & Krishna, ICCAD'20,
// §3): a list of levels, outermost first, each a parallel dimension with its
// fan-out and an ordered list of (dimension, tile) pairs for all eight loop
// dimensions; the order is the loop order of the level. Level i's tiles are
// per unit and never exceed level i-1's (the layer's extents for level 0).
//
// A SearchSpace binds the encoding to a layer, an accelerator and the user's
// constraints; `repair` brings any genome back into the space (tiles clamped
// to their parent, fan-outs to the fan-out stage the level lands on, parallel
// dimensions to what that stage can spread), so the genetic operators may be
// blunt. Buffer capacities are not repaired: the cost model rejects a
// mapping that does not fit and the search ranks it last (GAMMA's penalty).
//
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_SEARCHSPACE_H
#define ACCEL_SEARCH_SEARCHSPACE_H

#include "accel/CostModel/CostModel.h"
#include <random>

namespace accel {

using Rng = std::mt19937_64;

struct GenomeLevel {
  Dim spatial = Dim::K;
  int64_t fanout = 1;
  std::array<Dim, kNumDims> order = kAllDims; ///< outermost first
  PerDim<int64_t> tile;                       ///< per unit, >= 1
};

struct Genome {
  uint8_t numLevels = 0;
  std::array<GenomeLevel, kMaxMappingLevels> levels{};
  GenomeLevel &operator[](unsigned i) { return levels[i]; }
  const GenomeLevel &operator[](unsigned i) const { return levels[i]; }

  friend bool operator==(const Genome &a, const Genome &b) {
    if (a.numLevels != b.numLevels)
      return false;
    for (unsigned i = 0; i < a.numLevels; ++i)
      if (a[i].spatial != b[i].spatial || a[i].fanout != b[i].fanout ||
          a[i].order != b[i].order || a[i].tile != b[i].tile)
        return false;
    return true;
  }
};

/// A peer tool whose mapping format the search's mappings must fit (for an
/// export that keeps the mapping: docs/Exports.md).
enum class ExportTarget {
  None,
  /// Timeloop: every tile and fan-out divides its parent (no residuals),
  /// and a dimension spreads along one axis of a memory level's stages.
  Timeloop,
  /// MAESTRO: whole filter rows and columns (R, S) at every level, one
  /// output row (column) per level along a strided axis, tiles that divide
  /// their parents.
  Maestro
};

/// Restrictions a user puts on the search (in addition to the accelerator's).
struct SearchConstraints {
  /// Parallel dimension of each level, outermost first (a fixed dataflow);
  /// empty = free. Also fixes the number of levels.
  llvm::SmallVector<Dim, 4> dataflow;
  /// Loop order of every level, outermost first (fixed dataflows fix it
  /// too); empty = free.
  llvm::SmallVector<Dim, kNumDims> order;
  /// Tiles fixed by the user: (level, dimension, tile).
  struct FixedTile {
    unsigned level;
    Dim dim;
    int64_t tile;
  };
  llvm::SmallVector<FixedTile, 4> fixedTiles;
  ExportTarget exportable = ExportTarget::None;
};

class SearchSpace {
public:
  SearchSpace(const LayerProblem &problem, const Arch &arch,
              SearchConstraints constraints = {});

  const LayerProblem &problem() const { return problem_; }
  const Arch &arch() const { return arch_; }
  const SearchConstraints &constraints() const { return constraints_; }
  unsigned minLevels() const { return minLevels_; }
  unsigned maxLevels() const { return maxLevels_; }
  /// Dimensions with an extent above 1 (the only ones worth tiling,
  /// ordering or spreading).
  llvm::ArrayRef<Dim> activeDims() const { return active_; }

  /// Why the space is empty (no level count the accelerator and the
  /// constraints both allow), or "" when it is not.
  const std::string &emptyReason() const { return emptyReason_; }

  /// A uniformly random genome, repaired (tiles log-uniform in their range).
  Genome random(Rng &rng) const;
  /// Brings `g` into the space (see the file comment). Deterministic.
  void repair(Genome &g) const;
  /// Makes the tiles of `d` a divisor chain from the layer's extent down
  /// (see makeDivisorChain, which also repairs).
  void divisorChain(Genome &g, Dim d) const;
  /// Whether the user fixed the tile of `d` at `level` (repair restores it).
  bool isFixed(unsigned level, Dim d) const;
  /// The #accel.mapping of a genome: loops that run once are left out
  /// (a tile equal to its parent's), except the parallel one.
  Mapping toMapping(const Genome &g) const;
  /// The genome of a mapping (unlisted dimensions take their parent's
  /// extent and go last, in kAllDims order).
  Genome fromMapping(const Mapping &m) const;

  /// Fan-out stage slots the levels of `g` land on, as buildLoopNest assigns
  /// them: slot index per level, or -1 when none is left.
  llvm::SmallVector<int, kMaxMappingLevels> assignStages(const Genome &g) const;

  /// Units the fan-out stage of level `i` has left for it (the stage's size
  /// over the fan-outs of the levels before it on the same stage); 1 when
  /// the level lands on no stage.
  int64_t fanoutRoom(const Genome &g, unsigned i) const;

  /// A random tile in [1, parent], log-uniform (small tiles as likely as
  /// large ones, like powers of two).
  static int64_t randomTile(Rng &rng, int64_t parent);

  struct Slot {
    const FanoutStage *stage;
    unsigned memory; ///< the memory level the stage is below
  };
  llvm::ArrayRef<Slot> slots() const { return slots_; }
  bool stageAllows(const FanoutStage &stage, Dim d) const;

private:
  /// repair without the export target: levels, tiles, stages, fan-outs.
  void repairForSpace(Genome &g) const;
  /// The constraints' export target (repair alternates it with
  /// repairForSpace until neither changes anything).
  void repairForExport(Genome &g) const;

  LayerProblem problem_;
  const Arch &arch_;
  SearchConstraints constraints_;
  unsigned minLevels_ = 1, maxLevels_ = 1;
  llvm::SmallVector<Dim, kNumDims> active_;
  llvm::SmallVector<Slot, 8> slots_;
  std::string emptyReason_;
};

} // namespace accel

#endif // ACCEL_SEARCH_SEARCHSPACE_H
