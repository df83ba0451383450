//===- LayerPipeline.cpp - Layers pipelined over accelerators -------------===//

#include "accel/Search/LayerPipeline.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

using namespace accel;

llvm::Expected<LayerPipeline>
accel::searchLayerPipeline(llvm::ArrayRef<LayerProblem> layers,
                           const Arch &arch, const SearchOptions &options,
                           PipelineObjective second) {
  LayerPipeline p;
  if (layers.empty())
    return p;
  // Equal layers are searched once per stage.
  std::map<std::vector<int64_t>, unsigned> firstOf;
  std::vector<unsigned> distinct;
  for (auto [i, l] : llvm::enumerate(layers))
    if (firstOf.try_emplace(l.key(), unsigned(i)).second)
      distinct.push_back(unsigned(i));
  auto search = [&](const SearchOptions &o,
                    std::vector<SearchResult> &out) -> llvm::Error {
    std::map<unsigned, SearchResult> found;
    for (unsigned i : distinct) {
      llvm::Expected<SearchResult> r = searchMapping(layers[i], arch, o);
      if (!r)
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            llvm::formatv("layer {0}: {1}", i, llvm::toString(r.takeError())));
      found.emplace(i, std::move(*r));
    }
    for (const LayerProblem &l : layers)
      out.push_back(found.at(firstOf.at(l.key())));
    return llvm::Error::success();
  };

  SearchOptions fast = options;
  fast.objective = Objective{};
  fast.objective.kind = ObjectiveKind::Latency;
  if (llvm::Error e = search(fast, p.stage1))
    return std::move(e);
  for (auto [i, r] : llvm::enumerate(p.stage1))
    if (r.cost.cycles > p.interval) {
      p.interval = r.cost.cycles;
      p.bottleneck = unsigned(i);
    }

  SearchOptions efficient = options;
  efficient.objective = Objective{};
  efficient.objective.kind = second == PipelineObjective::Energy
                                 ? ObjectiveKind::Energy
                                 : ObjectiveKind::Power;
  efficient.objective.maxCycles = p.interval;
  if (llvm::Error e = search(efficient, p.stage2))
    return std::move(e);
  for (auto [one, two] : llvm::zip(p.stage1, p.stage2)) {
    // Stage 1's mapping is within the interval: keep it when stage 2 did
    // not find better.
    double score1 = efficient.objective.score(one.cost);
    if (two.cost.cycles > p.interval ||
        efficient.objective.score(two.cost) > score1)
      two = one;
    p.energy1 += one.cost.energy;
    p.energy2 += two.cost.energy;
    p.power1 += one.cost.powerWatts;
    p.power2 += two.cost.powerWatts;
  }
  return p;
}
