//===- GroupProgram.h - A layer group as a list of commands -----*- C++ -*-===//
//
// The program a layer group runs under its schedule (docs/Lowering.md): the
// buffers it places in its level and the DMA, copy and compute commands, in
// an order that computes the group, with the dependencies between them. It
// is derived from GroupTiling only, and moves and holds exactly what the
// model counts:
//
//  * every activation the group touches has one buffer of rows (dimension
//    2; the other dimensions are the tensor's region in every tile), used
//    as a queue: before the rows of tile t arrive (loaded for an input,
//    computed for a result), the rows no tile of the last `slots` needs are
//    dropped from the front and the others moved up (one memmove copy);
//    the new rows are appended. With halos kept, a row already held is not
//    loaded or computed again; recomputed, each tile's region is appended
//    whole. The buffer has the rows of bufferBytes(): the most `slots`
//    consecutive tiles hold at once;
//  * an input's rows for tile t + 1 are loaded before tile t computes when
//    double buffered (they land behind tile t's rows, which stay put), so
//    the DMA overlaps the compute;
//  * weights: resident, one buffer each, loaded first; streamed, the
//    weights of each step (a layer computing in a tile) in buffers
//    allocated for that step, alternately at the bottom and at the top of
//    the weights' area so that a step's weights and the next one's (double
//    buffered) never overlap in an area of the model's size;
//  * every output row is stored once, from the tile that finishes it.
//
// A region that moves back up (a queue that would not stay in row order)
// is refused with the tensor's name; the lowering needs monotone tiles.
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LOWERING_GROUPPROGRAM_H
#define ACCEL_LOWERING_GROUPPROGRAM_H

#include "accel/Arch/Arch.h"
#include "accel/Workload/GroupTiling.h"
#include "accel/Workload/Mapping.h"
#include <optional>

namespace accel {

/// Where a buffer lives in the group's level: the whole level, or the part
/// of a split level that holds the weights, the activations (a group's:
/// the input and output partitions as one), the inputs or the outputs (a
/// layer's tiles).
enum class BufferArea : uint8_t {
  Shared,
  Weights,
  Activations,
  Inputs,
  Outputs
};
llvm::StringRef bufferAreaName(BufferArea a);

struct PlannedBuffer {
  unsigned tensor = 0; ///< graph tensor id
  /// The buffer's shape: the tensor's region (rows: the queue's capacity).
  Shape shape;
  /// Where the buffer's index 0 is in the tensor, per dimension (rows: 0,
  /// the queue says which row each buffer row holds).
  llvm::SmallVector<int64_t, 4> origin;
  int64_t elementBytes = 1;
  BufferArea area = BufferArea::Shared;
  int64_t offset = 0; ///< bytes into the area
  int64_t bytes() const { return numElements(shape) * elementBytes; }
};

/// A box of a buffer.
struct BufferSlice {
  unsigned buffer = 0;
  llvm::SmallVector<int64_t, 4> offsets, sizes;
};

struct GroupCommand {
  enum class Kind : uint8_t {
    Alloc,   ///< buffer
    Free,    ///< buffer
    Load,    ///< DRAM region `dram` of the buffer's tensor -> `dest`
    Store,   ///< `source` -> DRAM region `dram`
    Copy,    ///< `source` -> `dest` (within one buffer: memmove)
    Compute, ///< layer `layer` computes `box` of its result in tile `tile`
  };
  Kind kind = Kind::Alloc;
  unsigned buffer = 0; ///< Alloc, Free
  TensorRegion dram;   ///< Load, Store
  /// Store: the DRAM tensor written, when not the source buffer's (a concat
  /// alone stores an operand's chunks into its result).
  std::optional<unsigned> dramTensor;
  /// Load: DRAM steps per dimension (empty: 1); 0 reads one element
  /// `dram.dims[d].size()` times (a broadcast operand), from dram begins.
  llvm::SmallVector<int64_t, 4> dramStrides;
  BufferSlice source; ///< Store, Copy
  BufferSlice dest;   ///< Load, Copy
  unsigned layer = 0; ///< Compute: position in GroupTiling::layers()
  unsigned tile = 0;  ///< Compute
  TensorRegion box;   ///< Compute: the part of the layer's result
  /// Compute: per operand of the layer (in operand order), the slice
  /// holding the part it reads, that part (tensor coordinates), and the
  /// slice the result part goes to. A group's layer reads
  /// LayerGraph::operandRegions of `box`; a layer alone may read a part of
  /// its reduction (channels, filter taps; some of the operands of a sum
  /// or a product, the others with an empty region) per command.
  llvm::SmallVector<BufferSlice, 3> operands;
  llvm::SmallVector<TensorRegion, 3> operandRegions;
  BufferSlice result;
  /// Compute: add to what the result slice holds (a later part of the
  /// reduction) instead of overwriting it.
  bool accumulate = false;
  /// Compute: the last part of the reduction: bias and activation apply.
  bool finish = true;
  /// Commands (indices into GroupProgram::commands) that must complete
  /// before this one starts: of each queue, the last one that touches what
  /// it touches (a queue's commands complete in order, so it waits for the
  /// earlier ones too), except those another of them waits for.
  llvm::SmallVector<unsigned, 4> after;
};

/// The queue a command runs in: 0 DMA loads, 1 DMA stores, 2 copies, 3
/// computes; -1 for allocations and frees, which take no time. The
/// commands of one queue complete in the order they are issued.
int queueOf(GroupCommand::Kind k);

struct GroupProgram {
  llvm::SmallVector<PlannedBuffer, 8> buffers;
  std::vector<GroupCommand> commands;
};

/// The program of `tiling`'s group on `arch` (its level's split as the
/// schedule says). Fails, saying why, where the lowering cannot follow the
/// tiles (a region that moves back up, a tensor that is not row-tiled but
/// is needed in parts, weights of different element widths streamed).
llvm::Expected<GroupProgram> planGroupProgram(const GroupTiling &tiling,
                                              const Arch &arch);

/// The program of layer `layer` of `graph` run alone through DRAM with
/// `mapping` (docs/Lowering.md): the tiles the mapping's outermost level
/// holds in the accelerator's first on-chip level, loaded and stored as
/// the single-layer cost model counts them (a tile refilled when a loop
/// above it that indexes it advances; an input tile that slides keeps
/// what it shares with the previous one; partial sums stored and loaded
/// back when a reduction loop sits above an output loop), one compute per
/// step. Convolutions, matrix products, pooling and per-pixel layers;
/// fails, saying why, for the others and
/// for mappings it cannot follow (a level above the first on-chip one
/// spread spatially, a tensor that bypasses that level).
llvm::Expected<GroupProgram> planLayerProgram(const LayerGraph &graph,
                                              unsigned layer,
                                              const Mapping &mapping,
                                              const Arch &arch,
                                              bool slidingWindows = true);

/// The program of concat `layer` of `graph` run alone: each operand copied
/// through `arch`'s first on-chip level into its place in the result, in
/// chunks that fit half of it (two buffers: a chunk's store overlaps the
/// next one's load). It reads every operand once and writes the result
/// once, what a group of one moves, with buffers of any size.
llvm::Expected<GroupProgram> planConcatProgram(const LayerGraph &graph,
                                               unsigned layer,
                                               const Arch &arch);

/// The program of resize `layer` of `graph` run alone: chunks of channels
/// and tiles of output rows that fit `arch`'s first on-chip level, each
/// tile's input rows loaded after those the previous tile holds (kept),
/// computed and stored. It reads the input once and writes the output
/// once, what a group of one moves, with buffers of any size.
llvm::Expected<GroupProgram> planResizeProgram(const LayerGraph &graph,
                                               unsigned layer,
                                               const Arch &arch);

} // namespace accel

#endif // ACCEL_LOWERING_GROUPPROGRAM_H
