//===- Registration.h - Register accel-opt's dialects and passes -*- C++
//-*-===//
//
// For tools and for other MLIR compilers embedding accel-opt
// (docs/Embedding.md): registerAccelDialects, registerAccelPasses and
// registerAccelPipelines add accel's own and nothing upstream; the
// registerAllAccelOpt* / registerAccelOptPasses variants are what the tools
// use.
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
/// Registers accel's passes (every --accel-* pass) with the global
/// registry, and nothing else: an embedding compiler keeps its own set of
/// upstream passes.
void registerAccelPasses();
/// Registers --accel-pipeline.
void registerAccelPipelines();
/// What the accel-opt tool registers: accel's passes and pipelines and the
/// upstream transforms (canonicalize, cse, ...) its users combine with them.
void registerAccelOptPasses();
} // namespace accel

#endif
