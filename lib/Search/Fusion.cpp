//===- Fusion.cpp - Searching which layers run fused ----------------------===//

#include "accel/Search/Fusion.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include <limits>

using namespace accel;

std::optional<FusionStrategy> accel::parseFusionStrategy(llvm::StringRef s) {
  return llvm::StringSwitch<std::optional<FusionStrategy>>(s)
      .Case("ga", FusionStrategy::Genetic)
      .Case("random", FusionStrategy::Random)
      .Case("greedy", FusionStrategy::Greedy)
      .Case("dp", FusionStrategy::DP)
      .Case("none", FusionStrategy::None)
      .Default(std::nullopt);
}

llvm::StringRef accel::fusionStrategyName(FusionStrategy s) {
  switch (s) {
  case FusionStrategy::Genetic:
    return "ga";
  case FusionStrategy::Random:
    return "random";
  case FusionStrategy::Greedy:
    return "greedy";
  case FusionStrategy::DP:
    return "dp";
  case FusionStrategy::None:
    return "none";
  }
  return "ga";
}

std::optional<FusionObjective> accel::parseFusionObjective(llvm::StringRef s) {
  return llvm::StringSwitch<std::optional<FusionObjective>>(s)
      .Case("latency", FusionObjective::Latency)
      .Case("energy", FusionObjective::Energy)
      .Case("edp", FusionObjective::EDP)
      .Default(std::nullopt);
}

llvm::StringRef accel::fusionObjectiveName(FusionObjective o) {
  switch (o) {
  case FusionObjective::Latency:
    return "latency";
  case FusionObjective::Energy:
    return "energy";
  case FusionObjective::EDP:
    return "edp";
  }
  return "edp";
}

double accel::fusionScore(FusionObjective o, const NetworkCost &c) {
  if (!c.valid)
    return std::numeric_limits<double>::infinity();
  switch (o) {
  case FusionObjective::Latency:
    return c.cycles;
  case FusionObjective::Energy:
    return c.energy;
  case FusionObjective::EDP:
    return c.edp();
  }
  return c.edp();
}

ObjectiveKind accel::mappingObjective(FusionObjective o) {
  switch (o) {
  case FusionObjective::Latency:
    return ObjectiveKind::Latency;
  case FusionObjective::Energy:
    return ObjectiveKind::Energy;
  case FusionObjective::EDP:
    return ObjectiveKind::EDP;
  }
  return ObjectiveKind::EDP;
}

namespace {

struct Score {
  bool valid = false;
  double value = std::numeric_limits<double>::infinity();
  bool betterThan(const Score &o) const {
    if (valid != o.valid)
      return valid;
    return value < o.value;
  }
};

/// Keeps the best plans of everything costed, and the statistics.
struct Tracker {
  FusionObjective objective;
  FusionStats stats;
  std::optional<FusionPlan> best;
  Score bestScore;
  /// The best valid plans of distinct scores (plans that differ only in
  /// the order of independent layers score the same), best first: the
  /// candidates the final mapping chooses from.
  std::vector<std::pair<Score, FusionPlan>> top;

  Score record(const FusionPlan &plan, const NetworkCost &cost) {
    Score s{cost.valid, fusionScore(objective, cost)};
    ++stats.evaluations;
    stats.valid += cost.valid;
    if (s.betterThan(bestScore)) {
      bestScore = s;
      best = plan;
    }
    if (s.valid &&
        (top.size() < kFusionCandidates || s.betterThan(top.back().first)) &&
        llvm::none_of(
            top, [&](const auto &t) { return t.first.value == s.value; })) {
      auto at = llvm::find_if(
          top, [&](const auto &t) { return s.betterThan(t.first); });
      top.insert(at, {s, plan});
      if (top.size() > kFusionCandidates)
        top.pop_back();
    }
    return s;
  }
  void endGeneration() { stats.bestPerGeneration.push_back(bestScore.value); }
};

llvm::hash_code planHash(const FusionPlan &plan) {
  llvm::hash_code h(0);
  for (const PlanSegment &s : plan.segments)
    h = llvm::hash_combine(h, hash_value(s));
  return h;
}

/// Repairs and costs a batch of genomes.
std::vector<Score> scoreBatch(llvm::MutableArrayRef<FusionGenome> batch,
                              const FusionSpace &space, PlanCost &cost,
                              Workers &workers, Tracker &tracker) {
  workers.forEach(batch.size(), [&](size_t i) { space.repair(batch[i]); });
  std::vector<FusionPlan> plans;
  for (const FusionGenome &g : batch)
    plans.push_back(space.decode(g));
  std::vector<NetworkCost> totals = cost.evaluate(plans);
  std::vector<Score> scores;
  for (size_t i = 0; i < plans.size(); ++i)
    scores.push_back(tracker.record(plans[i], totals[i]));
  return scores;
}

/// A gene for the group `layers` whose schedule fits: the tallest tiles
/// with the defaults, then the tallest with streamed weights; none if
/// neither.
std::optional<ScheduleGene> greedyGene(const FusionSpace &space,
                                       llvm::ArrayRef<unsigned> layers) {
  for (WeightPolicy w : {WeightPolicy::Resident, WeightPolicy::Streamed}) {
    if (w == WeightPolicy::Streamed && !space.choices().streamed)
      break;
    for (int k = 9; k >= 0; --k) {
      ScheduleGene g;
      g.rowsLog = k;
      g.weights = w;
      GroupSchedule s = space.decode(g, layers);
      if (int64_t(1) << k > s.rows && k > 0 &&
          (int64_t(1) << (k - 1)) >= s.rows)
        continue; // clamps to the same rows as k - 1
      if (space.fits(layers, s))
        return g;
    }
  }
  return std::nullopt;
}

/// Greedy: in the graph's order, the current group takes the next layer
/// while some gene lets it fit.
FusionGenome greedyGenome(const FusionSpace &space) {
  FusionGenome g = space.unfused();
  std::vector<unsigned> current;
  unsigned start = 0;
  for (unsigned l = 0; l < space.numLayers(); ++l) {
    if (!current.empty() && space.fusible(current.back()) && space.fusible(l) &&
        current.size() < space.choices().maxGroupLayers) {
      std::vector<unsigned> layers = current;
      layers.push_back(l);
      if (std::optional<ScheduleGene> gene = greedyGene(space, layers)) {
        g.cut[l - 1] = 0;
        g.gene[start] = *gene;
        current = std::move(layers);
        continue;
      }
    }
    current = {l};
    start = l;
  }
  return g;
}

/// Whether two genes differ in exactly one field.
bool oneFieldApart(const ScheduleGene &a, const ScheduleGene &b) {
  int n = (a.rowsLog != b.rowsLog) + (a.halo != b.halo) +
          (a.weights != b.weights) + (a.doubleBuffer != b.doubleBuffer) +
          (a.split != b.split) + (a.pipelined != b.pipelined);
  return n == 1;
}

/// Local search from the GA's best genome (a memetic last step): each
/// round costs every genome one move away — a cut removed (the merged
/// group taking either segment's gene or the greedy one, with any tile
/// height), a
/// cut added inside a group, one schedule field of a group set to any
/// other value — and keeps the best if it improves, until none does or
/// `rounds` run out. Mutation rarely finds the one gene that makes a new
/// group pay; this tries them all around the best plan. Moves come in a
/// fixed order and the first best wins: deterministic.
void polish(const FusionSpace &space, PlanCost &cost, Workers &workers,
            Tracker &tracker, FusionGenome g, Score score, unsigned rounds) {
  unsigned n = g.order.size();
  for (unsigned round = 0; round < rounds && score.valid; ++round) {
    std::vector<FusionGenome> moves;
    for (unsigned start = 0; start < n;) {
      unsigned end = start;
      while (!g.cut[end])
        ++end;
      std::vector<unsigned> layers(g.order.begin() + start,
                                   g.order.begin() + end + 1);
      llvm::sort(layers);
      // Merge with the next segment: the merged group takes either
      // segment's gene or the greedy one, each with every tile height.
      if (end + 1 < n && space.fusible(g.order[end]) &&
          space.fusible(g.order[end + 1])) {
        unsigned next = end + 1;
        while (!g.cut[next])
          ++next;
        std::vector<unsigned> merged(g.order.begin() + start,
                                     g.order.begin() + next + 1);
        llvm::sort(merged);
        std::vector<ScheduleGene> bases = {g.gene[start], g.gene[end + 1]};
        if (std::optional<ScheduleGene> gene = greedyGene(space, merged))
          bases.push_back(*gene);
        for (const ScheduleGene &gene : space.genes(merged))
          for (const ScheduleGene &base : bases) {
            ScheduleGene rows = base;
            rows.rowsLog = gene.rowsLog;
            if (gene == rows) {
              FusionGenome m = g;
              m.cut[end] = 0;
              m.gene[start] = gene;
              moves.push_back(std::move(m));
            }
          }
      }
      if (end > start) {
        // Split the group, and change one field of its gene.
        for (unsigned k = start; k < end; ++k) {
          FusionGenome m = g;
          m.cut[k] = 1;
          moves.push_back(std::move(m));
        }
        for (const ScheduleGene &gene : space.genes(layers))
          if (oneFieldApart(gene, g.gene[start])) {
            FusionGenome m = g;
            m.gene[start] = gene;
            moves.push_back(std::move(m));
          }
      }
      start = end + 1;
    }
    if (moves.empty())
      break;
    std::vector<Score> scores =
        scoreBatch(moves, space, cost, workers, tracker);
    size_t best = 0;
    for (size_t i = 1; i < moves.size(); ++i)
      if (scores[i].betterThan(scores[best]))
        best = i;
    if (!scores[best].betterThan(score))
      break;
    g = std::move(moves[best]);
    score = scores[best];
  }
}

void runGenetic(const FusionSpace &space, PlanCost &cost, Workers &workers,
                Tracker &tracker, const FusionOptions &o) {
  GeneticProblem<FusionGenome, Score> p;
  // The first genomes: every layer on its own, then the greedy plan.
  std::vector<FusionGenome> seeds = {space.unfused(), greedyGenome(space)};
  size_t seeded = 0;
  p.random = [&](Rng &rng) {
    if (seeded < seeds.size())
      return seeds[seeded++];
    return space.random(rng);
  };
  p.evaluate = [&](llvm::MutableArrayRef<FusionGenome> batch) {
    return scoreBatch(batch, space, cost, workers, tracker);
  };
  p.identity = [&](const FusionGenome &g) { return planHash(space.decode(g)); };
  p.vary = [&](FusionGenome &child, const Score &,
               llvm::function_ref<const FusionGenome &()> mate, Rng &rng) {
    std::uniform_real_distribution<double> coin(0, 1);
    if (coin(rng) < o.crossoverRate)
      space.crossover(child, mate(), rng);
    if (coin(rng) < o.mergeRate)
      space.mergeGroups(child, rng);
    if (coin(rng) < o.splitRate)
      space.splitGroup(child, rng);
    if (coin(rng) < o.moveRate)
      space.moveCut(child, rng);
    if (coin(rng) < o.geneRate)
      space.mutateGene(child, rng);
    if (coin(rng) < o.reorderRate)
      space.reorder(child, rng);
  };
  p.endGeneration = [&] { tracker.endGeneration(); };
  GeneticSettings s;
  s.population = o.population;
  s.generations = o.generations;
  s.eliteFraction = o.eliteFraction;
  s.parentFraction = o.parentFraction;
  Rng rng(o.seed);
  auto [pop, scores] = runGeneticEngine(p, s, rng);
  size_t best = 0;
  for (size_t i = 1; i < pop.size(); ++i)
    if (scores[i].betterThan(scores[best]))
      best = i;
  polish(space, cost, workers, tracker, pop[best], scores[best],
         o.polishRounds);
}

void runRandom(const FusionSpace &space, PlanCost &cost, Workers &workers,
               Tracker &tracker, const FusionOptions &o) {
  Rng rng(o.seed);
  unsigned slice = std::max(1u, o.population);
  int64_t total = int64_t(slice) * std::max(1u, o.generations);
  for (int64_t done = 0; done < total;) {
    std::vector<FusionGenome> batch;
    for (; batch.size() < slice && done < total; ++done)
      batch.push_back(space.random(rng));
    scoreBatch(batch, space, cost, workers, tracker);
    tracker.endGeneration();
  }
}

/// The optimal cuts and schedules for the graph's order under an additive
/// objective.
FusionPlan runDP(const FusionSpace &space, PlanCost &cost,
                 FusionObjective objective, Tracker &tracker) {
  unsigned n = space.numLayers();
  auto value = [&](const CostResult &c) {
    return objective == FusionObjective::Latency ? c.cycles : c.energy;
  };
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> best(n + 1, inf);
  std::vector<std::optional<PlanSegment>> last(n + 1);
  best[0] = 0;
  for (unsigned j = 1; j <= n; ++j) {
    // Every segment ending at layer j - 1 that fits, costed in one batch.
    std::vector<FusionPlan> candidates;
    std::vector<unsigned> from;
    for (unsigned i = j; i-- > 0;) {
      unsigned length = j - i;
      if (length > space.choices().maxGroupLayers ||
          (length > 1 && !space.fusible(i)))
        break;
      if (length > 1 && !space.fusible(j - 1))
        break;
      std::vector<unsigned> layers;
      for (unsigned l = i; l < j; ++l)
        layers.push_back(l);
      if (length == 1) {
        candidates.push_back({{{layers, std::nullopt}}});
        from.push_back(i);
        continue;
      }
      for (const ScheduleGene &g : space.genes(layers)) {
        GroupSchedule s = space.decode(g, layers);
        if (!space.fits(layers, s))
          continue;
        candidates.push_back({{{layers, s}}});
        from.push_back(i);
      }
    }
    std::vector<NetworkCost> costs = cost.evaluate(candidates);
    for (size_t k = 0; k < candidates.size(); ++k) {
      tracker.record(candidates[k], costs[k]);
      if (!costs[k].valid || best[from[k]] == inf)
        continue;
      double v =
          best[from[k]] + value(cost.segment(candidates[k].segments[0]).cost);
      if (v < best[j]) {
        best[j] = v;
        last[j] = candidates[k].segments[0];
      }
    }
  }
  FusionPlan plan;
  for (unsigned j = n; j > 0;) {
    if (!last[j])
      return FusionPlan(); // nothing runs: the caller reports it
    plan.segments.push_back(*last[j]);
    j -= last[j]->layers.size();
  }
  std::reverse(plan.segments.begin(), plan.segments.end());
  return plan;
}

} // namespace

llvm::Expected<FusionResult> accel::searchFusion(const LayerGraph &graph,
                                                 const Arch &arch,
                                                 const FusionOptions &o) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (llvm::Error e = graph.check())
    return fail("the network is inconsistent: " + toString(std::move(e)));
  if (o.strategy == FusionStrategy::DP && o.objective == FusionObjective::EDP)
    return fail("dp needs an additive objective: latency or energy (EDP is "
                "the product of two sums)");
  FusionSpace space(graph, arch, o.choices);
  Workers workers(o.threads, o.pool);
  SearchOptions mapping = o.mapping, alone = o.aloneMapping;
  mapping.objective.kind = mappingObjective(o.objective);
  alone.objective.kind = mappingObjective(o.objective);
  PlanCost cost(space, mapping, workers, alone);
  FusionResult r;
  FusionPlan unfused = space.decode(space.unfused());
  r.layerByLayer = cost.evaluate(unfused);
  if (!r.layerByLayer.valid)
    return fail("the layers cannot run even one by one: " +
                r.layerByLayer.reason);

  Tracker tracker{o.objective, {}, std::nullopt, {}};
  switch (o.strategy) {
  case FusionStrategy::None:
    r.plan = unfused;
    break;
  case FusionStrategy::Greedy:
    r.plan = space.decode(greedyGenome(space));
    break;
  case FusionStrategy::DP:
    r.plan = runDP(space, cost, o.objective, tracker);
    break;
  case FusionStrategy::Random:
    runRandom(space, cost, workers, tracker, o);
    break;
  case FusionStrategy::Genetic:
    runGenetic(space, cost, workers, tracker, o);
    break;
  }
  bool sampled = o.strategy == FusionStrategy::Random ||
                 o.strategy == FusionStrategy::Genetic;
  if (sampled)
    r.plan = tracker.best && tracker.bestScore.valid ? *tracker.best : unfused;
  // The plans the final mapping chooses from: the best, then the next best
  // sampled (dp's tracker holds one-segment plans: not candidates).
  r.candidates = {r.plan};
  if (sampled)
    for (auto &[score, plan] : tracker.top)
      if (r.candidates.size() < kFusionCandidates &&
          plan.segments != r.plan.segments)
        r.candidates.push_back(plan);
  // The GA's seed, the greedy plan, too: scored with the small mapping
  // budget, a group can look worse than its layers alone and not be.
  if (o.strategy == FusionStrategy::Genetic) {
    FusionPlan greedy = space.decode(greedyGenome(space));
    if (llvm::none_of(r.candidates, [&](const FusionPlan &p) {
          return p.segments == greedy.segments;
        }))
      r.candidates.push_back(std::move(greedy));
  }
  r.cost = cost.evaluate(r.plan);
  if (!r.cost.valid)
    return fail(llvm::formatv("{0} found no plan that runs: {1}",
                              fusionStrategyName(o.strategy), r.cost.reason));
  for (const PlanSegment &s : r.plan.segments)
    r.segments.push_back(cost.segment(s));
  r.stats = tracker.stats;
  r.stats.mappingSearches = cost.mappingSearches();
  return r;
}

llvm::Expected<MappedPlan> accel::mapPlan(const FusionSpace &space,
                                          llvm::ArrayRef<FusionPlan> candidates,
                                          FusionObjective objective,
                                          SearchOptions mapping,
                                          Workers &workers) {
  mapping.objective.kind = mappingObjective(objective);
  PlanCost cost(space, mapping, workers);
  FusionPlan unfused = space.decode(space.unfused());
  std::vector<FusionPlan> plans = {unfused};
  plans.insert(plans.end(), candidates.begin(), candidates.end());
  std::vector<NetworkCost> totals = cost.evaluate(plans);
  if (!totals[0].valid)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the layers cannot run even one by one: " +
                                       totals[0].reason);
  MappedPlan m;
  m.layerByLayer = totals[0];
  // The best candidate; layer by layer unless one beats it.
  size_t best = 0;
  for (size_t i = 1; i < plans.size(); ++i)
    if (totals[i].valid && fusionScore(objective, totals[i]) <
                               fusionScore(objective, totals[best]))
      best = i;
  m.plan = plans[best];
  m.cost = totals[best];
  m.fellBack = best == 0 && !candidates.empty() &&
               candidates[0].segments != unfused.segments;
  m.candidate = best == 0 ? -1 : int(best) - 1;
  for (const PlanSegment &s : m.plan.segments)
    m.segments.push_back(cost.segment(s));
  for (const PlanSegment &s : unfused.segments)
    m.alone.push_back(cost.segment(s));
  return m;
}
