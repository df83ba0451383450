//===- AcmdOps.h - Operations of the acmd dialect ---------------*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACMD_ACMDOPS_H
#define ACCEL_DIALECTS_ACMD_ACMDOPS_H

#include "dialects/accel/AccelAttrs.h"
#include "dialects/acmd/AcmdDialect.h"
#include "dialects/acmd/AcmdTypes.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace acmd {
/// On-chip memory as a side-effect resource, apart from DRAM (the memrefs,
/// on the default resource): buffers are allocated, read, written and freed
/// there.
struct OnChipResource : mlir::SideEffects::Resource::Base<OnChipResource> {
  llvm::StringRef getName() final { return "acmd::OnChip"; }
};
} // namespace acmd

namespace accel {
struct MemoryLevel;
}

#define GET_OP_CLASSES
#include "dialects/acmd/AcmdOps.h.inc"

namespace acmd {
/// Where a part of a memory level lies in the level's bytes (see the
/// Partition enum): [begin, begin + size); none when the level has no such
/// part. An unbounded level has unbounded parts, spaced far apart.
struct PartitionSpan {
  int64_t begin = 0, size = 0;
  bool unbounded = false;
};
std::optional<PartitionSpan> partitionSpan(const accel::MemoryLevel &level,
                                           Partition p);
} // namespace acmd

#endif
