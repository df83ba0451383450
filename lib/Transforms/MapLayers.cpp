//===- MapLayers.cpp - --accel-map ----------------------------------------===//
//
// Runs the Search library's mapper on every layer and attaches the result.
// A layer inside a group is mapped for its tile (GroupTiling::mappedProblem)
// on the part of the accelerator it runs on (groupLayerArch). Problems that
// are equal on the same accelerator part are searched once.
//
//===----------------------------------------------------------------------===//

#include "PassThreads.h"
#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/GroupAnalysis.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Search/Mapper.h"
#include "accel/Search/Workers.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include <atomic>
#include <cmath>
#include <map>
#include <thread>
#include <variant>

namespace accel {
#define GEN_PASS_DEF_ACCELMAP
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// A problem to search on an accelerator (the whole one, or what a layer
/// of a group runs on).
struct SearchJob {
  LayerProblem problem;
  const Arch *arch;
  CostOptions cost; ///< groupLayerOptions for a grouped layer
};

/// Searches every job. With at least as many jobs as threads, the jobs are
/// spread over the threads (each search single-threaded: no per-generation
/// synchronisation); else each search uses every thread. Results go to
/// their job's slot, so the outcome never depends on the thread count.
void searchAll(llvm::ArrayRef<SearchJob> jobs, const SearchOptions &options,
               std::vector<std::variant<SearchResult, std::string>> &out) {
  Workers workers(options.threads, options.pool);
  bool acrossJobs = workers.threads() > 1 && jobs.size() >= workers.threads();
  SearchOptions shared = options;
  if (acrossJobs)
    shared.threads = 1;
  auto search = [&](size_t i) {
    SearchOptions each = shared;
    each.cost = jobs[i].cost;
    llvm::Expected<SearchResult> found =
        searchMapping(jobs[i].problem, *jobs[i].arch, each);
    if (found)
      out[i] = std::move(*found);
    else
      out[i] = llvm::toString(found.takeError());
  };
  if (acrossJobs)
    workers.forEach(jobs.size(), search);
  else
    for (size_t i = 0; i < jobs.size(); ++i)
      search(i);
}

struct MapPass : public accel::impl::AccelMapBase<MapPass> {
  using AccelMapBase::AccelMapBase;

  /// layer-pipeline: searchLayerPipeline over the module's layers, their
  /// stage-2 mappings attached.
  void runLayerPipeline(ModuleOp module, const Arch &arch,
                        const SearchOptions &o) {
    if (module.walk([](GroupOp) { return WalkResult::interrupt(); })
            .wasInterrupted()) {
      module.emitError("layer-pipeline maps layers on accelerators of their "
                       "own: the module has layer groups");
      return signalPassFailure();
    }
    std::vector<LayerOpInterface> ops;
    std::vector<LayerProblem> problems;
    module.walk([&](LayerOpInterface layer) {
      ops.push_back(layer);
      problems.push_back(problemAt(layer, arch.precision));
    });
    llvm::Expected<LayerPipeline> p =
        searchLayerPipeline(problems, arch, o, pipelineObjective);
    if (!p) {
      module.emitError(llvm::toString(p.takeError()));
      return signalPassFailure();
    }
    for (auto [i, layer] : llvm::enumerate(ops)) {
      const SearchResult &one = p->stage1[i], &two = p->stage2[i];
      layer->setAttr("mapping",
                     MappingAttr::get(layer->getContext(), two.mapping));
      ++numMapped;
      numEvaluated += one.stats.evaluations + two.stats.evaluations;
      if (!remarks)
        continue;
      mlir::emitRemark(
          layer->getLoc(),
          llvm::formatv("{0}: stage 1 (latency) {1} cycles, {2:f3} uJ, "
                        "{3:f3} W; stage 2 ({4} within {5} cycles) {6} "
                        "cycles, {7:f3} uJ, {8:f3} W",
                        layerName(layer, unsigned(i)), int64_t(one.cost.cycles),
                        one.cost.energy * 1e-6, one.cost.powerWatts,
                        pipelineObjective == PipelineObjective::Energy
                            ? "energy"
                            : "power",
                        int64_t(p->interval), int64_t(two.cost.cycles),
                        two.cost.energy * 1e-6, two.cost.powerWatts));
    }
    if (ops.empty())
      return;
    auto change = [](double before, double after) {
      double pct = 100 * (after / before - 1);
      return llvm::formatv("{0:f1}% {1}", std::abs(pct),
                           pct <= 0 ? "less" : "more")
          .str();
    };
    mlir::emitRemark(
        module.getLoc(),
        llvm::formatv("layer pipeline of {0} layers on {1}: interval {2} "
                      "cycles (set by {3}); energy {4:f1} -> {5:f1} uJ "
                      "({6}), power {7:f3} -> {8:f3} W ({9})",
                      ops.size(), arch.name, int64_t(p->interval),
                      layerName(ops[p->bottleneck], p->bottleneck),
                      p->energy1 * 1e-6, p->energy2 * 1e-6,
                      change(p->energy1, p->energy2), p->power1, p->power2,
                      change(p->power1, p->power2)));
  }

  /// Parses the constraint options; emits the error on `module`.
  LogicalResult parseConstraints(ModuleOp module, SearchConstraints &c) {
    SmallVector<StringRef> parts;
    StringRef(dataflow).split(parts, ',', -1, /*KeepEmpty=*/false);
    for (StringRef part : parts) {
      std::optional<Dim> d = parseDim(part.trim());
      if (!d)
        return module.emitError("dataflow: '")
               << part << "' is not a dimension (N, K, C, P, Q, R, S, G)";
      c.dataflow.push_back(*d);
    }
    parts.clear();
    StringRef(fixTile).split(parts, ',', -1, /*KeepEmpty=*/false);
    for (StringRef part : parts) {
      SmallVector<StringRef> fields;
      part.trim().split(fields, ':');
      unsigned level;
      int64_t tile;
      std::optional<Dim> d;
      if (fields.size() != 3 || fields[0].getAsInteger(10, level) ||
          !(d = parseDim(fields[1])) || fields[2].getAsInteger(10, tile) ||
          tile < 1)
        return module.emitError("fix-tile: expected level:dimension:tile "
                                "with a tile >= 1, got '")
               << part << "'";
      c.fixedTiles.push_back({level, *d, tile});
    }
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<Arch> resolved =
        resolvePassArch(module, arch, givenPrecision(arch, precision));
    if (failed(resolved))
      return signalPassFailure();
    recordPassArch(module, arch, precision);
    remarkPrecision(module, *resolved);
    SearchOptions o;
    // Rates and fractions are probabilities.
    for (auto [name, value] :
         {std::pair{"crossover-rate", double(crossoverRate)},
          {"mutation-rate", mutationRate},
          {"reorder-rate", reorderRate},
          {"refactor-rate", refactorRate},
          {"split-rate", splitRate},
          {"growth-rate", growthRate},
          {"aging-rate", agingRate},
          {"elite-fraction", eliteFraction},
          {"parent-fraction", parentFraction}}) {
      if (!(value >= 0 && value <= 1)) {
        module.emitError()
            << "expected " << name << " in [0, 1], got "
            << llvm::formatv("{0}", llvm::format("%g", value)).str();
        return signalPassFailure();
      }
    }
    if (population < 2 || generations < 1) {
      module.emitError("expected population >= 2 and generations >= 1");
      return signalPassFailure();
    }
    o.strategy = strategy;
    o.objective.kind = objective;
    o.objective.latencyWeight = latencyWeight;
    o.objective.energyWeight = energyWeight;
    o.seed = seed;
    o.population = population;
    o.generations = generations;
    o.crossoverRate = crossoverRate;
    o.mutationRate = mutationRate;
    o.reorderRate = reorderRate;
    o.refactorRate = refactorRate;
    o.splitRate = splitRate;
    o.fitToBuffers = fitToBuffers;
    o.eliteFraction = eliteFraction;
    o.parentFraction = parentFraction;
    o.growthRate = growthRate;
    o.agingRate = agingRate;
    setThreads(getContext(), threads, o.threads, o.pool);
    if (failed(parseConstraints(module, o.constraints)))
      return signalPassFailure();
    o.constraints.exportable = exportable;
    if (layerPipeline)
      return runLayerPipeline(module, *resolved, o);

    // Distinct problems per accelerator part, in walk order; each is
    // searched once. Grouped layers are mapped for their tiles.
    using Outcome = std::variant<SearchResult, std::string>;
    std::map<int64_t, Arch> parts; // PE share -> accelerator part
    std::map<std::tuple<std::vector<int64_t>, int64_t, int64_t>, unsigned>
        jobIndex;
    std::vector<SearchJob> jobs;
    std::vector<std::pair<LayerOpInterface, unsigned>> layers;
    std::vector<std::unique_ptr<GroupAnalysis>> groups;
    auto addJob = [&](LayerOpInterface layer, const LayerProblem &problem,
                      int64_t part, const CostOptions &cost = {}) {
      auto [it, inserted] = jobIndex.try_emplace(
          std::tuple{problem.key(), part, cost.key()}, jobs.size());
      if (inserted) {
        const Arch *a = &*resolved;
        if (part >= 0) {
          auto [p, fresh] = parts.try_emplace(part);
          if (fresh)
            p->second = groupLayerArch(*resolved, part);
          a = &p->second;
        }
        jobs.push_back({problem, a, cost});
      }
      layers.push_back({layer, it->second});
    };
    bool failedGroups = false;
    module.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (auto group = dyn_cast<GroupOp>(op)) {
        auto a = std::make_unique<GroupAnalysis>(group, resolved->precision);
        if (!a->valid()) {
          group.emitError(a->error());
          failedGroups = true;
          return WalkResult::skip();
        }
        if (llvm::Error e = checkScheduleOnArch(a->schedule(), *resolved)) {
          group.emitError("schedule on ")
              << resolved->name << ": " << llvm::toString(std::move(e));
          failedGroups = true;
          return WalkResult::skip();
        }
        const GroupTiling &tiling = a->tiling();
        for (unsigned i = 0; i < tiling.layers().size(); ++i)
          if (a->graph().layer(tiling.layers()[i]).computes())
            addJob(cast<LayerOpInterface>(a->op(i)), tiling.mappedProblem(i),
                   tiling.peShare(i), groupLayerOptions(tiling, i));
        groups.push_back(std::move(a));
        return WalkResult::skip();
      }
      if (auto layer = dyn_cast<LayerOpInterface>(op))
        addJob(layer, problemAt(layer, resolved->precision), -1);
      return WalkResult::advance();
    });
    if (failedGroups)
      return signalPassFailure();
    std::vector<Outcome> outcomes(jobs.size());
    searchAll(jobs, o, outcomes);

    bool failedAny = false;
    unsigned index = 0;
    for (auto [layer, job] : layers) {
      Outcome *it = &outcomes[job];
      // Diagnostics print a named location as its file position: say the
      // layer's name too.
      std::string name = layerName(layer, index++);
      if (auto *error = std::get_if<std::string>(it)) {
        layer->emitError(name + ": " + *error);
        failedAny = true;
        continue;
      }
      const SearchResult *r = &std::get<SearchResult>(*it);
      layer->setAttr("mapping",
                     MappingAttr::get(layer->getContext(), r->mapping));
      ++numMapped;
      numEvaluated += r->stats.evaluations;
      if (!remarks)
        continue;
      const CostResult &c = r->cost;
      mlir::emitRemark(
          layer->getLoc(),
          llvm::formatv(
              "{9}: {0} mapping ({1} {2:e}): {3} cycles, {4:f2}x the compute "
              "bound of {5}, {6:f3} uJ, {7} of {8} candidates valid{10}",
              strategyName(o.strategy), o.objective.name(), r->score,
              int64_t(c.cycles), // as --accel-cost-report prints them
              c.cycles / std::max<int64_t>(1, c.computeBound), c.computeBound,
              c.energy * 1e-6, r->stats.valid, r->stats.evaluations, name,
              r->stats.fitted ? llvm::formatv(" ({0} shrunk to fit the buffers "
                                              "first)",
                                              r->stats.fitted)
                                    .str()
                              : std::string()));
    }
    if (failedAny)
      return signalPassFailure();
    // Each group with its layers mapped: its cost, or why it cannot run.
    for (const std::unique_ptr<GroupAnalysis> &a : groups) {
      FailureOr<std::vector<Mapping>> mappings = a->mappings(*resolved);
      if (failed(mappings))
        return signalPassFailure();
      CostResult c = evaluateGroup(a->tiling(), *mappings, *resolved);
      std::string name = a->name().empty() ? "group" : a->name();
      if (!c.valid) {
        a->group().emitWarning(llvm::formatv(
            "{0}: the group cannot run on {1} with its schedule: {2}", name,
            resolved->name, c.reason));
        continue;
      }
      if (remarks)
        mlir::emitRemark(
            a->group().getLoc(),
            llvm::formatv(
                "{0}: {1} tiles, {2} cycles, {3:f2}x the compute bound of {4}, "
                "{5:f3} uJ, {6} DRAM bytes",
                name, a->tiling().numTiles(), int64_t(c.cycles),
                c.cycles / std::max<int64_t>(1, c.computeBound), c.computeBound,
                c.energy * 1e-6, c.dramBytes));
    }
  }
};

} // namespace
