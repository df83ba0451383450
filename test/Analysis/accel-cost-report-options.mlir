// --accel-cost-report's accelerator and option errors.
// RUN: not accel-opt %s --accel-cost-report -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOARCH
// RUN: not accel-opt %s --accel-cost-report="arch=eyeris-like" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADARCH
// RUN: not accel-opt %s --accel-cost-report="arch=eyeriss-like format=xml" -o /dev/null 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not accel-opt %s --accel-cost-report="arch=gamma-edge-s1" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFAULT

// NOARCH: error: no accelerator: pass the 'arch' option or set the module's accel.target
// BADARCH: error: unknown accelerator 'eyeris-like': not a preset
// FORMAT: error: unknown format 'xml' (expected table or json)
// DEFAULT: error: no default mapping: gamma-edge-s1 needs 2 spatial levels but the layer has only 0 dimensions the fan-out stages can spread

func.func @dot(%a: tensor<1x1xf16>, %b: tensor<1x1xf16>) -> tensor<1x1xf16> {
  %0 = accel.matmul %a, %b : (tensor<1x1xf16>, tensor<1x1xf16>) -> tensor<1x1xf16>
  return %0 : tensor<1x1xf16>
}
