//===- ConvertPrecision.cpp - --accel-convert-precision -------------------===//
//
// The cost model counts data at the accelerator's precision
// (Arch::precision); a program lowered from the IR holds what the IR's types
// say. This pass makes the two agree before lowering by rewriting element
// types, so that the executor moves and rounds exactly what was costed.
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"

namespace accel {
#define GEN_PASS_DEF_ACCELCONVERTPRECISION
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// The float of `bits` bits data is stored as, if there is one.
FloatType storedFloat(MLIRContext *ctx, int64_t bits, HalfFloat half) {
  switch (bits) {
  case 16:
    if (half == HalfFloat::BF16)
      return BFloat16Type::get(ctx);
    return Float16Type::get(ctx);
  case 32:
    return Float32Type::get(ctx);
  case 64:
    return Float64Type::get(ctx);
  default:
    return nullptr;
  }
}

struct ConvertPrecisionPass
    : public accel::impl::AccelConvertPrecisionBase<ConvertPrecisionPass> {
  using AccelConvertPrecisionBase::AccelConvertPrecisionBase;

  /// The element type `t` is stored as at `bits` bits; failure (with an
  /// error at `loc`) when no type holds it.
  FailureOr<Type> stored(Type t, int64_t bits, const Arch &arch, Location loc) {
    // Integers (indices, shapes, quantised data) keep their width: the
    // lowering checks that layers' widths are the accelerator's.
    if (!isa<FloatType>(t) || t.getIntOrFloatBitWidth() == bits)
      return t;
    if (FloatType f = storedFloat(t.getContext(), bits, floatType))
      return Type(f);
    return emitError(loc) << "cannot store " << t << " data at " << arch.name
                          << "'s " << bits
                          << "-bit precision: a float network needs a "
                             "quantised model for an accelerator of this "
                             "width (precision=ir keeps the IR's types)";
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<Arch> arch = resolvePassArch(
        module, this->arch, givenPrecision(this->arch, precision));
    if (failed(arch))
      return signalPassFailure();
    if (!arch->precision)
      return markAllAnalysesPreserved(); // precision=ir: the IR's types
    const DataPrecision &p = *arch->precision;
    if (p.weights != p.activations || p.partialSums != p.activations) {
      module.emitError() << arch->name << " stores " << arch->precisionText()
                         << ": a lowered program holds each tensor in one "
                            "element type, so only a precision of one width "
                            "converts (precision=ir keeps the IR's types)";
      return signalPassFailure();
    }
    int64_t bits = p.activations;
    bool changed = false;
    auto convertValue = [&](Value v) -> LogicalResult {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type)
        return success();
      FailureOr<Type> element =
          stored(type.getElementType(), bits, *arch, v.getLoc());
      if (failed(element))
        return failure();
      if (*element == type.getElementType())
        return success();
      v.setType(type.clone(*element));
      ++numValues;
      changed = true;
      return success();
    };
    WalkResult walk = module.walk([&](func::FuncOp f) -> WalkResult {
      if (f.isExternal())
        return WalkResult::skip();
      WalkResult inner = f.walk([&](Operation *op) -> WalkResult {
        for (Region &region : op->getRegions())
          for (Block &block : region)
            for (BlockArgument arg : block.getArguments())
              if (failed(convertValue(arg)))
                return WalkResult::interrupt();
        for (Value r : op->getResults())
          if (failed(convertValue(r)))
            return WalkResult::interrupt();
        // Constants follow their result's new type, rounded to nearest.
        if (op->hasTrait<OpTrait::ConstantLike>())
          if (auto dense =
                  dyn_cast_or_null<DenseFPElementsAttr>(op->getAttr("value"))) {
            auto type = cast<RankedTensorType>(op->getResult(0).getType());
            if (type != dense.getType()) {
              auto to = cast<FloatType>(type.getElementType());
              op->setAttr("value", dense.mapValues(to, [&](const APFloat &v) {
                APFloat x = v;
                bool lost;
                x.convert(to.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                          &lost);
                return x.bitcastToAPInt();
              }));
              ++numConstants;
            }
          }
        return WalkResult::advance();
      });
      if (inner.wasInterrupted())
        return WalkResult::interrupt();
      // The signature follows the entry block and the returned values.
      Block &entry = f.getBody().front();
      f.setType(FunctionType::get(f.getContext(), entry.getArgumentTypes(),
                                  entry.getTerminator()->getOperandTypes()));
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    if (!changed)
      markAllAnalysesPreserved();
  }
};

} // namespace
