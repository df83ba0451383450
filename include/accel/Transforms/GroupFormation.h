//===- GroupFormation.h - Wrapping layers into an accel.group ---*- C++ -*-===//
//
// Used by --accel-group-layers (groups named by the user) and --accel-fuse
// (groups found by the search).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TRANSFORMS_GROUPFORMATION_H
#define ACCEL_TRANSFORMS_GROUPFORMATION_H

#include "dialects/accel/AccelOps.h"

namespace accel {

/// Wraps `layers` (ops of one block) into an accel.group named `name` with
/// `schedule` (or none), placed where the last of them was: its inputs are
/// the values they read from outside, its results the values used after
/// them. The group must be convex (checked on the block's layer graph; the
/// error names a path that leaves it and comes back). With `keepMappings`
/// false the layers lose their mappings (which mapped whole layers).
mlir::FailureOr<GroupOp> formGroup(llvm::ArrayRef<mlir::Operation *> layers,
                                   llvm::StringRef name, ScheduleAttr schedule,
                                   bool keepMappings);

} // namespace accel

#endif
