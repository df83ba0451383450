// --accel-fuse's errors.
// RUN: not accel-opt %s --accel-fuse="arch=eyeriss-like strategy=sometimes" -o /dev/null 2>&1 | FileCheck %s --check-prefix=STRATEGY
// RUN: not accel-opt %s --accel-fuse="arch=eyeriss-like strategy=dp" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DP
// RUN: not accel-opt %s --accel-fuse="arch=eyeriss-like population=1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BUDGET
// RUN: not accel-opt %s --accel-fuse -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOARCH
// RUN: accel-opt %s --accel-group-layers="groups=a+b" | not accel-opt --accel-fuse="arch=eyeriss-like" -o /dev/null 2>&1 | FileCheck %s --check-prefix=GROUPED

// STRATEGY: for the --strategy option: Cannot find option named 'sometimes'!
// DP: error: dp needs an additive objective: latency or energy (EDP is the product of two sums)
// BUDGET: error: expected population, search-map-population and map-population >= 2
// NOARCH: error: no accelerator: pass the 'arch' option or set the module's accel.target
// GROUPED: error: the function already has layer groups: --accel-fuse starts from layers

func.func @f(%x: tensor<1x2x8x8xf16>, %w: tensor<2x2x3x3xf16>) -> tensor<1x2x8x8xf16> {
  %0 = accel.conv2d %x, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x8x8xf16>, tensor<2x2x3x3xf16>) -> tensor<1x2x8x8xf16> loc("a")
  %1 = accel.conv2d %0, %w {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x2x8x8xf16>, tensor<2x2x3x3xf16>) -> tensor<1x2x8x8xf16> loc("b")
  return %1 : tensor<1x2x8x8xf16>
}
