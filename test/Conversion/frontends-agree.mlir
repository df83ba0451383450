// The same small multi-branch network (3x3 conv + relu, depthwise 3x3,
// pointwise 1x1, a residual add, a 1x1 branch, a channel concat) imported
// from ONNX and converted from TOSA or linalg (Inputs/multibranch-linalg.mlir)
// gives the same accel IR: same layers,
// attributes, types and data flow (weights are not compared).
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx | %strip_names | FileCheck %s
// RUN: accel-opt %s --accel-convert-tosa | FileCheck %s
// RUN: accel-opt %S/Inputs/multibranch-linalg.mlir --accel-convert-linalg | FileCheck %s

// CHECK-LABEL: func.func @main(%arg0: tensor<1x8x16x16xf32>
// CHECK:      %[[C1:.*]] = accel.conv2d %arg0, %{{.*}}, %{{.*}} {activation = #accel.act<relu>, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x8x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT: %[[DW:.*]] = accel.conv2d %[[C1]], %{{.*}}, %{{.*}} {groups = 8 : i64, pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT: %[[PW:.*]] = accel.conv2d %[[DW]], %{{.*}}, %{{.*}} : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT: %[[ADD:.*]] = accel.add %[[PW]], %[[C1]] : tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32> -> tensor<1x8x16x16xf32>
// CHECK-NEXT: %[[BR:.*]] = accel.conv2d %[[C1]], %{{.*}}, %{{.*}} : (tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
// CHECK-NEXT: %[[CAT:.*]] = accel.concat %[[ADD]], %[[BR]] {axis = 1 : i64} : (tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32>) -> tensor<1x16x16x16xf32>
// CHECK-NEXT: return %[[CAT]] : tensor<1x16x16x16xf32>

// The TOSA form, as framework legalisations write it: NCHW at the
// boundary, a transpose to NHWC around the layers, OHWI / HWCM weights.
func.func @main(%arg0: tensor<1x8x16x16xf32>) -> tensor<1x16x16x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %w1 = "tosa.const"() <{values = dense<0.1> : tensor<8x3x3x8xf32>}> : () -> tensor<8x3x3x8xf32>
  %b1 = "tosa.const"() <{values = dense<0.01> : tensor<8xf32>}> : () -> tensor<8xf32>
  %wdw = "tosa.const"() <{values = dense<0.2> : tensor<3x3x8x1xf32>}> : () -> tensor<3x3x8x1xf32>
  %bdw = "tosa.const"() <{values = dense<0.02> : tensor<8xf32>}> : () -> tensor<8xf32>
  %wpw = "tosa.const"() <{values = dense<0.3> : tensor<8x1x1x8xf32>}> : () -> tensor<8x1x1x8xf32>
  %bpw = "tosa.const"() <{values = dense<0.03> : tensor<8xf32>}> : () -> tensor<8xf32>
  %wbr = "tosa.const"() <{values = dense<0.4> : tensor<8x1x1x8xf32>}> : () -> tensor<8x1x1x8xf32>
  %bbr = "tosa.const"() <{values = dense<0.04> : tensor<8xf32>}> : () -> tensor<8xf32>
  %x = tosa.transpose %arg0 {perms = array<i32: 0, 2, 3, 1>} : (tensor<1x8x16x16xf32>) -> tensor<1x16x16x8xf32>
  %c1 = tosa.conv2d %x, %w1, %b1, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x16x16x8xf32>, tensor<8x3x3x8xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x16x16x8xf32>
  %r1 = tosa.clamp %c1 {min_val = 0.0 : f32, max_val = 3.40282347E+38 : f32} : (tensor<1x16x16x8xf32>) -> tensor<1x16x16x8xf32>
  %dw = tosa.depthwise_conv2d %r1, %wdw, %bdw, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>} : (tensor<1x16x16x8xf32>, tensor<3x3x8x1xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x16x16x8xf32>
  %pw = tosa.conv2d %dw, %wpw, %bpw, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x16x16x8xf32>, tensor<8x1x1x8xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x16x16x8xf32>
  %add = tosa.add %pw, %r1 : (tensor<1x16x16x8xf32>, tensor<1x16x16x8xf32>) -> tensor<1x16x16x8xf32>
  %br = tosa.conv2d %r1, %wbr, %bbr, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 0, 0, 0, 0>, stride = array<i64: 1, 1>} : (tensor<1x16x16x8xf32>, tensor<8x1x1x8xf32>, tensor<8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x16x16x8xf32>
  %cat = tosa.concat %add, %br {axis = 3 : i32} : (tensor<1x16x16x8xf32>, tensor<1x16x16x8xf32>) -> tensor<1x16x16x16xf32>
  %y = tosa.transpose %cat {perms = array<i32: 0, 3, 1, 2>} : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
  return %y : tensor<1x16x16x16xf32>
}
