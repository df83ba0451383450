//===- CostModelBench.cpp - Speed of one mapping evaluation ---------------===//
//
// Issue target: 1,000,000 evaluations per second on one core for a 3-level
// mapping of a ResNet layer. Reported in README. The other cases check that
// the speed holds for a larger plane, for strided depthwise layers, for the
// invalid mappings a genetic mapper produces in numbers, and for what a
// search evaluates: random genomes of its space, ragged tiles included.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/Presets.h"
#include "accel/CostModel/CostModel.h"
#include "accel/Search/SearchSpace.h"
#include <benchmark/benchmark.h>

using namespace accel;

namespace {

using Loops = std::initializer_list<std::pair<Dim, int64_t>>;

struct Level {
  Loops loops;
  Dim spatial;
  int64_t fanout;
};

Mapping levels(std::initializer_list<Level> ls) {
  Mapping m;
  for (const Level &src : ls) {
    MappingLevel &l = m.addLevel();
    l.spatial = src.spatial;
    l.fanout = src.fanout;
    for (auto [d, t] : src.loops)
      l.addLoop(d, t);
  }
  return m;
}

/// Row stationary on eyeriss-like: filter rows x `rowDim` over the 12 rows,
/// 14 output columns over the columns.
Mapping rowStationary(Loops outer, Dim rowDim, Loops inner) {
  return levels(
      {{outer, Dim::R, 3}, {{{rowDim, 1}}, rowDim, 4}, {inner, Dim::Q, 14}});
}

void run(benchmark::State &state, const LayerProblem &layer, const Mapping &m,
         bool expectValid, CostOptions options = {}) {
  Arch eyeriss = *getPreset("eyeriss-like");
  CostResult check = evaluate(layer, eyeriss, m, options);
  if (check.valid != expectValid)
    state.SkipWithError(expectValid ? check.reason.c_str()
                                    : "the mapping was expected invalid");
  for (auto _ : state) {
    CostResult r = evaluate(layer, eyeriss, m, options);
    benchmark::DoNotOptimize(r.edp);
  }
  state.SetItemsProcessed(state.iterations());
}

ConvParams same() {
  ConvParams p;
  p.pads = {1, 1, 1, 1};
  return p;
}

/// ResNet-18 conv2_x (64 -> 64, 56x56, 3x3).
void BM_EvaluateResNetConv3Level(benchmark::State &state) {
  run(state, convProblem({1, 64, 56, 56}, {64, 64, 3, 3}, same()),
      rowStationary(
          {{Dim::C, 16}, {Dim::P, 4}, {Dim::K, 8}, {Dim::R, 1}, {Dim::S, 3}},
          Dim::C, {{Dim::Q, 1}, {Dim::P, 1}, {Dim::K, 8}}),
      true);
}
BENCHMARK(BM_EvaluateResNetConv3Level);

/// VGG-16 conv2 (64 -> 64, 224x224, 3x3): the unit test's compute-bound
/// mapping.
void BM_EvaluateVggConv3Level(benchmark::State &state) {
  run(state, convProblem({1, 64, 224, 224}, {64, 64, 3, 3}, same()),
      rowStationary(
          {{Dim::K, 8}, {Dim::C, 16}, {Dim::P, 4}, {Dim::R, 1}, {Dim::S, 3}},
          Dim::C, {{Dim::Q, 1}, {Dim::P, 1}, {Dim::K, 8}}),
      true);
}
BENCHMARK(BM_EvaluateVggConv3Level);

/// MobileNet-v1 depthwise, stride 2 (64 channels, 112x112 -> 56x56, 3x3).
void BM_EvaluateMobileNetDepthwise3Level(benchmark::State &state) {
  ConvParams p = same();
  p.strides = {2, 2};
  p.groups = 64;
  run(state, convProblem({1, 64, 112, 112}, {64, 1, 3, 3}, p),
      rowStationary({{Dim::G, 16}, {Dim::P, 4}, {Dim::R, 1}, {Dim::S, 3}},
                    Dim::G, {{Dim::Q, 1}, {Dim::P, 1}}),
      true);
}
BENCHMARK(BM_EvaluateMobileNetDepthwise3Level);

/// The whole VGG-16 conv2 layer per PE: the global buffer overflows.
void BM_EvaluateInvalidCapacity(benchmark::State &state) {
  run(state, convProblem({1, 64, 226, 226}, {64, 64, 3, 3}, {}),
      levels({{{{Dim::K, 1}}, Dim::K, 12}}), false);
}
BENCHMARK(BM_EvaluateInvalidCapacity);

/// The same with CostOptions::stopWhenInvalid, as a search would call it.
void BM_EvaluateInvalidCapacityStopEarly(benchmark::State &state) {
  CostOptions options;
  options.stopWhenInvalid = true;
  run(state, convProblem({1, 64, 226, 226}, {64, 64, 3, 3}, {}),
      levels({{{{Dim::K, 1}}, Dim::K, 12}}), false, options);
}
BENCHMARK(BM_EvaluateInvalidCapacityStopEarly);

/// 16 units of K: eyeriss-like has no fan-out stage that large.
void BM_EvaluateInvalidBinding(benchmark::State &state) {
  run(state, convProblem({1, 64, 226, 226}, {64, 64, 3, 3}, {}),
      levels({{{{Dim::K, 4}}, Dim::K, 16}}), false);
}
BENCHMARK(BM_EvaluateInvalidBinding);

/// A search's workload: 1024 random genomes of the mapper's space for the
/// ResNet layer (fixed seed), evaluated in turn as the searches call the
/// model (stopping at a mapping that does not fit). Reports the fraction
/// that fits.
void randomGenomes(benchmark::State &state, const char *preset) {
  Arch arch = *getPreset(preset);
  LayerProblem layer = convProblem({1, 64, 56, 56}, {64, 64, 3, 3}, same());
  SearchSpace space(layer, arch);
  Rng rng(1);
  std::vector<Mapping> mappings;
  for (int i = 0; i < 1024; ++i)
    mappings.push_back(space.toMapping(space.random(rng)));
  CostOptions options;
  options.stopWhenInvalid = true;
  int64_t valid = 0;
  for (const Mapping &m : mappings)
    valid += evaluate(layer, arch, m, options).valid;
  size_t next = 0;
  for (auto _ : state) {
    CostResult r = evaluate(layer, arch, mappings[next], options);
    benchmark::DoNotOptimize(r.edp);
    next = (next + 1) % mappings.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["valid"] = double(valid) / double(mappings.size());
}

void BM_EvaluateRandomGenomesEyeriss(benchmark::State &state) {
  randomGenomes(state, "eyeriss-like");
}
BENCHMARK(BM_EvaluateRandomGenomesEyeriss);

void BM_EvaluateRandomGenomesGammaCloud(benchmark::State &state) {
  randomGenomes(state, "gamma-cloud");
}
BENCHMARK(BM_EvaluateRandomGenomesGammaCloud);

} // namespace
