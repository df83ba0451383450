//===- Evaluator.cpp - Scores candidate mappings for the searches ---------===//

#include "Evaluator.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;

Evaluator::Evaluator(const SearchSpace &space, const SearchOptions &options)
    : space(space), options(options), workers(options.threads, options.pool) {}

std::vector<Score> Evaluator::evaluate(llvm::ArrayRef<Genome> batch) {
  return run(batch, {});
}

std::vector<Score>
Evaluator::evaluateFitted(llvm::MutableArrayRef<Genome> batch) {
  return run(batch,
             options.fitToBuffers ? batch : llvm::MutableArrayRef<Genome>());
}

std::vector<Score> Evaluator::run(llvm::ArrayRef<Genome> batch,
                                  llvm::MutableArrayRef<Genome> fitting) {
  bool fit = !fitting.empty();
  if (results.size() < batch.size())
    results.resize(batch.size());
  fitChecks.assign(batch.size(), 0);
  // Invalid candidates only need their verdict (the reasons reported are
  // formatted below).
  CostOptions cost = options.cost;
  cost.stopWhenInvalid = true;
  cost.describeInvalid = false;
  // Threads only pay off for batches of some size.
  workers.forEach(
      batch.size(),
      [&](size_t i) {
        for (unsigned step = 0;; ++step) {
          results[i] = accel::evaluate(space.problem(), space.arch(),
                                       space.toMapping(batch[i]), cost);
          if (!fit || !results[i].overflow || step == options.maxFitSteps ||
              !shrinkToFit(fitting[i], space, results[i]))
            break;
          ++fitChecks[i];
        }
      },
      /*minParallel=*/32);

  std::vector<Score> scores(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    CostResult &r = results[i];
    ++stats.evaluations;
    stats.fitted += fitChecks[i] > 0 && r.valid;
    stats.fitChecks += fitChecks[i];
    if (!r.valid) {
      std::string kind =
          r.overflow ? overflowWhere(space.arch(), *r.overflow) : r.reason;
      auto &entry = rejections[kind];
      if (entry.first++ == 0)
        entry.second =
            r.overflow ? describeOverflow(space.arch(), *r.overflow) : r.reason;
      continue;
    }
    ++stats.valid;
    scores[i] = {true, options.objective.score(r), findBottleneck(r)};
    if (scores[i].betterThan(bestScore)) {
      found = true;
      best = batch[i];
      bestScore = scores[i];
      bestCost = std::move(r);
    }
  }
  return scores;
}

void Evaluator::endGeneration() {
  stats.bestPerGeneration.push_back(bestScore.value);
}

std::string Evaluator::rejection() const {
  const std::pair<int64_t, std::string> *top = nullptr;
  for (const auto &[kind, entry] : rejections)
    if (!top || entry.first > top->first)
      top = &entry;
  if (!top)
    return "no candidate was evaluated";
  return llvm::formatv("{0} of {1} candidates were rejected because {2}",
                       top->first, stats.evaluations, top->second);
}
