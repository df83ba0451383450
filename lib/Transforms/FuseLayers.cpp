//===- FuseLayers.cpp - --accel-fuse --------------------------------------===//
//
// Runs the Search library's fusion search on each function's layer graph,
// maps the chosen plan's layers with the full GAMMA budget, and rewrites
// the function: its layers in the plan's order, each fused segment wrapped
// into an accel.group with its #accel.schedule, every layer mapped.
//
//===----------------------------------------------------------------------===//

#include "PassThreads.h"
#include "accel/Analysis/ArchResolution.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Search/Fusion.h"
#include "accel/Transforms/GroupFormation.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/LayerNames.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

namespace accel {
#define GEN_PASS_DEF_ACCELFUSE
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

std::string kib(int64_t bytes) {
  return llvm::formatv("{0:f1} KiB", bytes / 1024.0).str();
}

struct FusePass : public accel::impl::AccelFuseBase<FusePass> {
  using AccelFuseBase::AccelFuseBase;

  FusionOptions fusionOptions() {
    FusionOptions o;
    o.strategy = strategy;
    o.objective = objective;
    o.seed = seed;
    o.population = population;
    o.generations = generations;
    setThreads(getContext(), threads, o.threads, o.pool);
    o.choices.maxGroupLayers = maxGroupLayers;
    o.choices.pipelined = allowPipelined;
    o.choices.recompute = allowRecompute;
    o.choices.streamed = allowStreamed;
    o.choices.singleBuffer = allowSingleBuffer;
    o.choices.splits = searchSplit;
    o.mapping.population = searchMapPopulation;
    o.mapping.generations = searchMapGenerations;
    o.mapping.seed = seed;
    o.aloneMapping.population = mapPopulation;
    o.aloneMapping.generations = mapGenerations;
    o.aloneMapping.seed = seed;
    return o;
  }

  LogicalResult fuse(func::FuncOp f, const Arch &arch) {
    if (f.isExternal())
      return success();
    if (!f.getBody().hasOneBlock())
      return f.emitError("--accel-fuse handles functions of one block");
    if (f.getBody()
            .walk([](GroupOp) { return WalkResult::interrupt(); })
            .wasInterrupted())
      return f.emitError("the function already has layer groups: "
                         "--accel-fuse starts from layers");
    Block &body = f.getBody().front();
    llvm::Expected<BlockGraph> graph =
        buildBlockGraph(body, layerName, /*strict=*/false);
    if (!graph)
      return f.emitError(llvm::toString(graph.takeError()));
    if (graph->graph.layers().empty())
      return success();
    if (arch.precision)
      graph->graph.setPrecision(*arch.precision);
    FusionOptions o = fusionOptions();
    llvm::Expected<FusionResult> found = searchFusion(graph->graph, arch, o);
    if (!found)
      return f.emitError(llvm::toString(found.takeError()));

    // The chosen plan and every layer on its own, mapped with the full
    // budget (never worse than layer by layer).
    FusionSpace space(graph->graph, arch, o.choices);
    unsigned lanes = 0;
    llvm::ThreadPoolInterface *pool = nullptr;
    setThreads(getContext(), threads, lanes, pool);
    Workers workers(lanes, pool);
    SearchOptions full;
    full.population = mapPopulation;
    full.generations = mapGenerations;
    full.seed = seed;
    llvm::Expected<MappedPlan> mapped =
        mapPlan(space, found->candidates, objective, full, workers);
    if (!mapped)
      return f.emitError(llvm::toString(mapped.takeError()));
    if (mapped->fellBack && remarks)
      mlir::emitRemark(f.getLoc(),
                       llvm::formatv("no plan {0} found beats layer by layer "
                                     "once mapped with the full "
                                     "budget: layer by layer",
                                     fusionStrategyName(strategy)));

    // The layers in the plan's order, then the groups.
    for (const PlanSegment &s : mapped->plan.segments)
      for (unsigned l : s.layers)
        graph->ops[l]->moveBefore(body.getTerminator());
    MLIRContext *ctx = f.getContext();
    unsigned index = 0;
    for (auto [s, sc] : llvm::zip(mapped->plan.segments, mapped->segments)) {
      llvm::SetVector<Operation *> ops;
      for (auto [i, l] : llvm::enumerate(s.layers)) {
        Operation *op = graph->ops[l];
        ops.insert(op);
        if (!isa<LayerOpInterface>(op) || !graph->graph.layer(l).computes())
          continue;
        op->setAttr("mapping", MappingAttr::get(ctx, sc.mappings[i]));
        // The reference the reports compare the group with.
        if (s.fused())
          op->setAttr("accel.unfused_mapping",
                      MappingAttr::get(ctx, mapped->alone[l].mappings[0]));
      }
      if (!s.fused())
        continue;
      std::string name = "fused" + std::to_string(index++);
      FailureOr<GroupOp> group =
          formGroup(ops.getArrayRef(), name,
                    ScheduleAttr::get(ctx, *s.schedule), /*keepMappings=*/true);
      if (failed(group))
        return failure();
      ++numGroups;
      numFused += s.layers.size();
      if (!remarks)
        continue;
      int64_t alone = 0;
      std::string names;
      for (unsigned l : s.layers) {
        alone += mapped->alone[l].cost.dramBytes;
        names += (names.empty() ? "" : "+") + graph->graph.layer(l).name;
      }
      std::string schedule;
      llvm::raw_string_ostream os(schedule);
      printSchedule(os, *s.schedule);
      GroupTiling tiling = llvm::cantFail(
          GroupTiling::compute(graph->graph, s.layers, *s.schedule));
      mlir::emitRemark(group->getLoc(),
                       llvm::formatv("{0}: {1} ({2}); {3} tiles, {4}; {5:f0} "
                                     "cycles, {6:f3} uJ, DRAM {7} "
                                     "fused against {8} layer by layer",
                                     name, names, schedule, tiling.numTiles(),
                                     describeGroupFit(groupFootprint(tiling),
                                                      *s.schedule, arch),
                                     sc.cost.cycles, sc.cost.energy * 1e-6,
                                     kib(sc.cost.dramBytes), kib(alone)));
    }
    if (remarks) {
      const NetworkCost &fused = mapped->cost, &each = mapped->layerByLayer;
      unsigned groups = 0, grouped = 0;
      for (const PlanSegment &s : mapped->plan.segments)
        if (s.fused()) {
          ++groups;
          grouped += s.layers.size();
        }
      mlir::emitRemark(
          f.getLoc(),
          llvm::formatv(
              "fusion ({0}, {1}): {2} groups of {3} of {4} layers; latency "
              "{5:f0} "
              "vs {6:f0} cycles layer by layer ({7:f2}x), energy {8:f3} vs "
              "{9:f3} uJ ({10:f2}x), EDP {11:f2}x, DRAM {12} vs {13}",
              fusionStrategyName(strategy), fusionObjectiveName(objective),
              groups, grouped, graph->graph.layers().size(), fused.cycles,
              each.cycles, each.cycles / fused.cycles, fused.energy * 1e-6,
              each.energy * 1e-6, each.energy / fused.energy,
              each.edp() / fused.edp(), kib(fused.dramBytes),
              kib(each.dramBytes)));
    }
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (population < 2 || generations < 1 || searchMapPopulation < 2 ||
        searchMapGenerations < 1 || mapPopulation < 2 || mapGenerations < 1 ||
        maxGroupLayers < 1) {
      module.emitError("expected population, search-map-population and "
                       "map-population >= 2, generations, "
                       "search-map-generations, map-generations and "
                       "max-group-layers >= 1");
      return signalPassFailure();
    }
    FailureOr<Arch> resolved =
        resolvePassArch(module, arch, givenPrecision(arch, precision));
    if (failed(resolved))
      return signalPassFailure();
    recordPassArch(module, arch, precision);
    remarkPrecision(module, *resolved);
    SmallVector<func::FuncOp> funcs(module.getOps<func::FuncOp>());
    for (func::FuncOp f : funcs)
      if (failed(fuse(f, *resolved)))
        return signalPassFailure();
  }
};

} // namespace
