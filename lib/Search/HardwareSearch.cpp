//===- HardwareSearch.cpp - Searching an accelerator template -------------===//

#include "accel/Search/HardwareSearch.h"
#include "accel/Arch/AreaModel.h"
#include "accel/Search/DefaultMapping.h"
#include "accel/Search/GeneticEngine.h"
#include "accel/Search/Pareto.h"
#include "accel/Search/PlanCost.h"
#include "accel/Search/Workers.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

using namespace accel;

llvm::StringRef accel::dseObjectiveName(DseObjective o) {
  switch (o) {
  case DseObjective::Latency:
    return "latency";
  case DseObjective::Energy:
    return "energy";
  case DseObjective::EDP:
    return "edp";
  case DseObjective::Area:
    return "area";
  case DseObjective::Accuracy:
    return "accuracy";
  }
  return "";
}

std::optional<DseObjective> accel::parseDseObjective(llvm::StringRef name) {
  for (DseObjective o :
       {DseObjective::Latency, DseObjective::Energy, DseObjective::EDP,
        DseObjective::Area, DseObjective::Accuracy})
    if (dseObjectiveName(o) == name)
      return o;
  return std::nullopt;
}

ArchTemplate accel::withNetworkAxis(const ArchTemplate &t, size_t n) {
  ArchTemplate ext = t;
  Knob k{"network", {}};
  for (size_t i = 0; i < n; ++i)
    k.values.push_back(double(i));
  ext.knobs.push_back(std::move(k));
  return ext;
}

static uint64_t pointHash(const TemplatePoint &p) {
  return uint64_t(llvm::hash_combine_range(p.begin(), p.end()));
}

TemplatePoint accel::hardwareOf(const TemplatePoint &p, bool networkAxis) {
  return networkAxis && !p.empty() ? TemplatePoint(p.begin(), p.end() - 1)
                                   : p;
}

DseLayerCache::Entry
DseLayerCache::get(const TemplatePoint &hardware,
                   const std::vector<int64_t> &problem,
                   llvm::function_ref<Entry()> compute) {
  std::promise<Entry> promise;
  std::shared_future<Entry> future;
  bool fresh;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto [it, inserted] = entries_.try_emplace(Key{hardware, problem});
    if (inserted)
      it->second = promise.get_future().share();
    future = it->second;
    fresh = inserted;
  }
  // Computed outside the lock; a second asker waits on the future.
  if (fresh)
    promise.set_value(compute());
  return future.get();
}

int64_t DseLayerCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return int64_t(entries_.size());
}

DsePoint accel::evaluateDsePoint(const ArchTemplate &t, const TemplatePoint &p,
                                 llvm::ArrayRef<DseNetwork> networks,
                                 const DseOptions &o, DseLayerCache *shared) {
  DsePoint r;
  r.point = p;
  auto infeasible = [&](std::string why, double violation) {
    r.feasible = false;
    r.reason = std::move(why);
    r.violation = violation;
    return r;
  };
  llvm::Expected<Arch> arch = t.instantiate(p);
  if (!arch)
    return infeasible(llvm::toString(arch.takeError()), 1e9);
  r.archName = arch->name;
  r.pes = arch->numPEs();
  r.sramBytes = onChipBytes(*arch);
  r.areaMm2 = estimateArea(*arch).totalMm2();
  double excess = 0;
  if (std::string why =
          checkConstraints(*arch, r.areaMm2, t.constraints, &excess);
      !why.empty())
    return infeasible(why, excess);

  SearchOptions m = o.mapping;
  m.threads = 1;
  // Seeded by the hardware, not by the network a network axis picks: the
  // same layer on the same hardware is the same search (DseLayerCache).
  TemplatePoint hardware = hardwareOf(p, o.networkAxis);
  uint64_t base = o.seed ^ pointHash(hardware);
  // Equal layers (within and across networks) are mapped once.
  std::map<std::vector<int64_t>, DseLayerCache::Entry> mapped;
  unsigned failed = 0;
  std::string firstFailure;
  auto noteFailure = [&](std::string why) {
    if (!failed++)
      firstFailure = std::move(why);
  };
  // On a network axis, the point's last knob picks the network.
  if (o.networkAxis)
    networks = networks.slice(p.back(), 1);
  double accuracy = 0;
  for (const DseNetwork &net : networks) {
    accuracy += net.accuracy.value_or(0) / double(networks.size());
    if (o.fuse) {
      // The network fused on this point: the better of its searched plan
      // and its layers one by one, as --accel-fuse chooses.
      LayerGraph graph = *net.graph;
      if (o.accelPrecision && arch->precision)
        graph.setPrecision(*arch->precision);
      FusionOptions f = o.fusion;
      f.threads = 1;
      f.seed = base;
      f.mapping = o.mapping;
      f.mapping.seed = base;
      f.aloneMapping = o.mapping;
      f.aloneMapping.seed = base;
      llvm::Expected<FusionResult> fused = searchFusion(graph, *arch, f);
      if (!fused) {
        noteFailure(net.name + ": " + llvm::toString(fused.takeError()));
        continue;
      }
      const NetworkCost &best =
          fused->cost.valid && (!fused->layerByLayer.valid ||
                                fused->cost.edp() <= fused->layerByLayer.edp())
              ? fused->cost
              : fused->layerByLayer;
      if (!best.valid) {
        noteFailure(net.name + ": " + best.reason);
        continue;
      }
      r.mappingSearches += fused->stats.mappingSearches;
      r.cycles += best.cycles;
      r.networkSeconds.push_back(best.cycles / (arch->clockGHz * 1e9));
      r.networkEnergyPJ.push_back(best.energy);
      r.energyPJ += best.energy;
      continue;
    }
    double cycles = 0, energy = 0;
    for (auto [i, layer] : llvm::enumerate(net.layers)) {
      LayerProblem problem = layer;
      if (o.accelPrecision && arch->precision)
        problem.setPrecision(*arch->precision, net.weightsAreActivations[i]);
      auto [it, fresh] = mapped.try_emplace(problem.key());
      if (fresh && o.fixedMappings) {
        llvm::Expected<Mapping> fixed = defaultMapping(problem, *arch);
        if (fixed) {
          CostResult c = evaluate(problem, *arch, *fixed);
          it->second = {c.valid, c.cycles, c.energy, c.reason};
        } else {
          it->second.error = llvm::toString(fixed.takeError());
        }
      } else if (fresh) {
        ++r.mappingSearches;
        auto search = [&]() -> DseLayerCache::Entry {
          m.seed = mappingSeed(base, problem, 0);
          llvm::Expected<SearchResult> s = searchMapping(problem, *arch, m);
          if (!s)
            return {false, 0, 0, llvm::toString(s.takeError())};
          return {s->cost.valid, s->cost.cycles, s->cost.energy,
                  s->cost.reason};
        };
        it->second =
            shared ? shared->get(hardware, it->first, search) : search();
      }
      if (!it->second.valid) {
        if (fresh)
          noteFailure(llvm::formatv("{0} layer {1}: {2}", net.name, i,
                                    it->second.error));
        else
          ++failed;
        continue;
      }
      cycles += it->second.cycles;
      energy += it->second.energy;
    }
    r.cycles += cycles;
    r.networkSeconds.push_back(cycles / (arch->clockGHz * 1e9));
    r.networkEnergyPJ.push_back(energy);
    r.energyPJ += energy;
  }
  if (failed)
    return infeasible(llvm::formatv("{0} layers have no mapping that fits "
                                    "(first: {1})",
                                    failed, firstFailure),
                      double(failed));
  r.feasible = true;
  r.accuracy = accuracy;
  r.seconds = r.cycles / (arch->clockGHz * 1e9);
  for (DseObjective obj : o.objectives)
    switch (obj) {
    case DseObjective::Latency:
      r.objectives.push_back(r.seconds);
      break;
    case DseObjective::Energy:
      r.objectives.push_back(r.energyPJ);
      break;
    case DseObjective::EDP:
      r.objectives.push_back(r.energyPJ * r.seconds);
      break;
    case DseObjective::Area:
      r.objectives.push_back(r.areaMm2);
      break;
    case DseObjective::Accuracy:
      r.objectives.push_back(100 - r.accuracy);
      break;
    }
  return r;
}

/// The Pareto front of every feasible point, in the points' order.
static std::vector<unsigned> frontOf(llvm::ArrayRef<DsePoint> points) {
  std::vector<RankedPoint> all;
  for (const DsePoint &pt : points)
    all.push_back({pt.objectives, pt.feasible, pt.violation});
  return paretoFront(all);
}

namespace {

/// A genome's score for the engine: the point it was evaluated as. The
/// ranking is NSGA-II's over the whole population (GeneticProblem::rank).
struct DseScore {
  int point = -1; ///< index into DseResult::points; -1: a clone's slot
  bool betterThan(const DseScore &) const { return false; }
};

} // namespace

llvm::Expected<DseResult>
accel::searchHardware(const ArchTemplate &t,
                      llvm::ArrayRef<DseNetwork> networks,
                      const DseOptions &o) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (networks.empty())
    return fail("no network to evaluate the points on");
  if (o.fuse)
    for (const DseNetwork &n : networks)
      if (!n.graph)
        return fail("fusion needs every network's layer graph (" + n.name +
                    " has none)");
  if (llvm::is_contained(o.objectives, DseObjective::Accuracy))
    for (const DseNetwork &n : networks)
      if (!n.accuracy)
        return fail("the accuracy objective needs every network's accuracy "
                    "(" +
                    n.name + " has none)");
  if (o.networkAxis && (t.knobs.empty() || t.knobs.back().name != "network" ||
                        t.knobs.back().values.size() != networks.size()))
    return fail("a network axis needs the template of withNetworkAxis");
  if (o.objectives.empty())
    return fail("no objective");
  if (o.shardCount == 0 || o.shardIndex >= o.shardCount)
    return fail(llvm::formatv("shard {0} of {1}: expected 0 <= index < count",
                              o.shardIndex, o.shardCount));
  if (o.shardCount > 1 && o.strategy != DseStrategy::Exhaustive)
    return fail("sharding splits exhaustive sweeps (NSGA-II's generations "
                "depend on every evaluation)");
  if (o.strategy == DseStrategy::Exhaustive && t.size() > o.exhaustiveLimit)
    return fail(llvm::formatv("the template has {0} points, more than the "
                              "exhaustive limit {1}",
                              t.size(), o.exhaustiveLimit));
  DseResult result;
  DseLayerCache shared;
  std::map<TemplatePoint, int> known;
  Workers workers(o.threads);
  // Evaluates the points not seen yet, in parallel, in order; returns each
  // one's index.
  std::map<TemplatePoint, const DsePoint *> saved;
  for (const DsePoint &p : o.resumeFrom)
    saved.emplace(p.point, &p);
  auto evaluate = [&](llvm::ArrayRef<TemplatePoint> batch) {
    std::vector<TemplatePoint> fresh;
    for (const TemplatePoint &p : batch)
      if (known.try_emplace(p, -1).second)
        fresh.push_back(p);
    std::vector<DsePoint> scored(fresh.size());
    workers.forEach(fresh.size(), [&](size_t i) {
      auto it = saved.find(fresh[i]);
      scored[i] = it != saved.end()
                      ? *it->second
                      : evaluateDsePoint(t, fresh[i], networks, o, &shared);
    });
    result.resumed += llvm::count_if(
        fresh, [&](const TemplatePoint &p) { return saved.count(p); });
    for (auto [p, s] : llvm::zip(fresh, scored)) {
      known[p] = int(result.points.size());
      result.mappingSearches += s.mappingSearches;
      result.points.push_back(std::move(s));
    }
    std::vector<int> indices;
    for (const TemplatePoint &p : batch)
      indices.push_back(known[p]);
    return indices;
  };

  if (o.strategy == DseStrategy::Exhaustive) {
    std::vector<TemplatePoint> all;
    for (int64_t i = o.shardIndex; i < t.size(); i += o.shardCount)
      all.push_back(t.pointAt(i));
    evaluate(all);
  } else {
    GeneticProblem<TemplatePoint, DseScore> p;
    p.random = [&](Rng &rng) {
      TemplatePoint g(t.knobs.size());
      for (size_t k = 0; k < g.size(); ++k)
        g[k] = std::uniform_int_distribution<unsigned>(
            0, unsigned(t.knobs[k].values.size()) - 1)(rng);
      return g;
    };
    p.evaluate = [&](llvm::MutableArrayRef<TemplatePoint> batch) {
      std::vector<DseScore> scores;
      for (int i : evaluate(batch))
        scores.push_back({i});
      return scores;
    };
    p.identity = [](const TemplatePoint &g) {
      return llvm::hash_combine_range(g.begin(), g.end());
    };
    // Uniform crossover, then each knob moved with probability 1 / knobs
    // (one at least): to a neighbouring value or anywhere.
    p.vary = [&](TemplatePoint &child, const DseScore &,
                 llvm::function_ref<const TemplatePoint &()> mate, Rng &rng) {
      std::uniform_real_distribution<double> u(0, 1);
      const TemplatePoint &other = mate();
      for (size_t k = 0; k < child.size(); ++k)
        if (u(rng) < 0.5)
          child[k] = other[k];
      size_t forced =
          std::uniform_int_distribution<size_t>(0, child.size() - 1)(rng);
      for (size_t k = 0; k < child.size(); ++k) {
        unsigned n = unsigned(t.knobs[k].values.size());
        if (n < 2 || (k != forced && u(rng) >= 1.0 / double(child.size())))
          continue;
        if (u(rng) < 0.5) {
          bool up = child[k] == 0 || (child[k] + 1 < n && u(rng) < 0.5);
          child[k] = up ? child[k] + 1 : child[k] - 1;
        } else {
          child[k] = std::uniform_int_distribution<unsigned>(0, n - 1)(rng);
        }
      }
    };
    if (o.checkpoint)
      p.endGeneration = [&] { o.checkpoint(result.points); };
    p.rank = [&](llvm::ArrayRef<DseScore> scores) {
      std::vector<RankedPoint> ranked;
      for (const DseScore &s : scores) {
        const DsePoint &pt = result.points[s.point];
        ranked.push_back({pt.objectives, pt.feasible, pt.violation});
      }
      return nsga2Order(ranked);
    };
    GeneticSettings s;
    s.population = o.population;
    s.generations = o.generations;
    // NSGA-II's elitism: the better half survives, the other half is bred
    // from it.
    s.eliteFraction = 0.5;
    s.parentFraction = 0.5;
    Rng rng(o.seed);
    runGeneticEngine(p, s, rng);
  }

  result.front = frontOf(result.points);
  int64_t needed = 0;
  for (const DsePoint &pt : result.points)
    if (!saved.count(pt.point))
      needed += pt.mappingSearches;
  result.mappingSearchesShared = needed - shared.size();
  if (o.checkpoint)
    o.checkpoint(result.points);
  return result;
}

llvm::Expected<DseResult> accel::mergeDseShards(const ArchTemplate &t,
                                                std::vector<DseResult> shards) {
  DseResult merged;
  for (DseResult &s : shards) {
    merged.mappingSearches += s.mappingSearches;
    for (DsePoint &p : s.points)
      merged.points.push_back(std::move(p));
  }
  llvm::stable_sort(merged.points, [&](const DsePoint &a, const DsePoint &b) {
    return t.indexOf(a.point) < t.indexOf(b.point);
  });
  for (size_t i = 0; i < merged.points.size(); ++i) {
    int64_t index = t.indexOf(merged.points[i].point);
    if (index != int64_t(i))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          index < int64_t(i)
              ? llvm::formatv("point {0} is in two shards", index).str()
              : llvm::formatv("point {0} is in no shard", i).str());
  }
  if (int64_t(merged.points.size()) != t.size())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("the shards hold {0} of the template's {1} points",
                      merged.points.size(), t.size()));
  merged.front = frontOf(merged.points);
  return merged;
}
