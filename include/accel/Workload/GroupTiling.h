//===- GroupTiling.h - A layer group cut into tiles of rows -----*- C++ -*-===//
//
// What a layer group does tile by tile under its schedule (docs/Tiling.md):
//
//  * tiles: the group's tallest rank-4 output (H rows) is cut into
//    T = ceil(H / rows) tiles; an output of h rows gets the proportional
//    slice [floor(t * rows * h / H), floor(min((t + 1) * rows, H) * h / H))
//    of tile t, so that every output is finished with the last tile; an
//    output of another rank is produced whole with the last tile;
//  * regions: the region B_t(x) every tensor x holds in tile t, the output
//    tiles propagated backwards through the layers' receptive fields, the
//    bounding box where a tensor feeds several layers;
//  * halos kept: a layer computes the rows of its region that the previous
//    tile's region does not hold, and a group input loads them; recomputed:
//    the whole region, every tile;
//  * stages: depth first every layer is stage 0; pipelined, a computing
//    layer runs one stage after the computing layers it reads from (data
//    movement in the stage of its consumers);
//  * buffer slots: a tensor is kept for as many consecutive tiles as lie
//    between the stage that writes it (the load, for a group input: a stage
//    ahead of its first reader when double buffered) and the last stage that
//    reads it (the store, for an output: a stage behind its producer when
//    double buffered);
//  * footprint: per tensor, the most elements `slots` consecutive tiles
//    hold at once (the union of their regions when halos are kept, each its
//    own buffer when recomputed), summed; weights all (resident) or the
//    running layer's and, double buffered, the next one's (streamed).
//
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_WORKLOAD_GROUPTILING_H
#define ACCEL_WORKLOAD_GROUPTILING_H

#include "accel/Workload/GroupSchedule.h"
#include "accel/Workload/LayerGraph.h"

namespace accel {

class GroupTiling {
public:
  /// Tiles the group `layers` (ids, ascending) of `graph` under `schedule`.
  /// Fails, saying why, when the group is not convex, holds a layer that
  /// cannot run in a group (opaque), asks for more rows than the group has,
  /// or needs a tensor in pieces that are not row slices.
  static llvm::Expected<GroupTiling> compute(const LayerGraph &graph,
                                             llvm::ArrayRef<unsigned> layers,
                                             const GroupSchedule &schedule);

  const LayerGraph &graph() const { return *graph_; }
  const GroupSchedule &schedule() const { return schedule_; }
  /// The group's layers (graph ids, ascending); "layer i" below indexes it.
  llvm::ArrayRef<unsigned> layers() const { return layers_; }
  const GroupTensors &tensors() const { return tensors_; }
  /// Rows of the tallest rank-4 output (1 without one).
  int64_t height() const { return height_; }
  unsigned numTiles() const { return numTiles_; }

  /// Whether tensor `id` is read or written by the group.
  bool touches(unsigned id) const { return local(id) >= 0; }
  /// The region of tensor `id` tile `t` holds (empty when it needs none).
  const TensorRegion &region(unsigned t, unsigned id) const {
    return regions_[t * numLocal_ + local(id)];
  }
  /// The part of group output `id` tile `t` finishes (stored after it).
  const TensorRegion &outputTile(unsigned t, unsigned id) const {
    return outputTiles_[t * numLocal_ + local(id)];
  }
  /// What layer i computes in tile t: intervals of its output rows (one, or
  /// two when the region moved back up), or {0, 1} for a whole output that
  /// is not row-tiled; empty when nothing.
  llvm::ArrayRef<Interval> computed(unsigned t, unsigned i) const {
    return computed_[t * layers_.size() + i];
  }
  /// The part of layer i's output computed in tile t for `piece`: its
  /// region there with the piece's rows (all of it when not row-tiled).
  TensorRegion pieceBox(unsigned t, unsigned i, Interval piece) const;
  /// The loop nest of that part (computing layers only).
  LayerProblem pieceProblem(unsigned t, unsigned i, Interval piece) const;
  /// The problem computing layer i is mapped for: its pieces of the height
  /// that carries the most of its rows (the steady state; of two that carry
  /// as many, the shorter, more frequent one), as a tile away
  /// from the borders (reading all the rows its windows span). Taller
  /// pieces run that mapping with more outer iterations, shorter ones with
  /// it clamped; its inner tiles fit them all.
  LayerProblem mappedProblem(unsigned i) const;
  /// Units of the shared fan-out stage layer i runs on (0: the whole array,
  /// or a layer that does not compute).
  int64_t peShare(unsigned i) const;
  /// Elements of group input `id` loaded from DRAM for tile t.
  int64_t loaded(unsigned t, unsigned id) const {
    return loaded_[t * numLocal_ + local(id)];
  }
  /// Stage of layer i (0 depth first).
  unsigned stage(unsigned i) const { return stages_[i]; }
  unsigned numStages() const { return numStages_; }
  /// Consecutive tiles of tensor `id` held at once.
  unsigned slots(unsigned id) const { return slots_[local(id)]; }
  /// Position in layers() of graph layer `id`, or -1.
  int position(unsigned layerId) const;
  /// In-group layers reading tensor `id`, as positions in layers().
  llvm::SmallVector<unsigned, 4> readers(unsigned id) const;
  /// Weights layer i reads.
  llvm::SmallVector<unsigned, 2> weightsOf(unsigned i) const;

private:
  int local(unsigned id) const {
    return id < localIndex_.size() ? localIndex_[id] : -1;
  }
  const LayerGraph *graph_ = nullptr;
  GroupSchedule schedule_;
  std::vector<unsigned> layers_;
  GroupTensors tensors_;
  int64_t height_ = 1;
  unsigned numTiles_ = 1;
  unsigned numLocal_ = 0;
  std::vector<int> localIndex_; ///< graph tensor id -> local index or -1
  std::vector<TensorRegion> regions_, outputTiles_; ///< [tile][local]
  std::vector<llvm::SmallVector<Interval, 2>> computed_; ///< [tile][layer]
  std::vector<int64_t> loaded_;                          ///< [tile][local]
  std::vector<unsigned> stages_;
  unsigned numStages_ = 1;
  std::vector<unsigned> slots_; ///< [local]
};

/// Rows of the tallest row-tiled tensor the group `layers` produces for
/// later use (1 without one): what its tiles cut.
int64_t groupHeight(const LayerGraph &graph, llvm::ArrayRef<unsigned> layers);

/// The problem of computing the part `box` of a layer's rank-4 output
/// [N, G x K, P, Q]: its extents, and per window axis the input it reads
/// with the padding before it where it starts at a border. None when the
/// channels split a group in a way one loop nest cannot express.
std::optional<LayerProblem> tileProblem(const LayerProblem &layer,
                                        const TensorRegion &box);
/// The same for output rows `rows`, every other dimension whole.
LayerProblem tileProblem(const LayerProblem &layer, Interval rows);

/// On-chip bytes of a group: its buffers, each sized for the most its
/// tensor holds at once (file comment).
struct GroupFootprint {
  int64_t inputBytes = 0;        ///< the group's inputs
  int64_t intermediateBytes = 0; ///< results used only inside the group
  int64_t outputBytes = 0;       ///< the group's results
  int64_t weightBytes = 0;
  int64_t activationBytes() const {
    return inputBytes + intermediateBytes + outputBytes;
  }
  int64_t totalBytes() const { return activationBytes() + weightBytes; }
};
GroupFootprint groupFootprint(const GroupTiling &tiling);
/// The buffer bytes of one tensor of the group (0 for weights).
int64_t bufferBytes(const GroupTiling &tiling, unsigned tensor);

/// The elements of the union of `boxes` (all of one rank).
int64_t unionElements(llvm::ArrayRef<TensorRegion> boxes);

} // namespace accel

#endif // ACCEL_WORKLOAD_GROUPTILING_H
