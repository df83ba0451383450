//===- GroupAnalysis.cpp - A layer group in the pure group model ----------===//

#include "accel/Analysis/GroupAnalysis.h"
#include "accel/Arch/GroupResources.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/LayerNames.h"

using namespace mlir;
using namespace accel;

GroupAnalysis::GroupAnalysis(Operation *op,
                             const std::optional<DataPrecision> &precision)
    : group_(cast<GroupOp>(op)) {
  llvm::Expected<BlockGraph> body =
      buildBlockGraph(group_.getBodyBlock(), layerName);
  if (!body) {
    error_ = llvm::toString(body.takeError());
    return;
  }
  if (precision)
    body->graph.setPrecision(*precision);
  body_ = std::make_unique<BlockGraph>(std::move(*body));
  schedule_ = groupSchedule(group_, *body_);
  llvm::Expected<GroupTiling> tiling =
      GroupTiling::compute(body_->graph, body_->allLayers(), schedule_);
  if (!tiling) {
    error_ = llvm::toString(tiling.takeError());
    return;
  }
  tiling_.emplace(std::move(*tiling));
}

std::string GroupAnalysis::name() const {
  return group_.getName() ? group_.getName()->str() : "";
}

FailureOr<std::vector<Mapping>>
GroupAnalysis::mappings(const Arch &arch, std::vector<bool> *fromIr) const {
  std::vector<Mapping> all(tiling_->layers().size());
  if (fromIr)
    fromIr->assign(all.size(), false);
  for (unsigned i = 0; i < all.size(); ++i) {
    if (!graph().layer(tiling_->layers()[i]).computes())
      continue;
    auto layer = cast<LayerOpInterface>(op(i));
    if (MappingAttr attr = layer.getMappingAttr()) {
      all[i] = attr.getValue();
      if (fromIr)
        (*fromIr)[i] = true;
      continue;
    }
    llvm::Expected<Mapping> m = defaultMapping(
        tiling_->mappedProblem(i), groupLayerArch(arch, tiling_->peShare(i)),
        groupLayerOptions(*tiling_, i));
    if (!m)
      return layer->emitError("no default mapping of its tile fits: ")
             << llvm::toString(m.takeError());
    all[i] = *m;
  }
  return all;
}
