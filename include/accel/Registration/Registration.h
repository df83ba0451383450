//===- Registration.h - Register accel-opt's dialects and passes -*- C++
//-*-===//
//
// For tools and for other MLIR compilers embedding accel-opt.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_REGISTRATION_REGISTRATION_H
#define ACCEL_REGISTRATION_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace accel {
/// Adds the accel and acmd dialects.
void registerAccelDialects(mlir::DialectRegistry &registry);
/// Adds the accel and acmd dialects plus the upstream dialects the pipeline
/// consumes or produces (func, arith, tensor, memref, tosa, linalg).
void registerAllAccelOptDialects(mlir::DialectRegistry &registry);
/// Registers accel-opt's passes and pipelines with the global registry.
void registerAccelPasses();
} // namespace accel

#endif
