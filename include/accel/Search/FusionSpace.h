//===- FusionSpace.h - The layer fusions a search may visit -----*- C++ -*-===//
//
// A fusion plan cuts a network (a LayerGraph) into segments run one after
// the other: a fused group with its schedule (docs/Tiling.md), or a single
// layer run on its own through DRAM. The genome, after seed 000, is a
// topological order of the layers plus cut points: a segment is a
// contiguous run of the order, hence convex by construction; each position
// also carries schedule genes, read from a segment's first position (tile
// rows, halos, weights, double buffering, the split of the on-chip level,
// depth first or pipelined). Layers that cannot be fused (opaque operators,
// layers whose output row depends on every input row: global pooling,
// reshapes, matmuls) are always segments of their own.
//
// The genes range over one finite space (ScheduleGene::enumerate), which
// the genetic search, random search and the dynamic-programming oracle all
// use; FusionSpace::repair brings any genome into the feasible part (a
// group whose buffers do not fit its level gets shorter tiles, then
// streamed weights, then is split). Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_FUSIONSPACE_H
#define ACCEL_SEARCH_FUSIONSPACE_H

#include "accel/Arch/Arch.h"
#include "accel/Search/GeneticEngine.h"
#include "accel/Workload/GroupTiling.h"
#include <mutex>
#include <unordered_map>

namespace accel {

/// One segment of a plan: a group of layers with a schedule, or one layer
/// on its own (no schedule).
struct PlanSegment {
  std::vector<unsigned> layers; ///< graph layer ids, in execution order
  std::optional<GroupSchedule> schedule;
  bool fused() const { return schedule.has_value(); }
  friend bool operator==(const PlanSegment &a, const PlanSegment &b) {
    return a.layers == b.layers && a.schedule == b.schedule;
  }
};
llvm::hash_code hash_value(const PlanSegment &s);
struct PlanSegmentHash {
  size_t operator()(const PlanSegment &s) const { return hash_value(s); }
};

struct FusionPlan {
  std::vector<PlanSegment> segments; ///< in execution order
};

/// What a group's schedule is made of; decoded against the group.
struct ScheduleGene {
  uint8_t rowsLog = 2; ///< rows = min(2^rowsLog, the group's height)
  HaloPolicy halo = HaloPolicy::Keep;
  WeightPolicy weights = WeightPolicy::Resident;
  bool doubleBuffer = true;
  /// 0: the accelerator's split; 1: shared; k = 2..8: (k - 1) / 8 of the
  /// level for weights.
  uint8_t split = 0;
  bool pipelined = false;
  friend bool operator==(const ScheduleGene &a, const ScheduleGene &b) {
    return a.rowsLog == b.rowsLog && a.halo == b.halo &&
           a.weights == b.weights && a.doubleBuffer == b.doubleBuffer &&
           a.split == b.split && a.pipelined == b.pipelined;
  }
};

/// What the search may choose (the same for every strategy).
struct FusionChoices {
  bool recompute = true;    ///< halo = recompute
  bool streamed = true;     ///< weights = streamed
  bool singleBuffer = true; ///< double_buffer = false
  bool splits = true;       ///< split the level otherwise than the accelerator
  bool pipelined = true;    ///< mode = pipelined
  bool depthFirst = true;   ///< mode = depth_first (else pipelined only,
                            ///< where a group can run so)
  unsigned maxGroupLayers = 16;
  /// Keep the graph's own layer order (no reorder mutation): dp's space,
  /// for comparing the two.
  bool fixedOrder = false;
};

struct FusionGenome {
  std::vector<unsigned> order;    ///< graph layer ids, topological
  std::vector<char> cut;          ///< cut[k]: a segment ends at position k
  std::vector<ScheduleGene> gene; ///< per position
  friend bool operator==(const FusionGenome &a, const FusionGenome &b) {
    return a.order == b.order && a.cut == b.cut && a.gene == b.gene;
  }
};

class FusionSpace {
public:
  FusionSpace(const LayerGraph &graph, const Arch &arch,
              FusionChoices choices = {});

  const LayerGraph &graph() const { return graph_; }
  const Arch &arch() const { return arch_; }
  const FusionChoices &choices() const { return choices_; }
  unsigned numLayers() const { return graph_.layers().size(); }
  /// Whether layer `id` may share a segment with others.
  bool fusible(unsigned id) const { return fusible_[id]; }

  /// Every gene for a group of `layers` (the values giving distinct
  /// schedules: no two rows candidates that clamp to one height, no
  /// pipelined mode for one computing layer or more than the stage has).
  std::vector<ScheduleGene> genes(llvm::ArrayRef<unsigned> layers) const;
  /// The schedule a gene gives a group of `layers` (PE shares in proportion
  /// to the layers' MACs, at least one unit each).
  GroupSchedule decode(const ScheduleGene &g,
                       llvm::ArrayRef<unsigned> layers) const;

  /// The plan of a genome (forced cuts around unfusible layers, groups at
  /// most maxGroupLayers long).
  FusionPlan decode(const FusionGenome &g) const;
  /// Every layer on its own, in graph order.
  FusionGenome unfused() const;
  /// A random genome: the graph's order shuffled by random swaps of
  /// independent neighbours, cuts with a random density, random genes.
  FusionGenome random(Rng &rng) const;
  /// Makes every group of `g` fit its level (file comment); also sets the
  /// forced cuts and keeps groups at most maxGroupLayers long, so equal
  /// plans have equal genomes. Deterministic.
  void repair(FusionGenome &g) const;
  /// Whether the group `layers` under `schedule` fits the accelerator.
  bool fits(llvm::ArrayRef<unsigned> layers,
            const GroupSchedule &schedule) const;

  // Operators (each keeps the order topological).
  /// Cut points and genes of a random range of positions from `other`.
  void crossover(FusionGenome &child, const FusionGenome &other,
                 Rng &rng) const;
  void mergeGroups(FusionGenome &g, Rng &rng) const; ///< removes a cut
  void splitGroup(FusionGenome &g, Rng &rng) const;  ///< adds a cut
  void moveCut(FusionGenome &g, Rng &rng) const;     ///< by one position
  void mutateGene(FusionGenome &g, Rng &rng) const;  ///< one field
  /// Swaps two neighbours of the order that do not depend on each other.
  void reorder(FusionGenome &g, Rng &rng) const;
  /// Whether layer b reads (directly) what layer a writes.
  bool dependsOn(unsigned b, unsigned a) const;

private:
  void setForcedCuts(FusionGenome &g) const;
  const LayerGraph &graph_;
  const Arch &arch_;
  FusionChoices choices_;
  std::vector<char> fusible_;
  int64_t stageUnits_ = 0; ///< the shared fan-out stage's units (0: none)
  /// fits() of every group asked so far.
  mutable std::mutex fitsMutex_;
  mutable std::unordered_map<PlanSegment, bool, PlanSegmentHash> fitsCache_;
};

} // namespace accel

#endif // ACCEL_SEARCH_FUSIONSPACE_H
