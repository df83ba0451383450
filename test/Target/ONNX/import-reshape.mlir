// ONNX Reshape with 0 (copy) and -1 (infer) entries; Identity and Dropout
// disappear; a Constant node feeds an Add.
// RUN: accel-translate --import-onnx %onnx_fixtures/reshape.onnx | %strip_names | FileCheck %s

// CHECK: %[[K:.*]] = arith.constant {{.*}} : tensor<1x16x1x1xf32>
// CHECK-NEXT: %[[R:.*]] = accel.reshape %arg0 : tensor<1x4x4x4xf32> -> tensor<1x16x2x2xf32>
// CHECK-NEXT: %[[A:.*]] = accel.add %[[R]], %[[K]] : tensor<1x16x2x2xf32>, tensor<1x16x1x1xf32> -> tensor<1x16x2x2xf32>
// CHECK-NEXT: return %[[A]]
