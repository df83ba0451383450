//===- LayerProgramTest.cpp - Layer programs against the cost model -------===//
//
// Every supported layer of random networks, alone, with random mappings on
// random accelerators: the planned program is run symbolically (each buffer
// element names the tensor element it holds; an output element also counts
// the reduction terms summed into it). Every compute must find exactly the
// operand parts it reads and, when it accumulates, the partial sums of its
// outputs; every output must be finished once, with all of its terms, and
// stored after. The DRAM elements the program moves must equal the
// single-layer cost model's DRAM reads and writes, tensor by tensor.
//
//===----------------------------------------------------------------------===//

#include "CostModel/RandomMappings.h"
#include "Workload/RandomNetworks.h"
#include "accel/CostModel/CostModel.h"
#include "accel/Kernels/NdArray.h"
#include "accel/Lowering/GroupProgram.h"
#include "gtest/gtest.h"
#include <map>

using namespace accel;
using namespace accel::testing;
using Kind = GroupCommand::Kind;

namespace {

/// What a buffer (or DRAM) element holds: a tensor element, and for a
/// result the reduction terms summed so far.
struct Cell {
  int64_t tensor = -1, index = -1, terms = 0;
  bool finished = false;
};

/// Reduction terms one compute adds to each of its outputs.
int64_t termsOf(const GraphLayer &layer, const GroupCommand &c) {
  switch (layer.kind) {
  case LayerKind::Conv: {
    const TensorRegion &w = c.operandRegions[1];
    return w.dims[1].size() * w.dims[2].size() * w.dims[3].size();
  }
  case LayerKind::ConvTranspose: { // the dense nest's terms
    // Weights [G x C, K, R, S]: the channels of one group at most.
    const TensorRegion &w = c.operandRegions[1];
    return std::min(w.dims[0].size(), layer.problem->bounds[Dim::C]) *
           w.dims[2].size() * w.dims[3].size();
  }
  case LayerKind::Matmul: {
    const TensorRegion &w = c.operandRegions[1];
    size_t cDim = w.dims.size() - (layer.transposeRhs ? 1 : 2);
    return w.dims[cDim].size();
  }
  case LayerKind::Add:
  case LayerKind::Mul:
    return llvm::count_if(c.operandRegions, [](const TensorRegion &r) {
      return !r.dims.empty();
    });
  case LayerKind::Pool: // a global pooling's share of the plane
    return layer.pool.global ? c.operandRegions[0].dims[2].size() *
                                   c.operandRegions[0].dims[3].size()
                             : 1;
  default:
    return 1;
  }
}
int64_t allTerms(const GraphLayer &layer) {
  const LoopBounds &b = layer.problem->bounds;
  switch (layer.kind) {
  case LayerKind::Conv:
  case LayerKind::ConvTranspose:
    return b[Dim::C] * b[Dim::R] * b[Dim::S];
  case LayerKind::Matmul:
  case LayerKind::Add:
  case LayerKind::Mul:
    return b[Dim::C];
  case LayerKind::Pool:
    return layer.pool.global ? b[Dim::R] * b[Dim::S] : 1;
  default:
    return 1;
  }
}

struct Moved {
  PerTensor<int64_t> reads, writes;
};

void runSymbolically(const LayerGraph &g, unsigned id,
                     const GroupProgram &program, Moved &moved) {
  const GraphLayer &layer = g.layer(id);
  std::map<unsigned, std::vector<Cell>> live;
  std::vector<Cell> dram(g.tensor(layer.result).elements());
  auto roleOf = [&](unsigned tensor) -> std::optional<Tensor> {
    if (tensor == layer.result)
      return Tensor::Outputs;
    for (auto [k, op] : llvm::enumerate(layer.operands))
      if (op == tensor) {
        if (layer.kind == LayerKind::Conv ||
            layer.kind == LayerKind::ConvTranspose ||
            layer.kind == LayerKind::Matmul)
          return k == 0   ? std::optional(Tensor::Inputs)
                 : k == 1 ? std::optional(Tensor::Weights)
                          : std::nullopt;
        return Tensor::Inputs;
      }
    return std::nullopt;
  };
  auto slice = [&](const BufferSlice &s, auto f) {
    const PlannedBuffer &b = program.buffers[s.buffer];
    ASSERT_TRUE(live.count(s.buffer));
    for (size_t d = 0; d < s.sizes.size(); ++d)
      ASSERT_TRUE(s.offsets[d] >= 0 && s.offsets[d] + s.sizes[d] <= b.shape[d])
          << "slice outside its buffer";
    forEachIndex(s.sizes, [&](llvm::ArrayRef<int64_t> idx) {
      f(idx, live[s.buffer][linearIndex(b.shape, s.offsets, idx)]);
    });
  };
  for (const GroupCommand &c : program.commands) {
    switch (c.kind) {
    case Kind::Alloc:
      live[c.buffer].assign(numElements(program.buffers[c.buffer].shape),
                            Cell());
      break;
    case Kind::Free:
      live.erase(c.buffer);
      break;
    case Kind::Load: {
      unsigned t = program.buffers[c.dest.buffer].tensor;
      const Shape &shape = g.tensor(t).shape;
      llvm::SmallVector<int64_t, 4> base = c.dram.begins();
      slice(c.dest, [&](llvm::ArrayRef<int64_t> idx, Cell &cell) {
        int64_t at = linearIndex(shape, base, idx, c.dramStrides);
        cell = t == layer.result ? dram[at] : Cell{t, at, 0, false};
        if (t == layer.result) {
          EXPECT_TRUE(cell.terms > 0) << "loads partial sums never stored";
        }
      });
      if (std::optional<Tensor> role = roleOf(t))
        moved.reads[*role] += c.dram.elements();
      break;
    }
    case Kind::Copy: {
      std::vector<Cell> from;
      slice(c.source,
            [&](llvm::ArrayRef<int64_t>, Cell &cell) { from.push_back(cell); });
      size_t k = 0;
      slice(c.dest,
            [&](llvm::ArrayRef<int64_t>, Cell &cell) { cell = from[k++]; });
      break;
    }
    case Kind::Compute: {
      for (auto [op, region, s] :
           llvm::zip(layer.operands, c.operandRegions, c.operands)) {
        if (region.dims.empty())
          continue; // not in this part of a sum or product
        const Shape &shape = g.tensor(op).shape;
        llvm::SmallVector<int64_t, 4> base;
        bool broadcast = false;
        for (auto [d, i] : llvm::enumerate(region.dims)) {
          base.push_back(i.begin);
          broadcast |= shape[d] == 1 && i.size() > 1;
        }
        int64_t wrong = 0;
        slice(s, [&](llvm::ArrayRef<int64_t> idx, Cell &cell) {
          llvm::SmallVector<int64_t, 4> at(idx.begin(), idx.end());
          for (size_t d = 0; broadcast && d < at.size(); ++d)
            if (shape[d] == 1)
              at[d] = 0;
          wrong +=
              cell.tensor != op || cell.index != linearIndex(shape, base, at);
        });
        EXPECT_EQ(wrong, 0) << "operand " << g.tensor(op).name << " "
                            << region.str() << " is not where it is read";
      }
      const Shape &shape = g.tensor(layer.result).shape;
      llvm::SmallVector<int64_t, 4> base = c.box.begins();
      int64_t terms = termsOf(layer, c), all = allTerms(layer);
      slice(c.result, [&](llvm::ArrayRef<int64_t> idx, Cell &cell) {
        int64_t at = linearIndex(shape, base, idx);
        if (c.accumulate)
          EXPECT_TRUE(cell.tensor == layer.result && cell.index == at &&
                      !cell.finished)
              << "accumulates into what is not its partial sum";
        else
          cell = Cell{layer.result, at, 0, false};
        cell.terms += terms;
        if (c.finish) {
          EXPECT_EQ(cell.terms, all) << "finished with terms missing";
          cell.finished = true;
        }
      });
      break;
    }
    case Kind::Store: {
      const Shape &shape = g.tensor(layer.result).shape;
      llvm::SmallVector<int64_t, 4> base = c.dram.begins();
      slice(c.source, [&](llvm::ArrayRef<int64_t> idx, Cell &cell) {
        int64_t at = linearIndex(shape, base, idx);
        EXPECT_EQ(cell.index, at) << "stores the wrong element";
        dram[at] = cell;
      });
      moved.writes[Tensor::Outputs] += c.dram.elements();
      break;
    }
    }
    if (::testing::Test::HasFailure())
      return;
  }
  for (const Cell &c : dram)
    EXPECT_TRUE(c.finished) << "an output is never finished";
}

TEST(LayerProgram, ComputesTheLayerAndMovesWhatTheModelCounts) {
  Random rnd{std::mt19937_64(41)};
  int cases = 0, slid = 0, partials = 0, transposed = 0;
  std::map<std::string, int> refused;
  for (int n = 0; n < 400; ++n) {
    RandomNetwork net = randomNetwork(rnd);
    const LayerGraph &g = net.graph;
    for (unsigned id = 0; id < g.layers().size(); ++id) {
      const GraphLayer &layer = g.layer(id);
      if (!layer.computes())
        continue;
      for (int m = 0; m < 4; ++m) {
        Arch arch = randomArch(rnd);
        Mapping mapping = randomMapping(rnd, layer.problem->bounds);
        CostResult model = evaluate(*layer.problem, arch, mapping);
        if (!model.valid)
          continue;
        llvm::Expected<GroupProgram> program =
            planLayerProgram(g, id, mapping, arch);
        if (!program) {
          std::string e = toString(program.takeError());
          refused[e.substr(0, e.find(' ', 20))]++;
          continue;
        }
        ++cases;
        transposed += layer.kind == LayerKind::ConvTranspose;
        std::string s;
        llvm::raw_string_ostream os(s);
        printMapping(os, mapping);
        SCOPED_TRACE(net.describe() + "\nlayer " + layer.name + " mapping " +
                     s);
        Moved moved;
        runSymbolically(g, id, *program, moved);
        if (::testing::Test::HasFailure())
          return;
        for (Tensor t : kAllTensors) {
          EXPECT_EQ(moved.reads[t], model.levels[0].reads[t])
              << tensorName(t).str() << " read from DRAM";
          EXPECT_EQ(moved.writes[t], model.levels[0].writes[t])
              << tensorName(t).str() << " written to DRAM";
        }
        if (::testing::Test::HasFailure())
          return;
        for (const GroupCommand &c : program->commands) {
          slid += c.kind == Kind::Copy;
          partials += c.kind == Kind::Compute && c.accumulate;
        }
      }
    }
  }
  std::cerr << cases << " programs (" << transposed
            << " of transposed convolutions, " << slid << " sliding copies, "
            << partials << " accumulating computes); refused:";
  for (auto &[why, count] : refused)
    std::cerr << "\n  " << count << " x " << why;
  std::cerr << "\n";
  EXPECT_GT(cases, 1000);
  EXPECT_GT(slid, 50);
  EXPECT_GT(partials, 200);
  EXPECT_GT(transposed, 50);
}

/// The first on-chip level of `arch` with `bytes` for inputs and for
/// outputs (a shared level: twice that).
void shrinkFirstLevel(Arch &arch, int64_t bytes) {
  MemoryLevel &m = arch.memories[1];
  if (m.partition) {
    (*m.partition)[Tensor::Inputs] = bytes;
    (*m.partition)[Tensor::Outputs] = bytes;
  } else {
    m.capacityBytes = 2 * bytes;
  }
}

/// Calls f(network, layer) for every layer of `kind` of `networks` random
/// networks, while it returns true.
template <typename F>
void forEachLayer(Random &rnd, int networks, LayerKind kind, F f) {
  for (int n = 0; n < networks; ++n) {
    RandomNetwork net = randomNetwork(rnd);
    for (unsigned id = 0; id < net.graph.layers().size(); ++id)
      if (net.graph.layer(id).kind == kind && !f(net, id))
        return;
  }
}

// A concat alone, chunk by chunk: every result element receives, once,
// the operand element that belongs there; every operand element is read
// once; buffers stay within half the level (two of them fit).
TEST(ConcatProgram, CopiesEveryOperandIntoItsPlaceOnce) {
  Random rnd{std::mt19937_64(43)};
  int cases = 0, chunked = 0;
  forEachLayer(
      rnd, 300, LayerKind::Concat, [&](const RandomNetwork &net, unsigned id) {
        const LayerGraph &g = net.graph;
        const GraphLayer &layer = g.layer(id);
        Arch arch = randomArch(rnd);
        if (rnd.coin(0.5)) // a level smaller than the operands: chunks
          shrinkFirstLevel(arch, rnd.pick(4, 200));
        llvm::Expected<GroupProgram> program = planConcatProgram(g, id, arch);
        if (!program) {
          llvm::consumeError(program.takeError());
          return true;
        }
        ++cases;
        SCOPED_TRACE(net.describe() + "\nlayer " + layer.name);
        const Shape &shape = g.tensor(layer.result).shape;
        std::vector<Cell> dram(numElements(shape));
        std::map<unsigned, std::vector<Cell>> live;
        int64_t read = 0, written = 0, loads = 0;
        for (const GroupCommand &c : program->commands) {
          const PlannedBuffer *b =
              c.kind == Kind::Load    ? &program->buffers[c.dest.buffer]
              : c.kind == Kind::Store ? &program->buffers[c.source.buffer]
                                      : nullptr;
          if (b) {
            EXPECT_LE(b->offset + b->bytes(),
                      arch.memories[1].capacityFor(Tensor::Inputs));
          }
          switch (c.kind) {
          case Kind::Alloc:
            live[c.buffer].assign(numElements(program->buffers[c.buffer].shape),
                                  Cell());
            break;
          case Kind::Free:
            live.erase(c.buffer);
            break;
          case Kind::Load: {
            if (!live.count(c.dest.buffer)) {
              ADD_FAILURE() << "loads into a buffer not allocated";
              return false;
            }
            const Shape &from = g.tensor(b->tensor).shape;
            forEachIndex(c.dest.sizes, [&](llvm::ArrayRef<int64_t> idx) {
              live[c.dest.buffer][linearIndex(b->shape, c.dest.offsets, idx)] =
                  Cell{b->tensor, linearIndex(from, c.dram.begins(), idx), 0};
            });
            read += c.dram.elements();
            ++loads;
            break;
          }
          case Kind::Store: {
            if (!live.count(c.source.buffer) ||
                c.dramTensor != std::optional<unsigned>(layer.result)) {
              ADD_FAILURE() << "stores from a buffer not allocated, or into "
                               "another tensor than the result";
              return false;
            }
            forEachIndex(c.source.sizes, [&](llvm::ArrayRef<int64_t> idx) {
              Cell &to = dram[linearIndex(shape, c.dram.begins(), idx)];
              EXPECT_EQ(to.tensor, -1) << "a result element written twice";
              to = live[c.source.buffer]
                       [linearIndex(b->shape, c.source.offsets, idx)];
            });
            written += c.dram.elements();
            break;
          }
          default:
            ADD_FAILURE() << "a concat program computes or copies";
          }
        }
        // Result element at (.., a, ..) along the axis is operand k's element
        // at a minus the operands before k.
        int64_t at = 0;
        for (unsigned op : layer.operands) {
          const Shape &from = g.tensor(op).shape;
          llvm::SmallVector<int64_t, 4> zero(from.size(), 0);
          forEachIndex(from, [&](llvm::ArrayRef<int64_t> idx) {
            llvm::SmallVector<int64_t, 4> there(idx.begin(), idx.end());
            there[layer.axis] += at;
            const Cell &got = dram[linearIndex(shape, zero, there)];
            EXPECT_EQ(got.tensor, int64_t(op));
            EXPECT_EQ(got.index, linearIndex(from, zero, idx));
          });
          at += from[layer.axis];
          read -= numElements(from);
        }
        EXPECT_EQ(read, 0) << "operand elements read more than once";
        EXPECT_EQ(written, numElements(shape));
        chunked += loads > int64_t(layer.operands.size());
        return !::testing::Test::HasFailure();
      });
  EXPECT_GT(cases, 50);
  EXPECT_GT(chunked, 10);
}

// A resize alone, in chunks of channels and tiles of output rows: every
// compute finds its input rows where it reads them (kept or loaded), every
// output is computed once and stored; the input is read once and the
// output written once, whatever the level's size.
TEST(ResizeProgram, ReadsTheInputOnceAndWritesEveryOutputOnce) {
  Random rnd{std::mt19937_64(47)};
  int cases = 0, pieces = 0, kept = 0;
  forEachLayer(
      rnd, 400, LayerKind::Resize, [&](const RandomNetwork &net, unsigned id) {
        const LayerGraph &g = net.graph;
        const GraphLayer &layer = g.layer(id);
        Arch arch = randomArch(rnd);
        if (rnd.coin(0.7)) // a level smaller than the tensors
          shrinkFirstLevel(arch, rnd.pick(16, 400));
        llvm::Expected<GroupProgram> program = planResizeProgram(g, id, arch);
        if (!program) {
          llvm::consumeError(program.takeError());
          return true;
        }
        ++cases;
        SCOPED_TRACE(net.describe() + "\nlayer " + layer.name);
        Moved moved;
        runSymbolically(g, id, *program, moved);
        if (::testing::Test::HasFailure())
          return false;
        EXPECT_EQ(moved.reads[Tensor::Inputs],
                  g.tensor(layer.operands[0]).elements());
        EXPECT_EQ(moved.writes[Tensor::Outputs],
                  g.tensor(layer.result).elements());
        int computes = 0;
        for (const GroupCommand &c : program->commands) {
          computes += c.kind == Kind::Compute;
          kept += c.kind == Kind::Copy;
          if (c.kind == Kind::Alloc) {
            const PlannedBuffer &b = program->buffers[c.buffer];
            const MemoryLevel &m = arch.memories[1];
            EXPECT_LE(b.offset + b.bytes(),
                      m.partition ? m.capacityFor(b.area == BufferArea::Inputs
                                                      ? Tensor::Inputs
                                                      : Tensor::Outputs)
                                  : m.capacityBytes);
          }
        }
        pieces += computes > 1;
        return !::testing::Test::HasFailure();
      });
  EXPECT_GT(cases, 30);
  EXPECT_GT(pieces, 10);
  EXPECT_GT(kept, 5);
}

} // namespace
