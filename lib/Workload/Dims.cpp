//===- Dims.cpp - The loop dimensions of a layer --------------------------===//

#include "accel/Workload/Dims.h"

using namespace accel;

llvm::StringRef accel::dimName(Dim d) {
  static constexpr const char *kNames[kNumDims] = {"N", "K", "C", "P",
                                                   "Q", "R", "S", "G"};
  return kNames[idx(d)];
}

std::optional<Dim> accel::parseDim(llvm::StringRef name) {
  for (Dim d : kAllDims)
    if (dimName(d) == name)
      return d;
  return std::nullopt;
}
