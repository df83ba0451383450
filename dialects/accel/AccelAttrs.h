//===- AccelAttrs.h - Attributes of the accel dialect -----------*- C++ -*-===//
#ifndef ACCEL_DIALECTS_ACCEL_ACCELATTRS_H
#define ACCEL_DIALECTS_ACCEL_ACCELATTRS_H

#include "accel/Workload/GroupSchedule.h"
#include "accel/Workload/Mapping.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"

#include "dialects/accel/AccelEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/accel/AccelAttrs.h.inc"

#endif
