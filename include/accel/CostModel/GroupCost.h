//===- GroupCost.h - Cost of a layer group run tile by tile -----*- C++ -*-===//
//
// A fused layer group lives in the outermost on-chip level (the accelerator's
// memories[1]); its intermediates stay there, so only its inputs, outputs and
// weights cross DRAM (GroupTiling says how much, tile by tile). Each layer
// runs, per tile, the rows it computes there (GroupTiling::computed): each
// piece is costed by the single-layer model as a tile problem, on the
// accelerator below the group's level (groupLayerArch: no DRAM; pipelined,
// the layer's share of the PE array), with the layer's mapping, which is
// made for its steady-state piece (GroupTiling::mappedProblem) and adapted
// to the others (adaptMapping).
// Latency comes from the group's timeline (GroupTimeline.h); energy adds the
// layers', DRAM's and the group level's for the DRAM traffic. Pipelined, a
// layer's PEs run only that layer, so what its inner levels hold stays from
// tile to tile: its accesses and energy are those of its pieces taken as
// one problem whose outermost loop walks the tiles (tileSequenceMapping).
//
// The result is a CostResult, like a layer's, scored by the same Objective.
// A group whose buffers (GroupFootprint) do not fit its level under the
// schedule's split is invalid, with the overflow (memory, part, bytes).
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_COSTMODEL_GROUPCOST_H
#define ACCEL_COSTMODEL_GROUPCOST_H

#include "accel/Arch/GroupResources.h"
#include "accel/CostModel/CostModel.h"
#include "accel/CostModel/GroupTimeline.h"

namespace accel {

/// Whether the footprint fits; the overflow (group = true) when it does not.
std::optional<Overflow> checkGroupFit(const GroupFootprint &footprint,
                                      const GroupSchedule &schedule,
                                      const Arch &arch);

/// The footprint against the level, e.g. "weights 2304 B of 16384 B,
/// activations 8960 B of 16384 B (over by ...)", or "weights + activations
/// 3168 B of 4096 B" when the level is shared, "... (unbounded)".
std::string describeGroupFit(const GroupFootprint &footprint,
                             const GroupSchedule &schedule, const Arch &arch);

/// `mapping` with every tile and fan-out shrunk to fit `bounds` (tiles to
/// their parent's extent, fan-outs so that fan-out x tile fits).
Mapping clampMapping(const Mapping &mapping, const LoopBounds &bounds);

/// `mapping`, made for a problem of `mappedFor` bounds, for a piece of
/// `piece` bounds: the dimensions its outermost level leaves whole pinned
/// to what it was made for (a taller piece iterates there), then clamped.
Mapping adaptMapping(const Mapping &mapping, const LoopBounds &mappedFor,
                     const LoopBounds &piece);

/// `mapping`, made for `mappedFor`, for a pipelined layer's pieces taken
/// as one problem of `sequence` bounds: adapted, with the rows' loop made
/// the outermost of its outermost level (tile after tile).
Mapping tileSequenceMapping(const Mapping &mapping, const LoopBounds &mappedFor,
                            const LoopBounds &sequence);

/// The options layer i of the group is costed under, piece by piece, and
/// its mapping searched under: `base` with the schedule's double buffering
/// and, when the layer runs more than one piece, the pieces' sequence
/// along the rows (CostOptions::sequence) so that a mapping that fits its
/// mapped problem fits every piece.
CostOptions groupLayerOptions(const GroupTiling &tiling, unsigned i,
                              CostOptions base = {});

/// What the group moves over DRAM, in elements: its inputs' new rows per
/// tile, its weights (once, or per step when streamed), its outputs' rows
/// per tile; and the bytes of each at the tensors' element widths.
struct GroupDram {
  std::vector<int64_t> loadBytes, storeBytes; ///< per tile (activations)
  /// Streamed: per (tile, layer) step, tile-major; resident: one entry.
  std::vector<int64_t> weightBytes;
  int64_t inputElements = 0, weightElements = 0, outputElements = 0;
  int64_t readBytes = 0, writtenBytes = 0;
};
GroupDram groupDram(const GroupTiling &tiling);

/// The cost of the group. `mappings[i]` maps layer i of tiling.layers()
/// (ignored for layers that do not compute).
CostResult evaluateGroup(const GroupTiling &tiling,
                         llvm::ArrayRef<Mapping> mappings, const Arch &arch,
                         const CostOptions &options = {});

} // namespace accel

#endif // ACCEL_COSTMODEL_GROUPCOST_H
