//===- CommandExecutor.cpp - Runs acmd programs on host memory ------------===//

#include "accel/Execution/CommandExecutor.h"
#include "ExecutionSupport.h"
#include "accel/Arch/GroupResources.h"
#include "accel/CostModel/GroupCost.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/acmd/AcmdOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>

using namespace mlir;
using namespace accel;
using accel::detail::checkArraySize;
using accel::detail::errorAt;
using accel::detail::roundTo;

bool accel::isCommandProgram(func::FuncOp f) {
  return llvm::any_of(f.getArgumentTypes(),
                      [](Type t) { return isa<MemRefType>(t); }) ||
         !f.getBody().getOps<acmd::AllocOp>().empty();
}

namespace {

int64_t elementBytes(Type t) { return (t.getIntOrFloatBitWidth() + 7) / 8; }

std::string partitionKey(acmd::BufferType type, acmd::Partition p) {
  return (acmd::stringifyMemoryLevel(type.getLevel()) + "/" +
          acmd::stringifyPartition(p))
      .str();
}

struct Executor {
  Executor(const Arch *arch, const InterpreterOptions &options)
      : arch(arch), options(options) {}
  const Arch *arch;
  const InterpreterOptions &options;
  CommandRun run;
  llvm::DenseMap<Value, NdArray> buffers;
  llvm::DenseMap<Value, unsigned> argIndex;
  std::map<std::string, int64_t> inUse;
  /// DRAM bytes read and written when the current group began; on-chip
  /// bytes in use, and the most since then.
  std::pair<int64_t, int64_t> groupStart{0, 0};
  int64_t onChip = 0, groupPeak = 0;

  NdArray *buffer(Operation *op, Value v, llvm::Error &error) {
    auto it = buffers.find(v);
    if (it == buffers.end()) {
      error = errorAt(op, "uses a buffer that is not allocated (freed, or "
                          "not an acmd.alloc)");
      return nullptr;
    }
    return &it->second;
  }
  /// DRAM tensors that are not arguments: constants (memref.get_global)
  /// and intermediates (memref.alloc).
  llvm::DenseMap<Value, NdArray> dramValues;
  NdArray &dram(Value v) {
    auto it = argIndex.find(v);
    return it != argIndex.end() ? run.memory[it->second] : dramValues[v];
  }

  /// The capacity of a partition on the accelerator; 0 when unbounded or
  /// none is known.
  int64_t capacity(acmd::BufferType type, acmd::Partition p) {
    if (!arch || arch->memories.size() <= kGroupLevel)
      return 0;
    const MemoryLevel &m =
        arch->memories[type.getLevel() == acmd::MemoryLevel::Global
                           ? kGroupLevel
                           : arch->memories.size() - 1];
    std::optional<acmd::PartitionSpan> span = acmd::partitionSpan(m, p);
    return span && !span->unbounded ? span->size : 0;
  }

  /// The timeline: when each token's command ends, when each queue is
  /// free, when the last acmd.wait returned.
  llvm::DenseMap<Value, double> ends;
  double queueFree[4] = {0, 0, 0, 0};
  double issued = 0;

  /// Schedules `op` on `queue` for `duration` cycles after its `deps`.
  void schedule(Operation *op, unsigned queue, double duration, ValueRange deps,
                std::string name, int64_t bytes) {
    if (!arch)
      return;
    double start = std::max(issued, queueFree[queue]);
    for (Value d : deps)
      start = std::max(start, ends.lookup(d));
    double end = start + duration;
    queueFree[queue] = end;
    ends[op->getResult(0)] = end;
    run.timeline.push_back({std::move(name), queue, start, end, bytes});
    run.cycles = std::max(run.cycles, end);
  }
  /// Cycles to move `bytes` through level `m` at `bandwidth` words/cycle.
  double transfer(int64_t bytes, unsigned m, double bandwidth) const {
    const MemoryLevel &level = arch->memories[m];
    return bandwidth > 0 ? bytes * 8.0 / level.wordBits / bandwidth : 0.0;
  }
  /// Cycles a compute's tile takes: the cost model with the command's
  /// mapping fitted to the tile, on the accelerator below its global level;
  /// MACs / PEs when that does not cost.
  double computeCycles(acmd::ComputeOp compute) const {
    double cycles = 0;
    for (Operation &op : compute.getBody().front()) {
      auto layer = dyn_cast<LayerOpInterface>(op);
      if (!layer)
        continue;
      LayerProblem p = problemAt(layer, arch->precision);
      double c =
          std::ceil(double(p.macs()) / std::max<int64_t>(1, arch->numPEs()));
      if (MappingAttr m = compute.getMappingAttr()) {
        CostResult r = evaluate(p, groupLayerArch(*arch),
                                clampMapping(m.getValue(), p.bounds));
        if (r.valid)
          c = r.cycles;
      }
      cycles += c;
    }
    return cycles;
  }

  llvm::Error step(Operation *op) {
    ++run.commands;
    llvm::Error error = llvm::Error::success();
    if (auto alloc = dyn_cast<acmd::AllocOp>(op)) {
      acmd::BufferType type = alloc.getBuffer().getType();
      std::string key = partitionKey(type, alloc.getPartition());
      int64_t &used = inUse[key];
      used += type.getSizeInBytes();
      onChip += type.getSizeInBytes();
      groupPeak = std::max(groupPeak, onChip);
      run.peakBytes[key] = std::max(run.peakBytes[key], used);
      int64_t have = capacity(type, alloc.getPartition());
      if (have > 0 && used > have)
        return errorAt(op, llvm::formatv("{0} B in use in {1}, more than its "
                                         "{2} B",
                                         used, key, have)
                               .str());
      if (llvm::Error e = checkArraySize(op, type.getShape(), "a buffer"))
        return e;
      buffers[alloc.getBuffer()] = NdArray(type.getShape());
      return llvm::Error::success();
    }
    if (auto dealloc = dyn_cast<acmd::DeallocOp>(op)) {
      if (!buffer(op, dealloc.getBuffer(), error))
        return error;
      auto allocOp = dealloc.getBuffer().getDefiningOp<acmd::AllocOp>();
      acmd::BufferType type = dealloc.getBuffer().getType();
      inUse[partitionKey(type, allocOp.getPartition())] -=
          type.getSizeInBytes();
      onChip -= type.getSizeInBytes();
      buffers.erase(dealloc.getBuffer());
      return llvm::Error::success();
    }
    if (auto load = dyn_cast<acmd::DmaLoadOp>(op)) {
      NdArray *b = buffer(op, load.getBuffer(), error);
      if (!b)
        return error;
      const NdArray &src = dram(load.getDram());
      forEachIndex(load.getSizes(), [&](llvm::ArrayRef<int64_t> idx) {
        bool inside = true;
        for (size_t d = 0; d < idx.size(); ++d) {
          int64_t at =
              load.getDramOffsets()[d] + idx[d] * load.getDramStrides()[d];
          inside &= at >= 0 && at < src.shape[d];
        }
        b->data[linearIndex(b->shape, load.getBufferOffsets(), idx)] =
            inside ? src.data[linearIndex(src.shape, load.getDramOffsets(), idx,
                                          load.getDramStrides())]
                   : 0.0;
      });
      int64_t n = load.getDramElements();
      int64_t bytes =
          n * elementBytes(load.getDram().getType().getElementType());
      run.elementsRead += n;
      run.bytesRead += bytes;
      if (arch)
        schedule(op, 0, transfer(bytes, 0, arch->memories[0].readBandwidth),
                 load.getDeps(), "dma_load", bytes);
      return roundTo(*b, load.getBuffer().getType().getElementType(), op);
    }
    if (auto store = dyn_cast<acmd::DmaStoreOp>(op)) {
      NdArray *b = buffer(op, store.getBuffer(), error);
      if (!b)
        return error;
      NdArray &dst = dram(store.getDram());
      forEachIndex(store.getSizes(), [&](llvm::ArrayRef<int64_t> idx) {
        dst.data[linearIndex(dst.shape, store.getDramOffsets(), idx,
                             store.getDramStrides())] =
            b->data[linearIndex(b->shape, store.getBufferOffsets(), idx)];
      });
      int64_t n = numElements(store.getSizes());
      int64_t bytes =
          n * elementBytes(store.getDram().getType().getElementType());
      run.elementsWritten += n;
      run.bytesWritten += bytes;
      if (arch)
        schedule(op, 1, transfer(bytes, 0, arch->memories[0].writeBandwidth),
                 store.getDeps(), "dma_store", bytes);
      if (auto it = argIndex.find(store.getDram()); it != argIndex.end())
        run.written[it->second] = true;
      return llvm::Error::success();
    }
    if (auto copy = dyn_cast<acmd::CopyOp>(op)) {
      NdArray *src = buffer(op, copy.getSource(), error);
      if (!src)
        return error;
      NdArray *dst = buffer(op, copy.getDest(), error);
      if (!dst)
        return error;
      if (arch) {
        int64_t bytes = numElements(copy.getSizes()) *
                        copy.getSource().getType().getElementBytes();
        schedule(op, 2,
                 transfer(bytes, kGroupLevel,
                          arch->memories[kGroupLevel].readBandwidth),
                 copy.getDeps(), "copy", bytes);
      }
      NdArray from = *src; // regions of one buffer are disjoint, but copy
      forEachIndex(copy.getSizes(), [&](llvm::ArrayRef<int64_t> idx) {
        dst->data[linearIndex(dst->shape, copy.getDestOffsets(), idx)] =
            from.data[linearIndex(from.shape, copy.getSourceOffsets(), idx)];
      });
      return llvm::Error::success();
    }
    if (auto compute = dyn_cast<acmd::ComputeOp>(op)) {
      if (arch)
        schedule(op, 3, computeCycles(compute), compute.getDeps(),
                 compute.getLayer().str(), 0);
      std::vector<NdArray> args;
      for (Value v : compute.getIns()) {
        NdArray *b = buffer(op, v, error);
        if (!b)
          return error;
        args.push_back(*b);
      }
      for (Value v : compute.getOuts()) {
        NdArray *b = buffer(op, v, error);
        if (!b)
          return error;
        args.push_back(*b);
      }
      llvm::Expected<std::vector<NdArray>> out =
          runBlock(compute.getBody().front(), args, options);
      if (!out)
        return out.takeError();
      for (auto [v, a] : llvm::zip(compute.getOuts(), *out))
        buffers[v] = std::move(a);
      return llvm::Error::success();
    }
    if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
      auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
          op, get.getNameAttr());
      if (!global || !global.getInitialValue())
        return errorAt(op, "names no memref.global with a value");
      llvm::Expected<NdArray> a = accel::detail::elementsToArray(
          global, *global.getInitialValue(), get.getType().getShape());
      if (!a)
        return a.takeError();
      if (llvm::Error e = roundTo(*a, get.getType().getElementType(), op))
        return e;
      dramValues[get.getResult()] = std::move(*a);
      return llvm::Error::success();
    }
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      if (!alloc.getType().hasStaticShape())
        return errorAt(op, "allocates a memref of a dynamic shape");
      if (llvm::Error e =
              checkArraySize(op, alloc.getType().getShape(), "a memref"))
        return e;
      dramValues[alloc.getResult()] = NdArray(alloc.getType().getShape());
      return llvm::Error::success();
    }
    if (auto host = dyn_cast<acmd::HostOp>(op)) {
      // On host memory, DRAM to DRAM: not the accelerator's traffic.
      std::vector<NdArray> args;
      for (Value v : host.getIns())
        args.push_back(dram(v));
      for (Value v : host.getOuts())
        args.push_back(dram(v));
      llvm::Expected<std::vector<NdArray>> out =
          runBlock(host.getBody().front(), args, options);
      if (!out)
        return out.takeError();
      for (auto [v, a] : llvm::zip(host.getOuts(), *out)) {
        dram(v).data = std::move(a.data);
        if (auto it = argIndex.find(v); it != argIndex.end())
          run.written[it->second] = true;
      }
      ++run.hostCommands;
      if (arch)
        ends[host.getToken()] = issued;
      return llvm::Error::success();
    }
    if (auto view = dyn_cast<memref::ReinterpretCastOp>(op)) {
      // A view of a whole tensor in another shape (row-major): its data.
      auto type = cast<MemRefType>(view.getType());
      NdArray a = dram(view.getSource());
      if (int64_t(a.data.size()) != type.getNumElements() ||
          !view.getOffsets().empty() || view.getStaticOffsets()[0] != 0)
        return errorAt(op, "is not a whole view of its source");
      a.shape.assign(type.getShape().begin(), type.getShape().end());
      dramValues[view.getResult()] = std::move(a);
      return llvm::Error::success();
    }
    if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      // A host copy between DRAM tensors (not the accelerator's traffic).
      NdArray &to = dram(copy.getTarget());
      const NdArray &from = dram(copy.getSource());
      if (to.data.size() != from.data.size())
        return errorAt(op, "copies between tensors of different sizes");
      to.data = from.data;
      if (auto it = argIndex.find(copy.getTarget()); it != argIndex.end())
        run.written[it->second] = true;
      return llvm::Error::success();
    }
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
      dramValues.erase(dealloc.getMemref());
      return llvm::Error::success();
    }
    if (auto wait = dyn_cast<acmd::WaitOp>(op)) {
      for (Value t : wait.getTokens())
        issued = std::max(issued, ends.lookup(t));
      auto read = op->getAttrOfType<IntegerAttr>("acmd.dram_read");
      auto written = op->getAttrOfType<IntegerAttr>("acmd.dram_written");
      if (!read || !written)
        return llvm::Error::success();
      CommandRun::GroupTraffic g;
      auto name = op->getAttrOfType<StringAttr>("acmd.group");
      g.name = name ? name.str() : "group";
      g.read = run.bytesRead - groupStart.first;
      g.written = run.bytesWritten - groupStart.second;
      g.peak = groupPeak;
      groupStart = {run.bytesRead, run.bytesWritten};
      groupPeak = onChip;
      if (g.read != read.getInt() || g.written != written.getInt())
        return errorAt(
            op, llvm::formatv("group '{0}' moved {1} B from DRAM and {2} B "
                              "to it, but the cost model predicts {3} B "
                              "and {4} B",
                              g.name, g.read, g.written, read.getInt(),
                              written.getInt())
                    .str());
      if (auto f = op->getAttrOfType<IntegerAttr>("acmd.footprint");
          f && g.peak != f.getInt())
        return errorAt(op, llvm::formatv("group '{0}' had {1} B on chip at "
                                         "most, but its footprint is {2} B",
                                         g.name, g.peak, f.getInt())
                               .str());
      run.groups.push_back(std::move(g));
      return llvm::Error::success();
    }
    if (isa<func::ReturnOp>(op))
      return llvm::Error::success(); // in program order, already complete
    return errorAt(op, "is not an acmd command the executor runs");
  }
};

} // namespace

llvm::Expected<CommandRun> accel::runCommands(func::FuncOp f,
                                              llvm::ArrayRef<NdArray> args,
                                              const Arch *arch,
                                              const InterpreterOptions &o) {
  Block &body = f.getBody().front();
  llvm::Expected<std::vector<NdArray>> bound =
      detail::bindArguments<MemRefType>(f, body, args, "memref");
  if (!bound)
    return bound.takeError();
  Executor ex(arch, o);
  ex.run.memory = std::move(*bound);
  for (auto [i, arg] : llvm::enumerate(body.getArguments()))
    ex.argIndex[arg] = i;
  ex.run.written.assign(args.size(), false);
  for (Operation &op : body)
    if (llvm::Error e = ex.step(&op))
      return std::move(e);
  return std::move(ex.run);
}
