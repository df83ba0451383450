//===- Passes.h - Analysis and report passes --------------------*- C++ -*-===//
#ifndef ACCEL_ANALYSIS_PASSES_H
#define ACCEL_ANALYSIS_PASSES_H

#include "dialects/accel/AccelAttrs.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace accel {

/// --accel-cost-report's output.
enum class ReportFormat { Table, Json };

#define GEN_PASS_DECL
#include "accel/Analysis/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Analysis/Passes.h.inc"

} // namespace accel

#endif
