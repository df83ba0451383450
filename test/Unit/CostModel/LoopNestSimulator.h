//===- LoopNestSimulator.h - Literal execution of a mapped loop nest -*- C++
//-*-//
//
// The oracle of the cost model: executes the mapped loop nest step by step,
// MAC point by MAC point, keeps every memory instance's current tile and the
// partial sums written in each residency, and counts every access at every
// level from explicit element sets. It shares only the LoopNest (the mapping
// bound to the accelerator) with the analytical model; all counting here is
// literal. Slow: meant for layers with a few thousand MACs.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_COSTMODEL_LOOPNESTSIMULATOR_H
#define ACCEL_TEST_UNIT_COSTMODEL_LOOPNESTSIMULATOR_H

#include "accel/CostModel/CostModel.h"

namespace accel::testing {

struct SimResult {
  int64_t macs = 0;
  int64_t computeCycles = 0;
  llvm::SmallVector<PerTensor<int64_t>, 6> reads, writes;
  /// Distinct output elements DRAM received: each one's last arrival is
  /// its final value, every earlier one a partial sum.
  int64_t dramOutputsFinal = 0;
};

/// Simulates `nest` (from buildLoopNest) for `problem` on `arch`. With
/// `slidingWindows`, an input tile whose refill advances only the innermost
/// temporal loop over the inputs above it, a loop over P, Q, R or S,
/// fetches only the elements its previous tile lacks.
SimResult simulate(const LayerProblem &problem, const Arch &arch,
                   const LoopNest &nest, bool slidingWindows = true);

} // namespace accel::testing

#endif
