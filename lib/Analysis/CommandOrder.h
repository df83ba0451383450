//===- CommandOrder.h - Do an acmd program's tokens order its hazards? -*-===//
#ifndef ACCEL_LIB_ANALYSIS_COMMANDORDER_H
#define ACCEL_LIB_ANALYSIS_COMMANDORDER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace accel {

/// Emits an error at the first command that may run before a command it
/// conflicts with (overlapping boxes of one buffer, one of them written)
/// has completed, given its tokens, the acmd.waits before it and the
/// queues' order (CommandOrder.cpp).
mlir::LogicalResult checkCommandOrder(mlir::func::FuncOp f);

} // namespace accel

#endif
