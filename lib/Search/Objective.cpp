//===- Objective.cpp - What a search minimises ----------------------------===//

#include "accel/Search/Objective.h"
#include "llvm/ADT/StringSwitch.h"
#include <cmath>

using namespace accel;

double Objective::score(const CostResult &r) const {
  if (maxCycles > 0 && r.cycles > maxCycles)
    return 1e250 * (r.cycles / maxCycles); // above any score within it
  switch (kind) {
  case ObjectiveKind::Latency:
    return r.cycles;
  case ObjectiveKind::Energy:
    return r.energy;
  case ObjectiveKind::EDP:
    return r.edp;
  case ObjectiveKind::Power:
    return r.powerWatts;
  case ObjectiveKind::Weighted:
    return latencyWeight * std::log(std::max(r.cycles, 1e-300)) +
           energyWeight * std::log(std::max(r.energy, 1e-300));
  }
  return r.edp;
}

std::optional<ObjectiveKind> Objective::parse(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<ObjectiveKind>>(name)
      .Case("latency", ObjectiveKind::Latency)
      .Case("energy", ObjectiveKind::Energy)
      .Case("edp", ObjectiveKind::EDP)
      .Case("power", ObjectiveKind::Power)
      .Case("weighted", ObjectiveKind::Weighted)
      .Default(std::nullopt);
}

llvm::StringRef Objective::name() const {
  switch (kind) {
  case ObjectiveKind::Latency:
    return "latency";
  case ObjectiveKind::Energy:
    return "energy";
  case ObjectiveKind::EDP:
    return "edp";
  case ObjectiveKind::Power:
    return "power";
  case ObjectiveKind::Weighted:
    return "weighted";
  }
  return "edp";
}
