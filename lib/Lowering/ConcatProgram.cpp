//===- ConcatProgram.cpp - A concat alone, through the first level --------===//
//
// A concat outside any group copies each operand into its place in the
// result: chunks of the operand that fit half the first on-chip level's
// area are loaded into one of two buffers (so that a chunk's store
// overlaps the next one's load) and stored at the operand's offset along
// the concat axis. It moves what a group of one moves, the operands read
// once and the result written once, in pieces small enough for any level:
// a group of one holds whole rows of every operand and of the result.
//
//===----------------------------------------------------------------------===//

#include "ProgramBuilder.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;
using accel::lowering::fail;
using accel::lowering::ProgramBuilder;
using Kind = GroupCommand::Kind;

/// The largest box of `shape` with at most `budget` elements that is whole
/// in its inner dimensions, part of one dimension and 1 in the outer ones
/// (a contiguous run of the row-major tensor).
static Shape chunkOf(const Shape &shape, int64_t budget) {
  Shape chunk(shape.begin(), shape.end());
  int64_t inner = 1;
  for (size_t d = shape.size(); d-- > 0;) {
    if (inner * shape[d] > budget) {
      chunk[d] = std::max<int64_t>(1, budget / inner);
      for (size_t o = 0; o < d; ++o)
        chunk[o] = 1;
      break;
    }
    inner *= shape[d];
  }
  return chunk;
}

llvm::Expected<GroupProgram> accel::planConcatProgram(const LayerGraph &graph,
                                                      unsigned layer,
                                                      const Arch &arch) {
  const GraphLayer &l = graph.layer(layer);
  if (l.kind != LayerKind::Concat)
    return fail("layer '" + l.name + "' is not a concat");
  if (arch.memories.size() < 2)
    return fail("the accelerator has no on-chip level");
  const MemoryLevel &level = arch.memories[1];
  if (!level.holds(Tensor::Inputs))
    return fail(level.name + " does not hold activations");
  BufferArea area =
      level.partition ? BufferArea::Inputs : BufferArea::Shared;
  int64_t half = level.capacityFor(Tensor::Inputs) / 2;
  ProgramBuilder builder;
  const Shape &result = graph.tensor(l.result).shape;
  int64_t at = 0; // the operand's offset along the axis
  for (unsigned op : l.operands) {
    const auto &t = graph.tensor(op);
    int64_t bytes = t.elementBytes();
    if (half < bytes)
      return fail(llvm::formatv("{0} holds no element of '{1}' twice",
                                level.name, t.name));
    Shape chunk = chunkOf(t.shape, half / bytes);
    int64_t chunks = 1;
    for (size_t d = 0; d < chunk.size(); ++d)
      chunks *= ceilDiv(t.shape[d], chunk[d]);
    llvm::SmallVector<unsigned, 2> buffers;
    for (int64_t i = 0; i < std::min<int64_t>(chunks, 2); ++i)
      buffers.push_back(builder.allocate(op, chunk, bytes, area,
                                         i * numElements(chunk) * bytes));
    // Chunks in row-major order of their origins.
    llvm::SmallVector<int64_t, 4> origin(t.shape.size(), 0);
    for (size_t i = 0;; i = (i + 1) % buffers.size()) {
      TensorRegion part;
      for (size_t d = 0; d < chunk.size(); ++d)
        part.dims.push_back(
            {origin[d], std::min(t.shape[d], origin[d] + chunk[d])});
      BufferSlice slice;
      slice.buffer = buffers[i];
      slice.offsets.assign(chunk.size(), 0);
      slice.sizes = part.sizes();
      GroupCommand load;
      load.kind = Kind::Load;
      load.dram = part;
      load.dest = slice;
      builder.emit(std::move(load));
      GroupCommand store;
      store.kind = Kind::Store;
      store.source = slice;
      store.dramTensor = l.result;
      store.dram = part;
      store.dram.dims[l.axis].begin += at;
      store.dram.dims[l.axis].end += at;
      builder.emit(std::move(store));
      size_t d = chunk.size();
      while (d-- > 0) {
        origin[d] += chunk[d];
        if (origin[d] < t.shape[d])
          break;
        origin[d] = 0;
      }
      if (d == size_t(-1))
        break;
    }
    for (unsigned b : buffers)
      builder.release(b);
    at += t.shape[l.axis];
  }
  if (at != result[l.axis])
    return fail("the operands of '" + l.name + "' do not fill its result");
  return std::move(builder.program);
}
