//===- Passes.td - Conversions into and out of accel -------*- tablegen -*-===//
#ifndef ACCEL_CONVERSION_PASSES_TD
#define ACCEL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"
include "accel/Support/PassOptions.td"

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

def AccelLowerToAcmd : Pass<"accel-lower-to-acmd", "::mlir::ModuleOp"> {
  let summary = "Lower fused, mapped networks to accelerator commands";
  let description = [{
    Rewrites every function of accel layers into an acmd program for the
    accelerator (`arch`, else the module's `accel.target`). The function
    takes its inputs and, after them, its results as memrefs in DRAM
    (destination-passing); constant weights become `memref.global`
    constants, tensors passed between groups `memref.alloc`s.

    Each `accel.group` runs the program of its schedule (docs/Lowering.md):
    one buffer of rows per activation, used as a queue (rows no later tile
    needs are dropped from the front with one `acmd.copy`, new rows
    appended: with halos kept, only the rows not already on chip are
    loaded or computed); an input's next rows are loaded a tile ahead when
    double buffered; weights loaded once (resident) or per step
    (streamed); every output row stored once. A compute command runs its
    layer on the tiles of its operands (`tensor.extract_slice`) with the
    padding of its tile, carries the layer's mapping, and writes its part
    into the result's buffer. Tokens order the commands that touch the
    same bytes, and only those, so the DMA of the next tile overlaps the
    compute of this one; an `acmd.wait` ends each group.

    A layer outside any group runs as a group of one, with the default
    schedule shortened (then with streamed weights) until its buffers fit
    the level; a layer that fits in no such schedule is an error naming it,
    as is an operation that is not an accel layer.

    The DRAM bytes the program moves equal the cost model's prediction for
    each group (`accel-run` counts them); its buffers fit the accelerator
    (`--accel-check-acmd`).
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator (default: the module's accel.target)">,
    Accel_PrecisionOption,
  ];
  let statistics = [
    Statistic<"numSegments", "segments", "Groups and layers alone lowered">,
    Statistic<"numCommands", "commands", "Commands written">,
    Statistic<"numFallbacks", "group-model-segments",
              "Layers alone whose traffic is the group model's (lowered as a "
              "group of one, or a concat or resize in pieces)">,
  ];
  let dependentDialects = ["::acmd::AcmdDialect", "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::func::FuncDialect"];
}

#endif // ACCEL_CONVERSION_PASSES_TD
