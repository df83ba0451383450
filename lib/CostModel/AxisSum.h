//===- AxisSum.h - Per-axis sums of the loop nest ---------------*- C++ -*-===//
//
// The cost model's counts factorise into per-axis sums (CostModel.cpp). One
// axis is a side of a tensor's tile box; axisSum adds up, over the loops
// that index it, the tile's extent along the axis. Private to the library.
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_COSTMODEL_AXISSUM_H
#define ACCEL_LIB_COSTMODEL_AXISSUM_H

#include "accel/CostModel/LoopNest.h"

namespace accel {

/// A side of a tensor's tile box: one loop dimension, or an input plane
/// axis that a sliding window spans (rows: P and R, columns: Q and S).
struct Axis {
  Dim d0;
  Dim d1;
  bool window;
};

/// How the tiles of the `across` loops of one group combine: their union,
/// the largest, or whether any is non-empty.
enum class Combine { Union, Max, Any };

/// A loop taking part in a per-axis sum: `across` loops are combined (their
/// tiles united, or the largest taken), the others summed over.
struct AxisLoop {
  const NestLoop *loop;
  bool across;
};

/// Sum, over every combination of the non-`across` loops in `loops` (outer
/// first, all on the axis' dimensions), of the tiles' extent along `axis`
/// combined over the `across` loops as `combine` says. Max and Any take the
/// first unit of each across loop (the largest chunk: only trailing units
/// are clipped at an edge); Any counts non-empty tiles.
/// Uses the closed form when there is one, else the enumeration.
int64_t axisSum(const LayerProblem &problem, const Axis &axis,
                llvm::ArrayRef<AxisLoop> loops, Combine combine);

/// Sum, over the refills of tiles along a window `axis`, of the extent each
/// refill fetches when tiles slide along the temporal loop `slide` (one of
/// `loops`): an iteration of `slide` after its first keeps what the unit's
/// previous tile shares with its new one (the overlap of consecutive
/// windows, a line buffer) and fetches the rest; its first iteration
/// fetches whole tiles. United over the `across` loops (multicast: a part
/// one unit needs, and another holds, is still sent). Enumerates the loop
/// tree with its repeated subtrees counted once, like axisSumByEnumeration.
int64_t axisSlideSum(const LayerProblem &problem, const Axis &axis,
                     llvm::ArrayRef<AxisLoop> loops, const NestLoop *slide);

/// The same sum in closed form (AxisSumClosedForm.cpp), for the cases that
/// have one: every sum over one dimension, and window axes whose across
/// units' windows overlap into one (unit-stride windows, or windows the
/// padding does not clip). False otherwise.
bool axisSumClosedForm(const LayerProblem &problem, const Axis &axis,
                       llvm::ArrayRef<AxisLoop> loops, Combine combine,
                       int64_t &sum);

/// The same sum by enumerating the loop tree (with its repeated subtrees
/// counted once): correct for every case, the reference for the closed forms.
int64_t axisSumByEnumeration(const LayerProblem &problem, const Axis &axis,
                             llvm::ArrayRef<AxisLoop> loops, Combine combine);

} // namespace accel

#endif // ACCEL_LIB_COSTMODEL_AXISSUM_H
