// A module with a layer group: --accel-map's layer-pipeline refuses it.
func.func @grouped(%x: tensor<1x4x8x8xf16>, %w: tensor<4x4x3x3xf16>) -> tensor<1x4x8x8xf16> {
  %g = accel.group (%a = %x, %k = %w) : (tensor<1x4x8x8xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x8x8xf16> attributes {schedule = #accel.schedule<rows = 4>} {
    %y = accel.conv2d %a, %k {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x8x8xf16>
    accel.yield %y : tensor<1x4x8x8xf16>
  }
  return %g : tensor<1x4x8x8xf16>
}
