// A constant passed into a group is a weight inside it, as the whole
// function's graph (and so the fusion search) counts it: ConvNeXt's layer
// norm scale and shift, [1, 1, 1, 384] f16, 768 B each, held once, not a
// row tile of an input. The activations: 2 rows x 14 columns x 384
// channels x 2 B = 21504 B a tile, two tiles at once (pipelined).
// RUN: accel-opt %s --accel-print-buffer-footprint -o /dev/null | FileCheck %s

// CHECK:      group affine: 7 tiles of 2 rows (rows = 2, halo = recompute, mode = pipelined, pes = [6, 6])
// CHECK-NEXT:   inputs 43008 B, intermediates 43008 B, outputs 43008 B, weights 1536 B = 130560 B
// CHECK-NEXT:     input 0: 43008 B, 2 tiles at once
// CHECK-NEXT:     mul@{{[0-9]+}}: 43008 B, 2 tiles at once
// CHECK-NEXT:     add@{{[0-9]+}}: 43008 B, 2 tiles at once
// CHECK-NEXT:   fits GlobalBuffer of eyeriss-like: weights + activations 130560 B of 131072 B
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @affine(%x: tensor<1x14x14x384xf16>) -> tensor<1x14x14x384xf16> {
  %s = arith.constant dense<0.5> : tensor<1x1x1x384xf16>
  %b = arith.constant dense<0.25> : tensor<1x1x1x384xf16>
  %0 = accel.group (%a = %x, %w1 = %s, %w2 = %b) : (tensor<1x14x14x384xf16>, tensor<1x1x1x384xf16>, tensor<1x1x1x384xf16>) -> tensor<1x14x14x384xf16> attributes {name = "affine", schedule = #accel.schedule<rows = 2, halo = recompute, mode = pipelined, pes = [6, 6]>} {
    %1 = accel.mul %a, %w1 : tensor<1x14x14x384xf16>, tensor<1x1x1x384xf16> -> tensor<1x14x14x384xf16>
    %2 = accel.add %1, %w2 : tensor<1x14x14x384xf16>, tensor<1x1x1x384xf16> -> tensor<1x14x14x384xf16>
    accel.yield %2 : tensor<1x14x14x384xf16>
  }
  return %0 : tensor<1x14x14x384xf16>
}
}
