//===- Fusion.h - Searching which layers run fused --------------*- C++ -*-===//
//
// The second search of the product (seed 000, seed 003): which layers of a
// network run fused, how each group is tiled and scheduled, and every
// layer's mapping for its tile, all under one cost model (PlanCost.h). One
// entry point for every strategy, so each result has a comparison:
//   * ga: the genetic algorithm on the shared engine (GeneticEngine.h) over
//     FusionSpace's genome (an order and cut points with schedule genes);
//     its first genomes are the unfused and the greedy plans, so it never
//     ends worse than either; a local search around its best plan ends it;
//   * random: as many random genomes, repaired;
//   * greedy: in the graph's order, extend the current group with the next
//     layer while some schedule lets it fit (the tallest tiles, then
//     streamed weights), as Stream/DeFiNES users do;
//   * dp: for the graph's order and an additive objective (latency or
//     energy), the optimal cuts and schedules by dynamic programming over
//     cut points, every schedule gene enumerated: the oracle;
//   * none: every layer on its own, the reference every gain is measured
//     against.
// Deterministic: the result depends on the seed only, never on the number
// of threads. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_FUSION_H
#define ACCEL_SEARCH_FUSION_H

#include "accel/Search/PlanCost.h"

#include "llvm/Support/ThreadPool.h"

namespace accel {

enum class FusionStrategy { Genetic, Random, Greedy, DP, None };
std::optional<FusionStrategy> parseFusionStrategy(llvm::StringRef name);
llvm::StringRef fusionStrategyName(FusionStrategy s);

/// What the fusion search minimises over the network: total latency, total
/// energy, or their product.
enum class FusionObjective { Latency, Energy, EDP };
std::optional<FusionObjective> parseFusionObjective(llvm::StringRef name);
llvm::StringRef fusionObjectiveName(FusionObjective o);
/// Lower is better; +inf for an invalid plan.
double fusionScore(FusionObjective o, const NetworkCost &c);
/// What each layer's mapping search minimises for a fusion objective.
ObjectiveKind mappingObjective(FusionObjective o);

struct FusionOptions {
  FusionStrategy strategy = FusionStrategy::Genetic;
  FusionObjective objective = FusionObjective::EDP;
  uint64_t seed = 0;
  /// The genetic and random searches spend population x generations plans.
  unsigned population = 100;
  unsigned generations = 60;
  double eliteFraction = 0.05;
  double parentFraction = 0.3;
  double crossoverRate = 0.5;
  double mergeRate = 0.5;
  double splitRate = 0.3;
  double moveRate = 0.3;
  double geneRate = 0.5;
  double reorderRate = 0.2;
  /// ga: rounds of local search from its best plan at the end (each round
  /// costs every plan one move away: a merge, a split, one schedule field).
  unsigned polishRounds = 30;
  unsigned threads = 0; ///< 0: every core
  /// Run on this pool (an MLIR context's) instead of threads of our own;
  /// `threads` = 0 then means as many as it runs.
  llvm::ThreadPoolInterface *pool = nullptr;
  FusionChoices choices;
  /// The mapping search of each layer problem the plans meet (its budget;
  /// its objective follows `objective`)...
  SearchOptions mapping;
  /// ...but of a layer on its own: one problem per layer shape, which can
  /// take the final budget, so the layer-by-layer reference is the final
  /// one (searches compare fused groups with it).
  SearchOptions aloneMapping;
};

struct FusionStats {
  int64_t evaluations = 0; ///< plans costed
  int64_t valid = 0;
  int64_t mappingSearches = 0;
  /// The best score after each generation (or budget slice).
  std::vector<double> bestPerGeneration;
};

/// Plans a search hands to the final mapping (mapPlan).
constexpr size_t kFusionCandidates = 4;

struct FusionResult {
  FusionPlan plan;
  std::vector<SegmentCost> segments; ///< aligned with plan.segments
  NetworkCost cost;
  /// Every layer on its own, mapped with the same search: the reference.
  NetworkCost layerByLayer;
  FusionStats stats;
  /// `plan`, then (ga, random) the next best plans of distinct scores, at
  /// most kFusionCandidates, and (ga) its seed, the greedy plan: what
  /// mapPlan chooses from.
  std::vector<FusionPlan> candidates;
};

/// A plan mapped for good: every layer of the plan, and every layer on its
/// own, mapped with the final (full) budget.
struct MappedPlan {
  FusionPlan plan;
  std::vector<SegmentCost> segments; ///< aligned with plan.segments
  NetworkCost cost, layerByLayer;
  /// Each layer on its own (the reference), by layer id.
  std::vector<SegmentCost> alone;
  /// Every candidate was worse than layer by layer once mapped: this is
  /// the layer-by-layer plan instead.
  bool fellBack = false;
  /// The candidate chosen (-1: layer by layer).
  int candidate = -1;
};

/// Maps the candidate plans (FusionResult::candidates) and every layer
/// alone with `mapping` (its budget; the objective's mapping objective) and
/// keeps the best under `objective`: a search scores plans with small
/// mapping budgets, and its best plan is not always the best once mapped
/// for good. Layer by layer when nothing beats it.
llvm::Expected<MappedPlan> mapPlan(const FusionSpace &space,
                                   llvm::ArrayRef<FusionPlan> candidates,
                                   FusionObjective objective,
                                   SearchOptions mapping, Workers &workers);

/// Searches a plan for `graph` on `arch`. Fails when the graph is
/// inconsistent, when dp is asked for EDP, or when not even the unfused
/// plan can run (a layer without a valid mapping), saying why.
llvm::Expected<FusionResult> searchFusion(const LayerGraph &graph,
                                          const Arch &arch,
                                          const FusionOptions &options);

} // namespace accel

#endif // ACCEL_SEARCH_FUSION_H
