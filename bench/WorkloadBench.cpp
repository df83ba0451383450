//===- WorkloadBench.cpp - Speed of the shape and mapping arithmetic ------===//
//
// Every mapping the searches evaluate is first checked against its layer, so
// verifyMapping and the trip-count arithmetic sit on the cost model's hot
// path; shape inference runs for every layer the verifiers and importers see.
//
//===----------------------------------------------------------------------===//

#include "accel/Workload/Mapping.h"
#include "accel/Workload/ShapeArith.h"
#include <benchmark/benchmark.h>

using namespace accel;

namespace {

LoopBounds resnetConv() {
  ConvParams p;
  p.pads = {1, 1, 1, 1};
  return conv2dLoopBounds({1, 64, 56, 56}, {64, 64, 3, 3}, p);
}

/// A three-level mapping of a ResNet-18 3x3 conv (GAMMA's S3 shape).
Mapping threeLevel() {
  Mapping m;
  MappingLevel &l0 = m.addLevel();
  l0.spatial = Dim::K;
  l0.fanout = 4;
  for (auto [d, t] : {std::pair{Dim::C, 64},
                      {Dim::P, 28},
                      {Dim::Q, 56},
                      {Dim::K, 16},
                      {Dim::R, 3},
                      {Dim::S, 3}})
    l0.addLoop(d, t);
  MappingLevel &l1 = m.addLevel();
  l1.spatial = Dim::C;
  l1.fanout = 16;
  for (auto [d, t] : {std::pair{Dim::P, 7}, {Dim::C, 4}, {Dim::K, 4}})
    l1.addLoop(d, t);
  MappingLevel &l2 = m.addLevel();
  l2.spatial = Dim::Q;
  l2.fanout = 14;
  for (auto [d, t] : {std::pair{Dim::Q, 4}, {Dim::K, 1}, {Dim::C, 1}})
    l2.addLoop(d, t);
  return m;
}

void BM_VerifyMapping(benchmark::State &state) {
  LoopBounds b = resnetConv();
  Mapping m = threeLevel();
  for (auto _ : state) {
    llvm::Error e = verifyMapping(m, &b);
    benchmark::DoNotOptimize(static_cast<bool>(e));
    llvm::consumeError(std::move(e));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyMapping);

void BM_TripCounts(benchmark::State &state) {
  LoopBounds b = resnetConv();
  Mapping m = threeLevel();
  for (auto _ : state) {
    int64_t product = 1;
    for (unsigned i = 0; i < m.numLevels; ++i)
      for (Dim d : kAllDims)
        product *= m.tripCount(i, d, b);
    benchmark::DoNotOptimize(product);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TripCounts);

void BM_InferConv2dShape(benchmark::State &state) {
  ConvParams p;
  p.strides = {2, 2};
  p.pads = {3, 3, 3, 3};
  for (auto _ : state) {
    auto s = inferConv2dShape({1, 3, 224, 224}, {64, 3, 7, 7}, p);
    benchmark::DoNotOptimize(s->data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InferConv2dShape);

} // namespace

BENCHMARK_MAIN();
