//===- Interpreter.h - Runs accel IR with the reference kernels -*- C++ -*-===//
//
// The reference interpreter of the accel dialect: a function of accel layers
// (groups included, whose bodies run as written) on tensors, its weights as
// arguments or dense constants, evaluated op by op with the reference
// kernels (accel/Kernels/Reference.h). Each result is rounded to its
// element type (f32, f16, bf16), so a network runs in the IR's precision.
// An operator the interpreter does not know (an accel.opaque it has no
// kernel for, an integer tensor) is an error naming it and its location.
// This is the adapter; the kernels own the arithmetic.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_EXECUTION_INTERPRETER_H
#define ACCEL_EXECUTION_INTERPRETER_H

#include "accel/Kernels/NdArray.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace accel {

struct InterpreterOptions {
  unsigned threads = 1; ///< for convolutions and matmuls
};

/// Runs `f` on `args` (one per argument, in order); returns its results.
llvm::Expected<std::vector<NdArray>>
runFunction(mlir::func::FuncOp f, llvm::ArrayRef<NdArray> args,
            const InterpreterOptions &options = {});

/// Runs the ops of `block` with its arguments bound to `args`; returns what
/// its terminator yields (an acmd.compute body's new output contents).
llvm::Expected<std::vector<NdArray>>
runBlock(mlir::Block &block, llvm::ArrayRef<NdArray> args,
         const InterpreterOptions &options = {});

} // namespace accel

#endif // ACCEL_EXECUTION_INTERPRETER_H
