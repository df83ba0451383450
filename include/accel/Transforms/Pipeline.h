//===- Pipeline.h - accel-opt's registered pipeline -------------*- C++ -*-===//
//
// --accel-pipeline: from an imported network (accel, TOSA or linalg) to a
// fused, mapped network: the frontends' conversions, canonicalization, then
// --accel-fuse (which maps every layer). Every option of --accel-fuse is
// forwarded to it as given, so the pipeline never repeats a pass's options;
// the pipeline's own option is `stop-after`. Later stages (lowering to
// acmd) extend it.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TRANSFORMS_PIPELINE_H
#define ACCEL_TRANSFORMS_PIPELINE_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace accel {

enum class PipelineStage { Convert, Fuse };

/// The pipeline's own options.
struct PipelineOptions : public mlir::PassPipelineOptions<PipelineOptions> {
  Option<PipelineStage> stopAfter{
      *this, "stop-after",
      llvm::cl::desc("The last stage to run (every other option goes to "
                     "--accel-fuse)"),
      llvm::cl::init(PipelineStage::Fuse),
      llvm::cl::values(clEnumValN(PipelineStage::Convert, "convert",
                                  "TOSA / linalg to accel, canonicalized"),
                       clEnumValN(PipelineStage::Fuse, "fuse",
                                  "fused groups and every layer mapped"))};
};

/// Appends the pipeline to `pm`: `options` is the pipeline's option string
/// (its own `stop-after` and any option of --accel-fuse). Fails, through
/// `errorHandler`, on an option neither knows.
mlir::LogicalResult buildAccelPipeline(
    mlir::OpPassManager &pm, llvm::StringRef options,
    llvm::function_ref<mlir::LogicalResult(const llvm::Twine &)> errorHandler);
/// Registers --accel-pipeline.
void registerAccelPipeline();

} // namespace accel

#endif // ACCEL_TRANSFORMS_PIPELINE_H
