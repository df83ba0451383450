//===- ReceptiveFieldAnalysis.h - Regions a layer group's tile needs -*- C++
//-*-//
//
// For a layer group (a sub-DAG: residual adds and concats inside), the
// region every value must hold so that the group produces a given region of
// its outputs: the tile propagated backwards through each layer's
// receptive field (ReceptiveField.h), taking the bounding box where a value
// feeds several layers. Constructible with getAnalysis<> on an accel.group.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ANALYSIS_RECEPTIVEFIELDANALYSIS_H
#define ACCEL_ANALYSIS_RECEPTIVEFIELDANALYSIS_H

#include "accel/Workload/ReceptiveField.h"
#include "dialects/accel/AccelOps.h"
#include "llvm/ADT/DenseMap.h"

namespace accel {

/// The region of each operand of `op` that the region `out` of its (single)
/// result reads. Weights read the slices of the output channels in `out`.
llvm::SmallVector<TensorRegion> operandRegions(mlir::Operation *op,
                                               const TensorRegion &out);

class ReceptiveFieldAnalysis {
public:
  explicit ReceptiveFieldAnalysis(mlir::Operation *op);

  using RegionMap = llvm::DenseMap<mlir::Value, TensorRegion>;

  /// What every value of the group body (block arguments = the group's
  /// inputs) must hold for the group to produce `outputs` (one region per
  /// group result).
  RegionMap propagate(llvm::ArrayRef<TensorRegion> outputs) const;

  /// The group's outputs cut into tiles of `rows` output rows (the last one
  /// shorter), all other dimensions whole; a result of another height is
  /// produced whole with the first tile.
  std::vector<llvm::SmallVector<TensorRegion>> rowTiles(int64_t rows) const;

  GroupOp getGroup() const { return group; }

private:
  mutable GroupOp group; // op handles are not const-correct
};

/// Rows (dimension 2) that `a` and `b` share: the halo a tile can keep from
/// the one before instead of recomputing it.
int64_t sharedRows(const TensorRegion &a, const TensorRegion &b);

} // namespace accel

#endif
