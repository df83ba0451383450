// An operator accel does not model (Softmax) becomes accel.opaque with a
// warning that names the node; an unnamed node is named after its type and
// position. Node names become locations.
// RUN: accel-translate --import-onnx %onnx_fixtures/opaque.onnx --mlir-print-debuginfo 2>%t.err | %strip_names | FileCheck %s
// RUN: FileCheck %s --check-prefix=WARN --input-file %t.err

// CHECK: %[[C:.*]] = accel.conv2d {{.*}} loc(#[[CONV:.*]])
// The node's attributes ride along (axis).
// CHECK: %[[S:.*]] = accel.opaque "onnx.Softmax"(%[[C]]) {axis = 1 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> loc(#[[SM:.*]])
// CHECK: accel.activation #accel.act<relu> %[[S]] : tensor<1x4x8x8xf32> loc(#[[RELU:.*]])
// CHECK-DAG: #[[CONV]] = loc("conv"(
// CHECK-DAG: #[[SM]] = loc("softmax"(
// CHECK-DAG: #[[RELU]] = loc("Relu#2"(

// WARN: opaque.onnx:0:0: warning: node 'softmax' (Softmax): unsupported ONNX operator 'Softmax' kept as accel.opaque
