//===- PrintReceptiveField.cpp - --accel-print-receptive-field ------------===//

#include "accel/Analysis/GroupAnalysis.h"
#include "dialects/accel/LayerNames.h"
#include "accel/Analysis/Passes.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {
#define GEN_PASS_DEF_ACCELPRINTRECEPTIVEFIELD
#include "accel/Analysis/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

void printIntervals(llvm::raw_ostream &os, llvm::ArrayRef<Interval> rows) {
  llvm::interleaveComma(rows, os, [&](Interval i) {
    os << '[' << i.begin << ", " << i.end << ')';
  });
}

struct PrintReceptiveFieldPass
    : public accel::impl::AccelPrintReceptiveFieldBase<
          PrintReceptiveFieldPass> {
  using AccelPrintReceptiveFieldBase::AccelPrintReceptiveFieldBase;

  void runOnOperation() override {
    llvm::raw_ostream &os = llvm::outs();
    bool failedAny = false;
    getOperation().walk([&](GroupOp group) {
      GroupAnalysis a(group);
      if (!a.valid()) {
        group.emitError(a.error());
        failedAny = true;
        return;
      }
      const GroupTiling &tiling = a.tiling();
      os << "group " << a.name() << ": " << tiling.numTiles() << " tiles of "
         << a.schedule().rows << " output rows (";
      printSchedule(os, a.schedule());
      os << ")\n";
      // Values in body order: inputs, then layer results.
      SmallVector<Value> values(group.getBodyBlock().getArguments());
      for (Operation &op : group.getBodyBlock().without_terminator())
        if (!op.hasTrait<OpTrait::ConstantLike>())
          llvm::append_range(values, op.getResults());
      unsigned index = 0;
      SmallVector<std::string> names;
      for (Value v : values)
        names.push_back(isa<BlockArgument>(v)
                            ? "input " + std::to_string(
                                             cast<BlockArgument>(v)
                                                 .getArgNumber())
                            : layerName(v.getDefiningOp(), index++));
      for (unsigned t = 0; t < tiling.numTiles(); ++t) {
        os << "  tile " << t << ":\n";
        for (auto [v, name] : llvm::zip(values, names)) {
          std::optional<unsigned> known = a.tensorOf(v);
          if (!known || !tiling.touches(*known) ||
              tiling.region(t, *known).empty())
            continue;
          unsigned id = *known;
          os << "    " << name << ": " << tiling.region(t, id).str();
          int producer = a.graph().tensor(id).producer;
          int i = producer >= 0 ? tiling.position(producer) : -1;
          if (i >= 0 && a.graph().tensor(id).rowTiled()) {
            llvm::ArrayRef<Interval> made = tiling.computed(t, i);
            if (made.size() != 1 || !(made[0] == tiling.region(t, id).dims[2])) {
              os << ", computes rows ";
              if (made.empty())
                os << "none";
              printIntervals(os, made);
            }
          }
          os << "\n";
        }
      }
      os << "  halo (rows shared by consecutive tiles, most of any pair):\n";
      for (auto [v, name] : llvm::zip(values, names)) {
        std::optional<unsigned> known = a.tensorOf(v);
        if (!known || !tiling.touches(*known))
          continue;
        unsigned id = *known;
        int64_t halo = 0;
        bool same = true;
        for (unsigned t = 1; t < tiling.numTiles(); ++t) {
          const TensorRegion &r0 = tiling.region(t - 1, id),
                             &r1 = tiling.region(t, id);
          same &= r0 == r1;
          if (r0.dims.size() == 4 && !r0.empty() && !r1.empty())
            halo = std::max(halo, r0.intersect(r1).dims[2].size());
        }
        os << "    " << name << ": ";
        if (same && tiling.numTiles() > 1)
          os << "the same region every tile (resident)\n";
        else
          os << halo << "\n";
      }
    });
    if (failedAny)
      return signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
