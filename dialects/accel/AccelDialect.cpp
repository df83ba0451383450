//===- AccelDialect.cpp - The accel dialect -------------------------------===//

#include "dialects/accel/AccelDialect.h"
#include "dialects/accel/AccelAttrs.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel;

#include "dialects/accel/AccelDialect.cpp.inc"

void AccelDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/accel/AccelOps.cpp.inc"
      >();
  registerAttributes();
}

LogicalResult AccelDialect::verifyOperationAttribute(Operation *op,
                                                     NamedAttribute attr) {
  if (attr.getName() == "accel.target") {
    if (!isa<ModuleOp>(op))
      return op->emitError("'accel.target' may only be attached to a module");
    if (!isa<TargetAttr>(attr.getValue()))
      return op->emitError("'accel.target' must be an #accel.target<...> "
                           "attribute, got ")
             << attr.getValue();
    return success();
  }
  if (attr.getName() == "accel.name") {
    auto name = dyn_cast<StringAttr>(attr.getValue());
    if (!name || name.getValue().empty())
      return op->emitError("'accel.name' must be a non-empty string, got ")
             << attr.getValue();
    return success();
  }
  if (attr.getName() == kWeightsFileAttr) {
    auto file = dyn_cast<StringAttr>(attr.getValue());
    if (!isa<ModuleOp>(op) || !file || file.getValue().empty())
      return op->emitError("'accel.weights_file' must be a non-empty string "
                           "(a path) on a module");
    return success();
  }
  if (attr.getName() == "accel.unfused_mapping") {
    auto layer = dyn_cast<LayerOpInterface>(op);
    auto mapping = dyn_cast<MappingAttr>(attr.getValue());
    if (!layer || !mapping)
      return op->emitError("'accel.unfused_mapping' must be an "
                           "#accel.mapping<...> on a layer");
    // The bounds the layer's own mapping is checked against.
    LoopBounds bounds = layer.getProblem().bounds;
    if (llvm::Error e = verifyMapping(mapping.getValue(), &bounds))
      return op->emitError("'accel.unfused_mapping' does not fit the "
                           "layer: ")
             << llvm::toString(std::move(e));
    return success();
  }
  return op->emitError("unknown accel attribute '")
         << attr.getName().getValue() << "'";
}

LogicalResult AccelDialect::verifyRegionArgAttribute(Operation *op,
                                                     unsigned region,
                                                     unsigned arg,
                                                     NamedAttribute attr) {
  if (attr.getName() == kWeightArgAttr) {
    auto name = dyn_cast<StringAttr>(attr.getValue());
    if (!name || name.getValue().empty())
      return op->emitError("'accel.weight' on argument #")
             << arg << " must be a non-empty string (its array in the "
             << "weights file), got " << attr.getValue();
    return success();
  }
  return op->emitError("unknown accel argument attribute '")
         << attr.getName().getValue() << "' on argument #" << arg;
}
