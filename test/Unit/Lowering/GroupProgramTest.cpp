//===- GroupProgramTest.cpp - Group programs against their model ----------===//
//
// Runs every planned group program on random networks and schedules with a
// symbolic machine: each buffer element holds the name of the tensor
// element it was loaded or computed as (or nothing). Every compute must find
// exactly the operand elements its part of the layer reads, every store
// exactly the output elements it writes; the DRAM elements the program
// moves must equal the model's counts (GroupTiling, GroupCost), the bytes
// in use per area the footprint, and the dependencies must order every pair
// of commands that touch the same data.
//
//===----------------------------------------------------------------------===//

#include "accel/Lowering/GroupProgram.h"
#include "Workload/RandomNetworks.h"
#include "accel/Arch/GroupResources.h"
#include "accel/Kernels/NdArray.h"
#include "gtest/gtest.h"
#include <map>
#include <set>

using namespace accel;
using namespace accel::testing;
using Kind = GroupCommand::Kind;

namespace {

/// A tensor element: (tensor, linear index), or none.
using Label = std::pair<int64_t, int64_t>;
constexpr Label kNothing{-1, -1};

struct Outcome {
  int64_t inputElements = 0, weightElements = 0, storedElements = 0;
  std::map<BufferArea, int64_t> peak;
};

/// Runs `program`; fails the test where a command finds the wrong data.
void runSymbolically(const GroupTiling &tiling, const GroupProgram &program,
                     Outcome &out) {
  const LayerGraph &graph = tiling.graph();
  std::map<unsigned, std::vector<Label>> live;
  std::map<BufferArea, int64_t> inUse;
  std::set<std::pair<int64_t, int64_t>> stored;
  auto slice = [&](const BufferSlice &s, auto f) {
    const PlannedBuffer &b = program.buffers[s.buffer];
    ASSERT_TRUE(live.count(s.buffer)) << "buffer " << s.buffer << " not live";
    for (size_t d = 0; d < s.sizes.size(); ++d)
      ASSERT_TRUE(s.offsets[d] >= 0 && s.offsets[d] + s.sizes[d] <= b.shape[d])
          << "slice outside buffer " << s.buffer;
    forEachIndex(s.sizes, [&](llvm::ArrayRef<int64_t> idx) {
      f(idx, live[s.buffer][linearIndex(b.shape, s.offsets, idx)]);
    });
  };
  auto expectRegion = [&](const BufferSlice &s, unsigned tensor,
                          const TensorRegion &region, const char *what) {
    ASSERT_EQ(region.sizes(), s.sizes) << what;
    const Shape &shape = graph.tensor(tensor).shape;
    llvm::SmallVector<int64_t, 4> base = region.begins();
    int64_t wrong = 0;
    slice(s, [&](llvm::ArrayRef<int64_t> idx, Label &l) {
      wrong += l != Label{tensor, linearIndex(shape, base, idx)};
    });
    EXPECT_EQ(wrong, 0) << what << ": " << wrong << " elements of "
                        << graph.tensor(tensor).name << " " << region.str()
                        << " are not there";
  };
  for (const GroupCommand &c : program.commands) {
    switch (c.kind) {
    case Kind::Alloc: {
      const PlannedBuffer &b = program.buffers[c.buffer];
      live[c.buffer].assign(numElements(b.shape), kNothing);
      int64_t &used = inUse[b.area];
      used += b.bytes();
      out.peak[b.area] = std::max(out.peak[b.area], used);
      for (auto &[other, data] : live)
        if (other != c.buffer) {
          const PlannedBuffer &o = program.buffers[other];
          EXPECT_FALSE(o.area == b.area && o.offset < b.offset + b.bytes() &&
                       b.offset < o.offset + o.bytes())
              << "buffers " << other << " and " << c.buffer << " overlap";
        }
      break;
    }
    case Kind::Free:
      inUse[program.buffers[c.buffer].area] -=
          program.buffers[c.buffer].bytes();
      live.erase(c.buffer);
      break;
    case Kind::Load: {
      unsigned tensor = program.buffers[c.dest.buffer].tensor;
      const Shape &shape = graph.tensor(tensor).shape;
      llvm::SmallVector<int64_t, 4> base = c.dram.begins();
      ASSERT_EQ(c.dram.sizes(), c.dest.sizes);
      slice(c.dest, [&](llvm::ArrayRef<int64_t> idx, Label &l) {
        l = {tensor, linearIndex(shape, base, idx)};
      });
      (graph.tensor(tensor).weight ? out.weightElements : out.inputElements) +=
          c.dram.elements();
      break;
    }
    case Kind::Copy: {
      std::vector<Label> from;
      slice(c.source,
            [&](llvm::ArrayRef<int64_t>, Label &l) { from.push_back(l); });
      size_t k = 0;
      slice(c.dest, [&](llvm::ArrayRef<int64_t>, Label &l) { l = from[k++]; });
      break;
    }
    case Kind::Compute: {
      unsigned l = tiling.layers()[c.layer];
      const GraphLayer &layer = graph.layer(l);
      for (auto [op, region, s] : llvm::zip(
               layer.operands, graph.operandRegions(l, c.box), c.operands))
        expectRegion(s, op, region, layer.name.c_str());
      const Shape &shape = graph.tensor(layer.result).shape;
      llvm::SmallVector<int64_t, 4> base = c.box.begins();
      ASSERT_EQ(c.box.sizes(), c.result.sizes);
      slice(c.result, [&](llvm::ArrayRef<int64_t> idx, Label &lb) {
        lb = {layer.result, linearIndex(shape, base, idx)};
      });
      break;
    }
    case Kind::Store: {
      unsigned tensor = program.buffers[c.source.buffer].tensor;
      expectRegion(c.source, tensor, c.dram, "store");
      const Shape &shape = graph.tensor(tensor).shape;
      llvm::SmallVector<int64_t, 4> base = c.dram.begins();
      forEachIndex(c.dram.sizes(), [&](llvm::ArrayRef<int64_t> idx) {
        EXPECT_TRUE(
            stored.insert({tensor, linearIndex(shape, base, idx)}).second)
            << "stored twice";
      });
      out.storedElements += c.dram.elements();
      break;
    }
    }
    if (::testing::Test::HasFatalFailure())
      return;
  }
  EXPECT_TRUE(live.empty()) << "buffers left allocated";
  for (unsigned id : tiling.tensors().outputs)
    EXPECT_EQ(int64_t(llvm::count_if(
                  stored, [&](auto &s) { return s.first == int64_t(id); })),
              graph.tensor(id).elements())
        << graph.tensor(id).name << " is not stored whole";
}

/// Whether two commands (a before b) touch the same data: overlapping
/// boxes of one buffer, one of them written; or buffers that share bytes of
/// an area, b's placed there after a's was freed. Allocations and frees
/// are not commands that run (they carry no token).
bool conflict(const GroupProgram &p, const GroupCommand &a,
              const GroupCommand &b) {
  struct Touch {
    const BufferSlice *box;
    bool write;
  };
  auto touches = [](const GroupCommand &c) {
    llvm::SmallVector<Touch, 4> t;
    switch (c.kind) {
    case Kind::Alloc:
    case Kind::Free:
      break;
    case Kind::Load:
      t.push_back({&c.dest, true});
      break;
    case Kind::Store:
      t.push_back({&c.source, false});
      break;
    case Kind::Copy:
      t.push_back({&c.source, false});
      t.push_back({&c.dest, true});
      break;
    case Kind::Compute:
      for (const BufferSlice &s : c.operands)
        if (!s.sizes.empty())
          t.push_back({&s, false});
      t.push_back({&c.result, true});
      break;
    }
    return t;
  };
  auto overlap = [](const BufferSlice &x, const BufferSlice &y) {
    for (size_t d = 0; d < x.offsets.size(); ++d)
      if (x.offsets[d] + x.sizes[d] <= y.offsets[d] ||
          y.offsets[d] + y.sizes[d] <= x.offsets[d])
        return false;
    return true;
  };
  for (const Touch &x : touches(a))
    for (const Touch &y : touches(b)) {
      if (x.box->buffer == y.box->buffer) {
        if ((x.write || y.write) && overlap(*x.box, *y.box))
          return true;
        continue;
      }
      const PlannedBuffer &bx = p.buffers[x.box->buffer],
                          &by = p.buffers[y.box->buffer];
      if (x.box->buffer < y.box->buffer && bx.area == by.area &&
          bx.offset < by.offset + by.bytes() &&
          by.offset < bx.offset + bx.bytes())
        return true; // (buffers are numbered as they are placed)
    }
  return false;
}

TEST(GroupProgram, ComputesTheGroupAndMovesWhatTheModelCounts) {
  Arch shared = roomyArch();
  Arch split = roomyArch();
  PerTensor<int64_t> parts;
  parts.v = {int64_t(1) << 30, int64_t(1) << 30, int64_t(1) << 30};
  split.memories[kGroupLevel].partition = parts;
  Random rnd{std::mt19937_64(7)};
  int cases = 0, refused = 0, paddingOnly = 0, ordered = 0;
  for (int n = 0; n < 160; ++n) {
    RandomNetwork net = randomNetwork(rnd);
    for (GroupSchedule s : randomSchedules(rnd, net.graph, net.group)) {
      if (rnd.pick(0, 3) == 0) {
        s.split.kind = BufferSplit::Kind::Weights;
        s.split.weightBytes = int64_t(1) << 20;
      }
      auto tiling = GroupTiling::compute(net.graph, net.group, s);
      if (!tiling) {
        llvm::consumeError(tiling.takeError());
        continue;
      }
      const Arch &arch = rnd.pick(0, 1) ? shared : split;
      SCOPED_TRACE(net.describe() + "\nschedule: " + describeSchedule(s) +
                   " on " + (&arch == &shared ? "a shared" : "a split") +
                   " level");
      llvm::Expected<GroupProgram> program = planGroupProgram(*tiling, arch);
      if (!program) {
        // Refused only for regions that move back up, and for layers that
        // read only padding.
        std::string e = toString(program.takeError());
        EXPECT_TRUE(e.find("front") != std::string::npos ||
                    e.find("in order") != std::string::npos ||
                    e.find("reads nothing") != std::string::npos)
            << e;
        (e.find("reads nothing") != std::string::npos ? paddingOnly
                                                      : refused)++;
        if (getenv("SHOW_REFUSED"))
          std::cerr << e << "\n  " << net.describe() << "\n  "
                    << describeSchedule(s) << "\n";
        continue;
      }
      ++cases;
      Outcome o;
      runSymbolically(*tiling, *program, o);
      if (::testing::Test::HasFailure())
        return;
      // DRAM: what the model counts (GroupCost counts the same sums).
      const LayerGraph &g = net.graph;
      int64_t loaded = 0, stored = 0, weights = 0;
      for (unsigned t = 0; t < tiling->numTiles(); ++t) {
        for (unsigned id : tiling->tensors().inputs)
          loaded += tiling->loaded(t, id);
        for (unsigned id : tiling->tensors().outputs)
          stored += tiling->outputTile(t, id).elements();
        for (unsigned i = 0; i < tiling->layers().size(); ++i)
          if (s.weights == WeightPolicy::Streamed &&
              !tiling->computed(t, i).empty() &&
              g.layer(tiling->layers()[i]).computes())
            for (unsigned w : tiling->weightsOf(i))
              weights += g.tensor(w).elements();
      }
      if (s.weights == WeightPolicy::Resident)
        for (unsigned w : tiling->tensors().weights)
          weights += g.tensor(w).elements();
      EXPECT_EQ(o.inputElements, loaded);
      EXPECT_EQ(o.storedElements, stored);
      EXPECT_EQ(o.weightElements, weights);
      // Bytes in use: the footprint, area by area.
      GroupFootprint f = groupFootprint(*tiling);
      if (o.peak.count(BufferArea::Weights) ||
          o.peak.count(BufferArea::Activations)) {
        EXPECT_EQ(o.peak[BufferArea::Weights], f.weightBytes);
        EXPECT_EQ(o.peak[BufferArea::Activations], f.activationBytes());
      } else {
        EXPECT_EQ(o.peak[BufferArea::Shared], f.totalBytes());
      }
      // Dependencies: every conflicting pair is ordered through `after`
      // and the queues' order: b waits, directly or not, for a command of
      // a's queue issued no earlier than a (or for a itself).
      const auto &cs = program->commands;
      if (cs.size() > 600)
        continue;
      ++ordered;
      // reach[b][q]: the latest command of queue q that has completed when
      // b starts: those it waits for, the earlier ones of their queues
      // (in order), and what all of those waited for; unqueued: the frees
      // it waits for.
      using Reach = std::array<int, 4>;
      std::vector<Reach> reach(cs.size());
      std::vector<std::set<unsigned>> unqueued(cs.size());
      // upTo[q][i]: what has completed when command i of queue q has (the
      // commands of q up to i and everything they waited for).
      std::array<std::map<int, Reach>, 4> upTo;
      auto merge = [](Reach &to, const Reach &from) {
        for (int k = 0; k < 4; ++k)
          to[k] = std::max(to[k], from[k]);
      };
      auto completed = [&](int q, int i) {
        auto it = upTo[q].upper_bound(i);
        Reach r;
        r.fill(-1);
        if (it != upTo[q].begin())
          r = std::prev(it)->second;
        return r;
      };
      for (size_t b = 0; b < cs.size(); ++b) {
        reach[b].fill(-1);
        for (unsigned a : cs[b].after) {
          ASSERT_LT(a, b);
          int q = queueOf(cs[a].kind);
          if (q >= 0)
            reach[b][q] = std::max(reach[b][q], int(a));
          else
            unqueued[b].insert(a);
          merge(reach[b], reach[a]);
          unqueued[b].insert(unqueued[a].begin(), unqueued[a].end());
        }
        for (bool changed = true; changed;) {
          changed = false;
          Reach before = reach[b];
          for (int q = 0; q < 4; ++q)
            if (reach[b][q] >= 0)
              merge(reach[b], completed(q, reach[b][q]));
          changed = before != reach[b];
        }
        if (int q = queueOf(cs[b].kind); q >= 0) {
          Reach mine = reach[b];
          mine[q] = std::max(mine[q], int(b));
          merge(mine, completed(q, b));
          upTo[q][b] = mine;
        }
        for (size_t a = 0; a < b; ++a) {
          if (!conflict(*program, cs[a], cs[b]))
            continue;
          int q = queueOf(cs[a].kind);
          bool waits = q >= 0 ? reach[b][q] >= int(a) : unqueued[b].count(a);
          ASSERT_TRUE(waits)
              << "command " << b << " does not wait for command " << a;
        }
      }
    }
  }
  EXPECT_GT(cases, 800);
  EXPECT_LT(refused, cases / 20);
  EXPECT_GT(ordered, cases / 2);
  std::cerr << cases << " programs, " << refused
            << " refused (regions out of order), " << paddingOnly
            << " refused (a layer's part reads only padding), " << ordered
            << " with their order checked\n";
}

} // namespace
