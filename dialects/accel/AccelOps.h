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

namespace accel {
/// `x` (an accel.dequantize's result, or a reshape of one; `x` used by
/// `user` alone, null for none, and the dequantization by the reshape
/// alone) multiplied by `factors` of shape `shape` (the product's rank):
/// one dequantization by the products of its scales and the factors,
/// built at `x`. Fails, building nothing, unless the factors are positive
/// and one value or one per index of one axis (the dequantization's own
/// when it has several scales; through a reshape, the innermost axis, which
/// it keeps). An integer layer's result converted to float and then
/// multiplied by its input and weight scales (onnxruntime's ConvInteger and
/// MatMulInteger) is one dequantization.
mlir::FailureOr<mlir::Value> scaleDequantization(mlir::OpBuilder &builder,
                                                 mlir::Value x,
                                                 llvm::ArrayRef<int64_t> shape,
                                                 llvm::ArrayRef<double> factors,
                                                 mlir::Operation *user);
} // namespace accel

#endif
