//===- ArchResolution.cpp - The accelerator a pass works for --------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/Presets.h"
#include "dialects/accel/AccelAttrs.h"
#include "dialects/accel/AccelOps.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

FailureOr<accel::Arch>
accel::resolvePassArch(ModuleOp module, llvm::StringRef option,
                       std::optional<PrecisionPolicy> precision) {
  llvm::Expected<Arch> arch =
      llvm::createStringError(llvm::inconvertibleErrorCode(), "no accelerator");
  auto target = module->getAttrOfType<TargetAttr>("accel.target");
  if (!precision)
    precision = target ? target.getPrecision() : PrecisionPolicy::Accelerator;
  if (!option.empty()) {
    arch = resolveArch(option);
  } else if (target) {
    arch = target.getPreset().empty() ? loadArchFile(target.getFile())
                                      : resolveArch(target.getPreset());
  } else {
    return module.emitError("no accelerator: pass the 'arch' option or set "
                            "the module's accel.target");
  }
  if (!arch)
    return module.emitError(llvm::toString(arch.takeError()));
  if (*precision == PrecisionPolicy::IR)
    arch->precision.reset();
  return *arch;
}

FailureOr<accel::Arch>
accel::resolveOnChipArch(ModuleOp module, llvm::StringRef option,
                         std::optional<PrecisionPolicy> precision) {
  FailureOr<Arch> arch = resolvePassArch(module, option, precision);
  if (succeeded(arch) && arch->memories.size() < 2)
    return module.emitError() << arch->name << " has no on-chip memory level";
  return arch;
}

void accel::recordPassArch(ModuleOp module, llvm::StringRef option,
                           PrecisionPolicy precision) {
  if (option.empty() || module->hasAttr("accel.target"))
    return;
  MLIRContext *ctx = module.getContext();
  TargetAttr target = getPreset(option)
                          ? TargetAttr::get(ctx, option, "", precision)
                          : TargetAttr::get(ctx, "", option, precision);
  module->setAttr("accel.target", target);
}

void accel::remarkPrecision(ModuleOp module, const Arch &arch) {
  if (!arch.precision)
    return;
  // The element types the layers' operands and results have, in order.
  llvm::SetVector<Type> types;
  module.walk([&](LayerOpInterface layer) {
    for (Value v : layer->getOperands())
      if (auto t = dyn_cast<ShapedType>(v.getType()))
        types.insert(t.getElementType());
    for (Value v : layer->getResults())
      if (auto t = dyn_cast<ShapedType>(v.getType()))
        types.insert(t.getElementType());
  });
  const DataPrecision &p = *arch.precision;
  bool differ = llvm::any_of(types, [&](Type t) {
    unsigned bits = t.getIntOrFloatBitWidth();
    return bits != p.weights || bits != p.activations || bits != p.partialSums;
  });
  if (!differ)
    return;
  InFlightDiagnostic remark = module.emitRemark();
  remark << "costed at " << arch.name << "'s precision (weights " << p.weights
         << ", activations " << p.activations << ", partial sums "
         << p.partialSums << " bits), not the IR's element types (";
  std::string names;
  llvm::raw_string_ostream os(names);
  llvm::interleaveComma(types, os);
  remark << names;
  remark << "); precision=ir costs the IR's types";
}
