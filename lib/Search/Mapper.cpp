//===- Mapper.cpp - Searching a layer's mapping ---------------------------===//

#include "accel/Search/Mapper.h"
#include "Strategies.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace accel;

std::optional<Strategy> accel::parseStrategy(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<Strategy>>(name)
      .Case("ga", Strategy::Genetic)
      .Case("random", Strategy::Random)
      .Case("anneal", Strategy::Anneal)
      .Case("fixed-nvdla", Strategy::FixedNvdla)
      .Case("fixed-eyeriss", Strategy::FixedEyeriss)
      .Case("fixed-shidiannao", Strategy::FixedShidiannao)
      .Case("exhaustive", Strategy::Exhaustive)
      .Default(std::nullopt);
}

llvm::StringRef accel::strategyName(Strategy s) {
  switch (s) {
  case Strategy::Genetic:
    return "ga";
  case Strategy::Random:
    return "random";
  case Strategy::Anneal:
    return "anneal";
  case Strategy::FixedNvdla:
    return "fixed-nvdla";
  case Strategy::FixedEyeriss:
    return "fixed-eyeriss";
  case Strategy::FixedShidiannao:
    return "fixed-shidiannao";
  case Strategy::Exhaustive:
    return "exhaustive";
  }
  return "ga";
}

SearchConstraints accel::fixedDataflow(Strategy s, const Arch &arch) {
  SearchConstraints c;
  switch (s) {
  case Strategy::FixedNvdla:
    // Weight stationary: K x C across the array, weights held while the
    // output pixels stream (innermost).
    c.dataflow = {Dim::K, Dim::C};
    c.order = {Dim::N, Dim::G, Dim::K, Dim::C, Dim::R, Dim::S, Dim::P, Dim::Q};
    break;
  case Strategy::FixedEyeriss:
    // Row stationary: filter rows x output rows across the array; a PE
    // slides one filter row over one input row (Q, S innermost).
    c.dataflow = {Dim::R, Dim::P};
    c.order = {Dim::N, Dim::G, Dim::K, Dim::C, Dim::P, Dim::R, Dim::Q, Dim::S};
    break;
  case Strategy::FixedShidiannao:
    // Output stationary: output rows x columns across the array, the
    // reduction innermost.
    c.dataflow = {Dim::P, Dim::Q};
    c.order = {Dim::N, Dim::G, Dim::K, Dim::P, Dim::Q, Dim::C, Dim::R, Dim::S};
    break;
  default:
    break;
  }
  // An accelerator taking a single parallel level gets the first dimension.
  if (c.dataflow.size() > arch.maxParallelLevels)
    c.dataflow.resize(arch.maxParallelLevels);
  return c;
}

llvm::Expected<SearchResult>
accel::searchMapping(const LayerProblem &problem, const Arch &arch,
                     const SearchOptions &options) {
  SearchConstraints constraints = options.constraints;
  bool fixed = options.strategy == Strategy::FixedNvdla ||
               options.strategy == Strategy::FixedEyeriss ||
               options.strategy == Strategy::FixedShidiannao;
  if (fixed) {
    SearchConstraints flow = fixedDataflow(options.strategy, arch);
    constraints.dataflow = flow.dataflow;
    constraints.order = flow.order;
  }
  SearchSpace space(problem, arch, constraints);
  if (!space.emptyReason().empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no mapping can exist: " +
                                       space.emptyReason());
  Evaluator eval(space, options);
  Rng rng(options.seed);
  switch (options.strategy) {
  case Strategy::Genetic:
    runGenetic(eval, rng);
    break;
  case Strategy::Random:
    runRandom(eval, rng);
    break;
  case Strategy::Anneal:
    runAnneal(eval, rng);
    break;
  case Strategy::FixedNvdla:
  case Strategy::FixedEyeriss:
  case Strategy::FixedShidiannao:
    runTileFit(eval, rng);
    break;
  case Strategy::Exhaustive:
    if (llvm::Error e = runExhaustive(eval))
      return std::move(e);
    break;
  }
  if (!eval.found)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        llvm::formatv("no valid mapping found by {0} search: {1}",
                      strategyName(options.strategy), eval.rejection()));
  SearchResult result;
  result.mapping = space.toMapping(eval.best);
  result.cost = eval.bestCost;
  result.score = eval.bestScore.value;
  result.stats = eval.stats;
  return result;
}
