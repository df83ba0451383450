//===- Arch.h - Description of a spatial DNN accelerator --------*- C++ -*-===//
//
// An accelerator is a memory hierarchy of any depth, outermost (DRAM) first,
// with spatial fan-out stages hanging below memory levels: a stage of size F
// below level m means each instance of m feeds F instances of what comes
// next (the next memory level, or the MACs below the last one). The number of
// processing elements is the product of all stage sizes.
//
//   DRAM -> GlobalBuffer -> [rows 12] [cols 14] -> PE spads -> MAC
//
// Pure data (no MLIR IR), read from YAML by ArchYaml.h or built by Presets.h.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ARCH_ARCH_H
#define ACCEL_ARCH_ARCH_H

#include "accel/Workload/Problem.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accel {

/// Spatial fan-out below a memory level.
struct FanoutStage {
  std::string name;
  int64_t size = 1; ///< units side by side
  /// How many mapping levels may spread over this stage (their fan-outs
  /// multiply to at most `size`): 1 for a fixed array dimension, 2 for an
  /// array of flexible aspect ratio.
  unsigned maxMappingLevels = 1;
  /// A value read once from the parent can be delivered to many units.
  bool multicast = true;
  /// Partial sums from many units can be added in the network on their way
  /// up (otherwise each is written to the parent separately).
  bool spatialReduction = true;
  /// Loop dimensions this stage can spread ("N".."G"); empty = any. A fixed
  /// dataflow (NVDLA: K and C) restricts them.
  std::vector<std::string> dims;
};

struct MemoryLevel {
  std::string name;
  /// Bytes per instance; 0 = unbounded (DRAM).
  int64_t capacityBytes = 0;
  /// Optional split of the capacity between tensors, bytes per tensor. A
  /// tensor with 0 bytes bypasses this level. Without it the level is shared.
  std::optional<PerTensor<int64_t>> partition;
  int64_t wordBits = 16;     ///< width of one access
  double readBandwidth = 0;  ///< words per cycle per instance; 0 = unlimited
  double writeBandwidth = 0; ///< words per cycle per instance; 0 = unlimited
  double readEnergy = 0;     ///< pJ per word read
  double writeEnergy = 0;    ///< pJ per word written
  double area = 0;           ///< um^2 per instance (optional, for DSE)
  std::vector<FanoutStage> fanout; ///< stages below this level, outer first

  bool isUnbounded() const { return capacityBytes == 0; }
  /// Whether `t` is stored at this level (not bypassed).
  bool holds(Tensor t) const { return !partition || (*partition)[t] > 0; }
  /// Capacity available to `t` (the whole level when shared).
  int64_t capacityFor(Tensor t) const {
    return partition ? (*partition)[t] : capacityBytes;
  }
};

struct Arch {
  std::string name;
  std::string description;
  std::string source;                ///< where the numbers come from
  std::vector<MemoryLevel> memories; ///< [0] is DRAM; outermost first
  int64_t macBits = 16;
  /// The bits the accelerator stores weights, activations and partial sums
  /// in; every cost, footprint and search uses them. Unset: the IR's own
  /// element types (a pass's `precision=ir`). A file without `precision`
  /// stores everything at mac.bits.
  std::optional<DataPrecision> precision = DataPrecision{};
  double macEnergy = 0; ///< pJ per multiply-accumulate
  double macArea = 0;   ///< um^2 per MAC (optional)
  double clockGHz = 1.0;
  /// Limits on the number of mapping levels with a spatial dimension (GAMMA's
  /// S1: 2..2, S2: 1..2, S3: 2..3).
  unsigned minParallelLevels = 1;
  unsigned maxParallelLevels = 2;

  /// Number of processing elements: the product of all fan-out stages.
  int64_t numPEs() const;
  /// Instances of memory level `m` (product of the stages above it).
  int64_t instances(unsigned m) const;
  /// Total fan-out stages over all levels.
  unsigned numStages() const;
  /// "8-bit weights, 8-bit activations, 24-bit partial sums" (or the same
  /// width once: "16-bit data"), or "the IR's element types".
  std::string precisionText() const;
};

/// Checks that an accelerator makes sense. The error names the field, e.g.
/// "memories[2] (PESpad): capacity-bytes: must be >= 0, got -4".
llvm::Error validateArch(const Arch &arch);

} // namespace accel

#endif // ACCEL_ARCH_ARCH_H
