//===- RandomNetworks.h - Small random layer graphs for oracles -*- C++ -*-===//
//
// Seeded random networks small enough for element-by-element oracles:
// chains and DAGs of convolutions (strided, dilated, padded, grouped,
// depthwise), transposed convolutions, pooling, residual adds, broadcast
// multiplies (squeeze-excite), concats, upsampling (nearest and bilinear),
// activations, and a classifier tail (global pool, flatten, matmul).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_WORKLOAD_RANDOMNETWORKS_H
#define ACCEL_TEST_UNIT_WORKLOAD_RANDOMNETWORKS_H

#include "RandomCases.h"
#include "accel/Arch/Arch.h"
#include "accel/Workload/GroupSchedule.h"
#include "accel/Workload/LayerGraph.h"

namespace accel::testing {

struct RandomNetwork {
  LayerGraph graph;
  /// A contiguous run of the layers (convex by construction).
  std::vector<unsigned> group;
  std::string describe() const; ///< for failure messages
};

/// A network of 2 to `maxLayers` layers on an input of at most
/// `maxRows` rows.
RandomNetwork randomNetwork(Random &rnd, unsigned maxLayers = 6,
                            int64_t maxRows = 12);

/// `layers` 3x3 convolutions with padding 1, C channels, `rows` x 8, f16:
/// tensors 0 (input), then per layer its weight and its result.
LayerGraph convChain(int64_t rows = 16, int64_t channels = 4,
                     int64_t layers = 3);

/// The schedules the oracles run on a group: both halo and weight
/// policies, with and without double buffering, depth first and pipelined
/// (resident weights), random rows.
std::vector<GroupSchedule> randomSchedules(Random &rnd, const LayerGraph &g,
                                           llvm::ArrayRef<unsigned> group);
/// "rows = 3, halo = recompute (no double buffering)".
std::string describeSchedule(const GroupSchedule &s);

/// DRAM -> an unbounded buffer -[64 units]-> PEs of 64 KiB: every group
/// fits, and every layer has a default mapping.
Arch roomyArch();

} // namespace accel::testing

#endif
