//===- GroupResources.cpp - What a layer group uses of an accelerator -----===//

#include "accel/Arch/GroupResources.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

using namespace accel;

static llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

std::optional<std::pair<unsigned, unsigned>>
accel::sharedStage(const Arch &arch) {
  for (unsigned m = kGroupLevel; m < arch.memories.size(); ++m)
    if (!arch.memories[m].fanout.empty())
      return std::pair{m, 0u};
  return std::nullopt;
}

Arch accel::groupLayerArch(const Arch &arch, int64_t peShare) {
  Arch a = arch;
  if (peShare > 0)
    if (auto stage = sharedStage(arch))
      a.memories[stage->first].fanout[stage->second].size = peShare;
  if (a.memories.size() < 2) // checkScheduleOnArch refuses such a group
    return a;
  a.memories.erase(a.memories.begin());
  MemoryLevel &top = a.memories.front();
  top.capacityBytes = 0;
  top.partition.reset();
  return a;
}

llvm::Error accel::checkScheduleOnArch(const GroupSchedule &s,
                                       const Arch &arch) {
  if (arch.memories.size() < 3)
    return fail(llvm::formatv("{0} has no on-chip level for a group above "
                              "the PEs' own ({1} memory levels)",
                              arch.name, arch.memories.size()));
  const MemoryLevel &level = arch.memories[kGroupLevel];
  if (s.split.kind == BufferSplit::Kind::Weights && !level.isUnbounded() &&
      s.split.weightBytes > level.capacityBytes)
    return fail(llvm::formatv("split: {0} B for weights exceeds the {1} B of "
                              "{2}",
                              s.split.weightBytes, level.capacityBytes,
                              level.name));
  if (s.mode == ExecutionMode::Pipelined) {
    auto stage = sharedStage(arch);
    if (!stage)
      return fail("mode: a pipelined group shares out a fan-out stage, but " +
                  arch.name + " has none below " + level.name);
    const FanoutStage &f = arch.memories[stage->first].fanout[stage->second];
    int64_t total = 0;
    bool overflow = false;
    for (int64_t n : s.pes)
      overflow |= llvm::AddOverflow(total, n, total);
    if (overflow || total > f.size)
      return fail(llvm::formatv("pes: the shares add up to {0} but stage '{1}' "
                                "below {2} has {3} units",
                                overflow ? "more than int64" : std::to_string(total), f.name,
                                arch.memories[stage->first].name, f.size));
  }
  return llvm::Error::success();
}

GroupCapacity accel::groupCapacity(const GroupSchedule &s, const Arch &arch) {
  const MemoryLevel &level = arch.memories[kGroupLevel];
  GroupCapacity c;
  c.total = level.capacityBytes;
  switch (s.split.kind) {
  case BufferSplit::Kind::Arch:
    if (level.partition) {
      c.shared = false;
      c.weights = (*level.partition)[Tensor::Weights];
      c.activations = (*level.partition)[Tensor::Inputs] +
                      (*level.partition)[Tensor::Outputs];
    }
    break;
  case BufferSplit::Kind::Shared:
    break;
  case BufferSplit::Kind::Weights:
    c.shared = false;
    c.weights = s.split.weightBytes;
    c.activations = std::max<int64_t>(0, level.capacityBytes -
                                             s.split.weightBytes);
    break;
  }
  return c;
}

