//===- PrintBufferFootprint.cpp - --accel-print-buffer-footprint ----------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/BufferFootprint.h"
#include "accel/Analysis/LayerNames.h"
#include "accel/Analysis/Passes.h"
#include "accel/CostModel/CostModel.h"
#include "accel/Search/DefaultMapping.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {
#define GEN_PASS_DEF_ACCELPRINTBUFFERFOOTPRINT
#include "accel/Analysis/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

struct PrintBufferFootprintPass
    : public accel::impl::AccelPrintBufferFootprintBase<
          PrintBufferFootprintPass> {
  using AccelPrintBufferFootprintBase::AccelPrintBufferFootprintBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (tileRows < 1 || (weights != "resident" && weights != "streamed")) {
      module.emitError("expected tile-rows >= 1 and weights=resident or "
                       "streamed, got tile-rows=")
          << tileRows.getValue() << " weights=" << weights.getValue();
      return signalPassFailure();
    }
    std::optional<Arch> arch;
    if (!this->arch.empty() || module->hasAttr("accel.target")) {
      FailureOr<Arch> a = resolvePassArch(module, this->arch);
      if (failed(a))
        return signalPassFailure();
      arch = *a;
    }
    llvm::raw_ostream &os = llvm::outs();
    WeightPolicy policy =
        weights == "resident" ? WeightPolicy::Resident : WeightPolicy::Streamed;
    module.walk([&](GroupOp group) {
      GroupFootprint f = groupFootprint(group, tileRows, policy, doubleBuffer);
      os << "group " << (group.getName() ? *group.getName() : "") << ": "
         << f.tiles << " tiles of " << tileRows << " rows, weights " << weights
         << "\n";
      os << "  inputs " << f.inputBytes << " B, intermediates "
         << f.intermediateBytes << " B, outputs " << f.outputBytes
         << " B (peak tile)\n";
      os << "  activations " << f.activationBytes << " B + weights "
         << f.weightBytes << " B = " << f.totalBytes() << " B\n";
      if (arch) {
        FitReport fit = checkFit(f, *arch);
        os << "  " << (fit.fits ? "fits" : "does not fit") << " " << fit.level
           << " of " << arch->name << ": " << fit.detail << "\n";
      }
    });
    if (!arch)
      return markAllAnalysesPreserved();
    unsigned index = 0;
    module.walk([&](LayerOpInterface layer) {
      if (layer->getParentOfType<GroupOp>())
        return;
      LayerProblem problem = layer.getProblem();
      Mapping mapping;
      if (MappingAttr attr = layer.getMappingAttr())
        mapping = attr.getValue();
      else if (llvm::Expected<Mapping> m = defaultMapping(problem, *arch))
        mapping = *m;
      else {
        os << layerName(layer, index++) << ": " << llvm::toString(m.takeError())
           << "\n";
        return;
      }
      CostOptions options;
      options.doubleBuffering = doubleBuffer;
      CostResult c = evaluate(problem, *arch, mapping, options);
      os << layerName(layer, index++) << " ("
         << (layer.getMappingAttr() ? "its" : "default") << " mapping"
         << (c.valid ? "" : ", invalid: " + c.reason) << "):\n";
      for (auto [m, lc] : llvm::enumerate(c.levels)) {
        if (m == 0)
          continue;
        os << "  " << arch->memories[m].name << ": weights "
           << lc.bytes[Tensor::Weights] << " B, inputs "
           << lc.bytes[Tensor::Inputs] << " B, outputs "
           << lc.bytes[Tensor::Outputs] << " B per instance\n";
      }
    });
    markAllAnalysesPreserved();
  }
};

} // namespace
