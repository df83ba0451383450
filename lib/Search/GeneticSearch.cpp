//===- GeneticSearch.cpp - GAMMA's genetic algorithm ----------------------===//
//
// Each generation: rank (valid first, then by objective; ties by position,
// so the order is deterministic), keep the elites unchanged, and fill the
// rest with children of the best `parentFraction`: a copy of a random
// parent, crossed with another, mutated, reordered, grown and aged, each
// with its rate.
//
//===----------------------------------------------------------------------===//

#include "Strategies.h"
#include "accel/Search/GeneticOperators.h"
#include "llvm/ADT/DenseSet.h"
#include <algorithm>
#include <numeric>

using namespace accel;

void accel::runGenetic(Evaluator &eval, Rng &rng) {
  const SearchOptions &o = eval.options;
  const SearchSpace &space = eval.space;
  unsigned population = std::max(2u, o.population);
  std::vector<Genome> pop;
  for (unsigned i = 0; i < population; ++i)
    pop.push_back(space.random(rng));
  std::vector<Score> scores = eval.evaluateFitted(pop);
  eval.endGeneration();

  unsigned elites = std::min<unsigned>(population - 1,
                                       unsigned(o.eliteFraction * population));
  unsigned parents = std::clamp<unsigned>(
      unsigned(o.parentFraction * population), 2, population);
  std::uniform_real_distribution<double> coin(0, 1);
  std::uniform_int_distribution<unsigned> parent(0, parents - 1);
  for (unsigned gen = 1; gen < o.generations; ++gen) {
    std::vector<unsigned> rank(population);
    std::iota(rank.begin(), rank.end(), 0);
    // Copies of a better-ranked genome (the same mapping) go last: a
    // population of clones cannot explore.
    std::vector<Score> ranked = scores;
    {
      std::vector<unsigned> byScore = rank;
      std::stable_sort(byScore.begin(), byScore.end(),
                       [&](unsigned a, unsigned b) {
                         return scores[a].betterThan(scores[b]);
                       });
      llvm::DenseSet<llvm::hash_code> seen;
      for (unsigned i : byScore)
        if (!seen.insert(hash_value(space.toMapping(pop[i]))).second)
          ranked[i] = Score();
    }
    std::stable_sort(rank.begin(), rank.end(), [&](unsigned a, unsigned b) {
      return ranked[a].betterThan(ranked[b]);
    });
    std::vector<Genome> next;
    std::vector<Score> nextScores;
    for (unsigned i = 0; i < elites; ++i) {
      next.push_back(pop[rank[i]]);
      nextScores.push_back(scores[rank[i]]);
    }
    std::vector<Genome> children;
    while (next.size() + children.size() < population) {
      unsigned first = rank[parent(rng)];
      Genome child = pop[first];
      if (coin(rng) < o.crossoverRate)
        crossover(child, pop[rank[parent(rng)]], space, rng);
      if (coin(rng) < o.mutationRate)
        mutateParallelDim(child, space, rng);
      if (coin(rng) < o.mutationRate)
        mutateTile(child, space, rng, scores[first].bottleneck);
      if (coin(rng) < o.refactorRate)
        refactorParallel(child, space, rng);
      if (coin(rng) < o.reorderRate)
        reorder(child, space, rng);
      if (coin(rng) < o.splitRate)
        splitParallel(child, space, rng);
      if (coin(rng) < o.growthRate)
        grow(child, space, rng);
      if (coin(rng) < o.agingRate)
        age(child, space);
      children.push_back(child);
    }
    std::vector<Score> childScores = eval.evaluateFitted(children);
    eval.endGeneration();
    next.insert(next.end(), children.begin(), children.end());
    nextScores.insert(nextScores.end(), childScores.begin(), childScores.end());
    pop = std::move(next);
    scores = std::move(nextScores);
  }
}
