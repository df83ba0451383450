//===- GroupAnalysis.h - A layer group in the pure group model --*- C++ -*-===//
//
// The adapter every pass uses for an `accel.group`: its body as a
// LayerGraph (AccelGraph.h), its schedule (the `#accel.schedule` attribute
// or the default), and its tiles (GroupTiling: regions, halos, stages,
// footprint), with the way back from graph ids to values and ops. Costs come
// from GroupCost.h on the same tiling. No algorithm lives here.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ANALYSIS_GROUPANALYSIS_H
#define ACCEL_ANALYSIS_GROUPANALYSIS_H

#include "accel/Arch/Arch.h"
#include "accel/Workload/GroupTiling.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include <memory>

namespace accel {

class GroupAnalysis {
public:
  /// Models `group` (an accel.group) with its data at the accelerator's
  /// `precision` (unset: the IR's element types). On a group that does not
  /// verify, valid() is false and error() says why.
  explicit GroupAnalysis(mlir::Operation *group,
                         const std::optional<DataPrecision> &precision = {});

  bool valid() const { return tiling_.has_value(); }
  const std::string &error() const { return error_; }

  GroupOp group() const { return group_; }
  /// The group's name for reports ("" without one).
  std::string name() const;
  const GroupSchedule &schedule() const { return schedule_; }
  const BlockGraph &body() const { return *body_; }
  const LayerGraph &graph() const { return body_->graph; }
  const GroupTiling &tiling() const { return *tiling_; }

  /// The graph tensor of a value of the body (none for a value no layer
  /// touches, e.g. an argument passed straight to the yield).
  std::optional<unsigned> tensorOf(mlir::Value v) const {
    auto it = body_->tensors.find(v);
    if (it == body_->tensors.end())
      return std::nullopt;
    return it->second;
  }
  /// The op of layer i of tiling().layers().
  mlir::Operation *op(unsigned i) const {
    return body_->ops[tiling_->layers()[i]];
  }

  /// The mapping of each layer of the group, for evaluateGroup: the one it
  /// carries, or the default mapping of its tile on the accelerator part it
  /// runs on (`fromIr` says which). Emits an error at a layer for which
  /// none fits.
  mlir::FailureOr<std::vector<Mapping>>
  mappings(const Arch &arch, std::vector<bool> *fromIr = nullptr) const;

private:
  mutable GroupOp group_; // op handles are not const-correct
  std::unique_ptr<BlockGraph> body_;
  GroupSchedule schedule_;
  std::optional<GroupTiling> tiling_;
  std::string error_;
};

} // namespace accel

#endif
