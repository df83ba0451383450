//===- GroupSchedule.cpp - How a layer group runs -------------------------===//

#include "accel/Workload/GroupSchedule.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"
#include <algorithm>

using namespace accel;

GroupSchedule GroupSchedule::defaults(int64_t height) {
  GroupSchedule s;
  s.rows = std::max(minTileRows(height), std::min<int64_t>(4, height));
  return s;
}

llvm::Error GroupSchedule::check() const {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  if (rows < 1)
    return fail("rows: must be >= 1, got " + llvm::Twine(rows));
  if (split.kind == BufferSplit::Kind::Weights && split.weightBytes < 0)
    return fail("split: the weights' bytes must be >= 0, got " +
                llvm::Twine(split.weightBytes));
  if (mode == ExecutionMode::Pipelined) {
    if (pes.empty())
      return fail("pes: a pipelined group gives each computing layer a share "
                  "of the PE array");
    for (auto [i, n] : llvm::enumerate(pes))
      if (n < 1)
        return fail(llvm::formatv("pes: layer {0}'s share must be >= 1, got "
                                  "{1}",
                                  i, n));
    if (weights == WeightPolicy::Streamed)
      return fail("weights: a pipelined group keeps its weights resident "
                  "(every layer runs on every beat)");
  } else if (!pes.empty()) {
    return fail("pes: only a pipelined group shares out the PE array");
  }
  return llvm::Error::success();
}

llvm::hash_code accel::hash_value(const GroupSchedule &s) {
  return llvm::hash_combine(
      s.rows, s.halo, s.weights, s.doubleBuffer, s.split.kind,
      s.split.kind == BufferSplit::Kind::Weights ? s.split.weightBytes : 0,
      s.mode, llvm::hash_combine_range(s.pes.begin(), s.pes.end()));
}

llvm::hash_code accel::hash_value(const BufferSplit &s) {
  return llvm::hash_combine(
      s.kind, s.kind == BufferSplit::Kind::Weights ? s.weightBytes : 0);
}

llvm::StringRef accel::haloPolicyName(HaloPolicy h) {
  return h == HaloPolicy::Keep ? "keep" : "recompute";
}
llvm::StringRef accel::weightPolicyName(WeightPolicy w) {
  return w == WeightPolicy::Resident ? "resident" : "streamed";
}
llvm::StringRef accel::executionModeName(ExecutionMode m) {
  return m == ExecutionMode::DepthFirst ? "depth_first" : "pipelined";
}
std::optional<HaloPolicy> accel::parseHaloPolicy(llvm::StringRef s) {
  return llvm::StringSwitch<std::optional<HaloPolicy>>(s)
      .Case("keep", HaloPolicy::Keep)
      .Case("recompute", HaloPolicy::Recompute)
      .Default(std::nullopt);
}
std::optional<WeightPolicy> accel::parseWeightPolicy(llvm::StringRef s) {
  return llvm::StringSwitch<std::optional<WeightPolicy>>(s)
      .Case("resident", WeightPolicy::Resident)
      .Case("streamed", WeightPolicy::Streamed)
      .Default(std::nullopt);
}
std::optional<ExecutionMode> accel::parseExecutionMode(llvm::StringRef s) {
  return llvm::StringSwitch<std::optional<ExecutionMode>>(s)
      .Case("depth_first", ExecutionMode::DepthFirst)
      .Case("pipelined", ExecutionMode::Pipelined)
      .Default(std::nullopt);
}

void accel::printSchedule(llvm::raw_ostream &os, const GroupSchedule &s) {
  GroupSchedule d;
  os << "rows = " << s.rows;
  if (s.halo != d.halo)
    os << ", halo = " << haloPolicyName(s.halo);
  if (s.weights != d.weights)
    os << ", weights = " << weightPolicyName(s.weights);
  if (s.doubleBuffer != d.doubleBuffer)
    os << ", double_buffer = " << (s.doubleBuffer ? "true" : "false");
  switch (s.split.kind) {
  case BufferSplit::Kind::Arch:
    break;
  case BufferSplit::Kind::Shared:
    os << ", split = shared";
    break;
  case BufferSplit::Kind::Weights:
    os << ", split = weights(" << s.split.weightBytes << ")";
    break;
  }
  if (s.mode != d.mode)
    os << ", mode = " << executionModeName(s.mode);
  if (!s.pes.empty()) {
    os << ", pes = [";
    llvm::interleaveComma(s.pes, os);
    os << "]";
  }
}
