//===- GroupSimulator.h - A layer group run element by element --*- C++ -*-===//
//
// The oracle of the group model (GroupTiling, GroupCost): runs a group's
// tiles literally. Which elements a tile needs comes from each operator's
// definition, one output element at a time (which input elements a
// convolution, pooling window, transposed convolution, interpolation,
// broadcast, concat or reshape reads), pushed backwards through the group,
// each buffer holding the bounding box of what is asked of it. Then beats
// are played in order: loads, each layer's computation and stores, with
// explicit sets of the elements each buffer holds; a buffer keeps, at the
// end of a beat, what a tile still in flight or written next needs (halos
// kept), or drops a tile's copy once its last reader ran (recomputed).
// It counts DRAM elements read and written, elements computed and MACs per
// layer, and the most elements each buffer held.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_WORKLOAD_GROUPSIMULATOR_H
#define ACCEL_TEST_UNIT_WORKLOAD_GROUPSIMULATOR_H

#include "accel/Workload/GroupSchedule.h"
#include "accel/Workload/LayerGraph.h"
#include <map>

namespace accel::testing {

struct SimulatedGroup {
  unsigned tiles = 0;
  /// [tile][tensor]: the box each activation tensor holds.
  std::vector<std::map<unsigned, TensorRegion>> regions;
  std::map<unsigned, int64_t> loaded;   ///< per group input: elements read
  std::map<unsigned, int64_t> computed; ///< per layer: output elements made
  int64_t macs = 0;
  int64_t weightElementsLoaded = 0;
  int64_t storedElements = 0;
  std::map<unsigned, int64_t> peakElements; ///< per activation tensor
  int64_t weightPeakBytes = 0;
};

SimulatedGroup simulateGroup(const LayerGraph &graph,
                             llvm::ArrayRef<unsigned> layers,
                             const GroupSchedule &schedule);

} // namespace accel::testing

#endif
