//===- AcmdTypes.h - Types and attributes of the acmd dialect ---*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACMD_ACMDTYPES_H
#define ACCEL_DIALECTS_ACMD_ACMDTYPES_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#include "dialects/acmd/AcmdEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/acmd/AcmdAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/acmd/AcmdTypes.h.inc"

#endif
