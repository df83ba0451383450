//===- PrintBufferFootprint.cpp - --accel-print-buffer-footprint ----------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/GroupAnalysis.h"
#include "accel/Analysis/Passes.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/LayerNames.h"
#include "llvm/Support/FormatVariadic.h"
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
    std::optional<Arch> arch;
    if (!this->arch.empty() || module->hasAttr("accel.target")) {
      FailureOr<Arch> a = resolvePassArch(
          module, this->arch, givenPrecision(this->arch, precision));
      if (failed(a))
        return signalPassFailure();
      arch = *a;
    }
    llvm::raw_ostream &os = llvm::outs();
    bool failedAny = false;
    module.walk([&](GroupOp group) {
      GroupAnalysis a(group, arch ? arch->precision : std::nullopt);
      if (!a.valid()) {
        group.emitError(a.error());
        failedAny = true;
        return;
      }
      const GroupTiling &tiling = a.tiling();
      GroupFootprint f = groupFootprint(tiling);
      os << "group " << a.name() << ": " << tiling.numTiles() << " tiles of "
         << a.schedule().rows << " rows (";
      printSchedule(os, a.schedule());
      os << ")\n";
      os << "  inputs " << f.inputBytes << " B, intermediates "
         << f.intermediateBytes << " B, outputs " << f.outputBytes
         << " B, weights " << f.weightBytes << " B = " << f.totalBytes()
         << " B\n";
      // Each buffer: the tiles it holds at once and its bytes.
      unsigned index = 0;
      auto named = [&](Value v) {
        if (auto arg = dyn_cast<BlockArgument>(v))
          return "input " + std::to_string(arg.getArgNumber());
        return layerName(v.getDefiningOp(), index++);
      };
      SmallVector<Value> values(group.getBodyBlock().getArguments());
      for (Operation &op : group.getBodyBlock().without_terminator())
        if (!op.hasTrait<OpTrait::ConstantLike>())
          llvm::append_range(values, op.getResults());
      for (Value v : values) {
        std::string name = named(v);
        std::optional<unsigned> t = a.tensorOf(v);
        if (!t || !tiling.touches(*t) || a.graph().tensor(*t).weight)
          continue;
        unsigned id = *t;
        os << "    " << name << ": " << bufferBytes(tiling, id) << " B, "
           << tiling.slots(id) << (tiling.slots(id) == 1 ? " tile" : " tiles")
           << " at once\n";
      }
      if (!arch)
        return;
      if (llvm::Error e = checkScheduleOnArch(a.schedule(), *arch)) {
        group.emitError("schedule on ")
            << arch->name << ": " << llvm::toString(std::move(e));
        failedAny = true;
        return;
      }
      const MemoryLevel &level = arch->memories[kGroupLevel];
      bool fits = !checkGroupFit(f, a.schedule(), *arch);
      os << "  " << (fits ? "fits " : "does not fit ") << level.name << " of "
         << arch->name << ": " << describeGroupFit(f, a.schedule(), *arch)
         << "\n";
    });
    if (failedAny)
      return signalPassFailure();
    if (!arch)
      return markAllAnalysesPreserved();
    unsigned index = 0;
    module.walk([&](LayerOpInterface layer) {
      if (layer->getParentOfType<GroupOp>())
        return;
      LayerProblem problem = problemAt(layer, arch->precision);
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
      CostResult c = evaluate(problem, *arch, mapping);
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
