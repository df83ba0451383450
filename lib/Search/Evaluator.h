//===- Evaluator.h - Scores candidate mappings for the searches -*- C++ -*-===//
//
// Private to lib/Search. Evaluates a batch of genomes in parallel (each in
// its own slot, so the thread count never changes a result) and then, in
// index order, keeps the best one, the statistics and why candidates were
// rejected.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_SEARCH_EVALUATOR_H
#define ACCEL_LIB_SEARCH_EVALUATOR_H

#include "accel/Search/GeneticOperators.h"
#include "accel/Search/Mapper.h"
#include "accel/Search/Workers.h"
#include <limits>
#include <map>
#include <memory>

namespace accel {

struct Score {
  bool valid = false;
  double value = std::numeric_limits<double>::infinity();
  /// What limits a valid mapping, when transfers do (findBottleneck).
  std::optional<Bottleneck> bottleneck;
  /// Ranking: valid before invalid, then lower value.
  bool betterThan(const Score &o) const {
    if (valid != o.valid)
      return valid;
    return value < o.value;
  }
};

class Evaluator {
public:
  Evaluator(const SearchSpace &space, const SearchOptions &options);

  std::vector<Score> evaluate(llvm::ArrayRef<Genome> batch);
  Score evaluate(const Genome &g) { return evaluate(llvm::ArrayRef(g))[0]; }
  /// Like evaluate, but with SearchOptions::fitToBuffers a candidate whose
  /// tiles overflow a buffer is first shrunk in place (shrinkToFit) until it
  /// fits, cannot shrink or has taken maxFitSteps steps; the checks that
  /// overflowed count as fit checks, not evaluations.
  std::vector<Score> evaluateFitted(llvm::MutableArrayRef<Genome> batch);
  Score evaluateFitted(Genome &g) {
    return evaluateFitted(llvm::MutableArrayRef(g))[0];
  }
  /// Closes a generation (or a budget slice) in the statistics.
  void endGeneration();

  const SearchSpace &space;
  const SearchOptions &options;
  SearchStats stats;
  bool found = false;
  Genome best;
  CostResult bestCost;
  Score bestScore;

  /// Why no candidate was valid: the most frequent rejection and an example.
  std::string rejection() const;

private:
  /// Scores `batch`; with `fitting` (the same genomes, writable), shrinks
  /// the ones that overflow first.
  std::vector<Score> run(llvm::ArrayRef<Genome> batch,
                         llvm::MutableArrayRef<Genome> fitting);

  Workers workers;
  /// The batch's results, reused (a CostResult is ~1 KB: a fresh vector
  /// per batch is mapped and unmapped each time).
  std::vector<CostResult> results;
  std::vector<unsigned> fitChecks;
  /// Rejections by kind ("PESpad: weights", ...): count and an example.
  std::map<std::string, std::pair<int64_t, std::string>> rejections;
};

} // namespace accel

#endif // ACCEL_LIB_SEARCH_EVALUATOR_H
