//===- CommandOrder.cpp - Do an acmd program's tokens order its hazards? --===//
//
// Commands run in four queues (DMA loads, DMA stores, copies, computes),
// each completing in issue order, and otherwise only after the tokens they
// wait for (`after`) and the last `acmd.wait` before them. Two commands
// that touch overlapping boxes of one buffer, one of them writing, must be
// ordered: the later one must wait, through tokens, waits and the queues'
// order, for the earlier one or a later command of its queue. A compute's
// boxes are what its body slices out of its buffers (`tensor.extract_slice`)
// and inserts into them (`tensor.insert_slice`), the whole buffer otherwise.
//
//===----------------------------------------------------------------------===//

#include "CommandOrder.h"
#include "accel/Workload/ShapeArith.h"
#include "dialects/acmd/AcmdOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include <array>
#include <map>

using namespace mlir;

namespace {

struct Box {
  Value buffer;
  llvm::SmallVector<int64_t, 4> offsets, sizes;
  bool write = false;
};

bool overlap(const Box &a, const Box &b) {
  return a.buffer == b.buffer &&
         accel::boxesOverlap(a.offsets, a.sizes, b.offsets, b.sizes);
}

Box whole(Value buffer, bool write) {
  auto type = cast<acmd::BufferType>(buffer.getType());
  Box b{buffer, llvm::SmallVector<int64_t, 4>(type.getShape().size(), 0),
        llvm::SmallVector<int64_t, 4>(type.getShape()), write};
  return b;
}

/// What a compute reads and writes of its buffers.
void computeBoxes(acmd::ComputeOp c, llvm::SmallVectorImpl<Box> &boxes) {
  Block &body = c.getBody().front();
  llvm::SmallVector<Value> buffers(c.getIns());
  llvm::append_range(buffers, c.getOuts());
  for (auto [arg, buffer] : llvm::zip(body.getArguments(), buffers)) {
    bool isOut = llvm::is_contained(c.getOuts(), buffer);
    for (OpOperand &use : arg.getUses()) {
      Operation *user = use.getOwner();
      if (auto e = dyn_cast<tensor::ExtractSliceOp>(user);
          e && !ShapedType::isDynamicShape(e.getStaticOffsets()) &&
          !ShapedType::isDynamicShape(e.getStaticSizes())) {
        boxes.push_back(
            {buffer, llvm::SmallVector<int64_t, 4>(e.getStaticOffsets()),
             llvm::SmallVector<int64_t, 4>(e.getStaticSizes()), false});
        continue;
      }
      if (auto i = dyn_cast<tensor::InsertSliceOp>(user);
          i && use.getOperandNumber() == 1 &&
          !ShapedType::isDynamicShape(i.getStaticOffsets()) &&
          !ShapedType::isDynamicShape(i.getStaticSizes())) {
        boxes.push_back(
            {buffer, llvm::SmallVector<int64_t, 4>(i.getStaticOffsets()),
             llvm::SmallVector<int64_t, 4>(i.getStaticSizes()), true});
        continue;
      }
      boxes.push_back(whole(buffer, false)); // read whole
    }
    if (isOut && arg.use_empty())
      boxes.push_back(whole(buffer, true)); // overwritten whole
  }
}

int queueOf(Operation *op) {
  if (isa<acmd::DmaLoadOp>(op))
    return 0;
  if (isa<acmd::DmaStoreOp>(op))
    return 1;
  if (isa<acmd::CopyOp>(op))
    return 2;
  if (isa<acmd::ComputeOp>(op))
    return 3;
  return -1;
}

} // namespace

LogicalResult accel::checkCommandOrder(func::FuncOp f) {
  // The commands in program order, what each waits for (as "the latest
  // command of queue q that has completed"), and the accesses seen so far
  // per buffer.
  using Reach = std::array<int, 4>;
  std::vector<Operation *> commands;
  std::vector<Reach> reach;
  std::array<std::map<int, Reach>, 4> upTo; // queue -> index -> reach
  llvm::DenseMap<Value, unsigned> indexOf;
  Reach barrier; // what the last acmd.wait guarantees
  barrier.fill(-1);
  llvm::DenseMap<Value, std::vector<std::pair<unsigned, Box>>> history;
  auto merge = [](Reach &to, const Reach &from) {
    for (int k = 0; k < 4; ++k)
      to[k] = std::max(to[k], from[k]);
  };
  auto completed = [&](int q, int i) {
    Reach r;
    r.fill(-1);
    auto it = upTo[q].upper_bound(i);
    if (it != upTo[q].begin())
      r = std::prev(it)->second;
    return r;
  };
  auto closure = [&](Reach r) {
    for (bool changed = true; changed;) {
      Reach before = r;
      for (int q = 0; q < 4; ++q)
        if (r[q] >= 0)
          merge(r, completed(q, r[q]));
      changed = before != r;
    }
    return r;
  };
  bool ok = true;
  for (Operation &op : f.getBody().front()) {
    if (auto wait = dyn_cast<acmd::WaitOp>(op)) {
      for (Value t : wait.getTokens())
        if (auto it = indexOf.find(t); it != indexOf.end()) {
          unsigned i = it->second;
          Reach r = reach[i];
          int q = queueOf(commands[i]);
          r[q] = std::max(r[q], int(i));
          merge(barrier, r);
        }
      barrier = closure(barrier);
      continue;
    }
    int q = queueOf(&op);
    if (q < 0)
      continue;
    unsigned index = commands.size();
    Reach r = barrier;
    ValueRange deps =
        isa<acmd::DmaLoadOp>(op)    ? cast<acmd::DmaLoadOp>(op).getDeps()
        : isa<acmd::DmaStoreOp>(op) ? cast<acmd::DmaStoreOp>(op).getDeps()
        : isa<acmd::CopyOp>(op)     ? cast<acmd::CopyOp>(op).getDeps()
                                    : cast<acmd::ComputeOp>(op).getDeps();
    for (Value d : deps)
      if (auto it = indexOf.find(d); it != indexOf.end()) {
        unsigned i = it->second;
        int dq = queueOf(commands[i]);
        r[dq] = std::max(r[dq], int(i));
        merge(r, reach[i]);
      }
    r = closure(r);
    commands.push_back(&op);
    reach.push_back(r);
    Reach mine = r;
    mine[q] = std::max(mine[q], int(index));
    merge(mine, completed(q, index));
    upTo[q][index] = mine;
    indexOf[op.getResult(0)] = index;

    llvm::SmallVector<Box, 4> boxes;
    if (auto l = dyn_cast<acmd::DmaLoadOp>(op))
      boxes.push_back({l.getBuffer(),
                       llvm::SmallVector<int64_t, 4>(l.getBufferOffsets()),
                       llvm::SmallVector<int64_t, 4>(l.getSizes()), true});
    else if (auto s = dyn_cast<acmd::DmaStoreOp>(op))
      boxes.push_back({s.getBuffer(),
                       llvm::SmallVector<int64_t, 4>(s.getBufferOffsets()),
                       llvm::SmallVector<int64_t, 4>(s.getSizes()), false});
    else if (auto c = dyn_cast<acmd::CopyOp>(op)) {
      boxes.push_back({c.getSource(),
                       llvm::SmallVector<int64_t, 4>(c.getSourceOffsets()),
                       llvm::SmallVector<int64_t, 4>(c.getSizes()), false});
      boxes.push_back({c.getDest(),
                       llvm::SmallVector<int64_t, 4>(c.getDestOffsets()),
                       llvm::SmallVector<int64_t, 4>(c.getSizes()), true});
    } else {
      computeBoxes(cast<acmd::ComputeOp>(op), boxes);
    }
    for (const Box &b : boxes) {
      auto &h = history[b.buffer];
      for (auto &[earlier, e] : h) {
        if (earlier == index || (!b.write && !e.write) || !overlap(b, e))
          continue;
        int eq = queueOf(commands[earlier]);
        if (r[eq] >= int(earlier))
          continue;
        InFlightDiagnostic d =
            op.emitOpError("may run before the ")
            << commands[earlier]->getName() << " it conflicts with completes: "
            << (b.write ? "it writes" : "it reads")
            << " a box of a buffer that command "
            << (e.write ? "writes" : "reads")
            << ", and waits for neither it nor a later command of its queue";
        d.attachNote(commands[earlier]->getLoc()) << "the earlier command";
        ok = false;
        return failure();
      }
      // A write over an earlier box orders what conflicts with that one.
      if (b.write)
        llvm::erase_if(h, [&](const auto &p) {
          return accel::boxContains(b.offsets, b.sizes, p.second.offsets,
                                    p.second.sizes);
        });
      h.push_back({index, b});
    }
  }
  return success(ok);
}
