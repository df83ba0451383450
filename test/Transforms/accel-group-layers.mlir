// --accel-group-layers forms layer groups from names: inputs are what the
// layers read from outside (activations and weights), results what is used
// after the group. A group a path leaves and re-enters is refused.
// RUN: accel-opt %s --accel-group-layers="groups=conv1+dw+pw+add;branch" | FileCheck %s
// RUN: not accel-opt %s --accel-group-layers="groups=conv1+add" -o /dev/null 2>&1 | FileCheck %s --check-prefix=CONVEX
// RUN: not accel-opt %s --accel-group-layers="groups=conv1+nope" -o /dev/null 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not accel-opt %s --accel-group-layers="groups=conv1+dw;dw+pw" -o /dev/null 2>&1 | FileCheck %s --check-prefix=TWICE

// CHECK-LABEL: func.func @net
// CHECK:      %[[G:.*]]:2 = accel.group (%[[A:.*]] = %arg0, %[[W1:.*]] = %arg1, %[[WD:.*]] = %arg2, %[[WP:.*]] = %arg3) : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>, tensor<8x1x3x3xf16>, tensor<8x8x1x1xf16>) -> (tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16>) attributes {name = "g0"} {
// CHECK-NEXT:   %[[C1:.*]] = accel.conv2d %[[A]], %[[W1]]
// CHECK-NEXT:   %[[DW:.*]] = accel.conv2d %[[C1]], %[[WD]]
// CHECK-NEXT:   %[[PW:.*]] = accel.conv2d %[[DW]], %[[WP]]
// CHECK-NEXT:   %[[ADD:.*]] = accel.add %[[PW]], %[[C1]]
// CHECK-NEXT:   accel.yield %[[C1]], %[[ADD]]
// CHECK:      %[[B:.*]] = accel.group (%{{.*}} = %[[G]]#0, %{{.*}} = %arg4) : {{.*}} attributes {name = "g1"}
// CHECK:      accel.concat %[[G]]#1, %[[B]]

func.func @net(%x: tensor<1x8x16x16xf16>, %w1: tensor<8x8x3x3xf16>, %wd: tensor<8x1x3x3xf16>, %wp: tensor<8x8x1x1xf16>, %wb: tensor<8x8x1x1xf16>) -> tensor<1x16x16x16xf16> {
  %0 = accel.conv2d %x, %w1 {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
  %1 = accel.conv2d %0, %wd {groups = 8, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x1x3x3xf16>) -> tensor<1x8x16x16xf16> loc("dw")
  %2 = accel.conv2d %1, %wp : (tensor<1x8x16x16xf16>, tensor<8x8x1x1xf16>) -> tensor<1x8x16x16xf16> loc("pw")
  %3 = accel.add %2, %0 : tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16> -> tensor<1x8x16x16xf16> loc("add")
  %4 = accel.conv2d %0, %wb : (tensor<1x8x16x16xf16>, tensor<8x8x1x1xf16>) -> tensor<1x8x16x16xf16> loc("branch")
  %5 = accel.concat %3, %4 {axis = 1} : (tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16>) -> tensor<1x16x16x16xf16> loc("concat")
  return %5 : tensor<1x16x16x16xf16>
}

// CONVEX: error: {{.*}}group 'g0' is not convex: conv1 -> dw -> pw -> add leaves the group and comes back
// UNKNOWN: error: --accel-group-layers: no layer named 'nope' (group 0)
// TWICE: error: {{.*}}layer 'dw' is in groups 0 and 1
