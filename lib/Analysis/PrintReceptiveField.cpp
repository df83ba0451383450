//===- PrintReceptiveField.cpp - --accel-print-receptive-field ------------===//

#include "accel/Analysis/LayerNames.h"
#include "accel/Analysis/Passes.h"
#include "accel/Analysis/ReceptiveFieldAnalysis.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {
#define GEN_PASS_DEF_ACCELPRINTRECEPTIVEFIELD
#include "accel/Analysis/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// A value's name in the printout: the layer producing it, or "input N".
std::string valueName(Value v, unsigned &index) {
  if (auto arg = dyn_cast<BlockArgument>(v))
    return "input " + std::to_string(arg.getArgNumber());
  return layerName(v.getDefiningOp(), index++);
}

struct PrintReceptiveFieldPass
    : public accel::impl::AccelPrintReceptiveFieldBase<
          PrintReceptiveFieldPass> {
  using AccelPrintReceptiveFieldBase::AccelPrintReceptiveFieldBase;

  void runOnOperation() override {
    if (tileRows < 1) {
      getOperation().emitError("tile-rows must be >= 1, got ")
          << tileRows.getValue();
      return signalPassFailure();
    }
    llvm::raw_ostream &os = llvm::outs();
    getOperation().walk([&](GroupOp group) {
      // One analysis per group (getChildAnalysis would key it on the op).
      ReceptiveFieldAnalysis rf(group);
      std::vector<SmallVector<TensorRegion>> tiles = rf.rowTiles(tileRows);
      os << "group " << (group.getName() ? *group.getName() : "") << ": "
         << tiles.size() << " tiles of " << tileRows << " output rows\n";
      // Values in body order: inputs, then layer results.
      SmallVector<Value> values(group.getBodyBlock().getArguments());
      for (Operation &op : group.getBodyBlock().without_terminator())
        if (op.getNumResults() == 1 &&
            isa<ShapedType>(op.getResult(0).getType()) &&
            !op.hasTrait<OpTrait::ConstantLike>())
          values.push_back(op.getResult(0));
      unsigned index = 0;
      SmallVector<std::string> names;
      for (Value v : values)
        names.push_back(valueName(v, index));
      std::vector<ReceptiveFieldAnalysis::RegionMap> needed;
      for (auto [t, outs] : llvm::enumerate(tiles)) {
        needed.push_back(rf.propagate(outs));
        os << "  tile " << t << ":\n";
        for (auto [v, name] : llvm::zip(values, names)) {
          auto it = needed.back().find(v);
          if (it != needed.back().end())
            os << "    " << name << ": " << it->second.str() << "\n";
        }
      }
      os << "  halo (rows shared by consecutive tiles, most of any pair):\n";
      for (auto [v, name] : llvm::zip(values, names)) {
        int64_t halo = 0;
        bool same = true;
        for (size_t t = 1; t < needed.size(); ++t) {
          auto a = needed[t - 1].find(v), b = needed[t].find(v);
          if (a == needed[t - 1].end() || b == needed[t].end())
            continue;
          same &= a->second == b->second;
          halo = std::max(halo, sharedRows(a->second, b->second));
        }
        os << "    " << name << ": ";
        if (same && needed.size() > 1)
          os << "the same region every tile (resident)\n";
        else
          os << halo << "\n";
      }
    });
    markAllAnalysesPreserved();
  }
};

} // namespace
