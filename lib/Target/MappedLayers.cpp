//===- MappedLayers.cpp - The layers an export writes ---------------------===//

#include "MappedLayers.h"
#include "accel/Analysis/ArchResolution.h"
#include "dialects/accel/LayerNames.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"

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
    if (MappingAttr attr = layer.getMappingAttr()) {
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
