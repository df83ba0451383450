//===- ConversionUtils.h - Constants and permutations of tensors -*- C++ -*-===//
//
// Shared by the conversions into accel (TOSA, linalg: NHWC at the door) and
// by --accel-cancel-transposes.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_CONVERSION_CONVERSIONUTILS_H
#define ACCEL_CONVERSION_CONVERSIONUTILS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Value.h"
#include <optional>

namespace accel {

/// Permutations between NHWC and NCHW (result dimension i is input
/// dimension perm[i]).
inline constexpr int32_t kToNCHW[] = {0, 3, 1, 2};
inline constexpr int32_t kToNHWC[] = {0, 2, 3, 1};

/// The dense constant `v` is, if it is one.
std::optional<mlir::DenseElementsAttr> constantOf(mlir::Value v);
/// Whether `v` is a constant whose every element is zero.
bool isZeroConstant(mlir::Value v);
/// A constant with its dimensions permuted.
mlir::DenseElementsAttr permuteConstant(mlir::DenseElementsAttr attr,
                                        llvm::ArrayRef<int32_t> perms);
/// The type of `t` with its dimensions permuted.
mlir::RankedTensorType permuteType(mlir::Type t, llvm::ArrayRef<int32_t> perms);
/// Whether permuting `type` by `perms` keeps the order of its elements
/// (only unit dimensions move), i.e. is a reshape.
bool permutationIsReshape(mlir::RankedTensorType type,
                          llvm::ArrayRef<int32_t> perms);
/// perms applied after inner: result dimension i is inner[perms[i]].
llvm::SmallVector<int32_t> composePermutations(llvm::ArrayRef<int32_t> inner,
                                               llvm::ArrayRef<int32_t> perms);

} // namespace accel

#endif
