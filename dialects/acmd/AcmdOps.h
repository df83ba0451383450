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

#define GET_OP_CLASSES
#include "dialects/acmd/AcmdOps.h.inc"

#endif
