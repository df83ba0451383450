//===- BaselineSearch.cpp - Random search, annealing, tile fitting --------===//
//
// The baselines GAMMA is compared with, at the same budget of
// population x generations evaluations. Annealing and the tile fit use the
// GA's moves and, like it, shrink candidates to fit the buffers
// (SearchOptions::fitToBuffers); random search draws plain random genomes.
//
//===----------------------------------------------------------------------===//

#include "Strategies.h"
#include "accel/Search/GeneticOperators.h"
#include <cmath>

using namespace accel;

static int64_t budget(const SearchOptions &o) {
  return int64_t(std::max(1u, o.population)) * std::max(1u, o.generations);
}

void accel::runRandom(Evaluator &eval, Rng &rng) {
  unsigned slice = std::max(1u, eval.options.population);
  for (int64_t done = 0, total = budget(eval.options); done < total;) {
    std::vector<Genome> batch;
    for (; batch.size() < slice && done < total; ++done)
      batch.push_back(eval.space.random(rng));
    eval.evaluate(batch);
    eval.endGeneration();
  }
}

/// One random move, from the GA's: a mutation, a refactor, a split, a
/// reorder, a growth or an aging.
static void neighbour(Genome &g, const SearchSpace &space, Rng &rng,
                      const std::optional<Bottleneck> &bottleneck) {
  switch (std::uniform_int_distribution<int>(0, 6)(rng)) {
  case 0:
    mutateParallelDim(g, space, rng);
    break;
  case 1:
  case 2:
    mutateTile(g, space, rng, bottleneck);
    break;
  case 3:
    reorder(g, space, rng);
    break;
  case 4:
    refactorParallel(g, space, rng);
    break;
  case 5:
    splitParallel(g, space, rng);
    break;
  default:
    if (std::uniform_int_distribution<int>(0, 1)(rng))
      grow(g, space, rng);
    else
      age(g, space);
  }
}

void accel::runAnneal(Evaluator &eval, Rng &rng) {
  // Temperature on the log of the objective: a move that makes it worse by
  // a factor f is accepted with probability f^(-1/T), T falling
  // geometrically from 1 to 1e-3 over the budget.
  int64_t total = budget(eval.options);
  unsigned slice = std::max(1u, eval.options.population);
  Genome current = eval.space.random(rng);
  Score currentScore = eval.evaluateFitted(current);
  std::uniform_real_distribution<double> coin(0, 1);
  for (int64_t step = 1; step < total; ++step) {
    double t = std::pow(1e-3, double(step) / total);
    Genome next = current;
    neighbour(next, eval.space, rng, currentScore.bottleneck);
    Score s = eval.evaluateFitted(next);
    // Until a valid mapping is found, walk freely.
    bool accept = s.betterThan(currentScore) || !currentScore.valid;
    if (!accept && s.valid && currentScore.valid) {
      double worse = std::log(s.value) - std::log(currentScore.value);
      accept = coin(rng) < std::exp(-worse / t);
    }
    if (accept) {
      current = next;
      currentScore = s;
    }
    if ((step + 1) % slice == 0)
      eval.endGeneration();
  }
  if (total % slice != 0)
    eval.endGeneration();
}

void accel::runTileFit(Evaluator &eval, Rng &rng) {
  // Parallel hill climb: a generation of random starts, then generations of
  // tile mutations of the best so far.
  unsigned slice = std::max(1u, eval.options.population);
  std::vector<Genome> batch;
  for (unsigned i = 0; i < slice; ++i)
    batch.push_back(eval.space.random(rng));
  eval.evaluateFitted(batch);
  eval.endGeneration();
  for (unsigned gen = 1; gen < eval.options.generations; ++gen) {
    Genome base = eval.found ? eval.best : eval.space.random(rng);
    batch.assign(slice, base);
    for (Genome &g : batch) {
      unsigned moves = 1 + std::uniform_int_distribution<unsigned>(0, 2)(rng);
      for (unsigned m = 0; m < moves; ++m)
        mutateTile(g, eval.space, rng, eval.bestScore.bottleneck);
    }
    eval.evaluateFitted(batch);
    eval.endGeneration();
  }
}
