//===- Npz.h - NumPy's .npz archives ----------------------------*- C++ -*-===//
//
// An .npz file is a zip archive of .npy files, one per named array: what
// np.savez writes and np.load reads as a dictionary. accel keeps a model's
// weights in one (accel-translate --onnx-weights=file, accel-run
// --weights). Writes stored (uncompressed) archives of up to 4 GiB, byte for
// byte the same for the same arrays; reads stored archives, zip64 included
// (np.savez writes zip64 local headers). A compressed member
// (np.savez_compressed) or a damaged archive is an error saying which
// member and what is wrong, never a crash. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_KERNELS_NPZ_H
#define ACCEL_KERNELS_NPZ_H

#include "accel/Kernels/NdArray.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <utility>
#include <vector>

namespace accel {

/// A member of an archive: the array's name (the member is `name`.npy) and
/// the bytes of its .npy file, `npy` followed by `data`. `data` lets a
/// large array's elements be written from where they already are (an
/// attribute's storage) instead of copied; it must outlive the write.
struct NpzMember {
  std::string name;
  std::string npy;
  llvm::StringRef data = {};
  uint64_t size() const { return npy.size() + data.size(); }
};

/// Writes an .npz archive holding `members` in order to `os`. Fails,
/// before writing anything, when the archive would exceed what a zip
/// without zip64 records holds (4 GiB, 65535 members) or when two members
/// share a name.
llvm::Error writeNpz(llvm::raw_ostream &os, llvm::ArrayRef<NpzMember> members);
/// The bytes of that archive.
llvm::Expected<std::string> printNpz(llvm::ArrayRef<NpzMember> members);

/// The arrays of an .npz archive, by name (without ".npy"), in archive
/// order.
using NpzArrays = std::vector<std::pair<std::string, NdArray>>;
/// Parses the bytes of an .npz archive.
llvm::Expected<NpzArrays> parseNpz(llvm::StringRef bytes);
/// Reads an .npz file.
llvm::Expected<NpzArrays> readNpz(llvm::StringRef path);

} // namespace accel

#endif // ACCEL_KERNELS_NPZ_H
