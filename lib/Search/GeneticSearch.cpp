//===- GeneticSearch.cpp - GAMMA's genetic algorithm ----------------------===//
//
// GAMMA on the shared engine (GeneticEngine.h): a child is a copy of a
// parent, crossed with another, mutated, reordered, grown and aged, each
// with its rate; the Evaluator scores each generation (candidates shrunk
// to fit the buffers first) and keeps the best mapping.
//
//===----------------------------------------------------------------------===//

#include "Strategies.h"
#include "accel/Search/GeneticEngine.h"
#include "accel/Search/GeneticOperators.h"

using namespace accel;

void accel::runGenetic(Evaluator &eval, Rng &rng) {
  const SearchOptions &o = eval.options;
  const SearchSpace &space = eval.space;
  GeneticProblem<Genome, Score> p;
  p.random = [&](Rng &r) { return space.random(r); };
  p.evaluate = [&](llvm::MutableArrayRef<Genome> batch) {
    return eval.evaluateFitted(batch);
  };
  p.endGeneration = [&] { eval.endGeneration(); };
  // Genomes that decode to one mapping are one solution.
  p.identity = [&](const Genome &g) { return hash_value(space.toMapping(g)); };
  p.vary = [&](Genome &child, const Score &parentScore,
               llvm::function_ref<const Genome &()> mate, Rng &r) {
    std::uniform_real_distribution<double> coin(0, 1);
    if (coin(r) < o.crossoverRate)
      crossover(child, mate(), space, r);
    if (coin(r) < o.mutationRate)
      mutateParallelDim(child, space, r);
    if (coin(r) < o.mutationRate)
      mutateTile(child, space, r, parentScore.bottleneck);
    if (coin(r) < o.refactorRate)
      refactorParallel(child, space, r);
    if (coin(r) < o.reorderRate)
      reorder(child, space, r);
    if (coin(r) < o.splitRate)
      splitParallel(child, space, r);
    if (coin(r) < o.growthRate)
      grow(child, space, r);
    if (coin(r) < o.agingRate)
      age(child, space);
  };
  GeneticSettings s;
  s.population = o.population;
  s.generations = o.generations;
  s.eliteFraction = o.eliteFraction;
  s.parentFraction = o.parentFraction;
  runGeneticEngine(p, s, rng);
}
