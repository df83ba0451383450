//===- GeneticEngine.h - One genetic algorithm for every search -*- C++ -*-===//
//
// The generational loop shared by the mapping search (GAMMA), the fusion
// search and the hardware search: a random population, then per
// generation a ranking (better scores first, ties by position so the order
// is deterministic, clones of a better-ranked genome last), the elites kept
// unchanged, and the rest of the next generation bred from the best
// `parentFraction`: a copy of a random parent varied by the problem's own
// operators (which may draw a mate). The problem supplies the genome, its
// operators and a batch scorer; the scorer evaluates in parallel, each
// genome in its own slot, so no result depends on the thread count, and
// every random draw happens here, in order, from one seeded generator.
//
// Score needs `bool betterThan(const Score &) const`; a default-constructed
// Score must rank last (it stands for a clone). Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_GENETICENGINE_H
#define ACCEL_SEARCH_GENETICENGINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <algorithm>
#include <functional>
#include <numeric>
#include <random>
#include <vector>

namespace accel {

using Rng = std::mt19937_64;

template <typename Genome, typename Score> struct GeneticProblem {
  /// A random genome.
  std::function<Genome(Rng &)> random;
  /// Scores a batch; may repair the genomes in place first.
  std::function<std::vector<Score>(llvm::MutableArrayRef<Genome>)> evaluate;
  /// Genomes of equal identity are one solution: only the best-ranked copy
  /// keeps its rank.
  std::function<llvm::hash_code(const Genome &)> identity;
  /// Varies `child`, a copy of a parent scored `parentScore`; `mate()`
  /// draws another parent.
  std::function<void(Genome &child, const Score &parentScore,
                     llvm::function_ref<const Genome &()> mate, Rng &rng)>
      vary;
  /// Called after each generation is scored (statistics); may be empty.
  std::function<void()> endGeneration;
  /// Ranks a population by its scores, best first, when ranks depend on
  /// the whole population (NSGA-II's fronts and crowding); empty: by
  /// Score::betterThan. Clones of a better-ranked genome go last either way.
  std::function<std::vector<unsigned>(llvm::ArrayRef<Score>)> rank;
};

struct GeneticSettings {
  unsigned population = 200;
  unsigned generations = 50;
  double eliteFraction = 0.02;
  double parentFraction = 0.25;
};

/// Runs the generations; returns the last population and its scores.
template <typename Genome, typename Score>
std::pair<std::vector<Genome>, std::vector<Score>>
runGeneticEngine(const GeneticProblem<Genome, Score> &p,
                 const GeneticSettings &s, Rng &rng) {
  unsigned population = std::max(2u, s.population);
  std::vector<Genome> pop;
  for (unsigned i = 0; i < population; ++i)
    pop.push_back(p.random(rng));
  std::vector<Score> scores = p.evaluate(pop);
  if (p.endGeneration)
    p.endGeneration();

  unsigned elites = std::min<unsigned>(population - 1,
                                       unsigned(s.eliteFraction * population));
  unsigned parents = std::clamp<unsigned>(
      unsigned(s.parentFraction * population), 2, population);
  std::uniform_int_distribution<unsigned> parent(0, parents - 1);
  for (unsigned gen = 1; gen < s.generations; ++gen) {
    std::vector<unsigned> rank(population);
    std::iota(rank.begin(), rank.end(), 0);
    // Copies of a better-ranked genome go last: a population of clones
    // cannot explore.
    std::vector<Score> ranked = scores;
    if (p.rank) {
      llvm::DenseSet<llvm::hash_code> seen;
      std::vector<unsigned> clones;
      rank.clear();
      for (unsigned i : p.rank(scores))
        (seen.insert(p.identity(pop[i])).second ? rank : clones).push_back(i);
      rank.insert(rank.end(), clones.begin(), clones.end());
    } else {
      std::vector<unsigned> byScore = rank;
      std::stable_sort(byScore.begin(), byScore.end(),
                       [&](unsigned a, unsigned b) {
                         return scores[a].betterThan(scores[b]);
                       });
      llvm::DenseSet<llvm::hash_code> seen;
      for (unsigned i : byScore)
        if (!seen.insert(p.identity(pop[i])).second)
          ranked[i] = Score();
      std::stable_sort(rank.begin(), rank.end(), [&](unsigned a, unsigned b) {
        return ranked[a].betterThan(ranked[b]);
      });
    }
    std::vector<Genome> next;
    std::vector<Score> nextScores;
    for (unsigned i = 0; i < elites; ++i) {
      next.push_back(pop[rank[i]]);
      nextScores.push_back(scores[rank[i]]);
    }
    std::vector<Genome> children;
    auto mate = [&]() -> const Genome & { return pop[rank[parent(rng)]]; };
    while (next.size() + children.size() < population) {
      unsigned first = rank[parent(rng)];
      Genome child = pop[first];
      p.vary(child, scores[first], mate, rng);
      children.push_back(std::move(child));
    }
    std::vector<Score> childScores = p.evaluate(children);
    if (p.endGeneration)
      p.endGeneration();
    next.insert(next.end(), children.begin(), children.end());
    nextScores.insert(nextScores.end(), childScores.begin(),
                      childScores.end());
    pop = std::move(next);
    scores = std::move(nextScores);
  }
  return {std::move(pop), std::move(scores)};
}

} // namespace accel

#endif // ACCEL_SEARCH_GENETICENGINE_H
