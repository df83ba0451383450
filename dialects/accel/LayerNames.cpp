//===- LayerNames.cpp - Names of layers in reports and exports ------------===//

#include "dialects/accel/LayerNames.h"
#include "mlir/IR/Location.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

std::string accel::layerName(Operation *op, unsigned index) {
  // The name the source model gives it (the ONNX node's), which survives
  // printing without locations and every pass.
  if (auto name = op->getAttrOfType<StringAttr>("accel.name"))
    return name.getValue().str();
  std::string kind = op->getName().stripDialect().str();
  Location loc = op->getLoc();
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location inner : fused.getLocations())
      if (isa<NameLoc>(inner))
        loc = inner;
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto file = dyn_cast<FileLineColLoc>(loc))
    return llvm::formatv("{0}@{1}", kind, file.getLine());
  return llvm::formatv("{0}#{1}", kind, index);
}
