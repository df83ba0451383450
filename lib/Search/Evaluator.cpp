//===- Evaluator.cpp - Scores candidate mappings for the searches ---------===//

#include "Evaluator.h"
#include "llvm/Support/FormatVariadic.h"
#include <thread>

using namespace accel;

Evaluator::Evaluator(const SearchSpace &space, const SearchOptions &options)
    : space(space), options(options) {
  threads = options.threads ? options.threads
                            : std::max(1u, std::thread::hardware_concurrency());
}

std::vector<Score> Evaluator::evaluate(llvm::ArrayRef<Genome> batch) {
  std::vector<CostResult> results(batch.size());
  // Invalid candidates only need their verdict and reason.
  CostOptions cost = options.cost;
  cost.stopWhenInvalid = true;
  auto work = [&](size_t first, size_t stride) {
    for (size_t i = first; i < batch.size(); i += stride)
      results[i] = accel::evaluate(space.problem(), space.arch(),
                                   space.toMapping(batch[i]), cost);
  };
  // Threads only pay off for batches of some size.
  unsigned n = batch.size() >= 32 ? threads : 1;
  if (n <= 1) {
    work(0, 1);
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t)
      pool.emplace_back(work, t, n);
    work(0, n);
    for (std::thread &t : pool)
      t.join();
  }

  std::vector<Score> scores(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    CostResult &r = results[i];
    ++stats.evaluations;
    if (!r.valid) {
      llvm::StringRef reason = r.reason;
      size_t need = reason.find(" need ");
      std::string kind =
          (need == llvm::StringRef::npos ? reason : reason.take_front(need))
              .str();
      auto &entry = rejections[kind];
      if (entry.first++ == 0)
        entry.second = r.reason;
      continue;
    }
    ++stats.valid;
    scores[i] = {true, options.objective.score(r)};
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
