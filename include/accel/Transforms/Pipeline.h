//===- Pipeline.h - accel-opt's registered pipeline -------------*- C++ -*-===//
//
// --accel-pipeline: from an imported network (accel, TOSA or linalg) to an
// acmd program: the frontends' conversions, canonicalization, --accel-fuse
// (which maps every layer and records the accelerator as accel.target),
// --accel-convert-precision (the data at the precision --accel-fuse costed),
// then --accel-lower-to-acmd. Every option of --accel-fuse is forwarded to
// it as given, so the pipeline never repeats a pass's options; the
// pipeline's own options are `stop-after` and `float-type` (the lowering
// has no option but the accelerator, which it reads from accel.target).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TRANSFORMS_PIPELINE_H
#define ACCEL_TRANSFORMS_PIPELINE_H

#include "accel/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace accel {

enum class PipelineStage { Convert, Fuse, Lower };

/// The pipeline's own options.
struct PipelineOptions : public mlir::PassPipelineOptions<PipelineOptions> {
  Option<HalfFloat> floatType{
      *this, "float-type",
      llvm::cl::desc("The float a 16-bit accelerator's data becomes "
                     "(--accel-convert-precision)"),
      llvm::cl::init(HalfFloat::F16),
      llvm::cl::values(clEnumValN(HalfFloat::F16, "f16", "IEEE half"),
                       clEnumValN(HalfFloat::BF16, "bf16", "bfloat16"))};
  Option<PipelineStage> stopAfter{
      *this, "stop-after",
      llvm::cl::desc("The last stage to run (every other option goes to "
                     "--accel-fuse)"),
      llvm::cl::init(PipelineStage::Lower),
      llvm::cl::values(clEnumValN(PipelineStage::Convert, "convert",
                                  "TOSA / linalg to accel, canonicalized"),
                       clEnumValN(PipelineStage::Fuse, "fuse",
                                  "fused groups and every layer mapped"),
                       clEnumValN(PipelineStage::Lower, "lower",
                                  "an acmd program (--accel-lower-to-acmd)"))};
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
