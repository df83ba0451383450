//===- Npy.h - NumPy's .npy format ------------------------------*- C++ -*-===//
//
// Reads and writes NumPy's .npy files (format 1.0-3.0, C order), the format
// users already hold their inputs and reference outputs in. Reads float16/32/
// 64, int8/16/32/64, uint8 and bool, little or big endian; writes float32 or
// float64. A file that is not what it claims is an error saying what is
// wrong, never a crash. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_KERNELS_NPY_H
#define ACCEL_KERNELS_NPY_H

#include "accel/Kernels/NdArray.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace accel {

/// Parses the bytes of a .npy file.
llvm::Expected<NdArray> parseNpy(llvm::StringRef bytes);
/// Reads a .npy file.
llvm::Expected<NdArray> readNpy(llvm::StringRef path);

enum class NpyType { Float32, Float64 };
/// The bytes of a .npy file holding `a` (format 1.0, little endian).
std::string printNpy(const NdArray &a, NpyType type = NpyType::Float32);
/// Writes `a` to a .npy file.
llvm::Error writeNpy(llvm::StringRef path, const NdArray &a,
                     NpyType type = NpyType::Float32);
/// The bytes of a .npy file of `shape` whose elements are `data`, already
/// in the little-endian layout of NumPy type `descr` ("<f4", "|i1", ...):
/// for values that must keep their own type (weights) rather than doubles.
std::string printNpyRaw(llvm::StringRef descr, llvm::ArrayRef<int64_t> shape,
                        llvm::StringRef data);

} // namespace accel

#endif // ACCEL_KERNELS_NPY_H
