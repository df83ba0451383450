// Imported layers keep their ONNX node's name as `accel.name`, which is
// printed with the op, so names survive printing without locations and
// every pass: reports, --accel-group-layers and diagnostics use the
// model's names (not "conv2d@12", a line number that changes).
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx | FileCheck %s
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx | accel-opt --canonicalize | accel-opt --accel-cost-report=arch=eyeriss-like -o /dev/null | FileCheck %s --check-prefix=REPORT
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx | accel-opt --canonicalize | accel-opt --accel-group-layers="groups=dw+pw+add" | FileCheck %s --check-prefix=GROUP
// RUN: accel-opt %s -split-input-file -verify-diagnostics -o /dev/null

// CHECK: accel.conv2d %arg0, {{.*}} {accel.name = "conv1"
// CHECK: accel.conv2d {{.*}} {accel.name = "dw"
// CHECK: accel.conv2d {{.*}} {accel.name = "pw"
// CHECK: accel.add {{.*}} {accel.name = "add"}
// CHECK: accel.conv2d {{.*}} {accel.name = "branch"
// CHECK: accel.concat {{.*}} {accel.name = "concat"

// REPORT: conv1 {{ *}}conv2d
// REPORT: dw {{ *}}conv2d
// REPORT: pw {{ *}}conv2d
// REPORT: add {{ *}}add
// REPORT: branch {{ *}}conv2d

// GROUP: accel.group
// GROUP: accel.conv2d {{.*}}accel.name = "dw"
// GROUP: accel.conv2d {{.*}}accel.name = "pw"
// GROUP: accel.add {{.*}}accel.name = "add"
// GROUP: accel.yield

// A name is a non-empty string.
func.func @bad(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{'accel.name' must be a non-empty string, got 3 : i64}}
  %0 = accel.activation #accel.act<relu> %x {accel.name = 3} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

func.func @empty(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{'accel.name' must be a non-empty string, got ""}}
  %0 = accel.activation #accel.act<relu> %x {accel.name = ""} : tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}
