//===- ExecutionSupport.h - Shared by the interpreter and executor *- C++
//-*-===//
#ifndef ACCEL_LIB_EXECUTION_EXECUTIONSUPPORT_H
#define ACCEL_LIB_EXECUTION_EXECUTIONSUPPORT_H

#include "accel/Kernels/NdArray.h"
#include "mlir/IR/Operation.h"
#include "llvm/Support/Error.h"

namespace accel::detail {

/// "file:line:col: op-name: msg".
llvm::Error errorAt(mlir::Operation *op, const llvm::Twine &msg);
/// Rounds every element to `type`'s precision; an error (at `op`) for a
/// type the executor does not compute in.
llvm::Error roundTo(NdArray &a, mlir::Type type, mlir::Operation *op);

} // namespace accel::detail

#endif
