//===- AccelOps.h - Operations of the accel dialect -------------*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACCEL_ACCELOPS_H
#define ACCEL_DIALECTS_ACCEL_ACCELOPS_H

#include "accel/Workload/Dims.h"
#include "accel/Workload/Problem.h"
#include "accel/Workload/ShapeArith.h"
#include "dialects/accel/AccelAttrs.h"
#include "dialects/accel/AccelDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace accel {
class YieldOp;
} // namespace accel

#include "dialects/accel/AccelInterfaces.h.inc"

#define GET_OP_CLASSES
#include "dialects/accel/AccelOps.h.inc"

#endif
