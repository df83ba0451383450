//===- Pipeline.h - accel-opt's registered pipeline -------------*- C++ -*-===//
//
// --accel-pipeline: from an imported network (accel, TOSA or linalg) to a
// mapped network. Later stages (fusion, lowering to acmd) extend it.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TRANSFORMS_PIPELINE_H
#define ACCEL_TRANSFORMS_PIPELINE_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace accel {

struct PipelineOptions : public mlir::PassPipelineOptions<PipelineOptions> {
  Option<std::string> arch{*this, "arch",
                           llvm::cl::desc("Accelerator: a preset name or a "
                                          ".yaml file (default: the module's "
                                          "accel.target)"),
                           llvm::cl::init("")};
  Option<std::string> strategy{*this, "strategy",
                               llvm::cl::desc("Mapping search strategy"),
                               llvm::cl::init("ga")};
  Option<std::string> objective{*this, "objective",
                                llvm::cl::desc("latency, energy, edp, power "
                                               "or weighted"),
                                llvm::cl::init("edp")};
  Option<uint64_t> seed{*this, "seed", llvm::cl::desc("Seed of the searches"),
                        llvm::cl::init(0)};
  Option<unsigned> population{*this, "population",
                              llvm::cl::desc("Genomes per generation"),
                              llvm::cl::init(200)};
  Option<unsigned> generations{
      *this, "generations", llvm::cl::desc("Generations"), llvm::cl::init(50)};
};

/// Appends the pipeline to `pm`.
void buildAccelPipeline(mlir::OpPassManager &pm, const PipelineOptions &o);
/// Registers --accel-pipeline.
void registerAccelPipeline();

} // namespace accel

#endif // ACCEL_TRANSFORMS_PIPELINE_H
