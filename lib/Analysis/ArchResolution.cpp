//===- ArchResolution.cpp - The accelerator a pass works for --------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/Presets.h"
#include "dialects/accel/AccelAttrs.h"

using namespace mlir;

FailureOr<accel::Arch> accel::resolvePassArch(ModuleOp module,
                                              llvm::StringRef option) {
  llvm::Expected<Arch> arch =
      llvm::createStringError(llvm::inconvertibleErrorCode(), "no accelerator");
  if (!option.empty()) {
    arch = resolveArch(option);
  } else if (auto target = module->getAttrOfType<TargetAttr>("accel.target")) {
    arch = target.getPreset().empty() ? loadArchFile(target.getFile())
                                      : resolveArch(target.getPreset());
  } else {
    return module.emitError("no accelerator: pass the 'arch' option or set "
                            "the module's accel.target");
  }
  if (!arch)
    return module.emitError(llvm::toString(arch.takeError()));
  return *arch;
}

FailureOr<accel::Arch> accel::resolveOnChipArch(ModuleOp module,
                                                llvm::StringRef option) {
  FailureOr<Arch> arch = resolvePassArch(module, option);
  if (succeeded(arch) && arch->memories.size() < 2)
    return module.emitError() << arch->name << " has no on-chip memory level";
  return arch;
}

void accel::recordPassArch(ModuleOp module, llvm::StringRef option) {
  if (option.empty() || module->hasAttr("accel.target"))
    return;
  MLIRContext *ctx = module.getContext();
  TargetAttr target = getPreset(option) ? TargetAttr::get(ctx, option, "")
                                        : TargetAttr::get(ctx, "", option);
  module->setAttr("accel.target", target);
}
