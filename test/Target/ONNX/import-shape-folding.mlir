// Sizes computed by the graph (Shape -> Slice -> Concat for a Resize,
// Shape -> Gather -> Unsqueeze -> Concat for a Reshape) are constants once
// folded; ONNX shape inference, run again, gives everything after them a
// static shape, so nothing is dynamic or opaque (DeepLab's exports).
// RUN: accel-translate --import-onnx %onnx_fixtures/shape_chain.onnx 2>&1 | %strip_names | FileCheck %s

// CHECK-NOT: warning
// CHECK-NOT: accel.opaque
// CHECK: accel.conv2d {{.*}} -> tensor<1x4x8x8xf32>
// CHECK: accel.resize nearest %{{.*}} {scales = array<i64: 2, 2>} : tensor<1x4x8x8xf32> -> tensor<1x4x16x16xf32>
// CHECK: accel.reshape %{{.*}} : tensor<1x4x16x16xf32> -> tensor<1x1024xf32>
