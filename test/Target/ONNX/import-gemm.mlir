// ONNX Flatten + Gemm (transB, bias) and MatMul + Add.
// RUN: accel-translate --import-onnx %onnx_fixtures/gemm.onnx --mlir-elide-elementsattrs-if-larger=1 | %strip_names | FileCheck %s

// CHECK: %[[F:.*]] = accel.flatten %arg0 : tensor<1x4x2x2xf32> -> tensor<1x16xf32>
// CHECK: %[[G:.*]] = accel.matmul %[[F]], %{{.*}}, %{{.*}} {transpose_rhs} : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
// CHECK: %[[M:.*]] = accel.matmul %[[F]], %{{.*}} : (tensor<1x16xf32>, tensor<16x10xf32>) -> tensor<1x10xf32>
// CHECK: %[[A:.*]] = accel.add %[[M]], %{{.*}} : tensor<1x10xf32>, tensor<1x10xf32> -> tensor<1x10xf32>
// CHECK: return %[[G]], %[[A]]
