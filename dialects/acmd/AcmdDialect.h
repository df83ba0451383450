//===- AcmdDialect.h - The acmd dialect -------------------------*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACMD_ACMDDIALECT_H
#define ACCEL_DIALECTS_ACMD_ACMDDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/acmd/AcmdDialect.h.inc"

#endif
