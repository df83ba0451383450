//===- BufferFootprint.h - On-chip bytes of a layer group -------*- C++ -*-===//
//
// A layer group executed tile by tile (tiles of output rows, depth first)
// holds, for each tile, the region of every activation the tile needs
// (ReceptiveFieldAnalysis): its inputs, its intermediates (the halo kept
// from the previous tile is part of the region) and its outputs; and its
// weights, either all resident or streamed (only the running layer's). The
// footprint is the peak over the tile sequence, split into weights and
// activations so that a partitioned buffer can be checked.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ANALYSIS_BUFFERFOOTPRINT_H
#define ACCEL_ANALYSIS_BUFFERFOOTPRINT_H

#include "accel/Arch/Arch.h"
#include "dialects/accel/AccelOps.h"

namespace accel {

enum class WeightPolicy { Resident, Streamed };

/// Whether a group input is a weight or a bias (read as operand 1 or 2 of a
/// convolution or matmul) rather than an activation.
bool isWeight(mlir::BlockArgument arg);

struct GroupFootprint {
  int64_t tiles = 0;
  int64_t inputBytes = 0;        ///< group inputs (activations), peak tile
  int64_t intermediateBytes = 0; ///< layer results used only inside, peak
  int64_t outputBytes = 0;       ///< the group's results, peak tile
  int64_t activationBytes = 0;   ///< peak over tiles of all three together
  int64_t weightBytes = 0;       ///< resident: all; streamed: largest layer
  int64_t totalBytes() const { return activationBytes + weightBytes; }
};

/// The footprint of `group` run in tiles of `tileRows` output rows. With
/// `doubleBuffer`, the group's inputs and outputs (which stream from and to
/// DRAM) take twice their tile.
GroupFootprint groupFootprint(GroupOp group, int64_t tileRows,
                              WeightPolicy weights, bool doubleBuffer);

/// Whether a group fits the outermost on-chip level of `arch`: activations
/// in the input + output parts, weights in the weight part of a partitioned
/// level, everything in a shared one. `overflow` says by how much, per part.
struct FitReport {
  std::string level;
  bool fits = true;
  std::string detail; ///< "weights: 73728 B of 65536 B (over by 8192 B)"
};
FitReport checkFit(const GroupFootprint &f, const Arch &arch);

} // namespace accel

#endif
