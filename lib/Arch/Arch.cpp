//===- Arch.cpp - Description of a spatial DNN accelerator ----------------===//

#include "accel/Arch/Arch.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>

using namespace accel;

int64_t Arch::numPEs() const { return instances(memories.size()); }

int64_t Arch::instances(unsigned m) const {
  int64_t n = 1;
  for (unsigned i = 0; i < m && i < memories.size(); ++i)
    for (const FanoutStage &s : memories[i].fanout)
      n *= s.size;
  return n;
}

unsigned Arch::numStages() const {
  unsigned n = 0;
  for (const MemoryLevel &m : memories)
    n += m.fanout.size();
  return n;
}

static llvm::Error fieldError(const llvm::Twine &where, llvm::StringRef field,
                              const llvm::Twine &reason) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 where + ": " + field + ": " + reason);
}

namespace {
/// Bounds an accelerator's numbers stay within (docs/Accelerators.md).
constexpr int64_t kMaxCapacityBytes = int64_t(1) << 50;
constexpr int64_t kMaxUnits = int64_t(1) << 31;
constexpr double kMinBandwidth = 1e-6;
} // namespace

std::string Arch::precisionText() const {
  if (!precision)
    return "the IR's element types";
  const DataPrecision &p = *precision;
  if (p.weights == p.activations && p.weights == p.partialSums)
    return llvm::formatv("{0}-bit data", p.weights);
  return llvm::formatv("{0}-bit weights, {1}-bit activations, {2}-bit partial "
                       "sums",
                       p.weights, p.activations, p.partialSums);
}

llvm::Error accel::validateArch(const Arch &arch) {
  if (arch.name.empty())
    return fieldError("accelerator", "name", "must not be empty");
  if (arch.memories.size() < 2)
    return fieldError("accelerator", "memories",
                      "needs DRAM and at least one on-chip level, got " +
                          llvm::Twine(arch.memories.size()));
  // Numbers: finite, and within bounds that keep every product the models
  // form inside int64 and every time finite (docs/Accelerators.md).
  auto finite = [](const std::string &where, llvm::StringRef field,
                   double v) -> llvm::Error {
    if (std::isfinite(v))
      return llvm::Error::success();
    return fieldError(where, field,
                      llvm::formatv("must be a finite number, got {0}",
                                    llvm::format("%g", v)));
  };
  for (auto [field, v] :
       {std::pair<llvm::StringRef, double>{"mac.energy-pj", arch.macEnergy},
        {"mac.area-um2", arch.macArea},
        {"clock-ghz", arch.clockGHz}})
    if (llvm::Error e = finite("accelerator", field, v))
      return e;
  if (arch.clockGHz > 1000)
    return fieldError("accelerator", "clock-ghz",
                      llvm::formatv("must be at most 1000, got {0}",
                                    llvm::format("%g", arch.clockGHz)));
  if (arch.macBits < 1)
    return fieldError("accelerator", "mac.bits",
                      llvm::formatv("must be >= 1, got {0}", arch.macBits));
  if (arch.precision)
    for (auto [field, bits] : {std::pair<llvm::StringRef, int64_t>{
                                   "weights", arch.precision->weights},
                               {"activations", arch.precision->activations},
                               {"partial-sums", arch.precision->partialSums}})
      if (bits < 1 || bits > 64)
        return fieldError("accelerator", "precision." + field.str(),
                          llvm::formatv("must be 1 to 64 bits, got {0}",
                                        bits));
  if (arch.macEnergy < 0 || arch.macArea < 0)
    return fieldError("accelerator", "mac", "energy and area must be >= 0");
  if (!(arch.clockGHz > 0))
    return fieldError("accelerator", "clock-ghz",
                      "must be > 0, got " +
                          std::to_string(arch.clockGHz).substr(0, 8));
  if (arch.minParallelLevels > arch.maxParallelLevels)
    return fieldError("accelerator", "parallel-levels",
                      llvm::formatv("min {0} exceeds max {1}",
                                    arch.minParallelLevels,
                                    arch.maxParallelLevels));
  unsigned stageCapacity = 0;
  int64_t units = 1;
  for (auto [i, m] : llvm::enumerate(arch.memories)) {
    std::string where = llvm::formatv("memories[{0}] ({1})", i, m.name);
    if (m.name.empty())
      return fieldError(llvm::formatv("memories[{0}]", i), "name",
                        "must not be empty");
    for (unsigned j = 0; j < i; ++j)
      if (arch.memories[j].name == m.name)
        return fieldError(where, "name", "is used twice");
    if (m.capacityBytes < 0)
      return fieldError(
          where, "capacity-bytes",
          llvm::formatv("must be >= 0, got {0}", m.capacityBytes));
    if (i > 0 && m.capacityBytes == 0)
      return fieldError(where, "capacity-bytes",
                        "an on-chip level needs a capacity (only DRAM, the "
                        "first level, is unbounded)");
    if (i == 0 && m.partition)
      return fieldError(where, "partition", "DRAM cannot be partitioned");
    if (m.wordBits < 1)
      return fieldError(where, "word-bits",
                        llvm::formatv("must be >= 1, got {0}", m.wordBits));
    for (auto [field, v] :
         {std::pair<llvm::StringRef, double>{"read-bandwidth", m.readBandwidth},
          {"write-bandwidth", m.writeBandwidth},
          {"read-energy-pj", m.readEnergy},
          {"write-energy-pj", m.writeEnergy},
          {"area-um2", m.area}})
      if (llvm::Error e = finite(where, field, v))
        return e;
    if (m.capacityBytes > kMaxCapacityBytes)
      return fieldError(where, "capacity-bytes",
                        llvm::formatv("must be at most 2^50 bytes, got {0}",
                                      m.capacityBytes));
    if (m.readBandwidth < 0 || m.writeBandwidth < 0)
      return fieldError(where, "bandwidth", "must be >= 0 (0 = unlimited)");
    for (auto [field, v] :
         {std::pair<llvm::StringRef, double>{"read-bandwidth", m.readBandwidth},
          {"write-bandwidth", m.writeBandwidth}})
      if (v > 0 && v < kMinBandwidth)
        return fieldError(where, field,
                          llvm::formatv("must be 0 (unlimited) or at least "
                                        "1e-6 words per cycle, got {0}",
                                        llvm::format("%g", v)));
    if (m.readEnergy < 0 || m.writeEnergy < 0 || m.area < 0)
      return fieldError(where, "energy", "energies and area must be >= 0");
    if (m.partition) {
      int64_t sum = 0;
      for (Tensor t : kAllTensors) {
        if ((*m.partition)[t] < 0)
          return fieldError(where, "partition." + tensorName(t).str(),
                            "must be >= 0");
        // (Each part is at most the capacity, itself bounded: no overflow.)
        if ((*m.partition)[t] > m.capacityBytes)
          return fieldError(where, "partition." + tensorName(t).str(),
                            llvm::formatv("{0} bytes, more than the capacity "
                                          "{1}",
                                          (*m.partition)[t], m.capacityBytes));
        sum += (*m.partition)[t];
      }
      if (sum > m.capacityBytes)
        return fieldError(where, "partition",
                          llvm::formatv("the parts add up to {0} bytes, more "
                                        "than the capacity {1}",
                                        sum, m.capacityBytes));
    }
    if (i == 0 && !m.fanout.empty())
      return fieldError(where, "fanout",
                        "DRAM has no fan-out: spread work below an on-chip "
                        "level");
    for (auto [j, s] : llvm::enumerate(m.fanout)) {
      std::string stage =
          llvm::formatv("{0} fanout[{1}] ({2})", where, j, s.name);
      if (s.size < 1)
        return fieldError(stage, "size",
                          llvm::formatv("must be >= 1, got {0}", s.size));
      // The units of every stage so far: bounded so that products of tiles
      // and fan-outs stay inside int64.
      units = units > kMaxUnits / s.size ? kMaxUnits + 1 : units * s.size;
      if (units > kMaxUnits)
        return fieldError(stage, "size",
                          llvm::formatv("the fan-out stages multiply to more "
                                        "than 2^31 units"));
      if (s.maxMappingLevels < 1)
        return fieldError(stage, "max-levels", "must be >= 1");
      for (const std::string &d : s.dims)
        if (d.size() != 1 ||
            llvm::StringRef("NKCPQRSG").find(d[0]) == llvm::StringRef::npos)
          return fieldError(stage, "dims",
                            "'" + d +
                                "' is not a loop dimension (N, K, C, "
                                "P, Q, R, S or G)");
      stageCapacity += s.maxMappingLevels;
    }
  }
  if (arch.maxParallelLevels > stageCapacity)
    return fieldError("accelerator", "parallel-levels",
                      llvm::formatv("max {0} exceeds what the fan-out stages "
                                    "can host ({1} levels)",
                                    arch.maxParallelLevels, stageCapacity));
  return llvm::Error::success();
}
