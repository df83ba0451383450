// An operator the accelerator does not run (Inputs/lower-host.mlir).
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
func.func @opaque(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %y = accel.opaque "Mystery"(%x) : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}
}
