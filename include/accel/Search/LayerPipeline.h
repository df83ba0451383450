//===- LayerPipeline.h - Layers pipelined over accelerators -----*- C++ -*-===//
//
// GAMMA's layer-pipelined multi-accelerator system (Kao & Krishna, ICCAD
// 2020, §5.4): every layer of a network runs on an accelerator instance of
// its own, the layers in a pipeline, so the slowest layer sets the
// pipeline's interval. Stage 1 maps every layer for latency and finds the
// bottleneck; stage 2 maps every layer again for energy (or power) with
// its latency at most that interval, keeping stage 1's mapping where the
// search finds nothing better within it. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_LAYERPIPELINE_H
#define ACCEL_SEARCH_LAYERPIPELINE_H

#include "accel/Search/Mapper.h"
#include <vector>

namespace accel {

struct LayerPipeline {
  /// Per layer, in the order given: its mapping after each stage.
  std::vector<SearchResult> stage1, stage2;
  /// The pipeline's interval (the slowest layer after stage 1) and the
  /// layer that sets it.
  double interval = 0;
  unsigned bottleneck = 0;
  /// Sums over the layers: energy (pJ) per input, and power (W) with every
  /// accelerator running its layer (each layer's energy over its latency).
  double energy1 = 0, energy2 = 0, power1 = 0, power2 = 0;
};

enum class PipelineObjective { Energy, Power };

/// Runs both stages on `layers` (equal layers are searched once) with
/// `options`' search; fails, naming the layer, when one has no mapping.
llvm::Expected<LayerPipeline>
searchLayerPipeline(llvm::ArrayRef<LayerProblem> layers, const Arch &arch,
                    const SearchOptions &options, PipelineObjective second);

} // namespace accel

#endif // ACCEL_SEARCH_LAYERPIPELINE_H
