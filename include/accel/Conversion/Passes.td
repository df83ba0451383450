//===- Passes.td - Conversions into and out of accel -------*- tablegen -*-===//
#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def AccelConvertTosa : Pass<"accel-convert-tosa"> {
  let summary = "Convert TOSA layers to accel layers";
  let description = [{
    Rewrites tosa.conv2d, depthwise_conv2d, transpose_conv2d, matmul,
    max_pool2d, avg_pool2d, add, mul, clamp, sigmoid, tanh, concat, resize
    and reshape into accel ops. TOSA is NHWC and accel NCHW: each 4-D layer
    is wrapped in a pair of tosa.transpose ops, constant weights are
    transposed at compile time, and transposes that undo each other cancel,
    so a network in NCHW with TOSA's layout shuffles around every layer (what
    framework legalisations produce) comes out as plain accel.

    What it does not recognise stays as it is; a recognised op it cannot
    convert (quantised zero points, a shift on mul, a resize with other
    offsets) stays too, with a remark saying why. It never fails a valid
    module.
  }];
  let dependentDialects = ["::accel::AccelDialect", "::mlir::arith::ArithDialect",
                           "::mlir::tosa::TosaDialect"];
}

def AccelConvertLinalg : Pass<"accel-convert-linalg"> {
  let summary = "Convert linalg named convolutions, matmuls and pools to accel";
  let description = [{
    Rewrites linalg.conv_2d_nchw_fchw, conv_2d_nhwc_hwcf,
    depthwise_conv_2d_nchw_chw, depthwise_conv_2d_nhwc_hwc, matmul,
    batch_matmul, pooling_nchw_max and pooling_nhwc_max, the named
    elementwise linalg.add / linalg.mul, and linalg.generic ops that are an
    elementwise add, multiplication or ReLU, into accel ops. A zero-padding
    tensor.pad in front of a convolution (or a -inf one in front of a max
    pooling) becomes its padding; an accumulator that is not a zero fill is
    added back with accel.add. NHWC forms are wrapped in linalg.transpose
    ops that cancel between converted neighbours.

    What it does not recognise stays as it is; a recognised op it cannot
    convert (a sum pooling, an accumulator of the wrong shape) stays too, with
    a remark. It never fails a valid module.
  }];
  let dependentDialects = ["::accel::AccelDialect", "::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // ACCEL_CONVERSION_PASSES_TD
