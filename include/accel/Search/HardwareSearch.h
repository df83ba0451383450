//===- HardwareSearch.h - Searching an accelerator template -----*- C++ -*-===//
//
// The hardware design-space search behind `accel-dse`: points of an
// accelerator template (ArchTemplate.h) scored on one or several networks,
// every layer mapped by the mapping search with a reduced budget, layer by
// layer; objectives any of latency (seconds: clocks differ between points),
// energy, EDP and area (AreaModel.h), all minimised. Strategies: NSGA-II
// on the shared genetic engine (ranking by fronts and crowding distance,
// half the population kept each generation), or every point (exhaustive,
// the oracle on small templates). Each point's mapping searches are seeded
// from the search's seed, the point's hardware and the layer, and shared
// between points with the same hardware (DseLayerCache); points are
// evaluated in parallel each in its own slot, and every evaluated point is
// kept: the result is the same for any thread count. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_HARDWARESEARCH_H
#define ACCEL_SEARCH_HARDWARESEARCH_H

#include "accel/Arch/ArchTemplate.h"
#include "accel/Search/Fusion.h"
#include "accel/Search/Mapper.h"
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace accel {

/// A network as the search sees it: its layers' problems at the IR's
/// types (each point stores them at its precision).
struct DseNetwork {
  std::string name;
  std::vector<LayerProblem> layers;
  /// Per layer: its weight operand is another layer's result.
  std::vector<bool> weightsAreActivations;
  /// Its ImageNet top-1 accuracy (%), when known: the accuracy objective.
  std::optional<double> accuracy;
  /// Its layer graph, at the IR's types: what DseOptions::fuse searches.
  std::optional<LayerGraph> graph;
};

/// Accuracy is minimised as the top-1 error, 100 - accuracy.
enum class DseObjective { Latency, Energy, EDP, Area, Accuracy };
llvm::StringRef dseObjectiveName(DseObjective o);
std::optional<DseObjective> parseDseObjective(llvm::StringRef name);

enum class DseStrategy { Nsga2, Exhaustive };

struct DsePoint {
  TemplatePoint point;
  std::string archName;
  bool feasible = false;
  std::string reason; ///< why not, when infeasible
  double violation = 0;
  double seconds = 0, cycles = 0, energyPJ = 0, areaMm2 = 0;
  int64_t pes = 0, sramBytes = 0;
  /// Mapping searches it needs: one per distinct layer problem (equal
  /// layers share one; a search may also have been run for another point
  /// with the same hardware, DseLayerCache).
  int64_t mappingSearches = 0;
  /// Per network evaluated: seconds and energy.
  std::vector<double> networkSeconds, networkEnergyPJ;
  /// The accuracy objective's value: the network's (mean over networks).
  double accuracy = 0;
  /// In DseOptions::objectives order.
  std::vector<double> objectives;
};

struct DseOptions {
  DseStrategy strategy = DseStrategy::Nsga2;
  std::vector<DseObjective> objectives = {
      DseObjective::Latency, DseObjective::Energy, DseObjective::Area};
  unsigned population = 40;
  unsigned generations = 20;
  uint64_t seed = 0;
  unsigned threads = 0; ///< 0 = every core
  /// Store data at each point's precision (else the IR's types).
  bool accelPrecision = true;
  /// The mapping search of every layer at every point (its seed is derived
  /// from `seed` and the point; its threads are 1).
  SearchOptions mapping;
  /// Instead of searching, cost each layer's default mapping
  /// (DefaultMapping.h): fixed mappings, as MAESTRO's design-space exploration
  /// evaluates them.
  bool fixedMappings = false;
  /// Score each point with layer fusion (searchFusion with `fusion`'s
  /// budgets, its mapping searches `mapping`'s; seeded by the point, one
  /// thread): the better of the fused plan and layer by layer, as
  /// --accel-fuse. Needs every network's graph.
  bool fuse = false;
  FusionOptions fusion;
  /// Exhaustive search refuses templates with more points than this.
  int64_t exhaustiveLimit = 100'000;
  /// The networks are alternatives, not a workload: each point is a
  /// template point and one network, chosen by a last knob `network`
  /// (withNetworkAxis) — CiMNet's joint search of hardware and network.
  bool networkAxis = false;
  /// An exhaustive sweep split in `shardCount` slices: this run evaluates
  /// the points whose index is `shardIndex` modulo `shardCount`
  /// (mergeDseShards combines the slices into the whole sweep's result).
  unsigned shardIndex = 0, shardCount = 1;
  /// Points already evaluated by an earlier run of the same search (a
  /// checkpoint): taken instead of evaluated again. A search is a
  /// deterministic replay, so resuming from any checkpoint gives exactly
  /// the result of an uninterrupted run.
  std::vector<DsePoint> resumeFrom;
  /// Called with every point evaluated so far after each generation (and
  /// once at the end): where a checkpoint is written.
  std::function<void(llvm::ArrayRef<DsePoint>)> checkpoint;
};

struct DseResult {
  /// Every point evaluated, once each, in the order first evaluated.
  std::vector<DsePoint> points;
  /// How many of them came from DseOptions::resumeFrom.
  int64_t resumed = 0;
  /// Indices into `points` of the Pareto front over every feasible point.
  std::vector<unsigned> front;
  /// The points' mapping searches, each counted by every point that needs
  /// it (what the points record, so shards add up to one run's count).
  int64_t mappingSearches = 0;
  /// Of the mapping searches of the points this run evaluated (not
  /// resumed), those it did not run: their results were shared with another
  /// point of the same hardware (DseLayerCache).
  int64_t mappingSearchesShared = 0;
};

/// Layer costs shared between the points of one search, so a layer shape
/// met again on the same hardware (another network of a network axis: the
/// ResNets share most of their layers) is not searched again. A mapping
/// search's result, seed included, is decided by the point's hardware knobs
/// and the layer problem alone, so whichever point asks first, each point
/// gets what it would have found on its own: results depend neither on the
/// evaluation order nor on the thread count. Thread-safe; each entry is
/// computed once (a second asker waits for the first).
class DseLayerCache {
public:
  struct Entry {
    bool valid = false;
    double cycles = 0, energy = 0; ///< when valid
    std::string error;             ///< when not
  };
  /// The entry of (hardware, problem), computed by `compute` if new.
  Entry get(const TemplatePoint &hardware, const std::vector<int64_t> &problem,
            llvm::function_ref<Entry()> compute);
  /// Entries computed: the mapping searches run.
  int64_t size() const;

private:
  using Key = std::pair<TemplatePoint, std::vector<int64_t>>;
  mutable std::mutex mutex_;
  std::map<Key, std::shared_future<Entry>> entries_;
};

/// The hardware part of a point: every knob but a network axis's.
TemplatePoint hardwareOf(const TemplatePoint &p, bool networkAxis);

/// `t` with a last knob `network` choosing one of `n` networks (its values
/// 0 .. n-1; the accelerator text does not use it).
ArchTemplate withNetworkAxis(const ArchTemplate &t, size_t n);

/// Scores one point (the mapping searches single-threaded). With
/// networkAxis, `t` is withNetworkAxis's and the point's last knob picks
/// the network. Layer costs come from (and go to) `shared` when given; the
/// point is the same either way.
DsePoint evaluateDsePoint(const ArchTemplate &t, const TemplatePoint &p,
                          llvm::ArrayRef<DseNetwork> networks,
                          const DseOptions &o,
                          DseLayerCache *shared = nullptr);

/// Combines the results of the shards of one exhaustive sweep of `t` into
/// exactly the result of the sweep in one run: every point once, in index
/// order, and the front over them. Fails when a point is missing or twice.
llvm::Expected<DseResult> mergeDseShards(const ArchTemplate &t,
                                         std::vector<DseResult> shards);

/// Searches the template; fails on an empty network list, no objective, or
/// an exhaustive search over more than exhaustiveLimit points.
llvm::Expected<DseResult> searchHardware(const ArchTemplate &t,
                                         llvm::ArrayRef<DseNetwork> networks,
                                         const DseOptions &o);

} // namespace accel

#endif // ACCEL_SEARCH_HARDWARESEARCH_H
