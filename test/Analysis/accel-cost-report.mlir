// --accel-cost-report on hand-checkable layers, on the tiny accelerator of
// Inputs/tiny.yaml: DRAM -> Buffer -[3 units]-> PE, 16-bit words, energies
// DRAM 100, Buffer 10, PE 1 pJ per access, MAC 2 pJ, unlimited bandwidth.
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny.yaml format=json" -o /dev/null | FileCheck %s
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny.yaml" -o /dev/null | FileCheck %s --check-prefix=TABLE
// RUN: accel-opt %s --accel-cost-report="arch=%S/Inputs/tiny.yaml format=json sliding-windows=false" -o /dev/null | FileCheck %s --check-prefix=WHOLE

// A 1-D convolution: 8 inputs, a 3-tap filter, 6 outputs, spread over the 3
// units two outputs at a time. Loop nest: Q(2 steps of 3) | units: Q(3) |
// PE: S(3). Each step lasts 3 cycles: 6 cycles, 18 MACs, utilisation 1.
//  weights (3): the buffer loads them once; each unit too (9 writes) — the
//    buffer multicasts one copy (3 reads); every MAC reads one (18).
//  inputs (8): a step's three units need columns [q, q+3) for q = 3s..3s+2,
//    together 5 columns: [0, 5), then [3, 8). The buffer's tiles slide along
//    Q: the second step keeps the 2-column halo and loads 3 (8 writes, 8
//    DRAM reads). Each unit's tiles, [u, u+3) and [u+3, u+6), only touch:
//    3 per step (18 writes); the buffer serves the union of what the units
//    fetch, 5 per step (10 reads); every MAC reads one (18).
//  outputs (6): each unit holds one output per step (6 residencies, 6
//    write-backs = PE reads); the 18 MAC updates are 18 PE writes, 12 of them
//    read-modify-writes: PE reads 6 + 12 = 18. The buffer receives 6 (first
//    contributions: 6 writes, 0 reads) and writes them back: 6 reads; DRAM
//    6 writes.
//  energy: DRAM (3 + 8 + 6) x 100 = 1700, buffer (19 + 17) x 10 = 360,
//    PE (45 + 54) x 1 = 99, MACs 18 x 2 = 36: 2195 pJ.
func.func @conv1d(%x: tensor<1x1x1x8xf16>, %w: tensor<1x1x1x3xf16>) -> tensor<1x1x1x6xf16> {
  %0 = accel.conv2d %x, %w {mapping = #accel.mapping<[Q*3 | Q:1]>} : (tensor<1x1x1x8xf16>, tensor<1x1x1x3xf16>) -> tensor<1x1x1x6xf16> loc("conv1d")
  return %0 : tensor<1x1x1x6xf16>
}

// CHECK:      "arch": "tiny",
// CHECK:      "compute_cycles": 6,
// CHECK:      "energy_pj": 2195,
// CHECK:      "levels": [
// CHECK-NEXT:   {
// CHECK-NEXT:     "energy_pj": 1700,
// CHECK-NEXT:     "instances": 1,
// CHECK-NEXT:     "name": "DRAM",
// CHECK-NEXT:     "reads": {
// CHECK-NEXT:       "inputs": 8,
// CHECK-NEXT:       "outputs": 0,
// CHECK-NEXT:       "weights": 3
// CHECK:          "writes": {
// CHECK-NEXT:       "inputs": 0,
// CHECK-NEXT:       "outputs": 6,
// CHECK-NEXT:       "weights": 0
// CHECK:          "energy_pj": 360,
// CHECK-NEXT:     "instances": 1,
// CHECK-NEXT:     "name": "Buffer",
// CHECK-NEXT:     "reads": {
// CHECK-NEXT:       "inputs": 10,
// CHECK-NEXT:       "outputs": 6,
// CHECK-NEXT:       "weights": 3
// CHECK:          "writes": {
// CHECK-NEXT:       "inputs": 8,
// CHECK-NEXT:       "outputs": 6,
// CHECK-NEXT:       "weights": 3
// CHECK:          "energy_pj": 99,
// CHECK-NEXT:     "instances": 3,
// CHECK-NEXT:     "name": "PE",
// CHECK-NEXT:     "reads": {
// CHECK-NEXT:       "inputs": 18,
// CHECK-NEXT:       "outputs": 18,
// CHECK-NEXT:       "weights": 18
// CHECK:          "writes": {
// CHECK-NEXT:       "inputs": 18,
// CHECK-NEXT:       "outputs": 18,
// CHECK-NEXT:       "weights": 9
// CHECK:      "macs": 18,
// CHECK:      "mapping": "[Q*3 | Q:1]",

// Without sliding windows the buffer reloads the 2-column halo: 10 DRAM
// reads and 10 buffer writes of inputs, 200 + 20 pJ more.
// WHOLE:      "energy_pj": 2415,
// WHOLE:      "name": "DRAM",
// WHOLE-NEXT: "reads": {
// WHOLE-NEXT:   "inputs": 10,
// WHOLE:      "name": "Buffer",
// WHOLE:      "writes": {
// WHOLE-NEXT:   "inputs": 10,
// CHECK-NEXT: "mapping_source": "ir",
// CHECK-NEXT: "name": "conv1d",
// CHECK:      "utilization": 1

// A matmul out[4][3] = in[4][2] x w[2][3], one output column per unit:
// N(4) | units: K(3) | PE: C(2); 8 cycles, 24 MACs. Weights: buffer and PEs
// load 6 once, every MAC reads one (24). Inputs: the buffer loads 8; each PE
// every row (24), multicast from 8 buffer reads; MACs 24. Outputs: 12 PE
// residencies, 24 MAC updates (12 read-modify-writes); buffer and DRAM 12.
// Energy: DRAM 26 x 100, buffer 52 x 10, PE 126 x 1, MACs 48: 3294 pJ.
func.func @matmul(%a: tensor<4x2xf16>, %b: tensor<2x3xf16>) -> tensor<4x3xf16> {
  %0 = accel.matmul %a, %b {mapping = #accel.mapping<[K*3 | K:1 N:1]>} : (tensor<4x2xf16>, tensor<2x3xf16>) -> tensor<4x3xf16> loc("fc")
  return %0 : tensor<4x3xf16>
}

// CHECK:      "compute_cycles": 8,
// CHECK:      "energy_pj": 3294,
// CHECK:      "name": "DRAM",
// CHECK-NEXT: "reads": {
// CHECK-NEXT:   "inputs": 8,
// CHECK-NEXT:   "outputs": 0,
// CHECK-NEXT:   "weights": 6
// CHECK:      "name": "PE",
// CHECK-NEXT: "reads": {
// CHECK-NEXT:   "inputs": 24,
// CHECK-NEXT:   "outputs": 24,
// CHECK-NEXT:   "weights": 24
// CHECK:      "macs": 24,
// CHECK:      "name": "fc",
// CHECK:      "total": {
// CHECK-NEXT:   "cycles": 14,
// CHECK-NEXT:   "dram_bytes": 86,
// CHECK-NEXT:   "edp_pj_cycles": 76846,
// CHECK-NEXT:   "energy_pj": 5489,
// CHECK-NEXT:   "infeasible_left_out": 0,
// CHECK-NEXT:   "macs": 42

// TABLE: accel-cost-report: 2 layers and groups on tiny (3 PEs, 1 GHz, 16-bit data, 3.307 mm^2 at 45 nm)
// TABLE: layer {{.*}}MACs{{.*}}cycles{{.*}}compute-bound{{.*}}util%
// TABLE: conv1d  {{ *}}conv2d {{ *}}ir {{ *}}18 {{ *}}6 {{ *}}6 {{ *}}100.0
// TABLE: fc      {{ *}}matmul {{ *}}ir {{ *}}24 {{ *}}8 {{ *}}8 {{ *}}100.0
// TABLE: total   {{ *}}42 {{ *}}14 {{ *}}14 {{ *}}100.0
