//===- GroupTimeline.h - When a layer group's tasks run ---------*- C++ -*-===//
//
// A group runs as tasks on engines (docs/CostModel.md, Layer groups):
//
//   engine        tasks, in this order
//   DMA in        resident weights; per tile: its inputs, then (streamed)
//                 each computing layer's weights
//   DMA out       per tile: its outputs
//   PE array      depth first: per tile, every layer in turn;
//                 pipelined: one engine per layer (its share of the array),
//                 tile after tile
//
// A task starts when its engine is free, its data is there (the tile's
// inputs, the layer's producers in the same tile, its weights), and the
// buffer it writes has a free slot: a tensor kept for s tiles
// (GroupTiling::slots) is written for tile t once every reader of tile t - s
// (and the store, for an output) has finished; a task that adds nothing to
// a buffer (nothing new to load or compute in that tile) takes no slot. A
// streamed weight is loaded once the step two steps back (one without
// double buffering) has finished. The group's latency is when the last task ends. The tasks are
// visited tile by tile, every dependence pointing backwards, so this is a
// max-plus recurrence, exact for any durations. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_COSTMODEL_GROUPTIMELINE_H
#define ACCEL_COSTMODEL_GROUPTIMELINE_H

#include "accel/Workload/GroupTiling.h"
#include <vector>

namespace accel {

/// How long each task of a group takes, in cycles. Indexed [tile] or
/// [tile * layers + i] for layer i of GroupTiling::layers().
struct GroupDurations {
  double residentWeights = 0;   ///< loaded before anything else
  std::vector<double> load;     ///< the tile's inputs
  std::vector<double> weights;  ///< a step's streamed weights
  std::vector<double> compute;  ///< a layer on a tile (0: nothing to do)
  std::vector<double> store;    ///< the tile's outputs
};

/// Start and end of every task, for timelines and traces.
struct GroupTimeline {
  struct Span {
    double start = 0, end = 0;
  };
  Span residentWeights;
  std::vector<Span> load, weights, compute, store; ///< indexed as durations
  double cycles = 0; ///< when the last task ends
};

/// Whether layer i is a step of tile t: it computes something there on
/// the PE array (a layer that only moves data is never one).
bool isStep(const GroupTiling &tiling, unsigned t, unsigned i);

GroupTimeline groupTimeline(const GroupTiling &tiling,
                            const GroupDurations &durations);

} // namespace accel

#endif // ACCEL_COSTMODEL_GROUPTIMELINE_H
