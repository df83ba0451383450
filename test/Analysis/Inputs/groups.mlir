// Layer groups for the receptive-field and footprint tests.
// ResNet basic block with its skip: conv3x3 + relu -> conv3x3 -> add(input) + relu.
func.func @resnet_block(%x: tensor<1x8x16x16xf16>, %w1: tensor<8x8x3x3xf16>, %w2: tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "basic", schedule = #accel.schedule<rows = 8>} {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv1")
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x8x16x16xf16>, tensor<8x8x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv2")
    %2 = accel.add %1, %a {activation = #accel.act<relu>} : tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16> -> tensor<1x8x16x16xf16> loc("add")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}

// MobileNet-v2 inverted residual: 1x1 expand (x6) -> 3x3 depthwise -> 1x1 project -> add.
func.func @inverted_residual(%x: tensor<1x8x16x16xf16>, %we: tensor<48x8x1x1xf16>, %wd: tensor<48x1x3x3xf16>, %wp: tensor<8x48x1x1xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%a = %x, %ke = %we, %kd = %wd, %kp = %wp) : (tensor<1x8x16x16xf16>, tensor<48x8x1x1xf16>, tensor<48x1x3x3xf16>, tensor<8x48x1x1xf16>) -> tensor<1x8x16x16xf16> attributes {name = "mbv2", schedule = #accel.schedule<rows = 8>} {
    %0 = accel.conv2d %a, %ke {activation = #accel.act<relu6>} : (tensor<1x8x16x16xf16>, tensor<48x8x1x1xf16>) -> tensor<1x48x16x16xf16> loc("expand")
    %1 = accel.conv2d %0, %kd {groups = 48, pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu6>} : (tensor<1x48x16x16xf16>, tensor<48x1x3x3xf16>) -> tensor<1x48x16x16xf16> loc("dw")
    %2 = accel.conv2d %1, %kp : (tensor<1x48x16x16xf16>, tensor<8x48x1x1xf16>) -> tensor<1x8x16x16xf16> loc("project")
    %3 = accel.add %2, %a : tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16> -> tensor<1x8x16x16xf16> loc("residual")
    accel.yield %3 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}

// U-Net decoder stage: 2x2 transposed conv (upsampling) -> concat with the
// encoder skip -> conv3x3 + relu.
func.func @unet_stage(%low: tensor<1x16x8x8xf16>, %skip: tensor<1x8x16x16xf16>, %wu: tensor<16x8x2x2xf16>, %wc: tensor<8x16x3x3xf16>) -> tensor<1x8x16x16xf16> {
  %g = accel.group (%l = %low, %s = %skip, %ku = %wu, %kc = %wc) : (tensor<1x16x8x8xf16>, tensor<1x8x16x16xf16>, tensor<16x8x2x2xf16>, tensor<8x16x3x3xf16>) -> tensor<1x8x16x16xf16> attributes {name = "unet", schedule = #accel.schedule<rows = 8>} {
    %0 = accel.conv_transpose2d %l, %ku {strides = array<i64: 2, 2>} : (tensor<1x16x8x8xf16>, tensor<16x8x2x2xf16>) -> tensor<1x8x16x16xf16> loc("up")
    %1 = accel.concat %0, %s {axis = 1} : (tensor<1x8x16x16xf16>, tensor<1x8x16x16xf16>) -> tensor<1x16x16x16xf16> loc("cat")
    %2 = accel.conv2d %1, %kc {pads = array<i64: 1, 1, 1, 1>, activation = #accel.act<relu>} : (tensor<1x16x16x16xf16>, tensor<8x16x3x3xf16>) -> tensor<1x8x16x16xf16> loc("conv")
    accel.yield %2 : tensor<1x8x16x16xf16>
  }
  return %g : tensor<1x8x16x16xf16>
}
