//===- GroupFormation.cpp - Wrapping layers into an accel.group -----------===//

#include "accel/Transforms/GroupFormation.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/LayerNames.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;
using namespace accel;

FailureOr<GroupOp> accel::formGroup(ArrayRef<Operation *> layers,
                                    StringRef name, ScheduleAttr schedule,
                                    bool keepMappings) {
  llvm::SetVector<Operation *> members(layers.begin(), layers.end());
  Block *block = layers.front()->getBlock();
  for (Operation *op : layers)
    if (op->getBlock() != block)
      return op->emitError("group '")
             << name << "': its layers are not all in one block";
  // Convexity, on the block's layer graph.
  llvm::Expected<BlockGraph> graph =
      buildBlockGraph(*block, layerName, /*strict=*/false);
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
  auto group = GroupOp::create(
      b, ordered.front()->getLoc(), ValueRange(outputs).getTypes(),
      inputs.getArrayRef(), b.getStringAttr(name), schedule);
  Block *body = new Block();
  group.getBody().push_back(body);
  IRMapping map;
  for (Value v : inputs)
    map.map(v, body->addArgument(v.getType(), v.getLoc()));
  OpBuilder inside = OpBuilder::atBlockEnd(body);
  for (Operation *op : ordered) {
    Operation *clone = inside.clone(*op, map);
    if (!keepMappings)
      clone->removeAttr("mapping");
  }
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
  return group;
}
