//===- Interpreter.cpp - Runs accel IR with the reference kernels ---------===//

#include "accel/Execution/Interpreter.h"
#include "ExecutionSupport.h"
#include "accel/Kernels/Reference.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>

using namespace mlir;
using namespace accel;
namespace k = accel::kernels;

llvm::Error accel::detail::errorAt(Operation *op, const llvm::Twine &msg) {
  std::string loc;
  llvm::raw_string_ostream os(loc);
  if (auto file = op->getLoc()->findInstanceOf<FileLineColLoc>())
    os << file.getFilename().getValue() << ":" << file.getLine() << ":"
       << file.getColumn();
  else
    op->getLoc().print(os);
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 loc + ": " + op->getName().getStringRef() +
                                     ": " + msg);
}

using accel::detail::checkArraySize;
using accel::detail::elementsToArray;
using accel::detail::errorAt;
using accel::detail::roundTo;

static Shape shapeOf(Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  return Shape(t.getShape().begin(), t.getShape().end());
}

llvm::Error accel::detail::checkArraySize(Operation *op,
                                          llvm::ArrayRef<int64_t> shape,
                                          const llvm::Twine &what) {
  if (fitsArray(shape))
    return llvm::Error::success();
  return errorAt(op, llvm::formatv("{0} of shape {1} has more elements than "
                                   "a reference run holds (2^30)",
                                   what, formatShape(shape))
                         .str());
}

llvm::Error accel::detail::roundTo(NdArray &a, Type type, Operation *op) {
  // Integers (indices and shapes, as data-movement operators read them)
  // are whole numbers within their width, signed or unsigned.
  if (auto it = dyn_cast<IntegerType>(type)) {
    unsigned w = it.getWidth();
    double lo = w >= 64 ? -9.2e18 : -std::ldexp(1.0, int(w) - 1);
    double hi = w >= 64 ? 1.8e19 : std::ldexp(1.0, int(w)) - 1;
    for (double &v : a.data) {
      v = std::nearbyint(v);
      if (!(v >= lo && v <= hi))
        return errorAt(op,
                       llvm::formatv("{0} does not fit {1}", v, type).str());
    }
    return llvm::Error::success();
  }
  auto ft = dyn_cast<FloatType>(type);
  if (!ft)
    return errorAt(op, llvm::formatv("element type {0} is not a float: the "
                                     "reference interpreter runs float "
                                     "networks",
                                     type)
                           .str());
  if (ft.isF64())
    return llvm::Error::success();
  if (ft.isF32()) {
    for (double &v : a.data)
      v = double(float(v));
    return llvm::Error::success();
  }
  const llvm::fltSemantics &sem = ft.getFloatSemantics();
  for (double &v : a.data) {
    bool lost;
    llvm::APFloat f(v);
    f.convert(sem, llvm::APFloat::rmNearestTiesToEven, &lost);
    f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
              &lost);
    v = f.convertToDouble();
  }
  return llvm::Error::success();
}

namespace {

k::Activation activationOf(ActivationAttr attr) {
  k::Activation a;
  if (!attr)
    return a;
  auto param = [](FloatAttr f, double fallback) {
    return f ? f.getValueAsDouble() : fallback;
  };
  switch (attr.getKind()) {
  case ActivationKind::Relu:
    a.kind = k::Activation::Kind::Relu;
    break;
  case ActivationKind::Relu6:
    a.kind = k::Activation::Kind::Relu6;
    break;
  case ActivationKind::Clip:
    a.kind = k::Activation::Kind::Clip;
    a.alpha = param(attr.getAlpha(), -INFINITY);
    a.beta = param(attr.getBeta(), INFINITY);
    break;
  case ActivationKind::Sigmoid:
    a.kind = k::Activation::Kind::Sigmoid;
    break;
  case ActivationKind::HardSigmoid:
    a.kind = k::Activation::Kind::HardSigmoid;
    a.alpha = param(attr.getAlpha(), 0.2);
    a.beta = param(attr.getBeta(), 0.5);
    break;
  case ActivationKind::HardSwish:
    a.kind = k::Activation::Kind::HardSwish;
    break;
  case ActivationKind::LeakyRelu:
    a.kind = k::Activation::Kind::LeakyRelu;
    a.alpha = param(attr.getAlpha(), 0.01);
    break;
  case ActivationKind::Tanh:
    a.kind = k::Activation::Kind::Tanh;
    break;
  case ActivationKind::Silu:
    a.kind = k::Activation::Kind::Silu;
    break;
  case ActivationKind::Gelu:
    a.kind = k::Activation::Kind::Gelu;
    break;
  }
  return a;
}

llvm::Expected<NdArray> constantOf(arith::ConstantOp c) {
  return elementsToArray(c, c.getValue(), shapeOf(c.getResult()));
}

class Interpreter {
public:
  explicit Interpreter(const InterpreterOptions &o) : options(o) {}

  /// Runs the ops of `block` (its arguments bound), returning what its
  /// terminator yields or returns.
  llvm::Expected<std::vector<NdArray>> runBlock(Block &block) {
    for (Operation &op : block) {
      if (op.hasTrait<OpTrait::IsTerminator>()) {
        std::vector<NdArray> out;
        for (Value v : op.getOperands())
          out.push_back(values.at(v));
        return out;
      }
      if (llvm::Error e = run(&op))
        return std::move(e);
    }
    return std::vector<NdArray>();
  }

  llvm::DenseMap<Value, NdArray> values;

private:
  const NdArray &get(Value v) { return values.at(v); }
  const NdArray *getOptional(Value v) { return v ? &values.at(v) : nullptr; }

  llvm::Error set(Operation *op, NdArray a) {
    Value r = op->getResult(0);
    if (a.shape != shapeOf(r))
      return errorAt(op, "result shape differs from its type");
    if (llvm::Error e = roundTo(
            a, cast<RankedTensorType>(r.getType()).getElementType(), op))
      return e;
    values[r] = std::move(a);
    return llvm::Error::success();
  }

  /// `a` less an integer input's zero point (I64Attr bits, unsigned), in
  /// `storage` when it is not 0.
  static const NdArray &lessZeroPoint(const NdArray &a, uint64_t zpBits,
                                      NdArray &storage) {
    int64_t zp = int64_t(zpBits);
    if (zp == 0)
      return a;
    storage = a;
    for (double &v : storage.data)
      v -= double(zp);
    return storage;
  }

  llvm::Error run(Operation *op) {
    unsigned t = options.threads;
    for (Type type : op->getResultTypes())
      if (auto shaped = dyn_cast<ShapedType>(type);
          shaped && shaped.hasStaticShape())
        if (llvm::Error e = checkArraySize(op, shaped.getShape(), "a result"))
          return e;
    // Layers compute in floats, but for quantized convolutions, their
    // (de)quantization and the sums of their partial results (exact in
    // doubles); other integers only index (Slice's bounds).
    if (isa<LayerOpInterface>(op) &&
        !isa<Conv2DOp, MatmulOp, QuantizeOp, DequantizeOp, AddOp>(op))
      for (Type type : op->getResultTypes())
        if (auto shaped = dyn_cast<ShapedType>(type);
            shaped && !isa<FloatType>(shaped.getElementType()))
          return errorAt(op, llvm::formatv("a layer of {0}: the reference "
                                           "interpreter runs float layers",
                                           shaped.getElementType())
                                 .str());
    if (auto c = dyn_cast<arith::ConstantOp>(op)) {
      llvm::Expected<NdArray> a = constantOf(c);
      if (!a)
        return a.takeError();
      values[c.getResult()] = std::move(*a);
      return llvm::Error::success();
    }
    // (An integer layer's sums are exact in doubles: at most 2^24
    // channels x taps of 2^16 each stay below 2^53.)
    NdArray shifted;
    if (auto conv = dyn_cast<Conv2DOp>(op))
      return set(op,
                 k::conv2d(lessZeroPoint(get(conv.getInput()),
                                         conv.getInputZeroPoint(), shifted),
                           get(conv.getWeight()), getOptional(conv.getBias()),
                           conv.getConvParams(),
                           activationOf(conv.getActivationAttr()), t));
    if (auto q = dyn_cast<QuantizeOp>(op))
      return set(op,
                 k::quantize(get(q.getInput()), q.getScale().convertToDouble(),
                             int64_t(q.getZeroPoint()), int64_t(q.getMin()),
                             int64_t(q.getMax())));
    if (auto dq = dyn_cast<DequantizeOp>(op))
      return set(op, k::dequantize(get(dq.getInput()), dq.getScales(),
                                   int64_t(dq.getAxis()),
                                   int64_t(dq.getZeroPoint())));
    if (auto conv = dyn_cast<ConvTranspose2DOp>(op))
      return set(op, k::convTranspose2d(
                         get(conv.getInput()), get(conv.getWeight()),
                         getOptional(conv.getBias()), conv.getConvParams(),
                         activationOf(conv.getActivationAttr()), t));
    if (auto mm = dyn_cast<MatmulOp>(op))
      return set(op, k::matmul(lessZeroPoint(get(mm.getLhs()),
                                             mm.getLhsZeroPoint(), shifted),
                               get(mm.getRhs()), getOptional(mm.getBias()),
                               mm.getTransposeRhs(),
                               activationOf(mm.getActivationAttr()), t));
    if (auto pool = dyn_cast<Pool2DOp>(op))
      return set(op,
                 k::pool2d(get(pool.getInput()),
                           pool.getKind() == PoolKind::Max ? k::PoolKind::Max
                                                           : k::PoolKind::Avg,
                           pool.getPoolParams(), pool.getCountIncludePad()));
    if (auto add = dyn_cast<AddOp>(op))
      return set(op, k::binary(k::BinaryKind::Add, get(add.getLhs()),
                               get(add.getRhs()),
                               activationOf(add.getActivationAttr())));
    if (auto mul = dyn_cast<MulOp>(op))
      return set(op, k::binary(k::BinaryKind::Mul, get(mul.getLhs()),
                               get(mul.getRhs()),
                               activationOf(mul.getActivationAttr())));
    if (auto act = dyn_cast<ActivationOp>(op)) {
      NdArray a = get(act.getInput());
      k::activate(a, activationOf(act.getAct()));
      return set(op, std::move(a));
    }
    if (auto ln = dyn_cast<LayerNormOp>(op))
      return set(op, k::layerNorm(get(ln.getInput()),
                                  ln.getEpsilon().convertToDouble(),
                                  ln.getNormalizedAxis()));
    if (auto r = dyn_cast<ResizeOp>(op))
      return set(op, k::resize(get(r.getInput()),
                               r.getMode() == ResizeMode::Nearest
                                   ? k::ResizeMode::Nearest
                                   : k::ResizeMode::Bilinear,
                               r.getScales(), r.getAlignCorners()));
    if (auto cat = dyn_cast<ConcatOp>(op)) {
      llvm::SmallVector<const NdArray *> inputs;
      for (Value v : cat.getInputs())
        inputs.push_back(&get(v));
      return set(op, k::concat(inputs, cat.getAxis()));
    }
    // Slicing in compute bodies (a tile's rows of a buffer): static offsets,
    // sizes, unit strides.
    if (auto ex = dyn_cast<tensor::ExtractSliceOp>(op)) {
      if (!ex.hasUnitStride() ||
          ShapedType::isDynamicShape(ex.getStaticOffsets()) ||
          ShapedType::isDynamicShape(ex.getStaticSizes()))
        return errorAt(op, "only static, unit-stride slices run");
      if (ex.getType().getRank() != ex.getSourceType().getRank())
        return errorAt(op, "only rank-preserving slices run");
      return set(op, k::slice(get(ex.getSource()), ex.getStaticOffsets(),
                              ex.getStaticSizes()));
    }
    if (auto in = dyn_cast<tensor::InsertSliceOp>(op)) {
      if (!in.hasUnitStride() ||
          ShapedType::isDynamicShape(in.getStaticOffsets()) ||
          in.getSourceType().getRank() != in.getDestType().getRank())
        return errorAt(op, "only static, unit-stride, rank-preserving "
                           "inserts run");
      return set(op, k::insertSlice(get(in.getSource()), get(in.getDest()),
                                    in.getStaticOffsets()));
    }
    if (isa<ReshapeOp, FlattenOp>(op))
      return set(op,
                 k::reshape(get(op->getOperand(0)), shapeOf(op->getResult(0))));
    if (auto group = dyn_cast<GroupOp>(op)) {
      Block &body = group.getBodyBlock();
      for (auto [arg, operand] :
           llvm::zip(body.getArguments(), group->getOperands()))
        values[arg] = get(operand);
      llvm::Expected<std::vector<NdArray>> out = runBlock(body);
      if (!out)
        return out.takeError();
      for (auto [r, a] : llvm::zip(group->getResults(), *out))
        values[r] = std::move(a);
      return llvm::Error::success();
    }
    if (auto opaque = dyn_cast<OpaqueOp>(op))
      return runOpaque(opaque);
    return errorAt(op, "no reference kernel for this operation");
  }

  /// The ONNX operators that only move data, kept opaque by the importer:
  /// Transpose and Slice (constant starts, ends, axes, steps).
  llvm::Error runOpaque(OpaqueOp op) {
    llvm::StringRef name = op.getOpName();
    auto ints = [&](unsigned i) {
      std::vector<int64_t> v;
      if (i < op.getInputs().size())
        for (double d : get(op.getInputs()[i]).data)
          v.push_back(int64_t(d));
      return v;
    };
    NdArray out;
    if (name == "onnx.Transpose" && op.getInputs().size() == 1) {
      auto perm = op->getAttrOfType<DenseI64ArrayAttr>("perm");
      out = k::transpose(get(op.getInputs()[0]),
                         perm ? perm.asArrayRef() : llvm::ArrayRef<int64_t>());
    } else if (name == "onnx.Slice" && op.getInputs().size() >= 3) {
      std::vector<int64_t> starts = ints(1), ends = ints(2), axes = ints(3),
                           steps = ints(4);
      if (ends.size() != starts.size() ||
          (!axes.empty() && axes.size() != starts.size()) ||
          (!steps.empty() && steps.size() != starts.size()) ||
          llvm::is_contained(steps, 0))
        return errorAt(op, "onnx.Slice: starts, ends, axes and steps must "
                           "have one entry per sliced axis, and no step 0");
      out = k::slice(get(op.getInputs()[0]), starts, ends, axes, steps);
    } else {
      return errorAt(op, "no reference kernel for '" + name + "'");
    }
    if (op->getNumResults() != 1 || out.shape != shapeOf(op->getResult(0)))
      return errorAt(op, (name +
                          ": the result type does not match the "
                          "operator's output " +
                          formatShape(out.shape))
                             .str());
    return set(op, std::move(out));
  }

  const InterpreterOptions &options;
};

} // namespace

llvm::Expected<std::vector<NdArray>>
accel::runBlock(Block &block, llvm::ArrayRef<NdArray> args,
                const InterpreterOptions &options) {
  Interpreter interp(options);
  for (auto [arg, a] : llvm::zip(block.getArguments(), args))
    interp.values[arg] = a;
  return interp.runBlock(block);
}

llvm::Expected<std::vector<NdArray>>
accel::runFunction(func::FuncOp f, llvm::ArrayRef<NdArray> args,
                   const InterpreterOptions &options) {
  if (f.isExternal())
    return errorAt(f, "the function has no body");
  Block &body = f.getBody().front();
  llvm::Expected<std::vector<NdArray>> bound =
      detail::bindArguments<RankedTensorType>(f, body, args, "tensor");
  if (!bound)
    return bound.takeError();
  Interpreter interp(options);
  for (auto [arg, a] : llvm::zip(body.getArguments(), *bound))
    interp.values[arg] = std::move(a);
  return interp.runBlock(body);
}

llvm::Expected<NdArray>
accel::detail::elementsToArray(Operation *at, Attribute value,
                               llvm::ArrayRef<int64_t> shape) {
  auto dense = dyn_cast<DenseElementsAttr>(value);
  if (!dense)
    return errorAt(at, "only dense tensor constants are supported");
  NdArray a{Shape(shape.begin(), shape.end())};
  if (dense.getNumElements() != int64_t(a.data.size()))
    return errorAt(at, "a constant of the wrong number of elements");
  int64_t i = 0;
  if (isa<FloatType>(dense.getElementType())) {
    for (APFloat v : dense.getValues<APFloat>()) {
      bool lost;
      v.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
                &lost);
      a.data[i++] = v.convertToDouble();
    }
  } else {
    for (APInt v : dense.getValues<APInt>())
      a.data[i++] = double(v.getSExtValue());
  }
  return a;
}
