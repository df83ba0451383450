//===- TestLayers.h - Real layer shapes the search tests map ----*- C++ -*-===//
#ifndef ACCEL_TEST_UNIT_SEARCH_TESTLAYERS_H
#define ACCEL_TEST_UNIT_SEARCH_TESTLAYERS_H

#include "accel/Workload/Problem.h"

namespace accel::testing {

/// A 3x3 convolution with `channels` in and out on a `size` x `size` map,
/// padded to keep its size.
inline LayerProblem sameConv3x3(int64_t channels, int64_t size) {
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  return convProblem({1, channels, size, size}, {channels, channels, 3, 3},
                     same);
}
/// ResNet-18 layer1 conv and VGG-16 conv2.
inline LayerProblem resnetConv() { return sameConv3x3(64, 56); }
inline LayerProblem vggConv2() { return sameConv3x3(64, 224); }

} // namespace accel::testing

#endif // ACCEL_TEST_UNIT_SEARCH_TESTLAYERS_H
