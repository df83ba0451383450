//===- GroupResources.h - What a layer group uses of an accelerator -*- C++ -*-===//
//
// A fused layer group lives in the accelerator's outermost on-chip level
// (memories[1], kGroupLevel): its buffers share that level under the
// schedule's split, and a pipelined group shares out the array's outermost
// fan-out stage among its layers. These functions say what that is on a
// given accelerator; GroupCost.h costs the group on it. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ARCH_GROUPRESOURCES_H
#define ACCEL_ARCH_GROUPRESOURCES_H

#include "accel/Arch/Arch.h"
#include "accel/Workload/GroupSchedule.h"

namespace accel {

/// The memory level a group lives in.
inline constexpr unsigned kGroupLevel = 1;

/// The fan-out stage a pipelined group shares out among its layers: the
/// outermost one at or below the group's level, as {memory, stage}.
std::optional<std::pair<unsigned, unsigned>> sharedStage(const Arch &arch);

/// The accelerator a layer of a group runs on: without DRAM (the group's
/// level becomes the top, its capacity the group's concern), and with the
/// shared stage cut to `peShare` units when it is > 0.
Arch groupLayerArch(const Arch &arch, int64_t peShare = 0);

/// The schedule against the accelerator: a level for the group above the
/// PEs' own, a split no larger than it, PE shares that fit the shared stage
/// together. The message names the field.
llvm::Error checkScheduleOnArch(const GroupSchedule &schedule,
                                const Arch &arch);

/// What the group's level offers under the schedule's split.
struct GroupCapacity {
  bool shared = true;
  int64_t weights = 0, activations = 0; ///< when split
  int64_t total = 0;                    ///< 0: unbounded
};
GroupCapacity groupCapacity(const GroupSchedule &schedule, const Arch &arch);

} // namespace accel

#endif // ACCEL_ARCH_GROUPRESOURCES_H
