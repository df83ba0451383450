//===- AccelOps.cpp - Operations of the accel dialect ---------------------===//

#include "dialects/accel/AccelOps.h"
#include "accel/Arch/GroupResources.h"
#include "accel/Arch/Presets.h"
#include "accel/Support/AsmHelpers.h"
#include "accel/Workload/GroupTiling.h"
#include "dialects/accel/AccelGraph.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace accel;

#include "dialects/accel/AccelInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// Shared verification helpers
//===----------------------------------------------------------------------===//

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// Compares the op's result shape with the one the shape arithmetic infers;
/// a failure of the inference itself is reported as the op's error.
static LogicalResult verifyInferredShape(Operation *op,
                                         llvm::Expected<Shape> inferred,
                                         Value result) {
  if (!inferred)
    return op->emitOpError() << llvm::toString(inferred.takeError());
  ArrayRef<int64_t> actual = shapeOf(result);
  if (ArrayRef<int64_t>(*inferred) != actual)
    return op->emitOpError("result shape ")
           << formatShape(actual) << " does not match the inferred shape "
           << formatShape(*inferred);
  return success();
}

/// Checks an attached mapping against the loop nest it maps: the cost
/// model's problem (for an elementwise layer, C counts its inputs). Called at
/// the end of each layer's verifier, once its shapes are known to be valid.
static LogicalResult verifyLayerMapping(LayerOpInterface layer) {
  // The loop nest is bounded too (accel::kMaxLoopIterations).
  LoopBounds bounds = layer.getLoopBounds();
  llvm::SmallVector<int64_t, 8> extents;
  for (Dim d : kAllDims)
    extents.push_back(bounds[d]);
  if (!boundedProduct(extents, kMaxLoopIterations)) {
    InFlightDiagnostic diag =
        layer->emitOpError("loop nest exceeds 2^56 iterations: ");
    llvm::interleave(
        kAllDims, diag, [&](Dim d) { diag << dimName(d) << "=" << bounds[d]; },
        " x ");
    return diag;
  }
  MappingAttr mapping = layer.getMappingAttr();
  if (!mapping)
    return success();
  bounds = layer.getProblem().bounds;
  if (llvm::Error e = verifyMapping(mapping.getValue(), &bounds)) {
    InFlightDiagnostic diag = layer->emitOpError("mapping does not fit the "
                                                 "loop bounds ");
    llvm::interleaveComma(
        kAllDims, diag, [&](Dim d) { diag << dimName(d) << "=" << bounds[d]; });
    return diag << ": " << llvm::toString(std::move(e));
  }
  return success();
}

static LogicalResult verifyPair(Operation *op, StringRef name,
                                ArrayRef<int64_t> values, size_t size) {
  if (values.size() != size)
    return op->emitOpError("'") << name << "' must have " << size
                                << " entries, got " << values.size();
  return success();
}

static LogicalResult verifyBias(Operation *op, Value bias, int64_t channels) {
  if (!bias)
    return success();
  ArrayRef<int64_t> shape = shapeOf(bias);
  if (shape.size() != 1 || shape[0] != channels)
    return op->emitOpError("bias shape ")
           << formatShape(shape) << " must be [" << channels
           << "] (one value per output channel)";
  return success();
}

/// Copies an attribute's entries into a fixed-size parameter array; an
/// attribute of the wrong size (which the verifier reports) leaves the
/// defaults, so no accessor ever writes out of bounds.
template <size_t N>
static void copyIfSized(ArrayRef<int64_t> values, std::array<int64_t, N> &out) {
  if (values.size() == N)
    llvm::copy(values, out.begin());
}

template <typename ConvOp> static ConvParams convParamsOf(ConvOp op) {
  ConvParams p;
  copyIfSized(op.getStrides(), p.strides);
  copyIfSized(op.getDilations(), p.dilations);
  copyIfSized(op.getPads(), p.pads);
  p.groups = static_cast<int64_t>(op.getGroups());
  return p;
}

template <typename ConvOp> static LogicalResult verifyConvAttrs(ConvOp op) {
  if (failed(verifyPair(op, "strides", op.getStrides(), 2)) ||
      failed(verifyPair(op, "dilations", op.getDilations(), 2)) ||
      failed(verifyPair(op, "pads", op.getPads(), 4)))
    return failure();
  return success();
}

/// Bits of one element of `v`'s tensor type.
static int64_t elementBits(Value v) {
  return cast<ShapedType>(v.getType()).getElementTypeBitWidth();
}

/// A per-pixel layer reading `numInputs` operands (Problem.h).
static LayerProblem perPixelProblem(Value output, int64_t numInputs,
                                    int64_t window = 1) {
  return elementwiseProblem(shapeOf(output), numInputs, window,
                            elementBits(output));
}

//===----------------------------------------------------------------------===//
// Conv2DOp
//===----------------------------------------------------------------------===//

ConvParams Conv2DOp::getConvParams() { return convParamsOf(*this); }

/// A convolution's or a matmul's element types: one type everywhere, or a
/// quantized network's (i8 input and weight, i32 bias and result), with
/// the input's zero point (`zpName`) only on integers.
static LogicalResult verifyLayerTypes(Operation *op, Value input, Value weight,
                                      Value biasValue, Value output,
                                      uint64_t zpBits, StringRef zpName) {
  auto elem = [](Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  };
  Type in = elem(input), w = elem(weight), out = elem(output);
  Type bias = biasValue ? elem(biasValue) : out;
  bool same = in == w && in == out && in == bias;
  bool quantized = in.isSignlessInteger(8) && w.isSignlessInteger(8) &&
                   out.isSignlessInteger(32) && bias.isSignlessInteger(32);
  if (!same && !quantized)
    return op->emitOpError("element types must be one type, or i8 input and "
                           "weight with i32 bias and result; got input ")
           << in << ", weight " << w << ", bias " << bias << ", result " << out;
  // (I64Attr getters return the bits unsigned.)
  int64_t zp = int64_t(zpBits);
  if (zp != 0 && !in.isSignlessInteger())
    return op->emitOpError(zpName) << " applies to integer inputs, not " << in;
  if (auto it = dyn_cast<IntegerType>(in);
      it && zp != 0 &&
      (zp < -(int64_t(1) << (it.getWidth() - 1)) ||
       zp >= (int64_t(1) << (it.getWidth() - 1))))
    return op->emitOpError(zpName) << " must be an " << in << ", got " << zp;
  return success();
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyLayerTypes(*this, getInput(), getWeight(), getBias(),
                              getOutput(), getInputZeroPoint(),
                              "input_zero_point")) ||
      failed(verifyConvAttrs(*this)) ||
      failed(verifyInferredShape(*this,
                                 inferConv2dShape(shapeOf(getInput()),
                                                  shapeOf(getWeight()),
                                                  getConvParams()),
                                 getOutput())) ||
      failed(verifyBias(*this, getBias(), shapeOf(getWeight())[0])))
    return failure();
  return verifyLayerMapping(*this);
}

LoopBounds Conv2DOp::getLoopBounds() {
  return conv2dLoopBounds(shapeOf(getOutput()), shapeOf(getWeight()),
                          getConvParams());
}

LayerProblem Conv2DOp::getProblem() {
  LayerProblem p = convProblem(shapeOf(getInput()), shapeOf(getWeight()),
                               getConvParams(), elementBits(getInput()));
  p.elementBits[Tensor::Weights] = elementBits(getWeight());
  p.elementBits[Tensor::Outputs] = elementBits(getOutput());
  return p;
}

//===----------------------------------------------------------------------===//
// ConvTranspose2DOp
//===----------------------------------------------------------------------===//

ConvParams ConvTranspose2DOp::getConvParams() {
  ConvParams p = convParamsOf(*this);
  copyIfSized(getOutputPadding(), p.outputPadding);
  return p;
}

LogicalResult ConvTranspose2DOp::verify() {
  if (failed(verifyConvAttrs(*this)) ||
      failed(verifyPair(*this, "output_padding", getOutputPadding(), 2)) ||
      failed(verifyInferredShape(*this,
                                 inferConvTranspose2dShape(shapeOf(getInput()),
                                                           shapeOf(getWeight()),
                                                           getConvParams()),
                                 getOutput())) ||
      failed(verifyBias(*this, getBias(), shapeOf(getOutput())[1])))
    return failure();
  return verifyLayerMapping(*this);
}

LoopBounds ConvTranspose2DOp::getLoopBounds() {
  return convTranspose2dLoopBounds(shapeOf(getOutput()), shapeOf(getWeight()),
                                   getConvParams());
}

LayerProblem ConvTranspose2DOp::getProblem() {
  PerTensor<int64_t> bits;
  bits.v = {elementBits(getWeight()), elementBits(getInput()),
            elementBits(getOutput())};
  return convTransposeProblem(shapeOf(getInput()), shapeOf(getWeight()),
                              shapeOf(getOutput()), getConvParams(), bits);
}

//===----------------------------------------------------------------------===//
// MatmulOp
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  if (failed(verifyLayerTypes(*this, getLhs(), getRhs(), getBias(), getOutput(),
                              getLhsZeroPoint(), "lhs_zero_point")) ||
      failed(verifyInferredShape(*this,
                                 inferMatmulShape(shapeOf(getLhs()),
                                                  shapeOf(getRhs()),
                                                  getTransposeRhs()),
                                 getOutput())) ||
      failed(verifyBias(*this, getBias(), shapeOf(getOutput()).back())))
    return failure();
  return verifyLayerMapping(*this);
}

LoopBounds MatmulOp::getLoopBounds() {
  return matmulLoopBounds(shapeOf(getLhs()), shapeOf(getOutput()));
}

LayerProblem MatmulOp::getProblem() {
  LayerProblem p = matmulProblem(shapeOf(getLhs()), shapeOf(getOutput()),
                                 elementBits(getLhs()));
  p.elementBits[Tensor::Weights] = elementBits(getRhs());
  return p;
}

//===----------------------------------------------------------------------===//
// Pool2DOp
//===----------------------------------------------------------------------===//

PoolParams Pool2DOp::getPoolParams() {
  PoolParams p;
  p.global = getGlobal();
  if (std::optional<ArrayRef<int64_t>> kernel = getKernel())
    copyIfSized(*kernel, p.kernel);
  copyIfSized(getStrides(), p.strides);
  copyIfSized(getDilations(), p.dilations);
  copyIfSized(getPads(), p.pads);
  p.ceilMode = getCeilMode();
  return p;
}

LogicalResult Pool2DOp::verify() {
  if (failed(verifyPair(*this, "strides", getStrides(), 2)) ||
      failed(verifyPair(*this, "dilations", getDilations(), 2)) ||
      failed(verifyPair(*this, "pads", getPads(), 4)))
    return failure();
  if (getGlobal()) {
    if (getKernel() || getCeilMode() ||
        llvm::any_of(getStrides(), [](int64_t s) { return s != 1; }) ||
        llvm::any_of(getDilations(), [](int64_t s) { return s != 1; }) ||
        llvm::any_of(getPads(), [](int64_t s) { return s != 0; }))
      return emitOpError("a global pooling takes no kernel, strides, "
                         "dilations, pads or ceil_mode");
  } else {
    if (!getKernel())
      return emitOpError("needs a 'kernel' unless it is 'global'");
    if (failed(verifyPair(*this, "kernel", *getKernel(), 2)))
      return failure();
  }
  if (getCountIncludePad() && getKind() != PoolKind::Avg)
    return emitOpError("'count_include_pad' only applies to avg pooling");
  if (failed(verifyInferredShape(
          *this, inferPool2dShape(shapeOf(getInput()), getPoolParams()),
          getOutput())))
    return failure();
  return verifyLayerMapping(*this);
}

LoopBounds Pool2DOp::getLoopBounds() {
  return pool2dLoopBounds(shapeOf(getInput()), shapeOf(getOutput()),
                          getPoolParams());
}

LayerProblem Pool2DOp::getProblem() {
  return poolProblem(shapeOf(getInput()), getPoolParams(),
                     elementBits(getInput()));
}

//===----------------------------------------------------------------------===//
// AddOp, MulOp, ActivationOp, ResizeOp
//===----------------------------------------------------------------------===//

template <typename BinaryOp> static LogicalResult verifyBinary(BinaryOp op) {
  if (failed(verifyInferredShape(
          op, broadcastShapes(shapeOf(op.getLhs()), shapeOf(op.getRhs())),
          op.getOutput())))
    return failure();
  return verifyLayerMapping(op);
}

LogicalResult AddOp::verify() { return verifyBinary(*this); }
LogicalResult MulOp::verify() { return verifyBinary(*this); }
LoopBounds AddOp::getLoopBounds() {
  return elementwiseLoopBounds(shapeOf(getOutput()));
}
LoopBounds MulOp::getLoopBounds() {
  return elementwiseLoopBounds(shapeOf(getOutput()));
}
LayerProblem AddOp::getProblem() { return perPixelProblem(getOutput(), 2); }
LayerProblem MulOp::getProblem() { return perPixelProblem(getOutput(), 2); }

LogicalResult ActivationOp::verify() { return verifyLayerMapping(*this); }
LoopBounds ActivationOp::getLoopBounds() {
  return elementwiseLoopBounds(shapeOf(getOutput()));
}
LayerProblem ActivationOp::getProblem() {
  return perPixelProblem(getOutput(), 1);
}

/// A per-element conversion between types (quantize, dequantize): one
/// operation per element, its input read at its own width.
static LayerProblem convertingProblem(Value input, Value output) {
  LayerProblem p = perPixelProblem(output, 1);
  p.elementBits[Tensor::Inputs] = elementBits(input);
  return p;
}

LogicalResult QuantizeOp::verify() {
  Type in = getInput().getType().getElementType();
  auto out = dyn_cast<IntegerType>(getOutput().getType().getElementType());
  if (!isa<FloatType>(in) || !out || !out.isSignless() || out.getWidth() > 32)
    return emitOpError("quantizes floats to signless integers of at most "
                       "32 bits, got ")
           << in << " to " << getOutput().getType().getElementType();
  double scale = getScale().convertToDouble();
  if (!std::isfinite(scale) || scale <= 0)
    return emitOpError("scale must be finite and > 0, got ") << scale;
  // (I64Attr getters return the bits unsigned.)
  int64_t lo = -(int64_t(1) << (out.getWidth() - 1)), hi = -lo - 1;
  int64_t min = int64_t(getMin()), max = int64_t(getMax()),
          zp = int64_t(getZeroPoint());
  if (min < lo || max > hi || min > max)
    return emitOpError("range [")
           << min << ", " << max << "] must lie in " << out << "'s [" << lo
           << ", " << hi << "] with min <= max";
  if (zp < lo || zp > hi)
    return emitOpError("zero_point ") << zp << " is not an " << out;
  return verifyLayerMapping(*this);
}
LoopBounds QuantizeOp::getLoopBounds() {
  return elementwiseLoopBounds(shapeOf(getOutput()));
}
LayerProblem QuantizeOp::getProblem() {
  return convertingProblem(getInput(), getOutput());
}

LogicalResult DequantizeOp::verify() {
  Type in = getInput().getType().getElementType();
  Type out = getOutput().getType().getElementType();
  if (!in.isSignlessInteger() || !isa<FloatType>(out))
    return emitOpError("dequantizes signless integers to floats, got ")
           << in << " to " << out;
  ArrayRef<int64_t> shape = shapeOf(getOutput());
  int64_t axis = getAxis();
  if (axis < 0 || axis >= int64_t(shape.size()))
    return emitOpError("axis ")
           << axis << " is not a dimension of " << getOutput().getType();
  size_t n = getScales().size();
  if (n != 1 && int64_t(n) != shape[axis])
    return emitOpError("has ")
           << n << " scales: one, or one per index of dimension " << axis
           << " (" << shape[axis] << ")";
  for (double s : getScales())
    if (!std::isfinite(s) || s <= 0)
      return emitOpError("scales must be finite and > 0, got ") << s;
  return verifyLayerMapping(*this);
}
LoopBounds DequantizeOp::getLoopBounds() {
  return elementwiseLoopBounds(shapeOf(getOutput()));
}
LayerProblem DequantizeOp::getProblem() {
  return convertingProblem(getInput(), getOutput());
}

LogicalResult LayerNormOp::verify() {
  if (!isa<FloatType>(getOutput().getType().getElementType()))
    return emitOpError("normalizes floats, got ")
           << getOutput().getType().getElementType();
  int64_t rank = getOutput().getType().getRank(), axis = getAxis();
  if (axis < -rank || axis >= rank)
    return emitOpError("axis ")
           << axis << " is not a dimension of " << getOutput().getType();
  // Above rank 4 the leading dimensions are one loop (N).
  if (rank > 4 && getNormalizedAxis() < rank - 3)
    return emitOpError("axis ")
           << axis << " of a rank-" << rank
           << " tensor: only the last 3 dimensions can be normalized over";
  double eps = getEpsilon().convertToDouble();
  if (!std::isfinite(eps) || eps < 0)
    return emitOpError("epsilon must be finite and >= 0, got ") << eps;
  return verifyLayerMapping(*this);
}
LoopBounds LayerNormOp::getLoopBounds() {
  return elementwiseLoopBounds(shapeOf(getOutput()));
}
LayerProblem LayerNormOp::getProblem() {
  LayerProblem p = perPixelProblem(getOutput(), 1);
  p.wholeOnChip =
      elementwiseAxisDim(shapeOf(getOutput()).size(), getNormalizedAxis());
  return p;
}

namespace {
struct FuseActivationIntoProducer : OpRewritePattern<ActivationOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ActivationOp op,
                                PatternRewriter &rewriter) const override {
    Operation *def = op.getInput().getDefiningOp();
    if (!def || !def->hasOneUse() || def->getAttr("activation") ||
        !isa<Conv2DOp, ConvTranspose2DOp, MatmulOp, AddOp>(def))
      return failure();
    rewriter.modifyOpInPlace(def,
                             [&] { def->setAttr("activation", op.getAct()); });
    rewriter.replaceOp(op, def->getResult(0));
    return success();
  }
};

/// x * gate(x), with the gate an activation of x used only there, is one
/// activation: x * sigmoid(x) is SiLU (swish; EfficientNet-style exports),
/// x * hard_sigmoid(x; 1/6, 1/2) hard-swish (MobileNet-v3).
struct ActivationFromGatedMul : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  static std::optional<ActivationKind> product(ActivationAttr gate) {
    switch (gate.getKind()) {
    case ActivationKind::Sigmoid:
      return ActivationKind::Silu;
    case ActivationKind::HardSigmoid:
      if (std::abs(gate.getAlpha().getValueAsDouble() - 1.0 / 6.0) <= 1e-6 &&
          std::abs(gate.getBeta().getValueAsDouble() - 0.5) <= 1e-6)
        return ActivationKind::HardSwish;
      return std::nullopt;
    default:
      return std::nullopt;
    }
  }
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getActivation() || op.getMapping())
      return failure();
    for (int i = 0; i < 2; ++i) {
      Value x = op->getOperand(i);
      auto gate = op->getOperand(1 - i).getDefiningOp<ActivationOp>();
      if (!gate || gate.getInput() != x || !gate->hasOneUse() ||
          x.getType() != op.getType())
        continue;
      std::optional<ActivationKind> kind = product(gate.getAct());
      if (!kind)
        continue;
      rewriter.replaceOpWithNewOp<ActivationOp>(
          op, op.getType(), x, ActivationAttr::get(getContext(), *kind),
          nullptr);
      return success();
    }
    return failure();
  }
};
} // namespace

void ActivationOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *ctx) {
  patterns.add<FuseActivationIntoProducer>(ctx);
}

/// The value of a float constant whose elements are all equal.
static std::optional<double> floatSplat(Value v) {
  DenseElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || !attr.isSplat() ||
      !isa<FloatType>(attr.getElementType()))
    return std::nullopt;
  return attr.getSplatValue<APFloat>().convertToDouble();
}

/// GELU as ONNX exports it before opset 20: (x * (erf(x / sqrt 2) + 1)) *
/// 0.5, the division and erf kept opaque by the importer. One activation.
struct GeluFromErf : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  /// `v` is a constant whose every element is `value` (within 1e-6
  /// relative).
  static bool isSplat(Value v, double value) {
    std::optional<double> x = floatSplat(v);
    return x && std::abs(*x - value) <= 1e-6 * std::abs(value);
  }
  /// The operand of the binary op `op` that is not `other`, or null.
  static Value otherOperand(Operation *op, Value other) {
    if (op->getOperand(0) == other)
      return op->getOperand(1);
    if (op->getOperand(1) == other)
      return op->getOperand(0);
    return Value();
  }
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getActivation() || op.getMapping())
      return failure();
    for (int half = 0; half < 2; ++half) {
      if (!isSplat(op->getOperand(half), 0.5))
        continue;
      auto inner = op->getOperand(1 - half).getDefiningOp<MulOp>();
      if (!inner || !inner->hasOneUse() || inner.getActivation())
        continue;
      for (int xi = 0; xi < 2; ++xi) {
        Value x = inner->getOperand(xi);
        auto plus = inner->getOperand(1 - xi).getDefiningOp<AddOp>();
        if (!plus || !plus->hasOneUse() || plus.getActivation() ||
            x.getType() != op.getType())
          continue;
        OpaqueOp erf;
        for (int e = 0; e < 2 && !erf; ++e)
          if (isSplat(plus->getOperand(1 - e), 1.0))
            erf = plus->getOperand(e).getDefiningOp<OpaqueOp>();
        if (!erf || erf.getOpName() != "onnx.Erf" || !erf->hasOneUse() ||
            erf.getInputs().size() != 1)
          continue;
        auto div = erf.getInputs()[0].getDefiningOp<OpaqueOp>();
        if (!div || div.getOpName() != "onnx.Div" || !div->hasOneUse() ||
            div.getInputs().size() != 2 || div.getInputs()[0] != x ||
            !isSplat(div.getInputs()[1], std::sqrt(2.0)))
          continue;
        // (The name is read before the replacement erases `op`.)
        Attribute name = op->getAttr("accel.name");
        auto gelu = rewriter.replaceOpWithNewOp<ActivationOp>(
            op, op.getType(), x,
            ActivationAttr::get(getContext(), ActivationKind::Gelu), nullptr);
        if (name)
          gelu->setAttr("accel.name", name);
        // (Opaque ops are kept as if they had effects: erase them here.)
        for (Operation *dead : {inner.getOperation(), plus.getOperation(),
                                erf.getOperation(), div.getOperation()})
          rewriter.eraseOp(dead);
        return success();
      }
    }
    return failure();
  }
};

/// dequantize(q) * c, with c a constant: one dequantization
/// (scaleDequantization).
struct DequantizeThenScale : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getActivation() || op.getMapping())
      return failure();
    for (int i = 0; i < 2; ++i) {
      DenseFPElementsAttr c;
      if (op->getOperand(i).getType() != op.getType() ||
          !matchPattern(op->getOperand(1 - i), m_Constant(&c)))
        continue;
      llvm::SmallVector<double> factors;
      for (const APFloat &f : c.getValues<APFloat>())
        factors.push_back(f.convertToDouble());
      FailureOr<Value> y = scaleDequantization(
          rewriter, op->getOperand(i), c.getType().getShape(), factors, op);
      if (failed(y))
        continue;
      rewriter.replaceOp(op, *y);
      return success();
    }
    return failure();
  }
};

FailureOr<Value> accel::scaleDequantization(OpBuilder &builder, Value x,
                                            ArrayRef<int64_t> shape,
                                            ArrayRef<double> factors,
                                            Operation *user) {
  auto onlyFor = [](Value v, Operation *user) {
    return llvm::all_of(v.getUsers(), [&](Operation *u) { return u == user; });
  };
  auto view = x.getDefiningOp<ReshapeOp>();
  auto dq = (view ? view.getInput() : x).getDefiningOp<DequantizeOp>();
  if (!dq || dq.getMapping() || !onlyFor(x, user) ||
      (view && !onlyFor(dq, view)))
    return failure();
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  if (int64_t(shape.size()) != rank || factors.empty() ||
      int64_t(factors.size()) != numElements(shape))
    return failure();
  // The one axis the factors vary along (-1: one value), as an axis of the
  // dequantization.
  int64_t axis = -1;
  for (auto [d, size] : llvm::enumerate(shape))
    if (size != 1)
      axis = axis == -1 ? int64_t(d) : -2;
  if (axis >= 0 && shape[axis] != type.getDimSize(axis))
    return failure(); // the factors broadcast x
  if (axis >= 0 && view)
    axis = axis == rank - 1 &&
                   dq.getType().getShape().back() == type.getShape().back()
               ? dq.getType().getRank() - 1
               : -2;
  if (axis == -2)
    return failure();
  ArrayRef<double> old = dq.getScales();
  int64_t outAxis = old.size() > 1 ? dq.getAxis() : axis;
  if (axis >= 0 && axis != outAxis)
    return failure();
  llvm::SmallVector<double> scales;
  int64_t n = std::max<int64_t>(old.size(), factors.size());
  for (int64_t k = 0; k < n; ++k)
    scales.push_back(old[old.size() > 1 ? k : 0] *
                     factors[factors.size() > 1 ? k : 0]);
  if (!llvm::all_of(scales, [](double s) { return std::isfinite(s) && s > 0; }))
    return failure();
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointAfterValue(x);
  Value y = DequantizeOp::create(
      builder, dq.getLoc(), dq.getType(), dq.getInput(),
      builder.getDenseF64ArrayAttr(scales),
      builder.getI64IntegerAttr(outAxis < 0 ? dq.getAxis() : outAxis),
      dq.getZeroPointAttr(), nullptr);
  if (Attribute name = dq->getAttr("accel.name"))
    y.getDefiningOp()->setAttr("accel.name", name);
  if (view)
    y = ReshapeOp::create(builder, view.getLoc(), view.getType(), y);
  return y;
}

void MulOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                        MLIRContext *ctx) {
  patterns.add<ActivationFromGatedMul, GeluFromErf, DequantizeThenScale>(ctx);
}

namespace {
/// Layer normalization as ONNX exports it before opset 17:
///   m = ReduceMean(x, axes = [a]); d = Sub(x, m)
///   v = ReduceMean(Pow(d, 2), axes = [a]) (or of Mul(d, d))
///   y = Div(d, Sqrt(Add(v, epsilon)))
/// with the reductions, Pow, Sub, Sqrt and Div opaque. One layer_norm over
/// axis a (the innermost as LayerNorm exports, the channels as a
/// LayerNorm2d written on NCHW does; the scale and shift that follow are
/// already accel.mul and accel.add).
struct LayerNormFromMoments : OpRewritePattern<OpaqueOp> {
  using OpRewritePattern::OpRewritePattern;
  /// `v`'s defining opaque op when it is `name` with `inputs` operands and
  /// one result.
  static OpaqueOp opaque(Value v, StringRef name, unsigned inputs) {
    auto op = v ? v.getDefiningOp<OpaqueOp>() : OpaqueOp();
    if (!op || op.getOpName() != name || op.getInputs().size() != inputs ||
        op->getNumResults() != 1)
      return OpaqueOp();
    return op;
  }
  /// The axis of a mean over one axis that keeps it (size 1), counted
  /// from the front; -1 for any other op.
  static int64_t meanAxis(OpaqueOp mean) {
    if (!mean)
      return -1;
    auto in = cast<ShapedType>(mean.getInputs()[0].getType());
    auto axes = mean->getAttrOfType<DenseI64ArrayAttr>("axes");
    auto keep = mean->getAttrOfType<IntegerAttr>("keepdims");
    if (!in.hasRank() || !axes || axes.size() != 1 ||
        (keep && keep.getInt() != 1))
      return -1;
    int64_t rank = in.getRank(), axis = axes[0] < 0 ? axes[0] + rank : axes[0];
    return axis >= 0 && axis < rank ? axis : -1;
  }
  LogicalResult matchAndRewrite(OpaqueOp div,
                                PatternRewriter &rewriter) const override {
    if (!opaque(div.getResult(0), "onnx.Div", 2))
      return failure();
    Value d = div.getInputs()[0];
    OpaqueOp sub = opaque(d, "onnx.Sub", 2);
    OpaqueOp sqrt = opaque(div.getInputs()[1], "onnx.Sqrt", 1);
    if (!sub || !sqrt || !sqrt->hasOneUse() || d.getType() != div.getType(0))
      return failure();
    Value x = sub.getInputs()[0];
    OpaqueOp mean = opaque(sub.getInputs()[1], "onnx.ReduceMean", 1);
    int64_t axis = meanAxis(mean);
    int64_t rank = cast<ShapedType>(x.getType()).getRank();
    // (Above rank 4 a layer norm holds only the last 3 axes.)
    if (axis < 0 || mean.getInputs()[0] != x || !mean->hasOneUse() ||
        (rank > 4 && axis < rank - 3) || x.getType() != d.getType() ||
        !isa<FloatType>(cast<ShapedType>(x.getType()).getElementType()))
      return failure();
    auto plus = sqrt.getInputs()[0].getDefiningOp<AddOp>();
    if (!plus || !plus->hasOneUse() || plus.getActivation())
      return failure();
    std::optional<double> eps;
    Value var;
    for (int i = 0; i < 2 && !eps; ++i)
      if ((eps = floatSplat(plus->getOperand(1 - i))))
        var = plus->getOperand(i);
    OpaqueOp varMean = opaque(var, "onnx.ReduceMean", 1);
    if (!eps || !std::isfinite(*eps) || *eps < 0 || !varMean ||
        !varMean->hasOneUse() || meanAxis(varMean) != axis)
      return failure();
    // The square: Pow(d, 2) or Mul(d, d).
    Operation *square = varMean.getInputs()[0].getDefiningOp();
    if (!square || !square->hasOneUse())
      return failure();
    if (OpaqueOp pow = opaque(square->getResult(0), "onnx.Pow", 2)) {
      if (pow.getInputs()[0] != d || floatSplat(pow.getInputs()[1]) != 2.0)
        return failure();
    } else if (auto mul = dyn_cast<MulOp>(square)) {
      if (mul.getLhs() != d || mul.getRhs() != d || mul.getActivation())
        return failure();
    } else {
      return failure();
    }
    // d feeds only the square and the division.
    for (Operation *user : d.getUsers())
      if (user != square && user != div.getOperation())
        return failure();
    // (The name is read before the replacement erases `div`.)
    Attribute name = div->getAttr("accel.name");
    auto norm = rewriter.replaceOpWithNewOp<LayerNormOp>(
        div, d.getType(), x, rewriter.getF64FloatAttr(*eps),
        rewriter.getI64IntegerAttr(axis == rank - 1 ? -1 : axis), nullptr);
    if (name)
      norm->setAttr("accel.name", name);
    // (Opaque ops are kept as if they had effects: erase them here, users
    // first.)
    for (Operation *dead :
         {sqrt.getOperation(), plus.getOperation(), varMean.getOperation(),
          square, sub.getOperation(), mean.getOperation()})
      rewriter.eraseOp(dead);
    return success();
  }
};
} // namespace

void OpaqueOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *ctx) {
  patterns.add<LayerNormFromMoments>(ctx);
}

LogicalResult ResizeOp::verify() {
  if (getAlignCorners() && getMode() != ResizeMode::Bilinear)
    return emitOpError("'align_corners' only applies to bilinear resize");
  if (failed(verifyInferredShape(
          *this, inferResizeShape(shapeOf(getInput()), getScales()),
          getOutput())))
    return failure();
  return verifyLayerMapping(*this);
}

LoopBounds ResizeOp::getLoopBounds() {
  // Bilinear interpolation reads a 2x2 neighbourhood per output pixel.
  return elementwiseLoopBounds(shapeOf(getOutput()),
                               getMode() == ResizeMode::Bilinear ? 2 : 1);
}
LayerProblem ResizeOp::getProblem() {
  // Counted over the output plane: an input pixel is read once per output
  // pixel it feeds (scale^2 times for nearest).
  return perPixelProblem(getOutput(), 1,
                         getMode() == ResizeMode::Bilinear ? 2 : 1);
}

//===----------------------------------------------------------------------===//
// ConcatOp, ReshapeOp, FlattenOp, OpaqueOp
//===----------------------------------------------------------------------===//

LogicalResult ConcatOp::verify() {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value v : getInputs())
    shapes.push_back(shapeOf(v));
  return verifyInferredShape(
      *this, inferConcatShape(shapes, static_cast<int64_t>(getAxis())),
      getOutput());
}

LogicalResult ReshapeOp::verify() {
  int64_t in = numElements(shapeOf(getInput()));
  int64_t out = numElements(shapeOf(getOutput()));
  if (in != out)
    return emitOpError("input has ")
           << in << " elements but the result has " << out;
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  if (auto inner = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(inner.getInput());
    return getOutput();
  }
  return {};
}

LogicalResult FlattenOp::verify() {
  return verifyInferredShape(
      *this,
      inferFlattenShape(shapeOf(getInput()), static_cast<int64_t>(getAxis())),
      getOutput());
}

bool OpaqueOp::movesDataOnly() {
  return llvm::is_contained({"onnx.Transpose", "onnx.Slice"}, getOpName());
}

LogicalResult OpaqueOp::verify() {
  if (getOpName().empty())
    return emitOpError("needs a non-empty 'op_name'");
  return success();
}

//===----------------------------------------------------------------------===//
// GroupOp
//===----------------------------------------------------------------------===//

YieldOp GroupOp::getYield() {
  return cast<YieldOp>(getBodyBlock().getTerminator());
}

/// The schedule against the group's layers, each layer's mapping against
/// its tile, and the schedule against a preset target.
static LogicalResult verifySchedule(GroupOp group) {
  llvm::Expected<BlockGraph> graph = buildBlockGraph(group.getBodyBlock());
  if (!graph)
    return group.emitOpError() << llvm::toString(graph.takeError());
  GroupSchedule schedule = groupSchedule(group, *graph);
  llvm::Expected<GroupTiling> tiling =
      GroupTiling::compute(graph->graph, graph->allLayers(), schedule);
  if (!tiling) {
    // Errors about the schedule name its field ("rows: ...", "pes: ...").
    std::string msg = llvm::toString(tiling.takeError());
    bool field = llvm::StringRef(msg).starts_with("rows:") ||
                 llvm::StringRef(msg).starts_with("pes:");
    return group.emitOpError()
           << (!field                    ? ""
               : group.getScheduleAttr() ? "schedule "
                                         : "default schedule ")
           << msg;
  }
  for (auto [i, id] : llvm::enumerate(tiling->layers())) {
    auto layer = dyn_cast<LayerOpInterface>(graph->ops[id]);
    MappingAttr mapping = layer ? layer.getMappingAttr() : MappingAttr();
    if (!mapping || !graph->graph.layer(id).computes())
      continue;
    LayerProblem tile = tiling->mappedProblem(i);
    if (llvm::Error e = verifyMapping(mapping.getValue(), &tile.bounds))
      return layer->emitOpError("mapping does not fit the layer's tile in its "
                                "group (")
             << tile.bounds[Dim::P] << " of " << layer.getLoopBounds()[Dim::P]
             << " rows): " << llvm::toString(std::move(e));
  }
  auto module = group->getParentOfType<ModuleOp>();
  auto target =
      module ? module->getAttrOfType<TargetAttr>("accel.target") : TargetAttr();
  if (target && !target.getPreset().empty())
    if (std::optional<Arch> arch = getPreset(target.getPreset()))
      if (llvm::Error e = checkScheduleOnArch(schedule, *arch))
        return group.emitOpError("schedule on ")
               << arch->name << ": " << llvm::toString(std::move(e));
  return success();
}

LogicalResult GroupOp::verifyRegions() {
  Block &body = getBodyBlock();
  if (body.getNumArguments() != getInputs().size())
    return emitOpError("has ")
           << getInputs().size() << " inputs but its body has "
           << body.getNumArguments() << " arguments";
  for (auto [i, input, arg] : llvm::enumerate(getInputs(), body.getArguments()))
    if (input.getType() != arg.getType())
      return emitOpError("input #")
             << i << " has type " << input.getType()
             << " but the body argument has type " << arg.getType();
  if (getNumResults() == 0)
    return emitOpError("must produce at least one result");
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield)
    return emitOpError("body must end with 'accel.yield'");
  if (yield.getValues().getTypes() != getResultTypes())
    return yield.emitOpError("yields types (")
           << yield.getValues().getTypes() << ") but the group returns ("
           << getResultTypes() << ")";
  return verifySchedule(*this);
}

// accel.group (%a = %x, ...) : (types) -> (types) attributes {..} { body }
ParseResult GroupOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> args;
  SmallVector<OpAsmParser::UnresolvedOperand> operands;
  if (parser.parseAssignmentList(args, operands))
    return failure();
  SmallVector<Type> inputTypes, resultTypes;
  SMLoc typesLoc = parser.getCurrentLocation();
  if (parser.parseColon() || parser.parseLParen() ||
      (failed(parser.parseOptionalRParen()) &&
       (parser.parseTypeList(inputTypes) || parser.parseRParen())) ||
      parser.parseArrowTypeList(resultTypes))
    return failure();
  if (inputTypes.size() != args.size())
    return parser.emitError(typesLoc, "expected ")
           << args.size() << " input types, got " << inputTypes.size();
  for (auto [arg, type] : llvm::zip(args, inputTypes))
    arg.type = type;
  if (parser.resolveOperands(operands, inputTypes, typesLoc, result.operands))
    return failure();
  result.addTypes(resultTypes);
  if (parser.parseOptionalAttrDictWithKeyword(result.attributes))
    return failure();
  Region *body = result.addRegion();
  return parser.parseRegion(*body, args);
}

void GroupOp::print(OpAsmPrinter &p) {
  p << " (";
  llvm::interleaveComma(
      llvm::zip(getBodyBlock().getArguments(), getInputs()), p,
      [&](auto pair) { p << std::get<0>(pair) << " = " << std::get<1>(pair); });
  p << ") : (" << getInputs().getTypes() << ")";
  p.printArrowTypeList(getResultTypes());
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs());
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

using accel::parseEnumKeyword;
using accel::parseFullAttr;
using accel::printEnumKeyword;
using accel::printFullAttr;

#define GET_OP_CLASSES
#include "dialects/accel/AccelOps.cpp.inc"
