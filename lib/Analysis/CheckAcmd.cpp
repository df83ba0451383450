//===- CheckAcmd.cpp - --accel-check-acmd ---------------------------------===//
//
// Buffer lifetimes, overlaps and capacities of acmd programs against the
// accelerator. A buffer lives from its acmd.alloc to its acmd.dealloc (or
// the end of its function), in program order: commands are issued in that
// order, so a later allocation may reuse the bytes of a freed buffer.
//
//===----------------------------------------------------------------------===//

#include "CommandOrder.h"
#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/Passes.h"
#include "accel/Arch/GroupResources.h"
#include "dialects/acmd/AcmdOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace accel {
#define GEN_PASS_DEF_ACCELCHECKACMD
#include "accel/Analysis/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// One buffer: where it lives and for how long (positions in program
/// order).
struct Live {
  acmd::AllocOp alloc;
  int64_t begin = 0, end = 0; ///< bytes
  size_t from = 0, to = 0;    ///< positions, inclusive
};

/// The memory level of `arch` an acmd memory level stands for.
unsigned memoryIndex(const Arch &arch, acmd::MemoryLevel level) {
  return level == acmd::MemoryLevel::Global
             ? kGroupLevel
             : unsigned(arch.memories.size() - 1);
}

struct CheckAcmdPass : public accel::impl::AccelCheckAcmdBase<CheckAcmdPass> {
  using AccelCheckAcmdBase::AccelCheckAcmdBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<Arch> arch = resolveOnChipArch(module, this->arch);
    if (failed(arch))
      return signalPassFailure();
    bool failedAny = false;
    module.walk([&](func::FuncOp f) {
      if (failed(checkFunction(f, *arch)))
        failedAny = true;
    });
    if (failedAny)
      signalPassFailure();
  }

  LogicalResult checkFunction(func::FuncOp f, const Arch &arch) {
    // Program order.
    DenseMap<Operation *, size_t> position;
    f.walk<WalkOrder::PreOrder>(
        [&](Operation *op) { position[op] = position.size(); });
    size_t last = position.size();

    // Each buffer's partition, bytes and lifetime; frees and later uses.
    // (Addresses are the level's: partitions are parts of one space.)
    std::map<unsigned, std::vector<Live>> levels;
    bool ok = true;
    WalkResult r = f.walk<WalkOrder::PreOrder>([&](acmd::AllocOp alloc) {
      acmd::BufferType type = alloc.getBuffer().getType();
      unsigned m = memoryIndex(arch, type.getLevel());
      const MemoryLevel &mem = arch.memories[m];
      std::optional<acmd::PartitionSpan> span =
          acmd::partitionSpan(mem, alloc.getPartition());
      if (!span) {
        alloc.emitOpError()
            << "partition '" << acmd::stringifyPartition(alloc.getPartition())
            << "' does not exist: " << mem.name << " of " << arch.name
            << " is not partitioned (shared)";
        return WalkResult::interrupt();
      }
      Live l;
      l.alloc = alloc;
      l.begin = span->begin + alloc.getOffset();
      l.end = l.begin + type.getSizeInBytes();
      l.from = position[alloc];
      l.to = last;
      if (!span->unbounded &&
          int64_t(alloc.getOffset()) + type.getSizeInBytes() > span->size) {
        int64_t end = alloc.getOffset() + type.getSizeInBytes();
        alloc.emitOpError() << "buffer [" << alloc.getOffset() << ", " << end
                            << ") does not fit " << mem.name << " ("
                            << acmd::stringifyPartition(alloc.getPartition())
                            << ") of " << arch.name << ": " << span->size
                            << " B (over by " << end - span->size << " B)";
        return WalkResult::interrupt();
      }
      // Its free and every use: none after the free.
      // (Users come in no particular order: sort the frees by position.)
      SmallVector<acmd::DeallocOp> frees;
      for (Operation *user : alloc.getBuffer().getUsers())
        if (auto dealloc = dyn_cast<acmd::DeallocOp>(user))
          frees.push_back(dealloc);
      llvm::sort(frees, [&](acmd::DeallocOp a, acmd::DeallocOp b) {
        return position[a] < position[b];
      });
      if (frees.size() > 1) {
        InFlightDiagnostic d =
            frees[1].emitOpError("frees a buffer that is already freed");
        d.attachNote(alloc.getLoc()) << "allocated here";
        return WalkResult::interrupt();
      }
      std::optional<size_t> freed;
      if (!frees.empty())
        freed = position[frees[0]];
      if (freed) {
        l.to = *freed;
        for (Operation *user : alloc.getBuffer().getUsers())
          if (!isa<acmd::DeallocOp>(user) && position[user] > *freed) {
            InFlightDiagnostic d =
                user->emitOpError("uses a buffer after its acmd.dealloc");
            d.attachNote(alloc.getLoc()) << "allocated here";
            return WalkResult::interrupt();
          }
      }
      levels[m].push_back(l);
      return WalkResult::advance();
    });
    if (r.wasInterrupted())
      return failure();

    // Overlaps in time and in bytes; the peak in use per partition.
    for (auto &[m, buffers] : levels) {
      for (size_t i = 0; i < buffers.size(); ++i)
        for (size_t j = 0; j < i; ++j) {
          Live &a = buffers[j], &b = buffers[i];
          bool together = a.from <= b.to && b.from <= a.to;
          bool sharing = a.begin < b.end && b.begin < a.end;
          if (!together || !sharing)
            continue;
          auto where = [](Live &x) {
            return llvm::formatv(
                "[{0}, {1}) of {2}", x.alloc.getOffset(),
                x.alloc.getOffset() + (x.end - x.begin),
                acmd::stringifyPartition(x.alloc.getPartition()));
          };
          InFlightDiagnostic d = b.alloc.emitOpError()
                                 << "buffer " << where(b).str()
                                 << " overlaps a live buffer "
                                 << where(a).str();
          d.attachNote(a.alloc.getLoc()) << "that buffer is allocated here";
          ok = false;
        }
      if (!peak)
        continue;
      const MemoryLevel &mem = arch.memories[m];
      std::map<acmd::Partition, std::vector<const Live *>> parts;
      for (Live &b : buffers)
        parts[b.alloc.getPartition()].push_back(&b);
      for (auto &[partition, live] : parts) {
        // Bytes in use after each allocation (buffers freed before it gone).
        int64_t most = 0;
        for (const Live *b : live) {
          int64_t inUse = 0;
          for (const Live *a : live)
            if (a->from <= b->from && b->from <= a->to)
              inUse += a->end - a->begin;
          most = std::max(most, inUse);
        }
        std::optional<acmd::PartitionSpan> span =
            acmd::partitionSpan(mem, partition);
        llvm::outs() << llvm::formatv(
            "{0}: {1} ({2}) peak {3} B of {4}\n", f.getName(), mem.name,
            acmd::stringifyPartition(partition), most,
            span->unbounded ? std::string("unbounded")
                            : llvm::formatv("{0} B", span->size).str());
      }
    }
    // The tokens order every pair of commands that touch the same data.
    if (ok && failed(checkCommandOrder(f)))
      ok = false;
    return success(ok);
  }
};

} // namespace
