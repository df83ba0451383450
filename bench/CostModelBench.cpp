//===- CostModelBench.cpp - Speed of one mapping evaluation ---------------===//
//
// Issue target: 1,000,000 evaluations per second on one core for a 3-level
// mapping of a ResNet layer. Reported in README.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/Presets.h"
#include "accel/CostModel/CostModel.h"
#include <benchmark/benchmark.h>

using namespace accel;

namespace {

Mapping level3(std::initializer_list<std::pair<Dim, int64_t>> l0, Dim s0,
               int64_t f0, std::initializer_list<std::pair<Dim, int64_t>> l1,
               Dim s1, int64_t f1,
               std::initializer_list<std::pair<Dim, int64_t>> l2, Dim s2,
               int64_t f2) {
  Mapping m;
  auto add = [&](auto loops, Dim s, int64_t f) {
    MappingLevel &l = m.addLevel();
    l.spatial = s;
    l.fanout = f;
    for (auto [d, t] : loops)
      l.addLoop(d, t);
  };
  add(l0, s0, f0);
  add(l1, s1, f1);
  add(l2, s2, f2);
  return m;
}

/// ResNet-18 conv2_x (64 -> 64, 56x56, 3x3) on eyeriss-like, row stationary.
void BM_EvaluateResNetConv3Level(benchmark::State &state) {
  Arch eyeriss = *getPreset("eyeriss-like");
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  LayerProblem layer = convProblem({1, 64, 56, 56}, {64, 64, 3, 3}, same);
  Mapping m =
      level3({{Dim::C, 16}, {Dim::P, 4}, {Dim::K, 8}, {Dim::R, 1}, {Dim::S, 3}},
             Dim::R, 3, {{Dim::C, 1}}, Dim::C, 4,
             {{Dim::Q, 1}, {Dim::P, 1}, {Dim::K, 8}}, Dim::Q, 14);
  CostResult check = evaluate(layer, eyeriss, m);
  if (!check.valid)
    state.SkipWithError(check.reason.c_str());
  for (auto _ : state) {
    CostResult r = evaluate(layer, eyeriss, m);
    benchmark::DoNotOptimize(r.edp);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateResNetConv3Level);

} // namespace
