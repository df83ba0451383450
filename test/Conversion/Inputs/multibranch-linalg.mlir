// The multi-branch network of frontends-agree.mlir in linalg, as torch-mlir
// writes it: explicit zero padding, bias broadcast into the accumulator,
// ReLU as a linalg.generic, named linalg.add, tensor.concat.
#bias = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @main(%arg0: tensor<1x8x16x16xf32>) -> tensor<1x16x16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %w1 = arith.constant dense<0.1> : tensor<8x8x3x3xf32>
  %b1 = arith.constant dense<0.01> : tensor<8xf32>
  %wdw = arith.constant dense<0.2> : tensor<8x3x3xf32>
  %bdw = arith.constant dense<0.02> : tensor<8xf32>
  %wpw = arith.constant dense<0.3> : tensor<8x8x1x1xf32>
  %bpw = arith.constant dense<0.03> : tensor<8xf32>
  %wbr = arith.constant dense<0.4> : tensor<8x8x1x1xf32>
  %bbr = arith.constant dense<0.04> : tensor<8xf32>
  %empty = tensor.empty() : tensor<1x8x16x16xf32>

  %p0 = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x16x16xf32> to tensor<1x8x18x18xf32>
  %i1 = linalg.broadcast ins(%b1 : tensor<8xf32>) outs(%empty : tensor<1x8x16x16xf32>) dimensions = [0, 2, 3]
  %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p0, %w1 : tensor<1x8x18x18xf32>, tensor<8x8x3x3xf32>) outs(%i1 : tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%c1 : tensor<1x8x16x16xf32>) outs(%empty : tensor<1x8x16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x8x16x16xf32>

  %p1 = tensor.pad %r1 low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x8x16x16xf32> to tensor<1x8x18x18xf32>
  %idw = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%bdw : tensor<8xf32>) outs(%empty : tensor<1x8x16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x8x16x16xf32>
  %dw = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%p1, %wdw : tensor<1x8x18x18xf32>, tensor<8x3x3xf32>) outs(%idw : tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>

  %ipw = linalg.broadcast ins(%bpw : tensor<8xf32>) outs(%empty : tensor<1x8x16x16xf32>) dimensions = [0, 2, 3]
  %pw = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%dw, %wpw : tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) outs(%ipw : tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
  %add = linalg.add ins(%pw, %r1 : tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32>) outs(%empty : tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>

  %ibr = linalg.broadcast ins(%bbr : tensor<8xf32>) outs(%empty : tensor<1x8x16x16xf32>) dimensions = [0, 2, 3]
  %br = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%r1, %wbr : tensor<1x8x16x16xf32>, tensor<8x8x1x1xf32>) outs(%ibr : tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
  %cat = tensor.concat dim(1) %add, %br : (tensor<1x8x16x16xf32>, tensor<1x8x16x16xf32>) -> tensor<1x16x16x16xf32>
  return %cat : tensor<1x16x16x16xf32>
}
