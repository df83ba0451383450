//===- GroupLayers.cpp - --accel-group-layers -----------------------------===//

#include "dialects/accel/LayerNames.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"

namespace accel {
#define GEN_PASS_DEF_ACCELGROUPLAYERS
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

LogicalResult formGroup(ModuleOp module, ArrayRef<Operation *> layers,
                        StringRef name) {
  llvm::SetVector<Operation *> members(layers.begin(), layers.end());
  Block *block = layers.front()->getBlock();
  for (Operation *op : layers)
    if (op->getBlock() != block)
      return op->emitError("group '")
             << name << "': its layers are not all in one block";
  // Convexity, on the block's layer graph.
  llvm::Expected<BlockGraph> graph = buildBlockGraph(*block, layerName);
  if (!graph)
    return layers.front()->emitError("group '")
           << name << "': " << llvm::toString(graph.takeError());
  std::vector<unsigned> ids;
  for (auto [id, op] : llvm::enumerate(graph->ops))
    if (members.count(op))
      ids.push_back(id);
  std::vector<unsigned> path;
  if (!isConvexGroup(graph->graph, ids, &path)) {
    InFlightDiagnostic d = graph->ops[path.front()]->emitError("group '")
                           << name << "' is not convex: ";
    llvm::interleave(
        path, d, [&](unsigned id) { d << graph->graph.layer(id).name; },
        " -> ");
    return d << " leaves the group and comes back";
  }
  // Members in block order; the group goes where the last one was, after
  // every outside value they read.
  SmallVector<Operation *> ordered(members.begin(), members.end());
  llvm::sort(ordered,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  llvm::SetVector<Value> inputs;
  for (Operation *op : ordered)
    for (Value v : op->getOperands())
      if (!members.count(v.getDefiningOp()))
        inputs.insert(v);
  SmallVector<Value> outputs;
  for (Operation *op : ordered)
    for (Value r : op->getResults())
      if (llvm::any_of(r.getUsers(),
                       [&](Operation *u) { return !members.count(u); }))
        outputs.push_back(r);
  if (outputs.empty())
    return ordered.back()->emitError("group '")
           << name << "' has no result used after it";
  OpBuilder b(ordered.back());
  b.setInsertionPointAfter(ordered.back());
  auto group = GroupOp::create(b, ordered.front()->getLoc(),
                               ValueRange(outputs).getTypes(),
                               inputs.getArrayRef(), b.getStringAttr(name),
                               /*schedule=*/nullptr);
  Block *body = new Block();
  group.getBody().push_back(body);
  IRMapping map;
  for (Value v : inputs)
    map.map(v, body->addArgument(v.getType(), v.getLoc()));
  OpBuilder inside = OpBuilder::atBlockEnd(body);
  // A mapping maps a whole layer; inside the group the layer needs one for
  // its tile (--accel-map).
  for (Operation *op : ordered)
    inside.clone(*op, map)->removeAttr("mapping");
  SmallVector<Value> yielded;
  for (Value v : outputs)
    yielded.push_back(map.lookup(v));
  YieldOp::create(inside, group.getLoc(), yielded);
  for (auto [v, r] : llvm::zip(outputs, group.getResults()))
    v.replaceUsesWithIf(r, [&](OpOperand &use) {
      return !members.count(use.getOwner()) &&
             use.getOwner()->getParentOp() != group;
    });
  for (Operation *op : llvm::reverse(ordered))
    op->erase();
  return success();
}

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
      if (failed(formGroup(module, layers, "g" + std::to_string(g))))
        return signalPassFailure();
  }
};

} // namespace
