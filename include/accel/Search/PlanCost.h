//===- PlanCost.h - The cost of a fusion plan -------------------*- C++ -*-===//
//
// Costs fusion plans on one accelerator: each segment by the group model
// (GroupCost.h) or, for a layer on its own, by the single-layer model, with
// every mapping found by the mapping search (Mapper.h) for its problem on
// the part of the accelerator it runs on, and the network's totals: its
// segments run one after the other, so latency, energy and DRAM bytes add
// up and EDP is total energy x total latency.
//
// Everything is cached: segments by their layers and schedule, mapping
// searches by (problem, accelerator part). A batch of plans is costed in
// phases: the new segments are tiled, the mapping searches they need run
// in parallel (each seeded from its problem, not from the order it was
// met in), then the new segments are costed in parallel; so results never
// depend on the thread count or on which plans came first. Layers that only
// move data (concat) cost nothing on chip nor off: producers write their
// operands in place. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_PLANCOST_H
#define ACCEL_SEARCH_PLANCOST_H

#include "accel/Search/FusionSpace.h"
#include "accel/Search/Mapper.h"
#include "accel/Search/Workers.h"
#include <map>

namespace accel {

/// The network's totals under a plan.
struct NetworkCost {
  bool valid = false;
  std::string reason; ///< why not (the first invalid segment's)
  double cycles = 0;
  double energy = 0; ///< pJ
  int64_t dramBytes = 0;
  int64_t macs = 0;
  double edp() const { return energy * cycles; }
};

/// A segment's cost and the mappings of its layers (aligned with
/// PlanSegment::layers; empty for layers that do not compute).
struct SegmentCost {
  CostResult cost; ///< valid = false with the reason when it cannot run
  std::vector<Mapping> mappings;
};

/// The seed of the mapping search of `problem` on accelerator part `part`:
/// from what is searched, not from when (FNV-1a, stable across runs).
uint64_t mappingSeed(uint64_t base, const LayerProblem &problem, int64_t part);

/// The accelerator part a layer is mapped on: the whole accelerator for a
/// layer on its own (kWholeArch), below the group's level (0), or a share
/// of the array (> 0).
inline constexpr int64_t kWholeArch = -1;

class PlanCost {
public:
  /// `mapping` is the search each layer problem gets (its budget, objective
  /// and base seed); a layer on its own gets `alone` when given (a layer
  /// alone is one problem per layer shape: it can afford the full budget,
  /// which keeps the layer-by-layer reference the same through a search).
  PlanCost(const FusionSpace &space, SearchOptions mapping, Workers &workers,
           std::optional<SearchOptions> alone = std::nullopt);

  /// The totals of each plan.
  std::vector<NetworkCost> evaluate(llvm::ArrayRef<FusionPlan> plans);
  NetworkCost evaluate(const FusionPlan &plan) {
    return evaluate(llvm::ArrayRef(plan))[0];
  }
  /// A segment's cost (evaluated first if it was not).
  const SegmentCost &segment(const PlanSegment &s);

  /// The cached search result of `problem` on `part` under `options`
  /// (groupLayerOptions for a grouped layer); none when it was not searched
  /// or found nothing.
  const SearchResult *mapping(const LayerProblem &problem, int64_t part,
                              const CostOptions &options = {}) const;
  /// Mapping searches run so far.
  int64_t mappingSearches() const { return mappings_.size(); }
  const FusionSpace &space() const { return space_; }

private:
  struct MappingKey {
    std::vector<int64_t> problem;
    int64_t part;
    int64_t options; ///< CostOptions::key()
    friend bool operator<(const MappingKey &a, const MappingKey &b) {
      return std::tie(a.part, a.options, a.problem) <
             std::tie(b.part, b.options, b.problem);
    }
  };
  struct MappingEntry {
    std::optional<SearchResult> found;
    std::string error;
  };
  const Arch &archFor(int64_t part);
  SegmentCost costSegment(const PlanSegment &s);

  const FusionSpace &space_;
  SearchOptions mapping_, alone_;
  Workers &workers_;
  std::map<int64_t, Arch> parts_;
  std::map<MappingKey, MappingEntry> mappings_;
  std::unordered_map<PlanSegment, SegmentCost, PlanSegmentHash> segments_;
};

} // namespace accel

#endif // ACCEL_SEARCH_PLANCOST_H
