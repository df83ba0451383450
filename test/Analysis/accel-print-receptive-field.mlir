// --accel-print-receptive-field: tiles of output rows propagated backwards
// through each layer group, and the rows consecutive tiles share (the halo a
// depth-first schedule keeps). Each 3x3 convolution with padding 1 widens
// the rows by one on each side; a 2x2 stride-2 transposed convolution halves
// them.
// RUN: accel-opt %s --accel-print-receptive-field -o /dev/null | FileCheck %s --check-prefix=CHAIN
// RUN: accel-opt %S/Inputs/groups.mlir --accel-print-receptive-field -o /dev/null | FileCheck %s

// A chain of three 3x3 convolutions on 16x16 in tiles of 4 rows (its
// #accel.schedule): output rows [4, 8) need conv2
// rows [3, 9), conv1 rows [2, 10), input rows [1, 11); the last tile is
// clipped at the bottom border.
// CHAIN:      group chain: 4 tiles of 4 output rows (rows = 4)
// CHAIN:      tile 0:
// CHAIN-NEXT:   input 0: [0, 1) x [0, 4) x [0, 7) x [0, 16)
// CHAIN:        conv1: [0, 1) x [0, 8) x [0, 6) x [0, 16)
// CHAIN-NEXT:   conv2: [0, 1) x [0, 8) x [0, 5) x [0, 16)
// CHAIN-NEXT:   conv3: [0, 1) x [0, 8) x [0, 4) x [0, 16)
// CHAIN-NEXT: tile 1:
// CHAIN-NEXT:   input 0: [0, 1) x [0, 4) x [1, 11) x [0, 16)
// The schedule keeps halos: of its rows [2, 10), conv1 computes the four
// tile 0 did not, [6, 10); conv2 [5, 9) of [3, 9).
// CHAIN:        conv1: [0, 1) x [0, 8) x [2, 10) x [0, 16), computes rows [6, 10)
// CHAIN-NEXT:   conv2: [0, 1) x [0, 8) x [3, 9) x [0, 16), computes rows [5, 9)
// CHAIN-NEXT:   conv3: [0, 1) x [0, 8) x [4, 8) x [0, 16)
// CHAIN:      tile 3:
// CHAIN-NEXT:   input 0: [0, 1) x [0, 4) x [9, 16) x [0, 16)
// CHAIN:      halo (rows shared by consecutive tiles, most of any pair):
// CHAIN-NEXT:   input 0: 6
// CHAIN-NEXT:   input 1: the same region every tile (resident)
// CHAIN-NEXT:   input 2: the same region every tile (resident)
// CHAIN-NEXT:   input 3: the same region every tile (resident)
// CHAIN-NEXT:   conv1: 4
// CHAIN-NEXT:   conv2: 2
// CHAIN-NEXT:   conv3: 0

// The ResNet basic block: the skip reads input rows [0, 8) too, inside the
// [0, 10) conv1 needs.
// CHECK:      group basic: 2 tiles of 8 output rows (rows = 8)
// CHECK-NEXT: tile 0:
// CHECK-NEXT:   input 0: [0, 1) x [0, 8) x [0, 10) x [0, 16)
// CHECK:        conv1: [0, 1) x [0, 8) x [0, 9) x [0, 16)
// CHECK-NEXT:   conv2: [0, 1) x [0, 8) x [0, 8) x [0, 16)
// CHECK-NEXT:   add: [0, 1) x [0, 8) x [0, 8) x [0, 16)
// CHECK-NEXT: tile 1:
// CHECK-NEXT:   input 0: [0, 1) x [0, 8) x [6, 16) x [0, 16)
// CHECK:      halo
// CHECK-NEXT:   input 0: 4
// CHECK:        conv1: 2
// CHECK-NEXT:   conv2: 0

// MobileNet-v2's inverted residual: only the 3x3 depthwise widens, so the
// 48-channel expansion keeps a 2-row halo.
// CHECK:      group mbv2: 2 tiles of 8 output rows
// CHECK:      tile 1:
// CHECK-NEXT:   input 0: [0, 1) x [0, 8) x [7, 16) x [0, 16)
// CHECK:        expand: [0, 1) x [0, 48) x [7, 16) x [0, 16)
// CHECK-NEXT:   dw: [0, 1) x [0, 48) x [8, 16) x [0, 16)
// CHECK:      halo
// CHECK-NEXT:   input 0: 2
// CHECK:        expand: 2
// CHECK-NEXT:   dw: 0

// A U-Net decoder stage: output rows [8, 16) need upsampled rows [7, 16),
// which the 2x2 stride-2 transposed convolution makes from low-resolution
// rows [3, 8); the concat passes the rows to both branches.
// CHECK:      group unet: 2 tiles of 8 output rows
// CHECK:      tile 1:
// CHECK-NEXT:   input 0: [0, 1) x [0, 16) x [3, 8) x [0, 8)
// CHECK-NEXT:   input 1: [0, 1) x [0, 8) x [7, 16) x [0, 16)
// CHECK:        up: [0, 1) x [0, 8) x [7, 16) x [0, 16)
// CHECK-NEXT:   cat: [0, 1) x [0, 16) x [7, 16) x [0, 16)
// CHECK-NEXT:   conv: [0, 1) x [0, 8) x [8, 16) x [0, 16)

// The group
func.func @chain(%x: tensor<1x4x16x16xf16>, %w1: tensor<8x4x3x3xf16>, %w2: tensor<8x8x3x3xf16>, %w3: tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2, %k3 = %w3) : (tensor<1x4x16x16xf16>, tensor<8x4x3x3xf16>, tensor<8x8x3x3xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "chain", schedule = #accel.schedule<rows = 4>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x16x16xf16>, tensor<8x4x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv2")
    %2 = accel.conv2d %1, %k3 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv3")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}
