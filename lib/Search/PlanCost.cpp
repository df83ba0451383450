//===- PlanCost.cpp - The cost of a fusion plan ---------------------------===//

#include "accel/Search/PlanCost.h"
#include "accel/CostModel/GroupCost.h"
#include <set>
#include <unordered_set>

using namespace accel;

PlanCost::PlanCost(const FusionSpace &space, SearchOptions mapping,
                   Workers &workers, std::optional<SearchOptions> alone)
    : space_(space), mapping_(std::move(mapping)),
      alone_(alone ? std::move(*alone) : mapping_), workers_(workers) {
  // The searches themselves run side by side.
  mapping_.threads = 1;
  alone_.threads = 1;
}

const Arch &PlanCost::archFor(int64_t part) {
  auto [it, inserted] = parts_.try_emplace(part);
  if (inserted)
    it->second = part == kWholeArch ? space_.arch()
                                    : groupLayerArch(space_.arch(), part);
  return it->second;
}

uint64_t accel::mappingSeed(uint64_t base, const LayerProblem &problem,
                            int64_t part) {
  uint64_t h = 1469598103934665603ull ^ base;
  auto mix = [&](int64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= uint64_t(v >> (8 * i)) & 0xff;
      h *= 1099511628211ull;
    }
  };
  mix(part);
  for (int64_t v : problem.key())
    mix(v);
  return h;
}

/// A result that cannot run, with its reason.
static CostResult invalid(std::string reason) {
  CostResult r;
  r.reason = std::move(reason);
  return r;
}

SegmentCost PlanCost::costSegment(const PlanSegment &s) {
  const LayerGraph &graph = space_.graph();
  SegmentCost out;
  out.mappings.resize(s.layers.size());
  auto mappingOf = [&](const LayerProblem &p, int64_t part,
                       const CostOptions &o = {}) -> const MappingEntry & {
    return mappings_.at(MappingKey{p.key(), part, o.key()});
  };
  if (!s.fused()) {
    const GraphLayer &layer = graph.layer(s.layers[0]);
    if (!layer.computes()) {
      out.cost.valid = true;
      return out;
    }
    const MappingEntry &m = mappingOf(*layer.problem, kWholeArch);
    if (!m.found) {
      out.cost = invalid("layer '" + layer.name + "': " + m.error);
      return out;
    }
    out.cost = m.found->cost;
    out.mappings[0] = m.found->mapping;
    return out;
  }
  llvm::Expected<GroupTiling> tiling =
      GroupTiling::compute(graph, s.layers, *s.schedule);
  if (!tiling) {
    out.cost = invalid(llvm::toString(tiling.takeError()));
    return out;
  }
  for (unsigned i = 0; i < s.layers.size(); ++i) {
    const GraphLayer &layer = graph.layer(s.layers[i]);
    if (!layer.computes())
      continue;
    const MappingEntry &m =
        mappingOf(tiling->mappedProblem(i), tiling->peShare(i),
                  groupLayerOptions(*tiling, i));
    if (!m.found) {
      out.cost = invalid("layer '" + layer.name + "' in a group: " + m.error);
      return out;
    }
    out.mappings[i] = m.found->mapping;
  }
  out.cost = evaluateGroup(*tiling, out.mappings, space_.arch());
  return out;
}

std::vector<NetworkCost> PlanCost::evaluate(llvm::ArrayRef<FusionPlan> plans) {
  const LayerGraph &graph = space_.graph();
  // The segments not costed yet, in the order they are met.
  std::vector<PlanSegment> fresh;
  {
    std::unordered_set<PlanSegment, PlanSegmentHash> seen;
    for (const FusionPlan &plan : plans)
      for (const PlanSegment &s : plan.segments)
        if (!segments_.count(s) && seen.insert(s).second)
          fresh.push_back(s);
  }
  // The mapping searches they need, each once.
  struct Search {
    MappingKey key;
    LayerProblem problem;
    CostOptions options;
  };
  std::vector<Search> searches;
  {
    std::set<MappingKey> asked;
    auto need = [&](const LayerProblem &p, int64_t part,
                    const CostOptions &o = {}) {
      MappingKey key{p.key(), part, o.key()};
      if (!mappings_.count(key) && asked.insert(key).second) {
        archFor(part);
        searches.push_back({std::move(key), p, o});
      }
    };
    for (const PlanSegment &s : fresh) {
      if (!s.fused()) {
        const GraphLayer &layer = graph.layer(s.layers[0]);
        if (layer.computes())
          need(*layer.problem, kWholeArch);
        continue;
      }
      llvm::Expected<GroupTiling> tiling =
          GroupTiling::compute(graph, s.layers, *s.schedule);
      if (!tiling) {
        llvm::consumeError(tiling.takeError());
        continue;
      }
      for (unsigned i = 0; i < s.layers.size(); ++i)
        if (graph.layer(s.layers[i]).computes())
          need(tiling->mappedProblem(i), tiling->peShare(i),
               groupLayerOptions(*tiling, i));
    }
  }
  std::vector<MappingEntry> found(searches.size());
  workers_.forEach(searches.size(), [&](size_t i) {
    const auto &[key, problem, options] = searches[i];
    SearchOptions o = key.part == kWholeArch ? alone_ : mapping_;
    o.seed = mappingSeed(o.seed, problem, key.part);
    o.cost = options;
    llvm::Expected<SearchResult> r =
        searchMapping(problem, parts_.at(key.part), o);
    if (r)
      found[i].found = std::move(*r);
    else
      found[i].error = llvm::toString(r.takeError());
  });
  for (size_t i = 0; i < searches.size(); ++i)
    mappings_.emplace(std::move(searches[i].key), std::move(found[i]));

  std::vector<SegmentCost> costs(fresh.size());
  workers_.forEach(fresh.size(),
                   [&](size_t i) { costs[i] = costSegment(fresh[i]); });
  for (size_t i = 0; i < fresh.size(); ++i)
    segments_.emplace(std::move(fresh[i]), std::move(costs[i]));

  std::vector<NetworkCost> totals;
  for (const FusionPlan &plan : plans) {
    NetworkCost t;
    t.valid = true;
    for (const PlanSegment &s : plan.segments) {
      const CostResult &c = segments_.at(s).cost;
      if (!c.valid) {
        if (t.valid)
          t.reason = c.reason;
        t.valid = false;
        continue;
      }
      t.cycles += c.cycles;
      t.energy += c.energy;
      t.dramBytes += c.dramBytes;
      t.macs += c.macs;
    }
    totals.push_back(std::move(t));
  }
  return totals;
}

const SegmentCost &PlanCost::segment(const PlanSegment &s) {
  if (!segments_.count(s)) {
    FusionPlan plan;
    plan.segments.push_back(s);
    evaluate(plan);
  }
  return segments_.at(s);
}

const SearchResult *PlanCost::mapping(const LayerProblem &problem, int64_t part,
                                      const CostOptions &options) const {
  auto it = mappings_.find(MappingKey{problem.key(), part, options.key()});
  return it != mappings_.end() && it->second.found ? &*it->second.found
                                                   : nullptr;
}
