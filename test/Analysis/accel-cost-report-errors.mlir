// --accel-cost-report's errors: at the layer for its mapping, at the module
// for the accelerator and the options.
// RUN: accel-opt %s -split-input-file -verify-diagnostics --accel-cost-report="arch=eyeriss-like" -o /dev/null

func.func @too_wide(%x: tensor<1x64x56x56xf16>, %w: tensor<64x64x3x3xf16>) -> tensor<1x64x54x54xf16> {
  // expected-error @+1 {{mapping is invalid on eyeriss-like: level 0: spatial K*16 fits no fan-out stage left on eyeriss-like}}
  %0 = accel.conv2d %x, %w {mapping = #accel.mapping<[K*16 | K:4]>} : (tensor<1x64x56x56xf16>, tensor<64x64x3x3xf16>) -> tensor<1x64x54x54xf16>
  return %0 : tensor<1x64x54x54xf16>
}

// -----

func.func @overflow(%x: tensor<1x64x56x56xf16>, %w: tensor<64x64x3x3xf16>) -> tensor<1x64x54x54xf16> {
  // expected-error @+1 {{mapping is invalid on eyeriss-like: PESpad: inputs need 36 B per instance but 24 B are available (over by 12 B)}}
  %0 = accel.conv2d %x, %w {mapping = #accel.mapping<[K*12 | K:1 P:1 Q:1], [C*14 | C:1 P:1 Q:1]>} : (tensor<1x64x56x56xf16>, tensor<64x64x3x3xf16>) -> tensor<1x64x54x54xf16>
  return %0 : tensor<1x64x54x54xf16>
}
