//===- AccelDialect.h - The accel dialect -----------------------*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACCEL_ACCELDIALECT_H
#define ACCEL_DIALECTS_ACCEL_ACCELDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/accel/AccelDialect.h.inc"

#endif
