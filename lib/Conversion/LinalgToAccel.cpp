//===- LinalgToAccel.cpp - --accel-convert-linalg -------------------------===//
//
// linalg's convolutions read an explicitly padded input and accumulate into
// their init operand; accel's carry their padding and start from zero. So a
// convolution absorbs a zero tensor.pad in front of it, and a non-zero init
// is added back. NHWC forms go through linalg.transpose ops that cancel
// between converted neighbours.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/ConversionUtils.h"
#include "accel/Conversion/Passes.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace accel {
#define GEN_PASS_DEF_ACCELCONVERTLINALG
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// `v` with its dimensions permuted: a constant is permuted now, anything
/// else through linalg.transpose.
Value permute(PatternRewriter &b, Location loc, Value v,
              ArrayRef<int32_t> perms) {
  if (std::optional<DenseElementsAttr> attr = constantOf(v))
    return arith::ConstantOp::create(b, loc, permuteConstant(*attr, perms));
  RankedTensorType type = permuteType(v.getType(), perms);
  Value init =
      tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType());
  SmallVector<int64_t> p(perms.begin(), perms.end());
  return linalg::TransposeOp::create(b, loc, v, init, p).getResult()[0];
}

/// The value a linalg.fill writes into its init, if `v` is one.
std::optional<Attribute> filledWith(Value v) {
  auto fill = v.getDefiningOp<linalg::FillOp>();
  if (!fill)
    return std::nullopt;
  Attribute value;
  if (!matchPattern(fill.getInputs()[0], m_Constant(&value)))
    return std::nullopt;
  return value;
}

bool isZeroFill(Value v) {
  std::optional<Attribute> a = filledWith(v);
  if (!a)
    return false;
  if (auto f = dyn_cast<FloatAttr>(*a))
    return f.getValue().isZero();
  if (auto i = dyn_cast<IntegerAttr>(*a))
    return i.getValue().isZero();
  return false;
}

/// A fill with -inf or the lowest finite value: the start of a max.
bool isLowestFill(Value v) {
  std::optional<Attribute> a = filledWith(v);
  auto f = a ? dyn_cast<FloatAttr>(*a) : FloatAttr();
  if (!f)
    return false;
  APFloat value = f.getValue();
  return value.isInfinity() ? value.isNegative()
                            : value.isNegative() && value.isLargest();
}

/// A tensor.pad of the spatial dimensions `h` and `w` with a constant
/// matching `accept` in front of `input`: returns its source and sets the
/// accel pads (top, left, bottom, right).
Value absorbPad(Value input, unsigned h, unsigned w,
                function_ref<bool(Attribute)> accept,
                SmallVectorImpl<int64_t> &pads) {
  pads.assign({0, 0, 0, 0});
  auto pad = input.getDefiningOp<tensor::PadOp>();
  if (!pad)
    return input;
  Value padValue = pad.getConstantPaddingValue();
  Attribute attr;
  if (!padValue || !matchPattern(padValue, m_Constant(&attr)) || !accept(attr))
    return input;
  ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
  for (unsigned d = 0; d < low.size(); ++d) {
    if (ShapedType::isDynamic(low[d]) || ShapedType::isDynamic(high[d]))
      return input;
    if (d != h && d != w && (low[d] != 0 || high[d] != 0))
      return input;
  }
  pads.assign({low[h], low[w], high[h], high[w]});
  return pad.getSource();
}

bool isZeroAttr(Attribute a) {
  if (auto f = dyn_cast<FloatAttr>(a))
    return f.getValue().isZero();
  if (auto i = dyn_cast<IntegerAttr>(a))
    return i.getValue().isZero();
  return false;
}

bool isLowestAttr(Attribute a) {
  auto f = dyn_cast<FloatAttr>(a);
  if (!f)
    return false;
  APFloat v = f.getValue();
  return v.isNegative() && (v.isInfinity() || v.isLargest());
}

SmallVector<int64_t> pairOf(DenseIntElementsAttr attr) {
  return llvm::to_vector(attr.getValues<int64_t>());
}

/// The per-channel bias an accumulator broadcasts, if it is one: a
/// linalg.broadcast of a 1-D tensor along every dimension but the channel
/// one (1 in NCHW, 3 in NHWC), or the equivalent linalg.generic.
Value biasOf(Value init, bool nhwc) {
  unsigned channel = nhwc ? 3 : 1;
  auto type = dyn_cast<RankedTensorType>(init.getType());
  if (!type || type.getRank() != 4)
    return {};
  if (auto b = init.getDefiningOp<linalg::BroadcastOp>()) {
    SmallVector<int64_t> expected;
    for (int64_t d = 0; d < 4; ++d)
      if (d != channel)
        expected.push_back(d);
    if (b.getDimensions() == ArrayRef<int64_t>(expected))
      return b.getInput();
    return {};
  }
  auto g = init.getDefiningOp<linalg::GenericOp>();
  if (!g || g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1)
    return {};
  Block &body = g.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (body.getOperations().size() != 1 ||
      yield.getValues().front() != body.getArgument(0))
    return {};
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  MLIRContext *ctx = init.getContext();
  if (maps[0] != AffineMap::get(4, 0, getAffineDimExpr(channel, ctx)) ||
      !maps[1].isIdentity())
    return {};
  return g.getDpsInputs()[0];
}

/// The accel result `r` replaces `op`, with the op's accumulator added back
/// unless it is a zero fill (a broadcast bias was already folded in).
void replaceAccumulating(PatternRewriter &rewriter, Operation *op, Value r,
                         Value init, bool nhwc, bool biasFolded = false) {
  Location loc = op->getLoc();
  if (nhwc)
    r = permute(rewriter, loc, r, kToNHWC);
  if (!biasFolded && !isZeroFill(init))
    r = AddOp::create(rewriter, loc, init.getType(), r, init, nullptr, nullptr);
  rewriter.replaceOp(op, r);
}

/// A linalg convolution (regular or depthwise, NCHW or NHWC) as an accel
/// one: the padding in front absorbed, the input in NCHW, the weights in
/// accel's [K, C/G, R, S] (which `depthwise` decides), a broadcast bias
/// folded in, any other accumulator added back.
template <typename ConvOp, bool nhwc, bool depthwise>
struct ConvertConv : OpRewritePattern<ConvOp> {
  using OpRewritePattern<ConvOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(ConvOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    SmallVector<int64_t> pads;
    Value x = absorbPad(op.getInputs()[0], nhwc ? 1 : 2, nhwc ? 2 : 3,
                        isZeroAttr, pads);
    if (nhwc)
      x = permute(rewriter, loc, x, kToNCHW);
    Value w = op.getInputs()[1];
    int64_t groups = 1;
    if (!depthwise) {
      if (nhwc)
        w = permute(rewriter, loc, w, {3, 2, 0, 1}); // HWCF -> FCHW
    } else {
      if (nhwc)
        w = permute(rewriter, loc, w, {2, 0, 1}); // HWC -> CHW
      auto wt = cast<RankedTensorType>(w.getType());
      groups = wt.getDimSize(0);
      auto w4 = RankedTensorType::get(
          {groups, 1, wt.getDimSize(1), wt.getDimSize(2)}, wt.getElementType());
      if (std::optional<DenseElementsAttr> attr = constantOf(w))
        w = arith::ConstantOp::create(rewriter, loc, attr->reshape(w4));
      else
        w = ReshapeOp::create(rewriter, loc, w4, w);
    }
    Value init = op.getOutputs()[0];
    Value bias = biasOf(init, nhwc);
    auto type = cast<RankedTensorType>(init.getType());
    auto outType = nhwc ? permuteType(type, kToNCHW) : type;
    Value conv = Conv2DOp::create(
        rewriter, loc, outType, x, w, bias,
        rewriter.getDenseI64ArrayAttr(pairOf(op.getStrides())),
        rewriter.getDenseI64ArrayAttr(pairOf(op.getDilations())),
        rewriter.getDenseI64ArrayAttr(pads), rewriter.getI64IntegerAttr(groups),
        nullptr, nullptr, nullptr);
    replaceAccumulating(rewriter, op, conv, init, nhwc, bool(bias));
    return success();
  }
};

template <typename PoolOp, bool nhwc>
struct ConvertMaxPool : OpRewritePattern<PoolOp> {
  using OpRewritePattern<PoolOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(PoolOp op,
                                PatternRewriter &rewriter) const override {
    Value init = op.getOutputs()[0];
    if (!isLowestFill(init))
      return rewriter.notifyMatchFailure(op, "accumulator is not -inf");
    Location loc = op.getLoc();
    SmallVector<int64_t> pads;
    Value x = absorbPad(op.getInputs()[0], nhwc ? 1 : 2, nhwc ? 2 : 3,
                        isLowestAttr, pads);
    if (nhwc)
      x = permute(rewriter, loc, x, kToNCHW);
    auto window = cast<RankedTensorType>(op.getInputs()[1].getType());
    auto type = cast<RankedTensorType>(init.getType());
    Value pool = Pool2DOp::create(
        rewriter, loc, nhwc ? permuteType(type, kToNCHW) : type,
        PoolKindAttr::get(rewriter.getContext(), PoolKind::Max), x,
        rewriter.getDenseI64ArrayAttr(window.getShape()),
        rewriter.getDenseI64ArrayAttr(pairOf(op.getStrides())),
        rewriter.getDenseI64ArrayAttr(pairOf(op.getDilations())),
        rewriter.getDenseI64ArrayAttr(pads), UnitAttr(), UnitAttr(), UnitAttr(),
        nullptr);
    rewriter.replaceOp(op, nhwc ? permute(rewriter, loc, pool, kToNHWC) : pool);
    return success();
  }
};

template <typename MatOp> struct ConvertMatmul : OpRewritePattern<MatOp> {
  using OpRewritePattern<MatOp>::OpRewritePattern;
  LogicalResult matchAndRewrite(MatOp op,
                                PatternRewriter &rewriter) const override {
    // Only the default (untransposed) indexing.
    if (op.getIndexingMapsArray() !=
        MatOp::getDefaultIndexingMaps(this->getContext()))
      return rewriter.notifyMatchFailure(op, "transposed operands");
    Value init = op.getOutputs()[0];
    Value mm = MatmulOp::create(rewriter, op.getLoc(), init.getType(),
                                op.getInputs()[0], op.getInputs()[1], Value(),
                                UnitAttr(), nullptr, nullptr, nullptr);
    replaceAccumulating(rewriter, op, mm, init, false);
    return success();
  }
};

/// linalg.add / linalg.mul, and linalg.generic elementwise add, mul, relu.
template <typename Named, typename AccelOp>
struct ConvertNamedBinary : OpRewritePattern<Named> {
  using OpRewritePattern<Named>::OpRewritePattern;
  LogicalResult matchAndRewrite(Named op,
                                PatternRewriter &rewriter) const override {
    Value init = op.getOutputs()[0];
    rewriter.replaceOpWithNewOp<AccelOp>(op, init.getType(), op.getInputs()[0],
                                         op.getInputs()[1], nullptr, nullptr);
    return success();
  }
};

struct ConvertGeneric : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumDpsInits() != 1 || op.getNumResults() != 1 ||
        !llvm::all_of(op.getIteratorTypesArray(),
                      [](utils::IteratorType t) {
                        return t == utils::IteratorType::parallel;
                      }) ||
        !llvm::all_of(op.getIndexingMapsArray(),
                      [](AffineMap m) { return m.isIdentity(); }))
      return failure();
    Block &body = op.getRegion().front();
    if (body.getOperations().size() != 2)
      return failure();
    Operation &compute = body.front();
    auto yield = cast<linalg::YieldOp>(body.getTerminator());
    if (yield.getValues().front() != compute.getResult(0))
      return failure();
    Type type = op.getResult(0).getType();
    auto arg = [&](Value v) -> std::optional<unsigned> {
      auto b = dyn_cast<BlockArgument>(v);
      if (!b || b.getOwner() != &body ||
          b.getArgNumber() >= op.getNumDpsInputs())
        return std::nullopt;
      return b.getArgNumber();
    };
    if (isa<arith::AddFOp, arith::MulFOp>(compute) &&
        op.getNumDpsInputs() == 2) {
      std::optional<unsigned> a = arg(compute.getOperand(0)),
                              b = arg(compute.getOperand(1));
      if (!a || !b)
        return failure();
      Value lhs = op.getDpsInputs()[*a], rhs = op.getDpsInputs()[*b];
      if (isa<arith::AddFOp>(compute))
        rewriter.replaceOpWithNewOp<AddOp>(op, type, lhs, rhs, nullptr,
                                           nullptr);
      else
        rewriter.replaceOpWithNewOp<MulOp>(op, type, lhs, rhs, nullptr,
                                           nullptr);
      return success();
    }
    // relu: max(x, 0) in either operand order.
    if (isa<arith::MaximumFOp, arith::MaxNumFOp>(compute) &&
        op.getNumDpsInputs() == 1) {
      for (int i = 0; i < 2; ++i) {
        std::optional<unsigned> a = arg(compute.getOperand(i));
        FloatAttr zero;
        if (!a || !matchPattern(compute.getOperand(1 - i), m_Constant(&zero)) ||
            !zero.getValue().isZero())
          continue;
        rewriter.replaceOpWithNewOp<ActivationOp>(
            op, type, op.getDpsInputs()[*a],
            ActivationAttr::get(getContext(), ActivationKind::Relu), nullptr);
        return success();
      }
    }
    return failure();
  }
};

struct ConvertConcat : OpRewritePattern<tensor::ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tensor::ConcatOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getType());
    if (!type || !type.hasStaticShape())
      return failure();
    rewriter.replaceOpWithNewOp<ConcatOp>(
        op, type, op.getInputs(), rewriter.getI64IntegerAttr(op.getDim()));
    return success();
  }
};

/// transpose(transpose(x)) composes; the identity vanishes; constants are
/// permuted now; moving only unit dimensions is a reshape.
struct SimplifyTranspose : OpRewritePattern<linalg::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::TransposeOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<int32_t> perms(op.getPermutation().begin(),
                               op.getPermutation().end());
    Value in = op.getInput();
    Type resultType = op.getResult()[0].getType();
    if (auto inner = in.getDefiningOp<linalg::TransposeOp>()) {
      SmallVector<int32_t> innerPerms(inner.getPermutation().begin(),
                                      inner.getPermutation().end());
      rewriter.replaceOp(op, permute(rewriter, op.getLoc(), inner.getInput(),
                                     composePermutations(innerPerms, perms)));
      return success();
    }
    if (llvm::equal(perms, llvm::seq<int32_t>(0, perms.size()))) {
      rewriter.replaceOp(op, in);
      return success();
    }
    if (std::optional<DenseElementsAttr> attr = constantOf(in)) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, permuteConstant(*attr, perms));
      return success();
    }
    if (permutationIsReshape(cast<RankedTensorType>(in.getType()), perms)) {
      rewriter.replaceOpWithNewOp<ReshapeOp>(op, resultType, in);
      return success();
    }
    return failure();
  }
};

struct ConvertLinalgPass
    : public accel::impl::AccelConvertLinalgBase<ConvertLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<ConvertConv<linalg::Conv2DNchwFchwOp, false, false>,
                 ConvertConv<linalg::Conv2DNhwcHwcfOp, true, false>,
                 ConvertConv<linalg::DepthwiseConv2DNchwChwOp, false, true>,
                 ConvertConv<linalg::DepthwiseConv2DNhwcHwcOp, true, true>,
                 ConvertMaxPool<linalg::PoolingNchwMaxOp, false>,
                 ConvertMaxPool<linalg::PoolingNhwcMaxOp, true>,
                 ConvertMatmul<linalg::MatmulOp>,
                 ConvertMatmul<linalg::BatchMatmulOp>,
                 ConvertNamedBinary<linalg::AddOp, AddOp>,
                 ConvertNamedBinary<linalg::MulOp, MulOp>, ConvertGeneric,
                 ConvertConcat, SimplifyTranspose>(ctx);
    ActivationOp::getCanonicalizationPatterns(patterns, ctx);
    MulOp::getCanonicalizationPatterns(patterns, ctx);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns));
    getOperation()->walk([](Operation *op) {
      if (isa<linalg::PoolingNchwSumOp, linalg::PoolingNhwcSumOp>(op))
        op->emitRemark("not converted to accel: a sum pooling (an average "
                       "pooling needs its division recognised)");
      else if (isa<linalg::PoolingNchwMaxOp, linalg::PoolingNhwcMaxOp>(op))
        op->emitRemark("not converted to accel: its accumulator is not a "
                       "fill with -inf");
      else if (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(op))
        op->emitRemark("not converted to accel: transposed operands");
    });
  }
};

} // namespace
