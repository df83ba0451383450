//===- Registration.cpp - Register accel-opt's dialects and passes --------===//

#include "accel/Registration/Registration.h"
#include "accel/Analysis/Passes.h"
#include "accel/Conversion/Passes.h"
#include "accel/Transforms/Passes.h"
#include "accel/Transforms/Pipeline.h"
#include "dialects/accel/AccelDialect.h"
#include "dialects/acmd/AcmdDialect.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void accel::registerAccelDialects(mlir::DialectRegistry &registry) {
  registry.insert<accel::AccelDialect, acmd::AcmdDialect>();
}

void accel::registerAllAccelOptDialects(mlir::DialectRegistry &registry) {
  registerAccelDialects(registry);
  registry.insert<mlir::func::FuncDialect, mlir::arith::ArithDialect,
                  mlir::tensor::TensorDialect, mlir::memref::MemRefDialect,
                  mlir::tosa::TosaDialect, mlir::linalg::LinalgDialect>();
}

void accel::registerAccelPasses() {
  registerAccelAnalysisPasses();
  registerAccelConversionPasses();
  registerAccelTransformsPasses();
}

void accel::registerAccelPipelines() { registerAccelPipeline(); }

void accel::registerAccelOptPasses() {
  registerAccelPasses();
  registerAccelPipelines();
  // Upstream cleanups accel-opt's users combine with ours (canonicalize,
  // cse, ...); an embedder registers its own.
  mlir::registerTransformsPasses();
}
