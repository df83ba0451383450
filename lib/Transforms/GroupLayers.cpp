//===- GroupLayers.cpp - --accel-group-layers -----------------------------===//

#include "accel/Transforms/GroupFormation.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/LayerNames.h"
#include "llvm/ADT/StringMap.h"

namespace accel {
#define GEN_PASS_DEF_ACCELGROUPLAYERS
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

struct GroupLayersPass
    : public accel::impl::AccelGroupLayersBase<GroupLayersPass> {
  using AccelGroupLayersBase::AccelGroupLayersBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Layers by name.
    llvm::StringMap<Operation *> byName;
    unsigned index = 0;
    module.walk([&](LayerOpInterface layer) {
      byName[layerName(layer, index++)] = layer;
    });
    SmallVector<StringRef> groupTexts;
    StringRef(groups).split(groupTexts, ';', -1, false);
    llvm::DenseMap<Operation *, unsigned> taken;
    SmallVector<SmallVector<Operation *>> plan;
    for (auto [g, text] : llvm::enumerate(groupTexts)) {
      SmallVector<StringRef> names;
      text.split(names, '+', -1, false);
      SmallVector<Operation *> layers;
      for (StringRef n : names) {
        n = n.trim();
        Operation *op = byName.lookup(n);
        if (!op) {
          module.emitError("--accel-group-layers: no layer named '")
              << n << "' (group " << g << ")";
          return signalPassFailure();
        }
        if (!taken.try_emplace(op, g).second) {
          op->emitError("layer '")
              << n << "' is in groups " << taken[op] << " and " << g;
          return signalPassFailure();
        }
        layers.push_back(op);
      }
      if (!layers.empty())
        plan.push_back(layers);
    }
    for (auto [g, layers] : llvm::enumerate(plan))
      if (failed(formGroup(layers, "g" + std::to_string(g), ScheduleAttr(),
                           /*keepMappings=*/false)))
        return signalPassFailure();
  }
};

} // namespace
