//===- LoopNest.h - A mapping bound to an accelerator -----------*- C++ -*-===//
//
// The cost model and its oracle both work on the *flattened* loop nest of a
// mapping: for each mapping level, its temporal loops (outer first) and then
// its spatial loop, and finally the loops of one processing element over its
// tile (step 1, in the innermost level's order). Loops with a trip count of
// 1 are dropped: they never advance.
//
// Each on-chip memory level sits at a position of that list: just above the
// spatial loop of the first mapping level spread over one of its fan-out
// stages, or, when none is, at the position of the next level (the innermost
// one at the processing-element loops). DRAM sits above everything. A memory
// holds, per instance, the tile its position delimits; the temporal loops
// above it and below its parent are the loops that iterate over the parent's
// contents. See docs/CostModel.md.
//
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_COSTMODEL_LOOPNEST_H
#define ACCEL_COSTMODEL_LOOPNEST_H

#include "accel/Arch/Arch.h"
#include "accel/Workload/Mapping.h"
#include "accel/Workload/Problem.h"
#include "llvm/ADT/SmallVector.h"

namespace accel {

struct NestLoop {
  Dim dim;
  int64_t trip = 1;     ///< iterations
  int64_t step = 1;     ///< elements of `dim` one iteration advances
  bool spatial = false; ///< iterations run side by side on separate units
  uint8_t level = 0;    ///< mapping level (numLevels = the PE's own loops)
  /// For spatial loops: the fan-out stage's capabilities.
  bool multicast = true;
  bool reduction = true;
};

/// Loops a nest may have (buildLoopNest refuses longer ones).
inline constexpr unsigned kMaxNestLoops = 64;

struct LoopNest {
  llvm::SmallVector<NestLoop, 32> loops; ///< outermost first
  /// position[m]: memory level m sits just above loops[position[m]]
  /// (loops.size() = below every loop); position[0] = 0 is DRAM.
  llvm::SmallVector<unsigned, 8> position;
  /// tileLevel[m]: the mapping level whose tile memory level m holds (per
  /// unit of that level, times its fan-out when m sits above its spatial
  /// loop): shrinking that level's tiles shrinks m's. DRAM: 0.
  llvm::SmallVector<unsigned, 8> tileLevel;
  /// Index of the first loop of the processing element's own loops.
  unsigned peBegin = 0;
  /// For each mapping level with a spatial dimension, the (memory, stage)
  /// it is spread over.
  llvm::SmallVector<std::pair<unsigned, unsigned>, 4> stageOf;
};

/// Binds `mapping` to `arch` for `problem`: checks the mapping against the
/// loop bounds and the accelerator's parallelism limits, assigns spatial
/// levels to fan-out stages in order, and places the memory levels; a nest
/// of more than kMaxNestLoops loops is refused. The error
/// says which constraint fails ("level 1: spatial C*16 fits no fan-out stage
/// left (cols: 14 units, 1 level)").
llvm::Error buildLoopNest(const LayerProblem &problem, const Arch &arch,
                          const Mapping &mapping, LoopNest &nest);

} // namespace accel

#endif // ACCEL_COSTMODEL_LOOPNEST_H
