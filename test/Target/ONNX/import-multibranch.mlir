// End to end: a small multi-branch graph (a residual add, a concat of two
// branches, a depthwise convolution) imports to exactly this accel IR, which
// verifies and has a cost on eyeriss-like.
// RUN: accel-translate --import-onnx --onnx-weights=inline %onnx_fixtures/multibranch.onnx --mlir-elide-elementsattrs-if-larger=1 | %strip_names | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx --mlir-print-debuginfo | accel-opt --accel-cost-report=arch=eyeriss-like -o /dev/null | %strip_names | FileCheck %s --check-prefix=COST

// Weights are constants (hoisted to the top); the layers follow in order.
// CHECK:      func.func @main(%arg0: tensor<1x8x16x16xf32> {onnx.name = "input"}) -> tensor<1x16x16x16xf32> {
// CHECK-COUNT-8: arith.constant dense_resource<__elided__>
// CHECK-NEXT:   %0 = accel.conv2d %arg0, %cst_5, %cst_6 {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT:   %1 = accel.conv2d %0, %cst_4, %cst_3 {groups = 8 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT:   %2 = accel.conv2d %1, %cst_2, %cst_1 : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT:   %3 = accel.add %2, %0 : tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
// CHECK-NEXT:   %4 = accel.conv2d %0, %cst_0, %cst : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT:   %5 = accel.concat %3, %4 {axis = 1 : i64} : (tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32>) -> tensor<1x16x16x16xf32>
// CHECK-NEXT:   return %5 : tensor<1x16x16x16xf32>
// CHECK-NEXT: }

// The report names layers after their ONNX nodes.
// COST: accel-cost-report: 5 layers and groups on eyeriss-like
// COST: conv1 {{ *}}conv2d {{ *}}default {{ *}}147456
// COST: dw {{ *}}conv2d {{ *}}default {{ *}}18432
// COST: pw {{ *}}conv2d {{ *}}default {{ *}}16384
// COST: add {{ *}}add {{ *}}default {{ *}}4096
// COST: branch {{ *}}conv2d {{ *}}default {{ *}}16384
