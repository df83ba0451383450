//===- Passes.h - Transformations of accel networks -------------*- C++ -*-===//
#ifndef ACCEL_TRANSFORMS_PASSES_H
#define ACCEL_TRANSFORMS_PASSES_H

#include "accel/Search/Fusion.h"
#include "accel/Search/LayerPipeline.h"
#include "accel/Search/Mapper.h"
#include "accel/Search/Objective.h"
#include "dialects/accel/AccelAttrs.h"
#include "dialects/accel/AccelDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace accel {

/// The float --accel-convert-precision gives a 16-bit accelerator's data.
enum class HalfFloat { F16, BF16 };

#define GEN_PASS_DECL
#include "accel/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "accel/Transforms/Passes.h.inc"

} // namespace accel

#endif
