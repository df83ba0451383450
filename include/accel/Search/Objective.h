//===- Objective.h - What a search minimises --------------------*- C++ -*-===//
//
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_OBJECTIVE_H
#define ACCEL_SEARCH_OBJECTIVE_H

#include "accel/CostModel/CostModel.h"
#include <optional>

namespace accel {

enum class ObjectiveKind { Latency, Energy, EDP, Power, Weighted };

struct Objective {
  ObjectiveKind kind = ObjectiveKind::EDP;
  /// For Weighted: minimise latency^latencyWeight x energy^energyWeight
  /// (1, 1 is EDP; 2, 1 is ED^2P), compared as logarithms.
  double latencyWeight = 1, energyWeight = 1;
  /// A latency limit (0 = none): a mapping slower than `maxCycles` scores
  /// after every one within it, the slower the worse (GAMMA's second stage
  /// of a layer pipeline: least energy within the pipeline's interval).
  double maxCycles = 0;

  /// Lower is better. Only meaningful for valid results.
  double score(const CostResult &r) const;
  /// "latency", "energy", "edp", "power" or "weighted".
  static std::optional<ObjectiveKind> parse(llvm::StringRef name);
  llvm::StringRef name() const;
};

} // namespace accel

#endif // ACCEL_SEARCH_OBJECTIVE_H
