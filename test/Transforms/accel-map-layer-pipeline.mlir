// --accel-map="layer-pipeline=true": every layer on an accelerator of its
// own, pipelined (GAMMA §5.4). Stage 1 maps for latency and the slowest
// layer sets the interval; stage 2 maps for energy (or power) within it.
// RUN: accel-opt %s --accel-map="arch=gamma-edge-s3 layer-pipeline=true population=30 generations=10" --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s
// RUN: accel-opt %s --accel-map="arch=gamma-edge-s3 layer-pipeline=true pipeline-objective=power population=30 generations=10" --mlir-print-op-on-diagnostic=false -o /dev/null 2>&1 | FileCheck %s --check-prefix=POWER
// RUN: not accel-opt %S/Inputs/layer-pipeline-grouped.mlir --accel-map="arch=gamma-edge-s3 layer-pipeline=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=GROUPS

func.func @net(%x: tensor<1x16x28x28xf16>, %w1: tensor<32x16x3x3xf16>, %w2: tensor<32x32x1x1xf16>, %w3: tensor<64x32x3x3xf16>) -> tensor<1x64x28x28xf16> {
  %0 = accel.conv2d %x, %w1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x16x28x28xf16>, tensor<32x16x3x3xf16>) -> tensor<1x32x28x28xf16> loc("small")
  %1 = accel.conv2d %0, %w2 : (tensor<1x32x28x28xf16>, tensor<32x32x1x1xf16>) -> tensor<1x32x28x28xf16> loc("pointwise")
  %2 = accel.conv2d %1, %w3 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x32x28x28xf16>, tensor<64x32x3x3xf16>) -> tensor<1x64x28x28xf16> loc("big")
  return %2 : tensor<1x64x28x28xf16>
}

// Each layer: both stages, stage 2 within the interval.
// CHECK: remark: {{.*}}small: stage 1 (latency) [[S1:[0-9]+]] cycles, {{.*}} uJ, {{.*}} W; stage 2 (energy within [[I:[0-9]+]] cycles) {{[0-9]+}} cycles
// CHECK: remark: {{.*}}pointwise: stage 1 (latency)
// The biggest layer is the bottleneck.
// CHECK: remark: {{.*}}big: stage 1 (latency) [[I]] cycles
// CHECK: remark: layer pipeline of 3 layers on gamma-edge-s3: interval [[I]] cycles (set by big); energy {{.*}} uJ ({{.*}}% less), power {{.*}} W ({{.*}}% less)
// Stage 2's mappings are the layers' mappings.
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<
// CHECK: accel.conv2d {{.*}}mapping = #accel.mapping<

// POWER: layer pipeline of 3 layers on gamma-edge-s3: interval {{[0-9]+}} cycles (set by big); energy {{.*}}, power {{.*}} W ({{.*}}% less)

// GROUPS: error: layer-pipeline maps layers on accelerators of their own: the module has layer groups
