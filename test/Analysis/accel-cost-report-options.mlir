// --accel-cost-report's accelerator and option errors.
// RUN: not accel-opt %s --accel-cost-report -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOARCH
// RUN: not accel-opt %s --accel-cost-report="arch=eyeris-like" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADARCH
// RUN: not accel-opt %s --accel-cost-report="arch=eyeriss-like format=xml" -o /dev/null 2>&1 | FileCheck %s --check-prefix=FORMAT
// A 1x1 product has nothing to spread, but S1 takes exactly two spatial
// levels: its default mapping spreads K and C once each, one PE computes.
// RUN: accel-opt %s --accel-cost-report="arch=gamma-edge-s1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFAULT

// NOARCH: error: no accelerator: pass the 'arch' option or set the module's accel.target
// BADARCH: error: unknown accelerator 'eyeris-like': not a preset
// FORMAT: for the --format option: Cannot find option named 'xml'!
// DEFAULT: matmul@{{[0-9]+}} matmul default 1 1 1 0.4

func.func @dot(%a: tensor<1x1xf16>, %b: tensor<1x1xf16>) -> tensor<1x1xf16> {
  %0 = accel.matmul %a, %b : (tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<1x1xf16>
  return %0 : tensor<1x1xf16>
}
