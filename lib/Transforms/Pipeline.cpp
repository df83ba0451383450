//===- Pipeline.cpp - accel-opt's registered pipeline ---------------------===//

#include "accel/Transforms/Pipeline.h"
#include "accel/Conversion/Passes.h"
#include "accel/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void accel::buildAccelPipeline(OpPassManager &pm, const PipelineOptions &o) {
  // Frontends: TOSA and linalg layers become accel layers (a no-op on an
  // imported ONNX model, already in accel).
  pm.addPass(createAccelConvertTosa());
  pm.addPass(createAccelConvertLinalg());
  pm.addPass(createCanonicalizerPass());
  AccelMapOptions map;
  map.arch = o.arch;
  map.strategy = o.strategy;
  map.objective = o.objective;
  map.seed = o.seed;
  map.population = o.population;
  map.generations = o.generations;
  pm.addPass(createAccelMap(map));
}

void accel::registerAccelPipeline() {
  PassPipelineRegistration<PipelineOptions>(
      "accel-pipeline",
      "Import to mapped network: TOSA / linalg to accel, canonicalize, "
      "--accel-map",
      buildAccelPipeline);
}
