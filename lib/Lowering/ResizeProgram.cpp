//===- ResizeProgram.cpp - A resize alone, through the first level --------===//
//
// A resize outside any group, in pieces of channels and output rows small
// enough for the first on-chip level (a group of one holds whole rows of
// every channel, too much for small levels): for each chunk of channels,
// the output rows in tiles; each tile's input rows arrive after those the
// previous tile already holds (kept, moved to the front: a bilinear tile
// shares its border rows), the tile is computed and stored. Every input
// row is loaded once per chunk of channels and every output row stored
// once: the input read once and the output written once, what a group of
// one moves.
//
//===----------------------------------------------------------------------===//

#include "ProgramBuilder.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;
using accel::lowering::fail;
using accel::lowering::ProgramBuilder;
using Kind = GroupCommand::Kind;

namespace {

/// The input rows output rows [r0, r1) read, over all columns.
Interval inputRows(const LayerGraph &graph, unsigned layer, Interval rows) {
  const Shape &out = graph.tensor(graph.layer(layer).result).shape;
  TensorRegion box = TensorRegion::whole(out);
  box.dims[2] = rows;
  return graph.operandRegions(layer, box)[0].dims[2];
}

/// The most input rows a tile of `rows` output rows reads.
int64_t mostInputRows(const LayerGraph &graph, unsigned layer, int64_t rows,
                      int64_t outputRows) {
  int64_t most = 0;
  for (int64_t r = 0; r < outputRows; r += rows)
    most = std::max(
        most, inputRows(graph, layer, {r, std::min(outputRows, r + rows)})
                  .size());
  return most;
}

} // namespace

llvm::Expected<GroupProgram> accel::planResizeProgram(const LayerGraph &graph,
                                                      unsigned layer,
                                                      const Arch &arch) {
  const GraphLayer &l = graph.layer(layer);
  if (l.kind != LayerKind::Resize)
    return fail("layer '" + l.name + "' is not a resize");
  if (arch.memories.size() < 2)
    return fail("the accelerator has no on-chip level");
  const MemoryLevel &level = arch.memories[1];
  if (!level.holds(Tensor::Inputs) || !level.holds(Tensor::Outputs))
    return fail(level.name + " does not hold activations");
  const auto &in = graph.tensor(l.operands[0]);
  const auto &out = graph.tensor(l.result);
  if (in.shape.size() != 4 || out.shape.size() != 4)
    return fail("a resize of rank other than 4");
  // Pieces: all channels and output rows if they fit, else fewer rows, then
  // fewer channels, halving.
  int64_t N = out.shape[0], C = out.shape[1], P = out.shape[2],
          Q = out.shape[3], W = in.shape[3];
  bool split = level.partition.has_value();
  auto fits = [&](int64_t channels, int64_t rows) {
    int64_t inBytes = N * channels * mostInputRows(graph, layer, rows, P) * W *
                      in.elementBytes();
    int64_t outBytes = N * channels * rows * Q * out.elementBytes();
    return split ? inBytes <= level.capacityFor(Tensor::Inputs) &&
                       outBytes <= level.capacityFor(Tensor::Outputs)
                 : inBytes + outBytes <= level.capacityBytes;
  };
  int64_t channels = C, rows = P;
  while (!fits(channels, rows)) {
    if (rows > 1)
      rows = (rows + 1) / 2;
    else if (channels > 1)
      channels = (channels + 1) / 2;
    else
      return fail(llvm::formatv("{0} holds no row of one channel of '{1}' "
                                "and '{2}'",
                                level.name, in.name, out.name));
  }
  ProgramBuilder builder;
  int64_t held = mostInputRows(graph, layer, rows, P);
  BufferArea inArea = split ? BufferArea::Inputs : BufferArea::Shared;
  BufferArea outArea = split ? BufferArea::Outputs : BufferArea::Shared;
  Shape inShape{N, channels, held, W}, outShape{N, channels, rows, Q};
  unsigned inBuf = builder.allocate(l.operands[0], inShape, in.elementBytes(),
                                    inArea, 0);
  unsigned outBuf = builder.allocate(
      l.result, outShape, out.elementBytes(), outArea,
      split ? 0 : builder.program.buffers[inBuf].bytes());
  for (int64_t c0 = 0; c0 < C; c0 += channels) {
    Interval ch{c0, std::min(C, c0 + channels)};
    Interval have{0, 0}; // the input rows the buffer holds, from its row 0
    for (int64_t r0 = 0; r0 < P; r0 += rows) {
      Interval outRows{r0, std::min(P, r0 + rows)};
      Interval need = inputRows(graph, layer, outRows);
      if (need.begin < have.begin)
        return fail("a resize tile reads rows before the previous one's");
      Interval kept{std::max(need.begin, have.begin),
                    std::min(need.end, have.end)};
      if (kept.size() > 0 && kept.begin > have.begin) {
        GroupCommand c; // the shared rows to the front
        c.kind = Kind::Copy;
        c.source = {inBuf,
                    {0, 0, kept.begin - have.begin, 0},
                    {N, ch.size(), kept.size(), W}};
        c.dest = {inBuf, {0, 0, 0, 0}, c.source.sizes};
        builder.emit(std::move(c));
      }
      Interval load{std::max(need.begin, kept.empty() ? need.begin : kept.end),
                    need.end};
      if (!load.empty()) {
        GroupCommand c;
        c.kind = Kind::Load;
        c.dram = TensorRegion{{{0, N}, ch, load, {0, W}}};
        c.dest = {inBuf,
                  {0, 0, load.begin - need.begin, 0},
                  {N, ch.size(), load.size(), W}};
        builder.emit(std::move(c));
      }
      have = need;
      GroupCommand c;
      c.kind = Kind::Compute;
      c.box = TensorRegion{{{0, N}, ch, outRows, {0, Q}}};
      c.operands.push_back({inBuf, {0, 0, 0, 0}, {N, ch.size(), need.size(), W}});
      c.operandRegions.push_back(TensorRegion{{{0, N}, ch, need, {0, W}}});
      c.result = {outBuf, {0, 0, 0, 0}, {N, ch.size(), outRows.size(), Q}};
      GroupCommand s;
      s.kind = Kind::Store;
      s.source = c.result;
      s.dram = c.box;
      builder.emit(std::move(c));
      builder.emit(std::move(s));
    }
  }
  for (unsigned b : {inBuf, outBuf})
    builder.release(b);
  return std::move(builder.program);
}
