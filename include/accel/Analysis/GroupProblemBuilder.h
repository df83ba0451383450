//===- GroupProblemBuilder.h - A layer group for the cost model -*- C++ -*-===//
#ifndef ACCEL_ANALYSIS_GROUPPROBLEMBUILDER_H
#define ACCEL_ANALYSIS_GROUPPROBLEMBUILDER_H

#include "accel/Analysis/BufferFootprint.h"
#include "accel/CostModel/GroupCost.h"

namespace accel {

/// The cost model's view of `group` run in tiles of `tileRows` output rows:
/// per layer its mapping (the default one where it has none) and the rows it
/// computes each tile (new rows when `keepHalo`, the whole region
/// otherwise), the bytes loaded per tile, outputs and weights. Emits an
/// error at a layer without a usable mapping.
mlir::FailureOr<GroupProblem> buildGroupProblem(GroupOp group, const Arch &arch,
                                                int64_t tileRows, bool keepHalo,
                                                WeightPolicy weights);

} // namespace accel

#endif
