//===- MapLayers.cpp - --accel-map ----------------------------------------===//
//
// Runs the Search library's mapper on every layer and attaches the result.
// Layers of the same shape (the same LayerProblem) are searched once.
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/LayerNames.h"
#include "accel/Search/Mapper.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include <atomic>
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

/// Searches every shape. With at least as many shapes as threads, the
/// shapes are spread over the threads (each search single-threaded: no
/// per-generation synchronisation); else each search uses every thread.
/// Results go to their shape's slot, so the outcome never depends on the
/// thread count.
void searchAll(llvm::ArrayRef<LayerProblem> shapes, const Arch &arch,
               const SearchOptions &options,
               std::vector<std::variant<SearchResult, std::string>> &out) {
  unsigned threads = options.threads
                         ? options.threads
                         : std::max(1u, std::thread::hardware_concurrency());
  bool acrossShapes = threads > 1 && shapes.size() >= threads;
  SearchOptions each = options;
  if (acrossShapes)
    each.threads = 1;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < shapes.size(); i = next++) {
      llvm::Expected<SearchResult> found = searchMapping(shapes[i], arch, each);
      if (found)
        out[i] = std::move(*found);
      else
        out[i] = llvm::toString(found.takeError());
    }
  };
  if (!acrossShapes) {
    work();
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  for (std::thread &t : pool)
    t.join();
}

struct MapPass : public accel::impl::AccelMapBase<MapPass> {
  using AccelMapBase::AccelMapBase;

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
    FailureOr<Arch> resolved = resolvePassArch(module, arch);
    if (failed(resolved))
      return signalPassFailure();
    SearchOptions o;
    std::optional<Strategy> s = parseStrategy(strategy);
    if (!s) {
      module.emitError("unknown strategy '")
          << strategy
          << "' (expected ga, random, anneal, fixed-nvdla, fixed-eyeriss, "
             "fixed-shidiannao or exhaustive)";
      return signalPassFailure();
    }
    std::optional<ObjectiveKind> kind = Objective::parse(objective);
    if (!kind) {
      module.emitError("unknown objective '")
          << objective
          << "' (expected latency, energy, edp, power or weighted)";
      return signalPassFailure();
    }
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
    o.strategy = *s;
    o.objective.kind = *kind;
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
    o.threads = threads;
    if (failed(parseConstraints(module, o.constraints)))
      return signalPassFailure();

    // Distinct layer shapes, in walk order; each is searched once.
    using Outcome = std::variant<SearchResult, std::string>;
    std::map<std::vector<int64_t>, unsigned> shapeIndex;
    std::vector<LayerProblem> shapes;
    std::vector<std::pair<LayerOpInterface, unsigned>> layers;
    module.walk([&](LayerOpInterface layer) {
      LayerProblem problem = layer.getProblem();
      auto [it, inserted] =
          shapeIndex.try_emplace(problem.key(), shapes.size());
      if (inserted)
        shapes.push_back(problem);
      layers.push_back({layer, it->second});
    });
    std::vector<Outcome> outcomes(shapes.size());
    searchAll(shapes, *resolved, o, outcomes);

    bool failedAny = false;
    unsigned index = 0;
    for (auto [layer, shape] : layers) {
      Outcome *it = &outcomes[shape];
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
      if (!remarks)
        continue;
      const CostResult &c = r->cost;
      layer->emitRemark(llvm::formatv(
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
      signalPassFailure();
  }
};

} // namespace
