//===- TosaToAccel.cpp - --accel-convert-tosa -----------------------------===//
//
// TOSA works in NHWC with OHWI / HWCM weights; accel in NCHW with OIHW
// weights. Each 4-D layer becomes transpose(NHWC->NCHW) -> accel op ->
// transpose(NCHW->NHWC); weights are permuted at compile time when they are
// constants; afterwards transposes that undo each other cancel.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/ConversionUtils.h"
#include "accel/Conversion/Passes.h"
#include "accel/Workload/ShapeArith.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/Dialect/Tosa/Utils/ConversionUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "accel-convert-tosa"

namespace accel {
#define GEN_PASS_DEF_ACCELCONVERTTOSA
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// `v` with its dimensions permuted, folded when `v` is a constant.
Value permute(PatternRewriter &b, Location loc, Value v,
              ArrayRef<int32_t> perms) {
  if (std::optional<DenseElementsAttr> attr = constantOf(v))
    return arith::ConstantOp::create(b, loc, permuteConstant(*attr, perms));
  return tosa::TransposeOp::create(b, loc, permuteType(v.getType(), perms), v,
                                   b.getDenseI32ArrayAttr(perms));
}

RankedTensorType nchwType(Type nhwc) {
  auto t = cast<RankedTensorType>(nhwc);
  return RankedTensorType::get(
      {t.getDimSize(0), t.getDimSize(3), t.getDimSize(1), t.getDimSize(2)},
      t.getElementType());
}

/// TOSA pads are (top, bottom, left, right); accel's (top, left, bottom,
/// right).
SmallVector<int64_t> accelPads(ArrayRef<int64_t> tosaPad) {
  return {tosaPad[0], tosaPad[2], tosaPad[1], tosaPad[3]};
}

/// Why a TOSA op cannot become accel, or std::nullopt if it can. Shared by
/// the patterns and the remarks emitted for what stays.
std::optional<std::string> unsupportedReason(Operation *op) {
  auto zeroPoints = [](auto conv) -> std::optional<std::string> {
    if (!isZeroConstant(conv.getInputZp()) ||
        !isZeroConstant(conv.getWeightZp()))
      return "quantised (non-zero zero points)";
    return std::nullopt;
  };
  if (auto conv = dyn_cast<tosa::Conv2DOp>(op))
    return zeroPoints(conv);
  if (auto conv = dyn_cast<tosa::DepthwiseConv2DOp>(op))
    return zeroPoints(conv);
  if (auto conv = dyn_cast<tosa::TransposeConv2DOp>(op)) {
    if (auto r = zeroPoints(conv))
      return r;
    ArrayRef<int64_t> p = conv.getOutPad();
    if (p[0] > 0 || p[2] > 0)
      return "positive out_pad at the top or left";
    return std::nullopt;
  }
  if (auto mm = dyn_cast<tosa::MatMulOp>(op))
    return isZeroConstant(mm.getAZp()) && isZeroConstant(mm.getBZp())
               ? std::nullopt
               : std::optional<std::string>("quantised (non-zero zero points)");
  if (auto pool = dyn_cast<tosa::AvgPool2dOp>(op))
    return isZeroConstant(pool.getInputZp()) &&
                   isZeroConstant(pool.getOutputZp())
               ? std::nullopt
               : std::optional<std::string>("quantised (non-zero zero points)");
  if (auto mul = dyn_cast<tosa::MulOp>(op))
    return isZeroConstant(mul.getShift())
               ? std::nullopt
               : std::optional<std::string>("a non-zero shift");
  if (auto resize = dyn_cast<tosa::ResizeOp>(op)) {
    SmallVector<int64_t> scale, offset, border;
    if (!tosa::getConstShapeValues(resize.getScale().getDefiningOp(), scale) ||
        !tosa::getConstShapeValues(resize.getOffset().getDefiningOp(),
                                   offset) ||
        !tosa::getConstShapeValues(resize.getBorder().getDefiningOp(), border))
      return "scale, offset or border are not constants";
    for (int i = 0; i < 2; ++i)
      if (scale[2 * i] % scale[2 * i + 1] != 0)
        return "a non-integer scale";
    bool nearest = resize.getMode() == tosa::ResizeMode::NEAREST_NEIGHBOR;
    for (int i = 0; i < 2; ++i) {
      int64_t n = scale[2 * i], d = scale[2 * i + 1];
      // nearest: input = floor(output / s) needs offset 0; bilinear with
      // half-pixel centres needs offset = (d - n) / 2.
      if (nearest ? offset[i] != 0 : 2 * offset[i] != d - n)
        return nearest ? "an offset (only floor(output / scale) is modelled)"
                       : "an offset other than half-pixel centres";
    }
    return std::nullopt;
  }
  return std::nullopt;
}

/// Base of the patterns: checks unsupportedReason first.
template <typename OpT> struct TosaPattern : OpRewritePattern<OpT> {
  using OpRewritePattern<OpT>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpT op, PatternRewriter &rewriter) const final {
    if (std::optional<std::string> why = unsupportedReason(op))
      return rewriter.notifyMatchFailure(op, *why);
    return convert(op, rewriter);
  }
  virtual LogicalResult convert(OpT op, PatternRewriter &rewriter) const = 0;
};

/// Replaces a 4-D NHWC op by transpose(accel op on NCHW values).
void replaceWithNCHW(PatternRewriter &rewriter, Operation *op, Value nchw) {
  rewriter.replaceOp(op, permute(rewriter, op->getLoc(), nchw, kToNHWC));
}

struct ConvertConv2D : TosaPattern<tosa::Conv2DOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::Conv2DOp op,
                        PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = permute(rewriter, loc, op.getInput(), kToNCHW);
    Value w = permute(rewriter, loc, op.getWeight(), kToNCHW); // OHWI->OIHW
    Value conv = Conv2DOp::create(
        rewriter, loc, nchwType(op.getType()), x, w, op.getBias(),
        rewriter.getDenseI64ArrayAttr(op.getStride()),
        rewriter.getDenseI64ArrayAttr(op.getDilation()),
        rewriter.getDenseI64ArrayAttr(accelPads(op.getPad())),
        rewriter.getI64IntegerAttr(1), nullptr, nullptr, nullptr);
    replaceWithNCHW(rewriter, op, conv);
    return success();
  }
};

struct ConvertDepthwise : TosaPattern<tosa::DepthwiseConv2DOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::DepthwiseConv2DOp op,
                        PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto wt = cast<RankedTensorType>(op.getWeight().getType());
    int64_t kh = wt.getDimSize(0), kw = wt.getDimSize(1), c = wt.getDimSize(2),
            m = wt.getDimSize(3);
    // [KH, KW, C, M] -> [C, M, KH, KW] -> [C * M, 1, KH, KW]: output
    // channel c * M + m, as TOSA numbers them.
    Value w = permute(rewriter, loc, op.getWeight(), {2, 3, 0, 1});
    auto flatType =
        RankedTensorType::get({c * m, 1, kh, kw}, wt.getElementType());
    if (std::optional<DenseElementsAttr> attr = constantOf(w))
      w = arith::ConstantOp::create(rewriter, loc, attr->reshape(flatType));
    else
      w = ReshapeOp::create(rewriter, loc, flatType, w);
    Value x = permute(rewriter, loc, op.getInput(), kToNCHW);
    Value conv = Conv2DOp::create(
        rewriter, loc, nchwType(op.getType()), x, w, op.getBias(),
        rewriter.getDenseI64ArrayAttr(op.getStride()),
        rewriter.getDenseI64ArrayAttr(op.getDilation()),
        rewriter.getDenseI64ArrayAttr(accelPads(op.getPad())),
        rewriter.getI64IntegerAttr(c), nullptr, nullptr, nullptr);
    replaceWithNCHW(rewriter, op, conv);
    return success();
  }
};

struct ConvertTransposeConv : TosaPattern<tosa::TransposeConv2DOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::TransposeConv2DOp op,
                        PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    // TOSA: out = (in - 1) * stride + out_pad_before + out_pad_after + K;
    // negative out_pad crops (accel pads), positive at the end is accel's
    // output_padding.
    ArrayRef<int64_t> p = op.getOutPad(); // top, bottom, left, right
    SmallVector<int64_t> pads = {-p[0], -p[2], std::max<int64_t>(-p[1], 0),
                                 std::max<int64_t>(-p[3], 0)};
    SmallVector<int64_t> outPad = {std::max<int64_t>(p[1], 0),
                                   std::max<int64_t>(p[3], 0)};
    // OHWI -> [I, O, H, W] (accel: [C, K/G, R, S]).
    Value w = permute(rewriter, loc, op.getWeight(), {3, 0, 1, 2});
    Value x = permute(rewriter, loc, op.getInput(), kToNCHW);
    Value conv = ConvTranspose2DOp::create(
        rewriter, loc, nchwType(op.getType()), x, w, op.getBias(),
        rewriter.getDenseI64ArrayAttr(op.getStride()),
        rewriter.getDenseI64ArrayAttr({1, 1}),
        rewriter.getDenseI64ArrayAttr(pads),
        rewriter.getDenseI64ArrayAttr(outPad), rewriter.getI64IntegerAttr(1),
        nullptr, nullptr);
    replaceWithNCHW(rewriter, op, conv);
    return success();
  }
};

struct ConvertMatMul : TosaPattern<tosa::MatMulOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::MatMulOp op,
                        PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<MatmulOp>(op, op.getType(), op.getA(),
                                          op.getB(), Value(), UnitAttr(),
                                          nullptr, nullptr, nullptr);
    return success();
  }
};

template <typename PoolOp, PoolKind kind>
struct ConvertPool : TosaPattern<PoolOp> {
  using TosaPattern<PoolOp>::TosaPattern;
  LogicalResult convert(PoolOp op, PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = permute(rewriter, loc, op.getInput(), kToNCHW);
    Value pool =
        Pool2DOp::create(rewriter, loc, nchwType(op.getType()),
                         PoolKindAttr::get(rewriter.getContext(), kind), x,
                         rewriter.getDenseI64ArrayAttr(op.getKernel()),
                         rewriter.getDenseI64ArrayAttr(op.getStride()),
                         rewriter.getDenseI64ArrayAttr({1, 1}),
                         rewriter.getDenseI64ArrayAttr(accelPads(op.getPad())),
                         UnitAttr(), UnitAttr(), UnitAttr(), nullptr);
    replaceWithNCHW(rewriter, op, pool);
    return success();
  }
};

/// Elementwise ops: on 4-D NHWC values, computed in NCHW so that they line
/// up with the layers around them; otherwise as they are.
template <typename TosaOp, typename Build>
LogicalResult convertElementwise(TosaOp op, ValueRange operands,
                                 PatternRewriter &rewriter, Build build) {
  auto type = cast<RankedTensorType>(op->getResult(0).getType());
  bool nhwc = type.getRank() == 4 && llvm::all_of(operands, [](Value v) {
                return cast<RankedTensorType>(v.getType()).getRank() == 4;
              });
  if (!nhwc) {
    rewriter.replaceOp(op, build(type, operands));
    return success();
  }
  SmallVector<Value> nchw;
  for (Value v : operands)
    nchw.push_back(permute(rewriter, op.getLoc(), v, kToNCHW));
  replaceWithNCHW(rewriter, op, build(nchwType(type), nchw));
  return success();
}

template <typename TosaOp, typename AccelOp>
struct ConvertBinary : TosaPattern<TosaOp> {
  using TosaPattern<TosaOp>::TosaPattern;
  LogicalResult convert(TosaOp op, PatternRewriter &rewriter) const override {
    return convertElementwise(op, {op.getInput1(), op.getInput2()}, rewriter,
                              [&](RankedTensorType t, ValueRange v) -> Value {
                                return AccelOp::create(rewriter, op.getLoc(), t,
                                                       v[0], v[1], nullptr,
                                                       nullptr);
                              });
  }
};

template <typename TosaOp>
LogicalResult convertUnary(TosaOp op, Value input, ActivationAttr act,
                           PatternRewriter &rewriter) {
  return convertElementwise(op, {input}, rewriter,
                            [&](RankedTensorType t, ValueRange v) -> Value {
                              return ActivationOp::create(
                                  rewriter, op.getLoc(), t, v[0], act, nullptr);
                            });
}

struct ConvertClamp : TosaPattern<tosa::ClampOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::ClampOp op,
                        PatternRewriter &rewriter) const override {
    auto lo = dyn_cast<FloatAttr>(op.getMinValAttr());
    auto hi = dyn_cast<FloatAttr>(op.getMaxValAttr());
    if (!lo || !hi)
      return rewriter.notifyMatchFailure(op, "integer clamp");
    double l = lo.getValueAsDouble(), h = hi.getValueAsDouble();
    MLIRContext *ctx = rewriter.getContext();
    ActivationAttr act =
        l == 0 && h == 6 ? ActivationAttr::get(ctx, ActivationKind::Relu6)
        : l == 0 && h >= 3.0e38
            ? ActivationAttr::get(ctx, ActivationKind::Relu)
            : ActivationAttr::get(ctx, ActivationKind::Clip, l, h);
    return convertUnary(op, op.getInput(), act, rewriter);
  }
};

template <typename TosaOp, ActivationKind kind>
struct ConvertSimpleActivation : TosaPattern<TosaOp> {
  using TosaPattern<TosaOp>::TosaPattern;
  LogicalResult convert(TosaOp op, PatternRewriter &rewriter) const override {
    return convertUnary(op, op.getInput(),
                        ActivationAttr::get(rewriter.getContext(), kind),
                        rewriter);
  }
};

struct ConvertConcat : TosaPattern<tosa::ConcatOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::ConcatOp op,
                        PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t axis = op.getAxis();
    if (type.getRank() != 4) {
      rewriter.replaceOpWithNewOp<ConcatOp>(op, type, op.getInput1(),
                                            rewriter.getI64IntegerAttr(axis));
      return success();
    }
    static constexpr int64_t kNchwAxis[] = {0, 2, 3, 1};
    SmallVector<Value> nchw;
    for (Value v : op.getInput1())
      nchw.push_back(permute(rewriter, op.getLoc(), v, kToNCHW));
    Value cat = ConcatOp::create(rewriter, op.getLoc(), nchwType(type), nchw,
                                 rewriter.getI64IntegerAttr(kNchwAxis[axis]));
    replaceWithNCHW(rewriter, op, cat);
    return success();
  }
};

struct ConvertResize : TosaPattern<tosa::ResizeOp> {
  using TosaPattern::TosaPattern;
  LogicalResult convert(tosa::ResizeOp op,
                        PatternRewriter &rewriter) const override {
    SmallVector<int64_t> scale;
    tosa::getConstShapeValues(op.getScale().getDefiningOp(), scale);
    bool nearest = op.getMode() == tosa::ResizeMode::NEAREST_NEIGHBOR;
    Location loc = op.getLoc();
    Value x = permute(rewriter, loc, op.getInput(), kToNCHW);
    Value r =
        ResizeOp::create(rewriter, loc, nchwType(op.getType()),
                         ResizeModeAttr::get(rewriter.getContext(),
                                             nearest ? ResizeMode::Nearest
                                                     : ResizeMode::Bilinear),
                         x,
                         rewriter.getDenseI64ArrayAttr(
                             {scale[0] / scale[1], scale[2] / scale[3]}),
                         UnitAttr(), nullptr);
    replaceWithNCHW(rewriter, op, r);
    return success();
  }
};

struct ConvertReshape : OpRewritePattern<tosa::ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !type.hasStaticShape())
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, type, op.getInput1());
    return success();
  }
};

/// transpose(transpose(x)) = transpose(x) with composed permutations; the
/// identity permutation disappears; a transpose that only moves unit
/// dimensions is a reshape.
struct SimplifyTranspose : OpRewritePattern<tosa::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int32_t> perms = op.getPerms();
    if (auto inner = op.getInput1().getDefiningOp<tosa::TransposeOp>()) {
      rewriter.replaceOpWithNewOp<tosa::TransposeOp>(
          op, op.getType(), inner.getInput1(),
          rewriter.getDenseI32ArrayAttr(
              composePermutations(inner.getPerms(), perms)));
      return success();
    }
    if (llvm::equal(perms, llvm::seq<int32_t>(0, perms.size()))) {
      rewriter.replaceOp(op, op.getInput1());
      return success();
    }
    if (std::optional<DenseElementsAttr> attr = constantOf(op.getInput1())) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, permuteConstant(*attr, perms));
      return success();
    }
    // Moving only unit dimensions keeps the element order.
    if (permutationIsReshape(cast<RankedTensorType>(op.getInput1().getType()),
                             perms)) {
      rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), op.getInput1());
      return success();
    }
    return failure();
  }
};

struct ConvertTosaPass
    : public accel::impl::AccelConvertTosaBase<ConvertTosaPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns
        .add<ConvertConv2D, ConvertDepthwise, ConvertTransposeConv,
             ConvertMatMul, ConvertPool<tosa::MaxPool2dOp, PoolKind::Max>,
             ConvertPool<tosa::AvgPool2dOp, PoolKind::Avg>,
             ConvertBinary<tosa::AddOp, AddOp>,
             ConvertBinary<tosa::MulOp, MulOp>, ConvertClamp,
             ConvertSimpleActivation<tosa::SigmoidOp, ActivationKind::Sigmoid>,
             ConvertSimpleActivation<tosa::TanhOp, ActivationKind::Tanh>,
             ConvertConcat, ConvertResize, ConvertReshape, SimplifyTranspose>(
            ctx);
    ActivationOp::getCanonicalizationPatterns(patterns, ctx);
    MulOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      LLVM_DEBUG(llvm::dbgs() << "accel-convert-tosa: did not converge\n");
    // Say why the recognised layers that remain were left alone.
    getOperation()->walk([](Operation *op) {
      if (!isa<tosa::Conv2DOp, tosa::DepthwiseConv2DOp, tosa::TransposeConv2DOp,
               tosa::MatMulOp, tosa::AvgPool2dOp, tosa::MulOp, tosa::ResizeOp,
               tosa::ClampOp>(op))
        return;
      std::optional<std::string> why = unsupportedReason(op);
      op->emitRemark("not converted to accel: ")
          << (why ? *why : std::string("integer clamp"));
    });
  }
};

} // namespace
