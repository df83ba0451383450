//===- CommandStream.h - acmd programs as a JSON command stream -*- C++ -*-===//
//
// `accel-translate --emit-commands`: an acmd program as a flat JSON document
// a driver or a simulator can consume without MLIR (docs/Lowering.md, "The
// command stream").
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TARGET_COMMANDSTREAM_H
#define ACCEL_TARGET_COMMANDSTREAM_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {

/// Writes every function of acmd commands in `module`. Fails (with a
/// diagnostic at the op) on an op that is not part of a command program.
mlir::LogicalResult emitCommandStream(mlir::ModuleOp module,
                                      llvm::raw_ostream &os);

} // namespace accel

#endif
