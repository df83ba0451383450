//===- CancelTransposes.h - Layout transposes that undo each other -*- C++
//-*-===//
//
// PyTorch models written for channels-last layers (ConvNeXt: its LayerNorm
// and its linear layers run on NHWC) export as NCHW convolutions with a
// Transpose to NHWC before those layers and one back after them. Each
// Transpose moves a whole activation through DRAM, and nothing between the
// two needs the NHWC layout: the layers in between can run on NCHW data
// with their axes renamed (a layer norm over the channels, a linear layer as
// a 1x1 convolution, a per-channel scale as a [1, C, 1, 1] operand). This
// rewrite does that and removes both transposes, when every value between
// them is used only by such layers.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TRANSFORMS_CANCELTRANSPOSES_H
#define ACCEL_TRANSFORMS_CANCELTRANSPOSES_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace accel {

/// Removes the layout transposes (`accel.opaque "onnx.Transpose"`) of
/// `func`'s body that a transpose with the inverse permutation undoes,
/// rewriting the layers between them to the outer layout: elementwise
/// layers (add, mul, activation) keep their op with permuted types and
/// their other operands reshaped (only where that reshape is a view),
/// layer norms change axis, and a matmul over the flattened rows of an
/// NHWC tensor becomes a 1x1 convolution of the NCHW one. The matmul's
/// weight [C, K] becomes [K, C, 1, 1]: a constant is transposed, an
/// argument marked `accel.weight` (the layer's weights, whose values the
/// module does not hold) takes the new type, anything else keeps
/// the transposes. A set of transposes whose layers cannot all be
/// rewritten is left as it was. Returns how many transposes went.
unsigned cancelLayoutTransposes(mlir::func::FuncOp func);

} // namespace accel

#endif // ACCEL_TRANSFORMS_CANCELTRANSPOSES_H
