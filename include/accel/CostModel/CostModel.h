//===- CostModel.h - Analytical cost of a mapped layer ----------*- C++ -*-===//
//
// Counts, for one layer, one accelerator and one mapping, every access of
// every tensor at every memory level, the compute cycles, and derives
// latency, energy, EDP, power and utilisation. The counting rules (docs/
// CostModel.md) are those of the literal loop-nest simulator in
// test/Unit/CostModel, which the model matches exactly:
//
//  * a memory instance holds the tile its position in the loop nest delimits
//    and refills the whole tile when a loop above it that indexes the tensor
//    advances (temporal reuse = stationarity from the loop order); input
//    tiles sliding along a row or column loop keep the rows (columns) they
//    share with the previous one (line buffers);
//  * a parent serves its children's refills of one step with one read per
//    distinct element when the fan-out stages in between multicast;
//  * partial sums: children start from zero and write their tile back when
//    it changes; the parent adds what arrives (reduced in the network when
//    the stages support it), a read-modify-write except for the first
//    contribution of a residency;
//  * every MAC reads its weight and input from the innermost level holding
//    them and updates the innermost level holding the output.
//
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_COSTMODEL_COSTMODEL_H
#define ACCEL_COSTMODEL_COSTMODEL_H

#include "accel/CostModel/LoopNest.h"
#include <optional>
#include <string>

namespace accel {

struct CostOptions {
  /// Tiles that are refilled take twice their size so that transfers
  /// overlap compute; latency is then max(compute, each level's transfers).
  /// Without it, transfers and compute add up.
  bool doubleBuffering = true;
  /// A level keeps the rows (columns) that consecutive input tiles share
  /// when its tiles slide along a window dimension, and fetches only the
  /// new ones (a line buffer); without it, every refill fetches the whole
  /// tile.
  bool slidingWindows = true;
  /// The problem is one piece of a sequence along this dimension (a layer
  /// group's row tiles, one after the other): the tiles of every tensor the
  /// dimension indexes are refilled from piece to piece, whatever the loops
  /// inside, and double buffering sizes them so. A mapping that fits one
  /// piece under it fits every piece the same mapping runs (GroupCost.h's
  /// adaptMapping keeps the inner tiles).
  std::optional<Dim> sequence;

  /// The fields that change a result, as one comparable value (searches
  /// cached per problem are cached per this too).
  int64_t key() const {
    return int64_t(doubleBuffering) | int64_t(slidingWindows) << 1 |
           (sequence ? int64_t(*sequence) + 1 : 0) << 2;
  }
  /// A mapping whose tiles do not fit returns once that is known, with its
  /// occupancy but without accesses, time or energy (a search that drops
  /// invalid mappings needs no more).
  bool stopWhenInvalid = false;
  /// Invalid mappings get their reason as text (CostResult::reason). A
  /// search that rejects thousands formats only the ones it reports
  /// (describeOverflow) and reads CostResult::overflow.
  bool describeInvalid = true;
};

/// Where a mapping's tiles do not fit: the first memory level (innermost
/// last) that overflows.
struct Overflow {
  unsigned memory = 0; ///< index into Arch::memories
  /// The partition that overflows; none = the level's shared capacity.
  std::optional<Tensor> tensor;
  /// A layer group's activations (GroupCost.h): the level's input and
  /// output partitions, or the activations' part of the group's split.
  bool activations = false;
  /// A layer group's buffers overflow (not one layer's tiles).
  bool group = false;
  int64_t need = 0; ///< bytes per instance
  int64_t have = 0; ///< bytes per instance
};

/// Accesses and occupancy of one memory level, summed over its instances.
struct LevelCost {
  PerTensor<int64_t> reads;  ///< elements read
  PerTensor<int64_t> writes; ///< elements written
  PerTensor<int64_t> tile;   ///< elements of the largest tile per instance
  PerTensor<int64_t> bytes;  ///< bytes per instance (with double buffering)
  int64_t instances = 1;     ///< instances in use
  /// The mapping level whose tiles this level holds (LoopNest::tileLevel).
  unsigned mappingLevel = 0;
  double energy = 0;         ///< pJ
  double transferCycles = 0; ///< cycles the busiest port of one instance needs
};

struct CostResult {
  bool valid = false;
  std::string reason; ///< why the mapping is invalid
  /// Set when the mapping binds but its tiles do not fit.
  std::optional<Overflow> overflow;
  int64_t macs = 0;
  int64_t computeCycles = 0; ///< cycles the PEs spend computing
  double cycles = 0;         ///< latency with transfers
  double energy = 0;         ///< pJ, memories + MACs
  double macEnergy = 0;      ///< pJ
  double edp = 0;            ///< energy (pJ) x cycles
  double seconds = 0;
  double powerWatts = 0;
  double utilization = 0;                 ///< MACs / (cycles x PEs)
  int64_t dramBytes = 0;                  ///< read + written
  llvm::SmallVector<LevelCost, 6> levels; ///< indexed like Arch::memories
  /// Lower bounds: MACs / PEs, and each tensor moved once over DRAM.
  int64_t computeBound = 0;
  double dramBound = 0;
};

/// Fills a result's derived figures from its cycles, energy and MACs on
/// `arch`: EDP, seconds, power and utilisation.
void finishCost(CostResult &r, const Arch &arch);
/// Adds `c`, run after what `into` counts: cycles, energy, MACs, DRAM
/// bytes, bounds and every level's accesses add up (call finishCost after
/// the last). `into` must have as many levels, or none yet.
void addCost(CostResult &into, const CostResult &c);
/// Adds one level's accesses, energy and transfer time to another's (tile
/// and bytes: the larger).
void addLevelCost(LevelCost &to, const LevelCost &from);

/// What overflows: "PESpad: weights", "GlobalBuffer: the tiles".
std::string overflowWhere(const Arch &arch, const Overflow &o);
/// "PESpad: weights need 540 B per instance but 384 B are available (over
/// by 156 B)".
std::string describeOverflow(const Arch &arch, const Overflow &o);

/// The part of an unmodelled operator's cost that is certain: its operands
/// read from DRAM (`readBytes`) and its results written back
/// (`writtenBytes`), at DRAM's bandwidth and energy. A lower bound: no
/// compute, no on-chip level.
CostResult dramTrafficCost(int64_t readBytes, int64_t writtenBytes,
                           const Arch &arch);

/// Evaluates `mapping` for `problem` on `arch`. Never fails: an invalid
/// mapping gives valid = false and the reason.
CostResult evaluate(const LayerProblem &problem, const Arch &arch,
                    const Mapping &mapping, const CostOptions &options = {});

} // namespace accel

#endif // ACCEL_COSTMODEL_COSTMODEL_H
