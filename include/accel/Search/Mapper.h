//===- Mapper.h - Searching a layer's mapping -------------------*- C++ -*-===//
//
// One entry point for every search strategy, so that each result can be
// compared with the others at the same budget of evaluations:
//   * genetic: GAMMA (population x generations, elitism, crossover, the two
//     mutations, reorder, growth, aging; invalid mappings ranked last);
//   * random: as many random genomes;
//   * anneal: simulated annealing over the same operators;
//   * fixed-nvdla / fixed-eyeriss / fixed-shidiannao: a fixed dataflow
//     (parallel dimensions and loop order) whose tiles are fitted to the
//     buffers by a hill climb with the same budget;
//   * exhaustive: every genome of the space (small spaces only; the optimum,
//     an oracle for the others).
// Deterministic: the result depends on the seed only, never on the number
// of threads (a generation is evaluated in parallel, each candidate in its
// own slot, and every decision is taken in index order).
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_MAPPER_H
#define ACCEL_SEARCH_MAPPER_H

#include "accel/Search/Objective.h"
#include "accel/Search/SearchSpace.h"

#include "llvm/Support/ThreadPool.h"

namespace accel {

enum class Strategy {
  Genetic,
  Random,
  Anneal,
  FixedNvdla,
  FixedEyeriss,
  FixedShidiannao,
  Exhaustive
};
std::optional<Strategy> parseStrategy(llvm::StringRef name);
llvm::StringRef strategyName(Strategy s);

struct SearchOptions {
  Strategy strategy = Strategy::Genetic;
  Objective objective;
  uint64_t seed = 0;
  /// GAMMA's defaults (§4.1): 200 x 50, every rate 0.5. The other
  /// strategies get population x generations evaluations.
  unsigned population = 200;
  unsigned generations = 50;
  double crossoverRate = 0.5;
  double mutationRate = 0.5; ///< each of the two mutations
  double reorderRate = 0.5;
  /// Ours, not GAMMA's (docs/Mapping.md): a parallel dimension's tiles made
  /// a divisor chain, and a parallel level split in two on its stage.
  double refactorRate = 0.5;
  double splitRate = 0.5;
  /// Ours, not GAMMA's: the genetic search, annealing and the fixed
  /// dataflows' tile fit shrink a candidate whose tiles overflow a buffer
  /// (shrinkToFit) until it fits, cannot shrink or has taken maxFitSteps
  /// steps, before scoring it.
  bool fitToBuffers = true;
  /// Shrink steps a candidate may take before it is scored as it is.
  unsigned maxFitSteps = 16;
  double growthRate = 0.5;
  double agingRate = 0.5;
  /// Fraction of the population kept unchanged (elites) and fraction that
  /// parents the next generation (GAMMA does not give them). With fitting,
  /// parents from the best 25% did best on VGG-16 conv2 / eyeriss-like
  /// (99.7% of seeds at the compute bound, against 98.0% from the best 15%,
  /// 99.2% from 20%, 98.8% from 30% and 94% from 10%) and as well as 10-30%
  /// on the zoo layers (docs/Mapping.md).
  double eliteFraction = 0.02;
  double parentFraction = 0.25;
  unsigned threads = 0; ///< 0 = every core
  /// Run on this pool (an MLIR context's) instead of threads of our own;
  /// `threads` = 0 then means as many as it runs.
  llvm::ThreadPoolInterface *pool = nullptr;
  /// Exhaustive search refuses spaces with more genomes than this.
  int64_t exhaustiveLimit = 5'000'000;
  SearchConstraints constraints;
  CostOptions cost;
};

struct SearchStats {
  int64_t evaluations = 0;
  int64_t valid = 0;
  /// Candidates that overflowed a buffer and fitted once shrunk, and the
  /// capacity checks that found candidates overflowing and shrank them (not
  /// counted in evaluations; see SearchOptions::fitToBuffers).
  int64_t fitted = 0;
  int64_t fitChecks = 0;
  /// Best objective after each generation (or each budget slice of
  /// population evaluations for the other strategies); +inf until a valid
  /// mapping is found.
  std::vector<double> bestPerGeneration;
};

struct SearchResult {
  Mapping mapping;
  CostResult cost;
  double score = 0;
  SearchStats stats;
};

/// Searches a mapping of `problem` on `arch`. Fails when no candidate is
/// valid, saying what rejected most of them.
llvm::Expected<SearchResult> searchMapping(const LayerProblem &problem,
                                           const Arch &arch,
                                           const SearchOptions &options);

/// Number of genomes exhaustive search would visit (saturates at INT64_MAX).
int64_t exhaustiveSpaceSize(const SearchSpace &space);

/// The fixed dataflows: parallel dimensions per level and loop order.
SearchConstraints fixedDataflow(Strategy s, const Arch &arch);

} // namespace accel

#endif // ACCEL_SEARCH_MAPPER_H
