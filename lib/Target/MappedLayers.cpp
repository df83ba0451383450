//===- MappedLayers.cpp - The layers an export writes ---------------------===//

#include "MappedLayers.h"
#include "accel/Analysis/ArchResolution.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"

using namespace mlir;

FailureOr<accel::MappedModule>
accel::collectMappedLayers(ModuleOp module, llvm::StringRef archOption) {
  FailureOr<Arch> resolved = resolvePassArch(module, archOption);
  if (failed(resolved))
    return failure();
  const Arch &arch = *resolved;
  std::vector<MappedLayer> layers;
  unsigned index = 0;
  WalkResult walk = module.walk([&](LayerOpInterface layer) {
    MappedLayer l{layer,
                  layerName(layer, index++),
                  layer->getName().stripDialect().str(),
                  problemAt(layer, arch.precision),
                  Mapping(),
                  false};
    // A layer in a group is mapped for its tile under the group's schedule,
    // which neither peer can express (no fusion): it is exported as a layer
    // alone, with the mapping --accel-fuse found for it alone.
    MappingAttr attr = layer.getMappingAttr();
    if (auto group = layer->getParentOfType<GroupOp>()) {
      attr = layer->getAttrOfType<MappingAttr>("accel.unfused_mapping");
      l.group = group.getName().value_or("group").str();
    }
    if (attr) {
      l.mapping = attr.getValue();
    } else {
      llvm::Expected<Mapping> m = defaultMapping(l.problem, arch);
      if (!m) {
        layer->emitError(llvm::toString(m.takeError()));
        return WalkResult::interrupt();
      }
      l.mapping = *m;
      l.defaultMapping = true;
    }
    layers.push_back(std::move(l));
    return WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return failure();
  return MappedModule{arch, std::move(layers)};
}

LogicalResult accel::ExportDirectory::create() {
  if (std::error_code ec = llvm::sys::fs::create_directories(path_))
    return emitError(module_.getLoc(), "cannot create ")
           << path_ << ": " << ec.message();
  return success();
}

LogicalResult accel::ExportDirectory::write(llvm::StringRef name,
                                            llvm::StringRef text,
                                            bool executable) {
  llvm::SmallString<128> path(path_);
  llvm::sys::path::append(path, name);
  {
    std::error_code ec;
    llvm::raw_fd_ostream f(path, ec);
    if (ec)
      return emitError(module_.getLoc(), "cannot write ")
             << path << ": " << ec.message();
    f << text;
  }
  if (executable)
    llvm::sys::fs::setPermissions(path, llvm::sys::fs::all_read |
                                            llvm::sys::fs::all_exe |
                                            llvm::sys::fs::owner_write);
  return success();
}

accel::RunScript::RunScript(llvm::StringRef purpose)
    : text_(("#!/bin/sh\n" + purpose +
             "\ncd \"$(dirname \"$0\")\" || exit 1\n"
             "status=0\n")
                .str()) {}

void accel::RunScript::add(llvm::StringRef command, llvm::StringRef name,
                           llvm::StringRef log) {
  text_ += llvm::formatv("{0} || {{ echo \"rejected: {1} (see {2})\"; "
                         "status=1; }\n",
                         command, name, log)
               .str();
}

std::string accel::layerFileStem(unsigned index, llvm::StringRef name) {
  std::string safe;
  for (char c : name)
    safe += llvm::isAlnum(c) || c == '-' || c == '_' ? c : '_';
  while (!safe.empty() && safe.front() == '_')
    safe.erase(0, 1);
  return llvm::formatv("L{0:2}-{1}", index, safe).str();
}
