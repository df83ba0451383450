//===- OnnxImport.cpp - ONNX models to the accel dialect ------------------===//
//
// Reads the protobuf with Debian's libonnx, runs ONNX shape inference, and
// builds one accel op per node in the graph's (topological) order. Result
// shapes come from accel's shape arithmetic and are checked against ONNX's
// inferred shapes, so a disagreement is reported at the node. libonnx throws
// C++ exceptions, so this file is built with -fexceptions and catches them at
// the library boundary.
//
//===----------------------------------------------------------------------===//

#include "accel/Target/OnnxImport.h"
#include "OnnxQOperators.h"
#include "OnnxShapeFolding.h"
#include "OnnxValidation.h"
#include "accel/Transforms/CancelTransposes.h"
#include "accel/Workload/ShapeArith.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "onnx/onnx_pb.h"
#include "onnx/shape_inference/implementation.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include <cmath>
#include <cstdio>
#include <cstdlib>

using namespace mlir;
using namespace accel;

namespace {

/// The shape and element type ONNX gives a value.
struct TensorInfo {
  Type elementType;
  llvm::SmallVector<int64_t, 4> shape;
  bool dynamic = false;
  /// A dimension above the dialect's limit (kMaxDimension), or 0.
  int64_t tooLarge = 0;
};

class OnnxImporter {
public:
  OnnxImporter(MLIRContext *ctx, StringRef fileName,
               const OnnxImportOptions &options)
      : ctx(ctx), builder(ctx), fileName(fileName), options(options) {}

  OwningOpRef<ModuleOp> run(StringRef bytes);

private:
  MLIRContext *ctx;
  OpBuilder builder;
  std::string fileName;
  OnnxImportOptions options;
  onnx::ModelProto model;

  llvm::StringMap<TensorInfo> infos;
  llvm::StringMap<const onnx::TensorProto *> constants;
  llvm::StringMap<Value> values;
  /// How many node inputs and graph outputs read each value.
  llvm::StringMap<unsigned> readers;
  /// The node that reads each value (the last, when several do).
  llvm::StringMap<const onnx::NodeProto *> readerOf;
  /// Zero padding of a Pad node folded into the layer that reads its
  /// result: top, left, bottom, right.
  llvm::StringMap<std::array<int64_t, 4>> pendingPads;
  /// Quantized values (QDQ models), all held as i8: how far below the ONNX
  /// value each lies (128 for uint8 data, 0 for int8).
  llvm::StringMap<int64_t> quantOffset;
  /// The float results of DequantizeLinear nodes, and the integer tensors
  /// they come from: a Conv that reads such an input and weight runs on the
  /// integers instead.
  struct Dequantized {
    Value q;
    llvm::SmallVector<double> scales;
    int64_t axis = 1, zeroPoint = 0;
  };
  llvm::StringMap<Dequantized> dequantized;
  unsigned unsupported = 0;
  /// The warnings of operators kept opaque, given once the activations are
  /// folded: an opaque Div and Erf that become one GELU are not reported.
  std::vector<std::pair<Location, std::string>> opaqueWarnings;

  /// The node being imported, for diagnostics: "node 'conv1' (Conv): ".
  std::string currentNode;

  Location fileLoc() { return FileLineColLoc::get(ctx, fileName, 0, 0); }
  LogicalResult validateGraph();
  LogicalResult importPad(const onnx::NodeProto &node, Location loc);
  LogicalResult pinDynamicDims();
  OwningOpRef<ModuleOp> runImport(StringRef bytes);
  InFlightDiagnostic nodeError(Location loc) {
    return std::move(emitError(loc) << currentNode);
  }
  InFlightDiagnostic nodeWarning(Location loc) {
    return std::move(emitWarning(loc) << currentNode);
  }
  Location nodeLoc(const onnx::NodeProto &node, unsigned index) {
    std::string name =
        node.name().empty()
            ? llvm::formatv("{0}#{1}", node.op_type(), index).str()
            : node.name();
    return NameLoc::get(StringAttr::get(ctx, name), fileLoc());
  }

  // Types.
  Type elementType(int32_t onnxType);
  void recordInfo(const onnx::ValueInfoProto &vi);
  FailureOr<RankedTensorType> typeOf(StringRef name, Location loc);

  // Constants.
  FailureOr<DenseElementsAttr> toAttr(const onnx::TensorProto &t, Location loc);
  /// Numeric values of a constant input (initializer or Constant node).
  std::optional<llvm::SmallVector<double>> constValues(StringRef name);
  FailureOr<Value> lookup(StringRef name, Location loc);

  // Nodes.
  LogicalResult importNode(const onnx::NodeProto &node, Location loc);
  LogicalResult importOpaque(const onnx::NodeProto &node, Location loc,
                             StringRef why = "");
  LogicalResult define(const onnx::NodeProto &node, Value v, Location loc);
  LogicalResult checkShape(const onnx::NodeProto &node, Location loc,
                           ArrayRef<int64_t> shape);
  /// Reads an ints attribute (or `dflt`) into a fixed-size array.
  template <size_t N>
  LogicalResult readInts(const onnx::NodeProto &node, Location loc,
                         StringRef name, ArrayRef<int64_t> dflt,
                         std::array<int64_t, N> &out);

  LogicalResult importConv(const onnx::NodeProto &node, Location loc);
  LogicalResult importConvTranspose(const onnx::NodeProto &node, Location loc);
  LogicalResult importBatchNorm(const onnx::NodeProto &node, Location loc);
  LogicalResult importActivation(const onnx::NodeProto &node, Location loc);
  LogicalResult importPool(const onnx::NodeProto &node, Location loc);
  LogicalResult importGemm(const onnx::NodeProto &node, Location loc);
  LogicalResult importResize(const onnx::NodeProto &node, Location loc);
  LogicalResult importReshape(const onnx::NodeProto &node, Location loc);
  LogicalResult importReduceMean(const onnx::NodeProto &node, Location loc);
  LogicalResult importLayerNorm(const onnx::NodeProto &node, Location loc);
  LogicalResult importQuantize(const onnx::NodeProto &node, Location loc);
  LogicalResult importDequantize(const onnx::NodeProto &node, Location loc);
  LogicalResult importQuantizedClip(const onnx::NodeProto &node, Location loc);
  /// The Conv or Gemm `node` (result `shape`, output channels on its
  /// dimension 1, the weight's on `weightAxis`) on the integers of its
  /// dequantized input and weight, built by `build` (result type, input,
  /// weight, i32 bias), then dequantized per output channel; a null Value
  /// when its operands are not dequantized integers.
  FailureOr<Value> importQuantizedLayer(
      const onnx::NodeProto &node, Location loc, ArrayRef<int64_t> shape,
      int64_t weightAxis,
      llvm::function_ref<Operation *(Type, const Dequantized &,
                                     const Dequantized &, Value)>
          build);
  /// The axis a (de)quantization's `scales` run along in a tensor of
  /// `shape` (the node's `axis`, default 1, negative from the end),
  /// checked: every scale finite and > 0, one or one per index of the axis.
  FailureOr<int64_t> quantAxis(const onnx::NodeProto &node, Location loc,
                               ArrayRef<int64_t> shape,
                               ArrayRef<double> scales);
  /// A quantization's zero points (uint8 ones read unsigned) and whether
  /// its data are uint8 (the default without a zero point).
  std::optional<std::pair<llvm::SmallVector<int64_t>, bool>>
  zeroPoints(StringRef name);
  Value withRank(Value v, int64_t rank, Location loc);

  void foldActivations(func::FuncOp func);
};

//===----------------------------------------------------------------------===//
// Attribute helpers
//===----------------------------------------------------------------------===//

const onnx::AttributeProto *findAttr(const onnx::NodeProto &node,
                                     StringRef name) {
  for (const onnx::AttributeProto &a : node.attribute())
    if (a.name() == name)
      return &a;
  return nullptr;
}
int64_t intAttr(const onnx::NodeProto &node, StringRef name, int64_t dflt) {
  const onnx::AttributeProto *a = findAttr(node, name);
  return a ? a->i() : dflt;
}
/// A float attribute as the shortest decimal that reads back to the same
/// float (0.2f is 0.2, not 0.20000000298023224).
double floatAttr(const onnx::NodeProto &node, StringRef name, float dflt) {
  const onnx::AttributeProto *a = findAttr(node, name);
  float f = a ? a->f() : dflt;
  for (int digits = 1; digits < 10; ++digits) {
    char text[32];
    std::snprintf(text, sizeof(text), "%.*g", digits, double(f));
    double d = std::strtod(text, nullptr);
    if (float(d) == f)
      return d;
  }
  return f;
}
std::string stringAttr(const onnx::NodeProto &node, StringRef name,
                       StringRef dflt) {
  const onnx::AttributeProto *a = findAttr(node, name);
  return a ? a->s() : dflt.str();
}
llvm::SmallVector<int64_t> intsAttr(const onnx::NodeProto &node, StringRef name,
                                    ArrayRef<int64_t> dflt = {}) {
  const onnx::AttributeProto *a = findAttr(node, name);
  if (!a)
    return llvm::SmallVector<int64_t>(dflt);
  return llvm::SmallVector<int64_t>(a->ints().begin(), a->ints().end());
}
/// Input `i` of a node, or "" when absent (optional inputs may be empty).
StringRef input(const onnx::NodeProto &node, int i) {
  return i < node.input_size() ? StringRef(node.input(i)) : StringRef();
}

//===----------------------------------------------------------------------===//
// Types and constants
//===----------------------------------------------------------------------===//

Type OnnxImporter::elementType(int32_t t) {
  switch (t) {
  case onnx::TensorProto::FLOAT:
    return builder.getF32Type();
  case onnx::TensorProto::FLOAT16:
    return builder.getF16Type();
  case onnx::TensorProto::BFLOAT16:
    return builder.getBF16Type();
  case onnx::TensorProto::DOUBLE:
    return builder.getF64Type();
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
    return builder.getIntegerType(8);
  case onnx::TensorProto::INT16:
    return builder.getIntegerType(16);
  case onnx::TensorProto::INT32:
    return builder.getIntegerType(32);
  case onnx::TensorProto::INT64:
    return builder.getIntegerType(64);
  case onnx::TensorProto::BOOL:
    return builder.getIntegerType(1);
  default:
    return {};
  }
}

void OnnxImporter::recordInfo(const onnx::ValueInfoProto &vi) {
  if (!vi.type().has_tensor_type())
    return;
  const onnx::TypeProto::Tensor &tt = vi.type().tensor_type();
  TensorInfo info;
  info.elementType = elementType(tt.elem_type());
  if (!info.elementType || !tt.has_shape())
    return;
  for (const onnx::TensorShapeProto::Dimension &d : tt.shape().dim()) {
    if (d.has_dim_value() && d.dim_value() > kMaxDimension) {
      info.tooLarge = d.dim_value();
      info.shape.push_back(ShapedType::kDynamic);
    } else if (d.has_dim_value() && d.dim_value() > 0) {
      info.shape.push_back(d.dim_value());
    } else {
      info.dynamic = true;
      info.shape.push_back(ShapedType::kDynamic);
    }
  }
  infos[vi.name()] = info;
}

FailureOr<RankedTensorType> OnnxImporter::typeOf(StringRef name, Location loc) {
  auto it = infos.find(name);
  if (it == infos.end())
    return emitError(loc) << "the shape of '" << name
                          << "' is unknown after ONNX shape inference";
  if (it->second.tooLarge)
    return emitError(loc) << "'" << name << "' has a dimension of "
                          << it->second.tooLarge
                          << ": accel tensors have dimensions of at most 2^24";
  if (it->second.dynamic)
    return emitError(loc) << "'" << name
                          << "' has a dynamic shape; accel needs static "
                             "shapes (export the model with fixed sizes, or "
                             "pin the dimension: --onnx-batch=N, "
                             "--onnx-dim=NAME=N)";
  return RankedTensorType::get(it->second.shape, it->second.elementType);
}

FailureOr<DenseElementsAttr> OnnxImporter::toAttr(const onnx::TensorProto &t,
                                                  Location loc) {
  if (t.data_location() == onnx::TensorProto::EXTERNAL)
    return emitError(loc) << "tensor '" << t.name()
                          << "' keeps its data in an external file, which "
                             "the importer does not read";
  Type elt = elementType(t.data_type());
  if (!elt)
    return emitError(loc) << "tensor '" << t.name()
                          << "' has an unsupported element type";
  if (std::optional<std::string> bad = accel::detail::checkTensorData(t))
    return emitError(loc) << "tensor '" << t.name() << "' " << *bad;
  llvm::SmallVector<int64_t> shape(t.dims().begin(), t.dims().end());
  auto type = RankedTensorType::get(shape, elt);
  int64_t n = numElements(shape);
  if (t.has_raw_data()) {
    if (elt.isInteger(1))
      return emitError(loc) << "boolean tensors are not supported";
    return DenseElementsAttr::getFromRawBuffer(
        type, ArrayRef<char>(t.raw_data().data(), t.raw_data().size()));
  }
  switch (t.data_type()) {
  case onnx::TensorProto::FLOAT:
    return cast<DenseElementsAttr>(DenseElementsAttr::get(
        type, ArrayRef<float>(t.float_data().data(), n)));
  case onnx::TensorProto::DOUBLE:
    return cast<DenseElementsAttr>(DenseElementsAttr::get(
        type, ArrayRef<double>(t.double_data().data(), n)));
  case onnx::TensorProto::INT64:
    return cast<DenseElementsAttr>(DenseElementsAttr::get(
        type, ArrayRef<int64_t>(t.int64_data().data(), n)));
  case onnx::TensorProto::INT32:
    return cast<DenseElementsAttr>(DenseElementsAttr::get(
        type, ArrayRef<int32_t>(t.int32_data().data(), n)));
  default:
    return emitError(loc) << "tensor '" << t.name()
                          << "' stores its values in a field the importer "
                             "does not read (use raw_data)";
  }
}

std::optional<llvm::SmallVector<double>>
OnnxImporter::constValues(StringRef name) {
  auto it = constants.find(name);
  if (it == constants.end())
    return std::nullopt;
  FailureOr<DenseElementsAttr> attr = toAttr(*it->second, fileLoc());
  if (failed(attr))
    return std::nullopt;
  llvm::SmallVector<double> out;
  if (isa<FloatType>(attr->getElementType()))
    for (APFloat v : attr->getValues<APFloat>())
      out.push_back(v.convertToDouble());
  else
    for (APInt v : attr->getValues<APInt>())
      out.push_back(double(v.getSExtValue()));
  return out;
}

FailureOr<Value> OnnxImporter::lookup(StringRef name, Location loc) {
  auto it = values.find(name);
  if (it != values.end())
    return it->second;
  auto c = constants.find(name);
  if (c == constants.end())
    return emitError(loc) << "input '" << name << "' is not defined";
  FailureOr<DenseElementsAttr> attr = toAttr(*c->second, loc);
  if (failed(attr))
    return failure();
  Value v = arith::ConstantOp::create(
      builder, NameLoc::get(StringAttr::get(ctx, name), fileLoc()), *attr);
  values[name] = v;
  return v;
}

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

LogicalResult OnnxImporter::checkShape(const onnx::NodeProto &node,
                                       Location loc, ArrayRef<int64_t> shape) {
  auto it = infos.find(node.output(0));
  if (it == infos.end() || it->second.dynamic)
    return success();
  if (ArrayRef<int64_t>(it->second.shape) != shape)
    return nodeError(loc) << "accel computes shape " << formatShape(shape)
                          << " but ONNX shape inference says "
                          << formatShape(it->second.shape);
  return success();
}

template <size_t N>
LogicalResult OnnxImporter::readInts(const onnx::NodeProto &node, Location loc,
                                     StringRef name, ArrayRef<int64_t> dflt,
                                     std::array<int64_t, N> &out) {
  llvm::SmallVector<int64_t> v = intsAttr(node, name, dflt);
  if (v.size() != N)
    return nodeError(loc) << "attribute '" << name << "' has " << v.size()
                          << " entries, expected " << N;
  llvm::copy(v, out.begin());
  return success();
}

LogicalResult OnnxImporter::define(const onnx::NodeProto &node, Value v,
                                   Location loc) {
  if (failed(checkShape(node, loc, cast<ShapedType>(v.getType()).getShape())))
    return failure();
  values[node.output(0)] = v;
  return success();
}

LogicalResult OnnxImporter::importOpaque(const onnx::NodeProto &node,
                                         Location loc, StringRef why) {
  llvm::SmallVector<Value> operands;
  for (const std::string &in : node.input()) {
    if (in.empty())
      continue;
    FailureOr<Value> v = lookup(in, loc);
    if (failed(v))
      return failure();
    operands.push_back(*v);
  }
  llvm::SmallVector<Type> types;
  for (const std::string &out : node.output()) {
    FailureOr<RankedTensorType> t = typeOf(out, loc);
    if (failed(t))
      return nodeError(loc) << "cannot keep unsupported " << node.op_type()
                            << " node as accel.opaque: its output shape is "
                               "unknown";
    types.push_back(*t);
  }
  auto op = OpaqueOp::create(builder, loc, types,
                             builder.getStringAttr("onnx." + node.op_type()),
                             operands);
  // The node's attributes ride along (what a reference kernel or a reader
  // needs: Transpose's perm, Softmax's axis).
  for (const onnx::AttributeProto &a : node.attribute()) {
    Attribute value;
    switch (a.type()) {
    case onnx::AttributeProto::INT:
      value = builder.getI64IntegerAttr(a.i());
      break;
    case onnx::AttributeProto::INTS:
      value = builder.getDenseI64ArrayAttr(
          llvm::SmallVector<int64_t>(a.ints().begin(), a.ints().end()));
      break;
    case onnx::AttributeProto::FLOAT:
      value = builder.getF32FloatAttr(a.f());
      break;
    case onnx::AttributeProto::FLOATS:
      value = builder.getDenseF32ArrayAttr(
          llvm::SmallVector<float>(a.floats().begin(), a.floats().end()));
      break;
    case onnx::AttributeProto::STRING:
      value = builder.getStringAttr(a.s());
      break;
    default:
      continue; // tensors, graphs: not carried
    }
    if (!a.name().empty() && a.name() != "op_name" &&
        !StringRef(a.name()).starts_with("accel."))
      op->setAttr(a.name(), value);
  }
  for (auto [name, result] : llvm::zip(node.output(), op.getResults()))
    values[name] = result;
  ++unsupported;
  std::string text = currentNode + "unsupported ONNX operator '" +
                     node.op_type() + "' kept as accel.opaque";
  if (!why.empty())
    text += " (" + why.str() + ")";
  opaqueWarnings.push_back({loc, std::move(text)});
  return success();
}

LogicalResult OnnxImporter::importNode(const onnx::NodeProto &node,
                                       Location loc) {
  StringRef op = node.op_type();
  if (!node.domain().empty() && node.domain() != "ai.onnx")
    return importOpaque(node, loc, "domain " + node.domain());
  // (Before the activations: a Clip of quantized data is not one.)
  if (op == "Clip" && quantOffset.count(input(node, 0)))
    return importQuantizedClip(node, loc);
  if (op == "Conv")
    return importConv(node, loc);
  if (op == "ConvTranspose")
    return importConvTranspose(node, loc);
  if (op == "BatchNormalization")
    return importBatchNorm(node, loc);
  if (op == "Relu" || op == "Clip" || op == "Sigmoid" || op == "HardSigmoid" ||
      op == "HardSwish" || op == "LeakyRelu" || op == "Tanh")
    return importActivation(node, loc);
  if (op == "MaxPool" || op == "AveragePool" || op == "GlobalAveragePool" ||
      op == "GlobalMaxPool")
    return importPool(node, loc);
  if (op == "Gemm" || op == "MatMul")
    return importGemm(node, loc);
  if (op == "Resize" || op == "Upsample")
    return importResize(node, loc);
  if (op == "Reshape" || op == "Flatten") {
    if (failed(importReshape(node, loc)))
      return failure();
    // A view of quantized data is quantized data (a QOperator classifier's
    // input: QLinearConv, Flatten, QLinearMatMul).
    if (auto off = quantOffset.find(input(node, 0)); off != quantOffset.end())
      quantOffset[node.output(0)] = off->second;
    return success();
  }
  if (op == "ReduceMean")
    return importReduceMean(node, loc);
  if (op == "LayerNormalization")
    return importLayerNorm(node, loc);
  if (op == "QuantizeLinear")
    return importQuantize(node, loc);
  if (op == "DequantizeLinear")
    return importDequantize(node, loc);
  if (op == "Pad")
    return importPad(node, loc);
  // (expandQOperators made the others layers on integers.)
  if (op == "ConvInteger" || op == "MatMulInteger") {
    std::optional<accel::detail::IntegerOperatorProblem> problem =
        accel::detail::checkIntegerOperator(node, model.graph());
    if (problem && problem->malformed)
      return nodeError(loc) << problem->why;
    return importOpaque(node, loc, problem ? problem->why : "");
  }
  if (op == "Identity" || op == "Dropout") {
    // Of a constant: the same constant (so that what reads it as one, e.g.
    // BatchNormalization's statistics, still can), and the same argument
    // when weights are arguments.
    if (auto c = constants.find(input(node, 0)); c != constants.end()) {
      constants[node.output(0)] = c->second;
      if (auto v = values.find(input(node, 0)); v != values.end())
        values[node.output(0)] = v->second;
      return success();
    }
    FailureOr<Value> x = lookup(input(node, 0), loc);
    if (failed(x))
      return failure();
    values[node.output(0)] = *x; // Dropout's mask output stays unused
    return success();
  }
  if (op == "Constant") {
    const onnx::AttributeProto *value = findAttr(node, "value");
    if (!value || !value->has_t())
      return importOpaque(node, loc, "only tensor 'value' constants");
    constants[node.output(0)] = &value->t();
    return success();
  }
  if (op == "Add" || op == "Mul") {
    FailureOr<Value> a = lookup(input(node, 0), loc);
    FailureOr<Value> b = failed(a) ? a : lookup(input(node, 1), loc);
    if (failed(b))
      return failure();
    auto ta = cast<RankedTensorType>(a->getType());
    auto tb = cast<RankedTensorType>(b->getType());
    llvm::Expected<Shape> shape = broadcastShapes(ta.getShape(), tb.getShape());
    if (!shape)
      return nodeError(loc) << llvm::toString(shape.takeError());
    if (ta.getElementType() != tb.getElementType())
      return importOpaque(node, loc, "mixed element types");
    auto type = RankedTensorType::get(*shape, ta.getElementType());
    // An integer layer's dequantized result times constant scales (a Cast
    // then Mul, as onnxruntime writes ConvInteger and MatMulInteger): one
    // dequantization, whether the weights are inline or arguments.
    for (int i = 0; op == "Mul" && i < 2; ++i) {
      Value x = i ? *b : *a;
      auto c = constants.find(input(node, 1 - i));
      std::optional<llvm::SmallVector<double>> f =
          constValues(input(node, 1 - i));
      if (x.getType() != type || c == constants.end() || !f)
        continue;
      Shape fs(type.getRank() - c->second->dims_size(), 1);
      fs.append(c->second->dims().begin(), c->second->dims().end());
      // (The old dequantization, unused unless a later node reads it, goes
      // with the dead ops.)
      FailureOr<Value> y = scaleDequantization(builder, x, fs, *f, nullptr);
      if (failed(y))
        continue;
      return define(node, *y, loc);
    }
    a = withRank(*a, type.getRank(), loc);
    b = withRank(*b, type.getRank(), loc);
    Value r =
        op == "Add"
            ? Value(AddOp::create(builder, loc, type, *a, *b, nullptr, nullptr))
            : Value(
                  MulOp::create(builder, loc, type, *a, *b, nullptr, nullptr));
    return define(node, r, loc);
  }
  if (op == "Concat") {
    llvm::SmallVector<Value> inputs;
    llvm::SmallVector<ArrayRef<int64_t>> shapes;
    for (const std::string &in : node.input()) {
      FailureOr<Value> v = lookup(in, loc);
      if (failed(v))
        return failure();
      inputs.push_back(*v);
      shapes.push_back(cast<ShapedType>(v->getType()).getShape());
    }
    int64_t axis = intAttr(node, "axis", 1);
    if (axis < 0)
      axis += shapes.front().size();
    llvm::Expected<Shape> shape = inferConcatShape(shapes, axis);
    if (!shape)
      return nodeError(loc) << llvm::toString(shape.takeError());
    auto type = RankedTensorType::get(
        *shape, cast<ShapedType>(inputs.front().getType()).getElementType());
    return define(node,
                  ConcatOp::create(builder, loc, type, inputs,
                                   builder.getI64IntegerAttr(axis)),
                  loc);
  }
  return importOpaque(node, loc);
}

LogicalResult OnnxImporter::importConv(const onnx::NodeProto &node,
                                       Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  FailureOr<Value> w = failed(x) ? x : lookup(input(node, 1), loc);
  if (failed(w))
    return failure();
  Value bias;
  if (!input(node, 2).empty()) {
    FailureOr<Value> b = lookup(input(node, 2), loc);
    if (failed(b))
      return failure();
    bias = *b;
  }
  ArrayRef<int64_t> in = cast<ShapedType>(x->getType()).getShape();
  ArrayRef<int64_t> ws = cast<ShapedType>(w->getType()).getShape();
  if (in.size() != 4 || ws.size() != 4)
    return importOpaque(node, loc, "only 2-D convolutions");
  ConvParams p;
  if (failed(readInts(node, loc, "strides", {1, 1}, p.strides)) ||
      failed(readInts(node, loc, "dilations", {1, 1}, p.dilations)) ||
      failed(readInts(node, loc, "pads", {0, 0, 0, 0}, p.pads)))
    return failure();
  p.groups = intAttr(node, "group", 1);
  std::string autoPad = stringAttr(node, "auto_pad", "NOTSET");
  if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (int i = 0; i < 2; ++i) {
      int64_t outSize = (in[2 + i] + p.strides[i] - 1) / p.strides[i];
      int64_t span = p.dilations[i] * (ws[2 + i] - 1) + 1;
      int64_t total =
          std::max<int64_t>((outSize - 1) * p.strides[i] + span - in[2 + i], 0);
      int64_t small = total / 2, big = total - small;
      p.pads[i] = autoPad == "SAME_UPPER" ? small : big;
      p.pads[i + 2] = autoPad == "SAME_UPPER" ? big : small;
    }
  } else if (autoPad == "VALID") {
    p.pads = {0, 0, 0, 0};
  } else if (autoPad != "NOTSET") {
    return nodeError(loc) << "unknown auto_pad '" << autoPad << "'";
  }
  if (auto pending = pendingPads.find(input(node, 0));
      pending != pendingPads.end())
    for (int i = 0; i < 4; ++i)
      p.pads[i] += pending->second[i];
  llvm::Expected<Shape> shape = inferConv2dShape(in, ws, p);
  if (!shape)
    return nodeError(loc) << llvm::toString(shape.takeError());
  FailureOr<Value> quantized = importQuantizedLayer(
      node, loc, *shape, /*weightAxis=*/0,
      [&](Type type, const Dequantized &x, const Dequantized &w, Value bias) {
        return Conv2DOp::create(builder, loc, type, x.q, w.q, bias,
                                builder.getDenseI64ArrayAttr(p.strides),
                                builder.getDenseI64ArrayAttr(p.dilations),
                                builder.getDenseI64ArrayAttr(p.pads),
                                builder.getI64IntegerAttr(p.groups), nullptr,
                                nullptr, builder.getI64IntegerAttr(x.zeroPoint))
            .getOperation();
      });
  if (failed(quantized))
    return failure();
  if (*quantized)
    return define(node, *quantized, loc);
  auto type = RankedTensorType::get(
      *shape, cast<ShapedType>(x->getType()).getElementType());
  auto conv = Conv2DOp::create(
      builder, loc, type, *x, *w, bias, builder.getDenseI64ArrayAttr(p.strides),
      builder.getDenseI64ArrayAttr(p.dilations),
      builder.getDenseI64ArrayAttr(p.pads), builder.getI64IntegerAttr(p.groups),
      nullptr, nullptr, nullptr);
  return define(node, conv, loc);
}

LogicalResult OnnxImporter::importConvTranspose(const onnx::NodeProto &node,
                                                Location loc) {
  if (findAttr(node, "output_shape"))
    return importOpaque(node, loc, "output_shape is not supported");
  if (stringAttr(node, "auto_pad", "NOTSET") != "NOTSET")
    return importOpaque(node, loc, "auto_pad is not supported");
  FailureOr<Value> x = lookup(input(node, 0), loc);
  FailureOr<Value> w = failed(x) ? x : lookup(input(node, 1), loc);
  if (failed(w))
    return failure();
  Value bias;
  if (!input(node, 2).empty()) {
    FailureOr<Value> b = lookup(input(node, 2), loc);
    if (failed(b))
      return failure();
    bias = *b;
  }
  if (cast<ShapedType>(x->getType()).getRank() != 4)
    return importOpaque(node, loc, "only 2-D transposed convolutions");
  ConvParams p;
  if (failed(readInts(node, loc, "strides", {1, 1}, p.strides)) ||
      failed(readInts(node, loc, "dilations", {1, 1}, p.dilations)) ||
      failed(readInts(node, loc, "pads", {0, 0, 0, 0}, p.pads)) ||
      failed(readInts(node, loc, "output_padding", {0, 0}, p.outputPadding)))
    return failure();
  p.groups = intAttr(node, "group", 1);
  llvm::Expected<Shape> shape =
      inferConvTranspose2dShape(cast<ShapedType>(x->getType()).getShape(),
                                cast<ShapedType>(w->getType()).getShape(), p);
  if (!shape)
    return nodeError(loc) << llvm::toString(shape.takeError());
  auto type = RankedTensorType::get(
      *shape, cast<ShapedType>(x->getType()).getElementType());
  auto conv = ConvTranspose2DOp::create(
      builder, loc, type, *x, *w, bias, builder.getDenseI64ArrayAttr(p.strides),
      builder.getDenseI64ArrayAttr(p.dilations),
      builder.getDenseI64ArrayAttr(p.pads),
      builder.getDenseI64ArrayAttr(p.outputPadding),
      builder.getI64IntegerAttr(p.groups), nullptr, nullptr);
  return define(node, conv, loc);
}

/// Scales a constant's values per output channel (dimension 0).
static DenseElementsAttr scalePerChannel(DenseElementsAttr attr,
                                         ArrayRef<double> scale,
                                         ArrayRef<double> shift) {
  auto type = cast<RankedTensorType>(attr.getType());
  auto ft = cast<FloatType>(type.getElementType());
  int64_t perChannel = type.getNumElements() / type.getDimSize(0);
  llvm::SmallVector<APFloat> out;
  out.reserve(type.getNumElements());
  int64_t i = 0;
  for (APFloat v : attr.getValues<APFloat>()) {
    int64_t c = i++ / perChannel;
    double d = v.convertToDouble() * scale[c] + (shift.empty() ? 0 : shift[c]);
    APFloat r(d);
    bool lost;
    r.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
    out.push_back(r);
  }
  return DenseElementsAttr::get(type, out);
}

LogicalResult OnnxImporter::importBatchNorm(const onnx::NodeProto &node,
                                            Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  if (!isa<FloatType>(xt.getElementType()))
    return nodeError(loc) << "normalizes a tensor of " << xt.getElementType()
                          << ": only floating-point tensors are supported";
  int64_t channels = xt.getRank() >= 2 ? xt.getDimSize(1) : 0;
  double eps = floatAttr(node, "epsilon", 1e-5f);
  std::optional<llvm::SmallVector<double>> gamma = constValues(input(node, 1)),
                                           beta = constValues(input(node, 2)),
                                           mean = constValues(input(node, 3)),
                                           var = constValues(input(node, 4));
  // Only a convolution whose output nothing else reads can absorb it.
  auto conv = x->getDefiningOp<Conv2DOp>();
  if (conv && readers.lookup(input(node, 0)) != 1)
    conv = nullptr;
  bool constant =
      gamma && beta && mean && var && int64_t(gamma->size()) == channels &&
      int64_t(beta->size()) == channels && int64_t(mean->size()) == channels &&
      int64_t(var->size()) == channels;
  llvm::SmallVector<double> a(channels), c(channels);
  for (int64_t i = 0; constant && i < channels; ++i) {
    if (!((*var)[i] + eps > 0))
      return nodeError(loc) << "variance + epsilon of channel " << i << " is "
                            << (*var)[i] + eps << ": it must be > 0";
    a[i] = (*gamma)[i] / std::sqrt((*var)[i] + eps);
    c[i] = (*beta)[i] - (*mean)[i] * a[i];
    if (!std::isfinite(a[i]) || !std::isfinite(c[i]))
      return nodeError(loc)
             << "the statistics of channel " << i << " are not finite";
  }
  // Structural fold: the convolution's weights are arguments anyway.
  if (options.weights == OnnxWeights::Arguments && conv) {
    values[node.output(0)] = *x;
    return success();
  }
  if (!constant)
    return importOpaque(node, loc, "statistics are not constants");
  // Fold into the convolution that feeds it: w' = a w, b' = a b + c.
  if (conv && isa<FloatType>(xt.getElementType())) {
    auto wConst = conv.getWeight().getDefiningOp<arith::ConstantOp>();
    arith::ConstantOp bConst =
        conv.getBias() ? conv.getBias().getDefiningOp<arith::ConstantOp>()
                       : nullptr;
    if (wConst && wConst->hasOneUse() && (!conv.getBias() || bConst)) {
      auto w = cast<DenseElementsAttr>(wConst.getValue());
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPoint(conv);
      auto newW = arith::ConstantOp::create(builder, wConst.getLoc(),
                                            scalePerChannel(w, a, {}));
      DenseElementsAttr b =
          bConst ? cast<DenseElementsAttr>(bConst.getValue())
                 : DenseElementsAttr::get(
                       RankedTensorType::get({channels}, xt.getElementType()),
                       builder.getZeroAttr(xt.getElementType()));
      auto newB = arith::ConstantOp::create(
          builder,
          NameLoc::get(StringAttr::get(ctx, input(node, 2)), fileLoc()),
          scalePerChannel(b, a, c));
      conv.getWeightMutable().assign(newW);
      conv.getBiasMutable().assign(newB.getResult());
      if (wConst->use_empty())
        wConst->erase();
      if (bConst && bConst->use_empty())
        bConst->erase();
      values[node.output(0)] = *x;
      return success();
    }
  }
  // Otherwise y = x * a + c with per-channel constants.
  auto pcType = RankedTensorType::get({1, channels, 1, 1}, xt.getElementType());
  auto perChannel = [&](ArrayRef<double> v) {
    llvm::SmallVector<APFloat> vals;
    for (double d : v) {
      APFloat r(d);
      bool lost;
      r.convert(cast<FloatType>(xt.getElementType()).getFloatSemantics(),
                APFloat::rmNearestTiesToEven, &lost);
      vals.push_back(r);
    }
    return DenseElementsAttr::get(pcType, vals);
  };
  Value av = arith::ConstantOp::create(builder, loc, perChannel(a));
  Value cv = arith::ConstantOp::create(builder, loc, perChannel(c));
  Value m = MulOp::create(builder, loc, xt, *x, av, nullptr, nullptr);
  return define(node, AddOp::create(builder, loc, xt, m, cv, nullptr, nullptr),
                loc);
}

LogicalResult OnnxImporter::importActivation(const onnx::NodeProto &node,
                                             Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  StringRef op = node.op_type();
  ActivationAttr act;
  if (op == "Relu") {
    act = ActivationAttr::get(ctx, ActivationKind::Relu);
  } else if (op == "Sigmoid") {
    act = ActivationAttr::get(ctx, ActivationKind::Sigmoid);
  } else if (op == "Tanh") {
    act = ActivationAttr::get(ctx, ActivationKind::Tanh);
  } else if (op == "HardSwish") {
    act = ActivationAttr::get(ctx, ActivationKind::HardSwish);
  } else if (op == "HardSigmoid" || op == "LeakyRelu") {
    bool hard = op == "HardSigmoid";
    double alpha = floatAttr(node, "alpha", hard ? 0.2f : 0.01f);
    double beta = hard ? floatAttr(node, "beta", 0.5f) : 0.0;
    if (!std::isfinite(alpha) || !std::isfinite(beta))
      return nodeError(loc) << "has a parameter that is not finite (alpha "
                            << alpha << ", beta " << beta << ")";
    act = hard ? ActivationAttr::get(ctx, ActivationKind::HardSigmoid, alpha,
                                     beta)
               : ActivationAttr::get(ctx, ActivationKind::LeakyRelu, alpha, 0);
  } else { // Clip: bounds are inputs since opset 11, attributes before.
    double lo = -INFINITY, hi = INFINITY;
    if (const onnx::AttributeProto *a = findAttr(node, "min"))
      lo = a->f();
    if (const onnx::AttributeProto *a = findAttr(node, "max"))
      hi = a->f();
    for (int i : {1, 2}) {
      if (input(node, i).empty())
        continue;
      std::optional<llvm::SmallVector<double>> v = constValues(input(node, i));
      if (!v || v->size() != 1)
        return importOpaque(node, loc, "bounds are not constants");
      (i == 1 ? lo : hi) = v->front();
    }
    if (std::isnan(lo) || std::isnan(hi) || lo > hi)
      return nodeError(loc) << "clips to [" << lo << ", " << hi
                            << "]: the bounds must be numbers with min <= max";
    if (lo == 0 && hi == 6)
      act = ActivationAttr::get(ctx, ActivationKind::Relu6);
    else if (lo == 0 && std::isinf(hi))
      act = ActivationAttr::get(ctx, ActivationKind::Relu);
    else if (std::isinf(lo) || std::isinf(hi))
      return importOpaque(node, loc, "one-sided clip");
    else
      act = ActivationAttr::get(ctx, ActivationKind::Clip, lo, hi);
  }
  return define(
      node, ActivationOp::create(builder, loc, x->getType(), *x, act, nullptr),
      loc);
}

/// A zero Pad of the rows and columns only, read by one Conv or
/// AveragePool: folded into that layer's padding (Inception, DenseNet);
/// any other Pad stays opaque.
LogicalResult OnnxImporter::importPad(const onnx::NodeProto &node,
                                      Location loc) {
  if (stringAttr(node, "mode", "constant") != "constant")
    return importOpaque(node, loc, "only constant padding");
  llvm::SmallVector<double> pads;
  if (!input(node, 1).empty()) {
    std::optional<llvm::SmallVector<double>> v = constValues(input(node, 1));
    if (!v)
      return importOpaque(node, loc, "pads are not constants");
    pads = *v;
  } else if (const onnx::AttributeProto *a = findAttr(node, "pads")) {
    pads.assign(a->ints().begin(), a->ints().end());
  }
  double value = floatAttr(node, "value", 0.0f);
  if (!input(node, 2).empty()) {
    std::optional<llvm::SmallVector<double>> v = constValues(input(node, 2));
    if (!v || v->size() != 1)
      return importOpaque(node, loc, "the padding value is not a constant");
    value = v->front();
  }
  if (value != 0)
    return importOpaque(node, loc, "padding with a value other than 0");
  if (pads.size() != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 ||
      pads[5] != 0 || llvm::any_of(pads, [](double p) {
        return !(p >= 0 && p <= double(kMaxDimension)) || p != std::floor(p);
      }))
    return importOpaque(node, loc, "pads other than rows and columns of 4-D");
  // An average counts the Pad's zeros: foldable when its own padding is
  // counted too (or there is none).
  const onnx::NodeProto *reader = readerOf.lookup(node.output(0));
  auto countsItsPads = [&](const onnx::NodeProto &pool) {
    const onnx::AttributeProto *own = findAttr(pool, "pads");
    const onnx::AttributeProto *kernel = findAttr(pool, "kernel_shape");
    if (!kernel || kernel->ints_size() != 2)
      return false;
    // Pooling padding stays below the window (the ONNX rule).
    for (int i = 0; i < 4; ++i) {
      int64_t total = int64_t(pads[i < 2 ? 2 + i : 4 + i]) +
                      (own && own->ints_size() == 4 ? own->ints(i) : 0);
      if (total >= kernel->ints(i % 2))
        return false;
    }
    return intAttr(pool, "count_include_pad", 0) != 0 || !own ||
           llvm::all_of(own->ints(), [](int64_t v) { return v == 0; });
  };
  bool foldable =
      readers.lookup(node.output(0)) == 1 && reader &&
      stringAttr(*reader, "auto_pad", "NOTSET") == "NOTSET" &&
      (reader->op_type() == "Conv" ||
       (reader->op_type() == "AveragePool" && countsItsPads(*reader)));
  if (!foldable)
    return importOpaque(node, loc,
                        "padding read by other than one Conv or AveragePool");
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  values[node.output(0)] = *x;
  pendingPads[node.output(0)] = {int64_t(pads[2]), int64_t(pads[3]),
                                 int64_t(pads[6]), int64_t(pads[7])};
  return success();
}

LogicalResult OnnxImporter::importPool(const onnx::NodeProto &node,
                                       Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  if (xt.getRank() != 4)
    return importOpaque(node, loc, "only 2-D pooling");
  StringRef op = node.op_type();
  PoolParams p;
  p.global = op.starts_with("Global");
  PoolKind kind =
      op == "MaxPool" || op == "GlobalMaxPool" ? PoolKind::Max : PoolKind::Avg;
  if (node.output_size() > 1 && !node.output(1).empty())
    return importOpaque(node, loc, "the Indices output is not supported");
  bool countIncludePad = false;
  if (!p.global) {
    if (stringAttr(node, "auto_pad", "NOTSET") != "NOTSET")
      return importOpaque(node, loc, "auto_pad is not supported");
    if (failed(readInts(node, loc, "kernel_shape", {}, p.kernel)) ||
        failed(readInts(node, loc, "strides", {1, 1}, p.strides)) ||
        failed(readInts(node, loc, "dilations", {1, 1}, p.dilations)) ||
        failed(readInts(node, loc, "pads", {0, 0, 0, 0}, p.pads)))
      return failure();
    p.ceilMode = intAttr(node, "ceil_mode", 0) != 0;
    countIncludePad =
        kind == PoolKind::Avg && intAttr(node, "count_include_pad", 0) != 0;
    // A folded zero Pad: its zeros are elements the average counts, which
    // its own padding then must count too (or be none).
    if (auto pending = pendingPads.find(input(node, 0));
        pending != pendingPads.end()) {
      for (int i = 0; i < 4; ++i)
        p.pads[i] += pending->second[i];
      countIncludePad = true;
    }
  }
  llvm::Expected<Shape> shape = inferPool2dShape(xt.getShape(), p);
  if (!shape)
    return nodeError(loc) << llvm::toString(shape.takeError());
  auto type = RankedTensorType::get(*shape, xt.getElementType());
  auto pool = Pool2DOp::create(
      builder, loc, type, PoolKindAttr::get(ctx, kind), *x,
      p.global ? DenseI64ArrayAttr() : builder.getDenseI64ArrayAttr(p.kernel),
      builder.getDenseI64ArrayAttr(p.global ? ArrayRef<int64_t>{1, 1}
                                            : ArrayRef<int64_t>(p.strides)),
      builder.getDenseI64ArrayAttr(p.global ? ArrayRef<int64_t>{1, 1}
                                            : ArrayRef<int64_t>(p.dilations)),
      builder.getDenseI64ArrayAttr(p.global ? ArrayRef<int64_t>{0, 0, 0, 0}
                                            : ArrayRef<int64_t>(p.pads)),
      p.ceilMode ? builder.getUnitAttr() : UnitAttr(),
      countIncludePad ? builder.getUnitAttr() : UnitAttr(),
      p.global ? builder.getUnitAttr() : UnitAttr(), nullptr);
  return define(node, pool, loc);
}

LogicalResult OnnxImporter::importGemm(const onnx::NodeProto &node,
                                       Location loc) {
  bool gemm = node.op_type() == "Gemm";
  if (gemm &&
      (intAttr(node, "transA", 0) != 0 || floatAttr(node, "alpha", 1) != 1 ||
       floatAttr(node, "beta", 1) != 1))
    return importOpaque(node, loc, "transA, alpha or beta other than 1");
  FailureOr<Value> a = lookup(input(node, 0), loc);
  FailureOr<Value> b = failed(a) ? a : lookup(input(node, 1), loc);
  if (failed(b))
    return failure();
  bool transB = gemm && intAttr(node, "transB", 0) != 0;
  auto at = cast<RankedTensorType>(a->getType());
  auto bt = cast<RankedTensorType>(b->getType());
  // A MatMul of rank 3 or more by a matrix (ConvNeXt's linear layers on
  // NHWC activations, a transformer's projections): every leading
  // dimension is a row. The reshapes on either side are views; quantized
  // data are reshaped as they are (an integer matmul, dequantized per
  // column).
  if (!gemm && at.getRank() >= 3 && bt.getRank() == 2 &&
      at.getShape().back() == bt.getDimSize(0)) {
    int64_t rows = 1;
    for (int64_t d : at.getShape().drop_back())
      rows *= d;
    auto rowsOf = [&](Value v) -> Value {
      auto t = cast<RankedTensorType>(v.getType());
      return ReshapeOp::create(
          builder, loc,
          RankedTensorType::get({rows, t.getShape().back()},
                                t.getElementType()),
          v);
    };
    Shape prodShape{rows, bt.getDimSize(1)};
    FailureOr<Value> prod = importQuantizedLayer(
        node, loc, prodShape, /*weightAxis=*/1,
        [&](Type type, const Dequantized &x, const Dequantized &w, Value) {
          return MatmulOp::create(builder, loc, type, rowsOf(x.q), w.q, Value(),
                                  UnitAttr(), nullptr, nullptr,
                                  builder.getI64IntegerAttr(x.zeroPoint))
              .getOperation();
        });
    if (failed(prod))
      return failure();
    if (!*prod) {
      auto mm = MatmulOp::create(
          builder, loc, RankedTensorType::get(prodShape, at.getElementType()),
          rowsOf(*a), *b, Value(), UnitAttr(), nullptr, nullptr, nullptr);
      if (!node.name().empty())
        mm->setAttr("accel.name", builder.getStringAttr(node.name()));
      prod = Value(mm);
    }
    Shape out(at.getShape().begin(), at.getShape().end());
    out.back() = bt.getDimSize(1);
    // The layer is the matmul; the view of its rows as the node's result is
    // named after it.
    auto view = ReshapeOp::create(
        builder, loc, RankedTensorType::get(out, at.getElementType()), *prod);
    if (!node.name().empty())
      view->setAttr("accel.name", builder.getStringAttr(node.name() + ".view"));
    return define(node, view, loc);
  }
  llvm::Expected<Shape> shape = inferMatmulShape(
      at.getShape(), cast<ShapedType>(b->getType()).getShape(), transB);
  if (!shape)
    return importOpaque(node, loc, llvm::toString(shape.takeError()));
  Value bias;
  if (gemm && !input(node, 2).empty()) {
    FailureOr<Value> c = lookup(input(node, 2), loc);
    if (failed(c))
      return failure();
    ArrayRef<int64_t> cs = cast<ShapedType>(c->getType()).getShape();
    int64_t n = shape->back();
    if (cs.size() == 1 && cs[0] == n) {
      bias = *c;
    } else if (cs.size() == 2 && cs[0] == 1 && cs[1] == n) {
      bias = ReshapeOp::create(
          builder, loc, RankedTensorType::get({n}, at.getElementType()), *c);
    } else {
      return importOpaque(node, loc, "bias that is not one value per column");
    }
  }
  if (shape->size() == 2) {
    // (The weight's output channels: rows when transposed, else columns.)
    FailureOr<Value> quantized = importQuantizedLayer(
        node, loc, *shape, /*weightAxis=*/transB ? 0 : 1,
        [&](Type type, const Dequantized &x, const Dequantized &w, Value bias) {
          return MatmulOp::create(builder, loc, type, x.q, w.q, bias,
                                  transB ? builder.getUnitAttr() : UnitAttr(),
                                  nullptr, nullptr,
                                  builder.getI64IntegerAttr(x.zeroPoint))
              .getOperation();
        });
    if (failed(quantized))
      return failure();
    if (*quantized)
      return define(node, *quantized, loc);
  }
  auto type = RankedTensorType::get(*shape, at.getElementType());
  return define(node,
                MatmulOp::create(builder, loc, type, *a, *b, bias,
                                 transB ? builder.getUnitAttr() : UnitAttr(),
                                 nullptr, nullptr, nullptr),
                loc);
}

LogicalResult OnnxImporter::importResize(const onnx::NodeProto &node,
                                         Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  if (xt.getRank() != 4)
    return importOpaque(node, loc, "only 4-D inputs");
  // Scales: Upsample's input 1, Resize's input 2, or Resize's sizes (3).
  llvm::SmallVector<double> scales;
  bool upsample = node.op_type() == "Upsample";
  StringRef scaleName = input(node, upsample ? 1 : 2);
  if (!scaleName.empty())
    if (auto v = constValues(scaleName); v && !v->empty())
      scales = *v;
  if (scales.empty() && !upsample && !input(node, 3).empty())
    if (auto v = constValues(input(node, 3)); v && v->size() == 4)
      for (int i = 0; i < 4; ++i)
        scales.push_back((*v)[i] / double(xt.getDimSize(i)));
  if (scales.size() != 4)
    return importOpaque(node, loc, "scales or sizes are not constants");
  llvm::SmallVector<int64_t> factors;
  for (int i = 0; i < 4; ++i) {
    double s = scales[i];
    if (!(s >= 1 && s <= double(kMaxDimension)) || s != std::floor(s) ||
        (i < 2 && s != 1))
      return importOpaque(node, loc,
                          "only integer upsampling of the spatial axes");
    if (i >= 2)
      factors.push_back(int64_t(s));
  }
  std::string mode = stringAttr(node, "mode", "nearest");
  std::string coord = stringAttr(node, "coordinate_transformation_mode",
                                 upsample ? "asymmetric" : "half_pixel");
  std::string nearest = stringAttr(node, "nearest_mode", "round_prefer_floor");
  ResizeMode m;
  bool alignCorners = false;
  // With an integer scale s, output x = k s + j reads input k (floor) under
  // asymmetric + floor, and under half-pixel centres rounded either way:
  // (x + 0.5) / s - 0.5 = k + (j + 0.5 - s / 2) / s never reaches k +- 0.5.
  bool halfPixel = coord == "half_pixel" || coord == "pytorch_half_pixel";
  if (mode == "nearest" &&
      (upsample || (coord == "asymmetric" && nearest == "floor") ||
       (halfPixel &&
        (nearest == "round_prefer_floor" || nearest == "round_prefer_ceil")))) {
    m = ResizeMode::Nearest; // src = floor(dst / scale)
  } else if ((mode == "linear" || mode == "bilinear") &&
             (coord == "half_pixel" || coord == "pytorch_half_pixel" ||
              coord == "align_corners")) {
    m = ResizeMode::Bilinear;
    alignCorners = coord == "align_corners";
  } else {
    return importOpaque(node, loc,
                        "mode '" + mode + "' with coordinate transformation '" +
                            coord + "' and nearest mode '" + nearest + "'");
  }
  llvm::Expected<Shape> shape = inferResizeShape(xt.getShape(), factors);
  if (!shape)
    return nodeError(loc) << llvm::toString(shape.takeError());
  auto type = RankedTensorType::get(*shape, xt.getElementType());
  return define(node,
                ResizeOp::create(
                    builder, loc, type, ResizeModeAttr::get(ctx, m), *x,
                    builder.getDenseI64ArrayAttr(factors),
                    alignCorners ? builder.getUnitAttr() : UnitAttr(), nullptr),
                loc);
}

LogicalResult OnnxImporter::importReshape(const onnx::NodeProto &node,
                                          Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  if (node.op_type() == "Flatten") {
    int64_t axis = intAttr(node, "axis", 1);
    if (axis < 0)
      axis += xt.getRank();
    llvm::Expected<Shape> shape = inferFlattenShape(xt.getShape(), axis);
    if (!shape)
      return nodeError(loc) << llvm::toString(shape.takeError());
    // Flattened dequantized data (a classifier's input): its integers are
    // flattened too, for the Gemm after (one scale: no axis to follow).
    if (auto d = dequantized.find(input(node, 0));
        d != dequantized.end() && d->second.scales.size() == 1) {
      Dequantized flat = d->second;
      flat.q = FlattenOp::create(
          builder, loc,
          RankedTensorType::get(
              *shape, cast<ShapedType>(flat.q.getType()).getElementType()),
          flat.q, builder.getI64IntegerAttr(axis));
      dequantized[node.output(0)] = flat;
    }
    return define(
        node,
        FlattenOp::create(builder, loc,
                          RankedTensorType::get(*shape, xt.getElementType()),
                          *x, builder.getI64IntegerAttr(axis)),
        loc);
  }
  std::optional<llvm::SmallVector<double>> target = constValues(input(node, 1));
  if (!target)
    return importOpaque(node, loc, "the shape is not a constant");
  bool allowZero = intAttr(node, "allowzero", 0) != 0;
  Shape shape;
  int64_t known = 1, inferred = -1;
  for (auto [i, d] : llvm::enumerate(*target)) {
    // (checked as a double: converting one beyond int64 is undefined)
    if (!(d >= -1 && d <= double(kMaxDimension)) || d != std::floor(d))
      return nodeError(loc) << "target shape has a dimension of " << d
                            << " (accel tensors have dimensions of at most "
                               "2^24)";
    int64_t v = int64_t(d);
    if (v == 0 && !allowZero)
      v = i < size_t(xt.getRank()) ? xt.getDimSize(i) : 0;
    if (v == -1) {
      inferred = i;
      v = 1;
    }
    shape.push_back(v);
    known *= v; // at most 2^24 per dimension: checked below
    if (known > kMaxTensorElements)
      return nodeError(loc) << "target shape " << formatShape(shape)
                            << " has more than 2^40 elements";
  }
  int64_t total = xt.getNumElements();
  if (inferred >= 0 && known > 0)
    shape[inferred] = total / known;
  if (numElements(shape) != total)
    return nodeError(loc) << "shape " << formatShape(shape)
                          << " does not hold the " << total
                          << " elements of the input";
  return define(
      node,
      ReshapeOp::create(builder, loc,
                        RankedTensorType::get(shape, xt.getElementType()), *x),
      loc);
}

/// ReduceMean over the spatial axes (mnasnet's head) is a global average
/// pooling, flattened when keepdims = 0.
LogicalResult OnnxImporter::importReduceMean(const onnx::NodeProto &node,
                                             Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  llvm::SmallVector<int64_t> axes = intsAttr(node, "axes");
  for (int64_t &a : axes)
    if (a < 0)
      a += xt.getRank();
  llvm::sort(axes);
  if (xt.getRank() != 4 || axes != llvm::SmallVector<int64_t>{2, 3})
    return importOpaque(node, loc, "only the mean over axes 2 and 3");
  auto pooledType = RankedTensorType::get(
      {xt.getDimSize(0), xt.getDimSize(1), 1, 1}, xt.getElementType());
  Value pooled = Pool2DOp::create(
      builder, loc, pooledType, PoolKindAttr::get(ctx, PoolKind::Avg), *x,
      DenseI64ArrayAttr(), builder.getDenseI64ArrayAttr({1, 1}),
      builder.getDenseI64ArrayAttr({1, 1}),
      builder.getDenseI64ArrayAttr({0, 0, 0, 0}), UnitAttr(), UnitAttr(),
      builder.getUnitAttr(), nullptr);
  if (intAttr(node, "keepdims", 1) != 0)
    return define(node, pooled, loc);
  auto flatType = RankedTensorType::get({xt.getDimSize(0), xt.getDimSize(1)},
                                        xt.getElementType());
  return define(node,
                FlattenOp::create(builder, loc, flatType, pooled,
                                  builder.getI64IntegerAttr(1)),
                loc);
}

std::optional<std::pair<llvm::SmallVector<int64_t>, bool>>
OnnxImporter::zeroPoints(StringRef name) {
  if (name.empty())
    return std::make_pair(llvm::SmallVector<int64_t>{0}, true);
  auto it = constants.find(name);
  std::optional<llvm::SmallVector<double>> v = constValues(name);
  if (it == constants.end() || !v)
    return std::nullopt;
  int type = it->second->data_type();
  if (type != onnx::TensorProto::UINT8 && type != onnx::TensorProto::INT8)
    return std::nullopt;
  bool u8 = type == onnx::TensorProto::UINT8;
  llvm::SmallVector<int64_t> zps;
  for (double d : *v)
    zps.push_back(u8 && d < 0 ? int64_t(d) + 256 : int64_t(d));
  return std::make_pair(zps, u8);
}

FailureOr<int64_t> OnnxImporter::quantAxis(const onnx::NodeProto &node,
                                           Location loc,
                                           ArrayRef<int64_t> shape,
                                           ArrayRef<double> scales) {
  for (double sc : scales)
    if (!std::isfinite(sc) || sc <= 0)
      return nodeError(loc)
             << "has scale " << sc << ": it must be finite and > 0";
  int64_t rank = shape.size();
  int64_t axis = intAttr(node, "axis", 1);
  axis = axis < 0 ? axis + rank : axis;
  if (scales.size() > 1 &&
      (axis < 0 || axis >= rank || int64_t(scales.size()) != shape[axis]))
    return nodeError(loc) << "has " << scales.size() << " scales for axis "
                          << axis << " of " << formatShape(shape);
  return axis;
}

/// QuantizeLinear: of a constant (weights), folded into an i8 constant; of
/// an activation (one scale), accel.quantize. uint8 data become i8 128
/// lower (quantOffset), so that every quantized tensor is i8.
LogicalResult OnnxImporter::importQuantize(const onnx::NodeProto &node,
                                           Location loc) {
  std::optional<llvm::SmallVector<double>> scales = constValues(input(node, 1));
  auto zps = zeroPoints(input(node, 2));
  if (!scales || !zps || scales->empty() ||
      (zps->first.size() != 1 && zps->first.size() != scales->size()))
    return importOpaque(node, loc, "scales or zero points not constants");
  int64_t offset = zps->second ? 128 : 0;
  int64_t lo = zps->second ? 0 : -128, hi = zps->second ? 255 : 127;
  Type i8 = builder.getIntegerType(8);
  if (auto c = constants.find(input(node, 0)); c != constants.end()) {
    std::optional<llvm::SmallVector<double>> v = constValues(input(node, 0));
    if (!v)
      return importOpaque(node, loc, "the constant is not numbers");
    Shape shape(c->second->dims().begin(), c->second->dims().end());
    FailureOr<int64_t> axis = quantAxis(node, loc, shape, *scales);
    if (failed(axis))
      return failure();
    AxisIndexer channel = axisIndexer(shape, *axis, scales->size());
    llvm::SmallVector<int8_t> q;
    for (size_t i = 0; i < v->size(); ++i) {
      int64_t ch = channel(i);
      int64_t zp = zps->first[zps->first.size() == 1 ? 0 : ch];
      double x = std::clamp(std::nearbyint((*v)[i] / (*scales)[ch]) + zp,
                            double(lo), double(hi));
      q.push_back(int8_t(int64_t(x) - offset));
    }
    auto type = RankedTensorType::get(shape, i8);
    values[node.output(0)] = arith::ConstantOp::create(
        builder, loc, type, DenseElementsAttr::get(type, ArrayRef(q)));
    quantOffset[node.output(0)] = offset;
    return success();
  }
  if (scales->size() != 1 || zps->first.size() != 1)
    return importOpaque(node, loc, "per-axis quantization of an activation");
  if (failed(quantAxis(node, loc, {}, *scales)))
    return failure();
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  if (!isa<FloatType>(xt.getElementType()))
    return importOpaque(node, loc, "quantizes a non-float");
  Value q =
      QuantizeOp::create(builder, loc, RankedTensorType::get(xt.getShape(), i8),
                         *x, builder.getF64FloatAttr(scales->front()),
                         builder.getI64IntegerAttr(zps->first.front() - offset),
                         builder.getI64IntegerAttr(lo - offset),
                         builder.getI64IntegerAttr(hi - offset), nullptr);
  quantOffset[node.output(0)] = offset;
  return define(node, q, loc);
}

/// A Clip of quantized data (torch's fake quantization clamps to its
/// quant range after QuantizeLinear): the quantization's range tightened.
LogicalResult OnnxImporter::importQuantizedClip(const onnx::NodeProto &node,
                                                Location loc) {
  int64_t offset = quantOffset.lookup(input(node, 0));
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto q = x->getDefiningOp<QuantizeOp>();
  if (!q)
    return importOpaque(node, loc, "clips quantized constants");
  int64_t lo = int64_t(q.getMin()), hi = int64_t(q.getMax());
  for (int i : {1, 2}) {
    if (input(node, i).empty())
      continue;
    std::optional<llvm::SmallVector<double>> v = constValues(input(node, i));
    if (!v || v->size() != 1)
      return importOpaque(node, loc, "bounds are not constants");
    int64_t bound = int64_t(std::nearbyint(v->front())) - offset;
    if (i == 1)
      lo = std::max(lo, bound);
    else
      hi = std::min(hi, bound);
  }
  if (lo > hi)
    return nodeError(loc) << "clips quantized data to an empty range";
  Value clipped = QuantizeOp::create(builder, loc, q.getType(), q.getInput(),
                                     q.getScaleAttr(), q.getZeroPointAttr(),
                                     builder.getI64IntegerAttr(lo),
                                     builder.getI64IntegerAttr(hi), nullptr);
  quantOffset[node.output(0)] = offset;
  return define(node, clipped, loc);
}

/// DequantizeLinear of quantized data: of a constant, a float constant (the
/// weights' values, which a float layer reads); of an activation,
/// accel.dequantize. Either way the integers are remembered for a Conv.
LogicalResult OnnxImporter::importDequantize(const onnx::NodeProto &node,
                                             Location loc) {
  std::optional<llvm::SmallVector<double>> scales = constValues(input(node, 1));
  auto zps = zeroPoints(input(node, 2));
  // Quantized data, or an 8-bit initializer (QOperator weights), held as
  // i8 (uint8 128 lower).
  int64_t offset = 0;
  FailureOr<Value> q = failure();
  if (auto off = quantOffset.find(input(node, 0)); off != quantOffset.end()) {
    offset = off->second;
    q = lookup(input(node, 0), loc);
    if (failed(q))
      return failure();
  } else if (auto c = constants.find(input(node, 0));
             c != constants.end() &&
             (c->second->data_type() == onnx::TensorProto::INT8 ||
              c->second->data_type() == onnx::TensorProto::UINT8)) {
    std::optional<llvm::SmallVector<double>> v = constValues(input(node, 0));
    if (!v)
      return importOpaque(node, loc, "the constant is not numbers");
    offset = c->second->data_type() == onnx::TensorProto::UINT8 ? 128 : 0;
    llvm::SmallVector<int8_t> held;
    for (double x : *v)
      held.push_back(int8_t(int64_t(x) - offset));
    auto type = RankedTensorType::get(
        Shape(c->second->dims().begin(), c->second->dims().end()),
        builder.getIntegerType(8));
    q = Value(arith::ConstantOp::create(
        builder, loc, type, DenseElementsAttr::get(type, ArrayRef(held))));
  } else {
    return importOpaque(node, loc, "its input is not quantized data");
  }
  if (!scales || !zps || scales->empty() ||
      llvm::any_of(zps->first,
                   [&](int64_t z) { return z != zps->first.front(); }))
    return importOpaque(node, loc,
                        "scales not constants or zero points differ");
  auto qt = cast<RankedTensorType>(q->getType());
  FailureOr<int64_t> axis = quantAxis(node, loc, qt.getShape(), *scales);
  if (failed(axis))
    return failure();
  Dequantized d{*q, *scales, scales->size() == 1 ? 1 : *axis,
                zps->first.front() - offset};
  auto ft = RankedTensorType::get(qt.getShape(), builder.getF32Type());
  Value y;
  DenseElementsAttr attr;
  if (matchPattern(*q, m_Constant(&attr))) {
    AxisIndexer channel = axisIndexer(qt.getShape(), d.axis, scales->size());
    llvm::SmallVector<float> v;
    int64_t i = 0;
    for (APInt x : attr.getValues<APInt>())
      v.push_back(float(double(x.getSExtValue() - d.zeroPoint) *
                        (*scales)[channel(i++)]));
    y = arith::ConstantOp::create(builder, loc, ft,
                                  DenseElementsAttr::get(ft, ArrayRef(v)));
    values[node.output(0)] = y;
    dequantized[node.output(0)] = d;
    return success();
  }
  y = DequantizeOp::create(builder, loc, ft, *q,
                           builder.getDenseF64ArrayAttr(*scales),
                           builder.getI64IntegerAttr(d.axis),
                           builder.getI64IntegerAttr(d.zeroPoint), nullptr);
  dequantized[node.output(0)] = d;
  return define(node, y, loc);
}

FailureOr<Value> OnnxImporter::importQuantizedLayer(
    const onnx::NodeProto &node, Location loc, ArrayRef<int64_t> shape,
    int64_t weightAxis,
    llvm::function_ref<Operation *(Type, const Dequantized &,
                                   const Dequantized &, Value)>
        build) {
  auto dx = dequantized.find(input(node, 0));
  auto dw = dequantized.find(input(node, 1));
  if (!options.integerConvs || dx == dequantized.end() ||
      dw == dequantized.end())
    return Value();
  const Dequantized &x = dx->second, &w = dw->second;
  // The output channels: dimension 1 of the result (a convolution's
  // channels, a 2-D product's columns).
  int64_t k = shape[1];
  // Symmetric weights, one scale or one per output channel; one input scale.
  // Otherwise the layer runs in float on the dequantized values, and says
  // so (its integers are what the model meant).
  auto inFloat = [&](const Twine &why) -> FailureOr<Value> {
    nodeWarning(loc) << "runs in float on the dequantized values: " << why;
    return Value();
  };
  if (x.scales.size() != 1)
    return inFloat("its input has a scale per channel");
  if (w.zeroPoint != 0)
    return inFloat("its weights' zero point is " + Twine(w.zeroPoint) +
                   " (an integer layer takes symmetric weights)");
  if (!(w.scales.size() == 1 || w.axis == weightAxis))
    return inFloat("its weights' scales are not one per output channel");
  if (!matchPattern(w.q, m_Constant()))
    return inFloat("its weights are not constants");
  llvm::SmallVector<double> scales;
  for (int64_t c = 0; c < k; ++c)
    scales.push_back(x.scales[0] * w.scales[w.scales.size() == 1 ? 0 : c]);
  Type i32 = builder.getIntegerType(32);
  Value bias;
  if (!input(node, 2).empty()) {
    std::optional<llvm::SmallVector<double>> b = constValues(input(node, 2));
    if (!b || int64_t(b->size()) != k)
      return inFloat("its bias is not one constant per output channel");
    // The bias in accumulator units (as integer accelerators add it).
    llvm::SmallVector<int32_t> bq;
    for (int64_t c = 0; c < k; ++c) {
      double v = std::nearbyint((*b)[c] / scales[c]);
      if (!(std::abs(v) < 2147483647.0))
        return inFloat("its bias does not fit the int32 accumulators");
      bq.push_back(int32_t(v));
    }
    auto bt = RankedTensorType::get({k}, i32);
    bias = arith::ConstantOp::create(builder, loc, bt,
                                     DenseElementsAttr::get(bt, ArrayRef(bq)));
  }
  Operation *layer = build(RankedTensorType::get(shape, i32), x, w, bias);
  Value y = DequantizeOp::create(
      builder, loc, RankedTensorType::get(shape, builder.getF32Type()),
      layer->getResult(0), builder.getDenseF64ArrayAttr(scales),
      builder.getI64IntegerAttr(1), builder.getI64IntegerAttr(0), nullptr);
  // The node's name is the layer's; its dequantization is named after it.
  if (!node.name().empty()) {
    layer->setAttr("accel.name", builder.getStringAttr(node.name()));
    y.getDefiningOp()->setAttr(
        "accel.name", builder.getStringAttr(node.name() + ".dequantize"));
  }
  return y;
}

/// `v` with leading dimensions of 1 up to `rank`: NumPy's broadcasting made
/// explicit, so that a broadcast operand's tiles have the result's rank
/// (the lowering reads them with stride 0). A constant is reshaped in
/// place; anything else through a view.
Value OnnxImporter::withRank(Value v, int64_t rank, Location loc) {
  auto t = cast<RankedTensorType>(v.getType());
  if (t.getRank() >= rank)
    return v;
  llvm::SmallVector<int64_t> shape(rank - t.getRank(), 1);
  llvm::append_range(shape, t.getShape());
  auto type = RankedTensorType::get(shape, t.getElementType());
  DenseElementsAttr attr;
  if (matchPattern(v, m_Constant(&attr)))
    return arith::ConstantOp::create(builder, v.getLoc(), type,
                                     attr.reshape(type));
  return ReshapeOp::create(builder, loc, type, v);
}

/// LayerNormalization (opset 17) over the last axis: accel.layer_norm, then
/// its scale (accel.mul) and bias (accel.add), as the decomposed form
/// older exports spell out imports (OpaqueOp's canonicalization).
LogicalResult OnnxImporter::importLayerNorm(const onnx::NodeProto &node,
                                            Location loc) {
  FailureOr<Value> x = lookup(input(node, 0), loc);
  if (failed(x))
    return failure();
  auto xt = cast<RankedTensorType>(x->getType());
  int64_t axis = intAttr(node, "axis", -1);
  if (axis != -1 && axis != xt.getRank() - 1)
    return importOpaque(node, loc, "only over the last axis");
  if (node.output_size() > 1 &&
      (!node.output(1).empty() ||
       (node.output_size() > 2 && !node.output(2).empty())))
    return importOpaque(node, loc, "its mean and deviation outputs are used");
  double eps = floatAttr(node, "epsilon", 1e-5f);
  if (!std::isfinite(eps) || eps < 0)
    return nodeError(loc) << "has epsilon " << eps
                          << ": it must be finite and >= 0";
  Value y = LayerNormOp::create(builder, loc, xt, *x,
                                builder.getF64FloatAttr(eps),
                                builder.getI64IntegerAttr(-1), nullptr);
  for (int i : {1, 2}) {
    if (input(node, i).empty())
      continue;
    FailureOr<Value> v = lookup(input(node, i), loc);
    if (failed(v))
      return failure();
    auto vt = cast<RankedTensorType>(v->getType());
    if (vt.getElementType() != xt.getElementType())
      return importOpaque(node, loc, "mixed element types");
    llvm::Expected<Shape> shape = broadcastShapes(xt.getShape(), vt.getShape());
    if (!shape || *shape != xt.getShape()) {
      if (!shape)
        llvm::consumeError(shape.takeError());
      return nodeError(loc) << "has a " << (i == 1 ? "scale" : "bias")
                            << " of shape " << formatShape(vt.getShape())
                            << " that does not broadcast to the input's "
                            << formatShape(xt.getShape());
    }
    // The node's name goes to its last op; the ones before it get theirs
    // from it.
    v = withRank(*v, xt.getRank(), loc);
    if (!node.name().empty())
      y.getDefiningOp()->setAttr(
          "accel.name",
          builder.getStringAttr(node.name() + (y.getDefiningOp<LayerNormOp>()
                                                   ? ".norm"
                                                   : ".scale")));
    y = i == 1
            ? Value(MulOp::create(builder, loc, xt, y, *v, nullptr, nullptr))
            : Value(AddOp::create(builder, loc, xt, y, *v, nullptr, nullptr));
  }
  return define(node, y, loc);
}

/// Fused activations and hard-swish: the accel canonicalisations that
/// recognise them (shared with the TOSA and linalg conversions).
void OnnxImporter::foldActivations(func::FuncOp func) {
  RewritePatternSet patterns(ctx);
  ActivationOp::getCanonicalizationPatterns(patterns, ctx);
  MulOp::getCanonicalizationPatterns(patterns, ctx);
  OpaqueOp::getCanonicalizationPatterns(patterns, ctx);
  (void)applyPatternsGreedily(func, std::move(patterns));
}

/// Pins dynamic dimensions as the options say (before shape inference, so
/// that it propagates them).
LogicalResult OnnxImporter::pinDynamicDims() {
  if (options.dims.empty() && options.batch <= 0)
    return success();
  for (auto &[name, value] : options.dims)
    if (value < 1) {
      emitError(fileLoc()) << "dimension '" << name << "' pinned to " << value
                           << ": it must be >= 1";
      return failure();
    }
  onnx::GraphProto *graph = model.mutable_graph();
  auto pin = [&](onnx::ValueInfoProto &vi) {
    if (!vi.type().has_tensor_type() || !vi.type().tensor_type().has_shape())
      return;
    auto *shape = vi.mutable_type()->mutable_tensor_type()->mutable_shape();
    for (int i = 0; i < shape->dim_size(); ++i) {
      onnx::TensorShapeProto::Dimension *d = shape->mutable_dim(i);
      if (d->has_dim_value() && d->dim_value() > 0)
        continue;
      auto named = d->has_dim_param() ? options.dims.find(d->dim_param())
                                      : options.dims.end();
      if (named != options.dims.end())
        d->set_dim_value(named->second);
      else if (i == 0 && options.batch > 0)
        d->set_dim_value(options.batch);
    }
  };
  for (onnx::ValueInfoProto &vi : *graph->mutable_input())
    pin(vi);
  for (onnx::ValueInfoProto &vi : *graph->mutable_output())
    pin(vi);
  for (onnx::ValueInfoProto &vi : *graph->mutable_value_info())
    pin(vi);
  return success();
}

LogicalResult OnnxImporter::validateGraph() {
  std::optional<accel::detail::OnnxProblem> problem =
      accel::detail::validateOnnxModel(model);
  if (!problem)
    return success();
  if (problem->node < 0) {
    emitError(fileLoc()) << problem->message;
    return failure();
  }
  const onnx::NodeProto &node = model.graph().node(problem->node);
  currentNode =
      llvm::formatv("node '{0}' ({1}): ", node.name(), node.op_type()).str();
  nodeError(nodeLoc(node, problem->node)) << problem->message;
  currentNode.clear();
  return failure();
}

OwningOpRef<ModuleOp> OnnxImporter::run(StringRef bytes) {
  // An error anywhere (even one a node recovered from, e.g. bad initializer
  // data kept as an opaque node's constant) fails the import: a run that
  // printed "error:" must not succeed.
  unsigned errors = 0;
  DiagnosticEngine &engine = ctx->getDiagEngine();
  DiagnosticEngine::HandlerID counter =
      engine.registerHandler([&](Diagnostic &d) {
        errors += d.getSeverity() == DiagnosticSeverity::Error;
        return failure(); // and on to the next handler, which prints it
      });
  auto unregister = llvm::scope_exit([&] { engine.eraseHandler(counter); });
  OwningOpRef<ModuleOp> module = runImport(bytes);
  if (module && errors > 0)
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> OnnxImporter::runImport(StringRef bytes) {
  if (!model.ParseFromArray(bytes.data(), int(bytes.size()))) {
    emitError(fileLoc()) << "not a valid ONNX model (the protobuf does not "
                            "parse: the file is truncated or not ONNX)";
    return nullptr;
  }
  if (!model.has_graph()) {
    emitError(fileLoc()) << "the ONNX model has no graph";
    return nullptr;
  }
  // What ONNX's shape inference divides by or indexes must be sane before
  // it runs on the graph (it trusts the file).
  if (failed(validateGraph()))
    return nullptr;
  if (failed(pinDynamicDims()))
    return nullptr;
  // QLinearConv, QLinearMatMul, ConvInteger and MatMulInteger as the QDQ
  // nodes they stand for (their attributes and ranks validated as they
  // were written).
  accel::detail::expandQOperators(model);
  // Shape inference, then the constant shape computations it could not
  // see through folded into initializers, and again while that helps.
  for (int round = 0; round < 8; ++round) {
    try {
      onnx::shape_inference::InferShapes(model);
    } catch (const std::exception &e) {
      emitWarning(fileLoc()) << "ONNX shape inference failed (" << e.what()
                             << "); using the shapes the file records";
      break;
    }
    if (!accel::detail::foldShapeComputations(model))
      break;
  }
  const onnx::GraphProto &graph = model.graph();
  for (const onnx::ValueInfoProto &vi : graph.input())
    recordInfo(vi);
  for (const onnx::ValueInfoProto &vi : graph.value_info())
    recordInfo(vi);
  for (const onnx::ValueInfoProto &vi : graph.output())
    recordInfo(vi);
  for (const onnx::NodeProto &node : graph.node())
    for (const std::string &in : node.input()) {
      ++readers[in];
      readerOf[in] = &node;
    }
  for (const onnx::ValueInfoProto &vi : graph.output())
    ++readers[vi.name()];
  for (const onnx::TensorProto &t : graph.initializer()) {
    constants[t.name()] = &t;
    TensorInfo info;
    info.elementType = elementType(t.data_type());
    info.shape.assign(t.dims().begin(), t.dims().end());
    if (info.elementType)
      infos[t.name()] = info;
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc());
  builder.setInsertionPointToEnd(module->getBody());

  // Signature: the graph's inputs that are not initializers, then (with
  // OnnxWeights::Arguments) the initializers the nodes use.
  llvm::SmallVector<std::string> argNames;
  llvm::SmallVector<Type> argTypes;
  for (const onnx::ValueInfoProto &vi : graph.input()) {
    if (constants.count(vi.name()))
      continue;
    FailureOr<RankedTensorType> t = typeOf(
        vi.name(), NameLoc::get(builder.getStringAttr(vi.name()), fileLoc()));
    if (failed(t))
      return nullptr;
    argNames.push_back(vi.name());
    argTypes.push_back(*t);
  }
  size_t numInputs = argNames.size();
  if (options.weights == OnnxWeights::Arguments) {
    llvm::StringSet<> used;
    for (const onnx::NodeProto &node : graph.node())
      for (const std::string &in : node.input())
        used.insert(in);
    for (const onnx::TensorProto &t : graph.initializer()) {
      auto info = infos.find(t.name());
      if (!used.count(t.name()) || info == infos.end() ||
          !isa<FloatType>(info->second.elementType) ||
          info->second.shape.size() < 1)
        continue; // shapes, scales and the like stay constants
      argNames.push_back(t.name());
      argTypes.push_back(
          RankedTensorType::get(info->second.shape, info->second.elementType));
    }
  }
  llvm::SmallVector<Type> resultTypes;
  for (const onnx::ValueInfoProto &vi : graph.output()) {
    FailureOr<RankedTensorType> t = typeOf(
        vi.name(), NameLoc::get(builder.getStringAttr(vi.name()), fileLoc()));
    if (failed(t))
      return nullptr;
    resultTypes.push_back(*t);
  }
  auto func =
      func::FuncOp::create(builder, fileLoc(), "main",
                           builder.getFunctionType(argTypes, resultTypes));
  Block *body = func.addEntryBlock();
  for (auto [i, name] : llvm::enumerate(argNames)) {
    values[name] = body->getArgument(i);
    func.setArgAttr(
        i, i < numInputs ? StringRef("onnx.name") : StringRef(kWeightArgAttr),
        builder.getStringAttr(name));
  }
  builder.setInsertionPointToEnd(body);

  for (auto [i, node] : llvm::enumerate(graph.node())) {
    Location loc = nodeLoc(node, i);
    // (A node the QOperator rewrite wrote is named by its original
    // operator: the user's file has no DequantizeLinear there.)
    std::string from = accel::detail::rewrittenFrom(node);
    currentNode = llvm::formatv("node '{0}' ({1}{2}): ",
                                cast<NameLoc>(loc).getName().getValue(),
                                from.empty() ? node.op_type() : from,
                                from.empty() ? "" : ", as " + node.op_type())
                      .str();
    try {
      if (failed(importNode(node, loc)))
        return nullptr;
    } catch (const std::exception &e) {
      nodeError(loc) << "import failed: " << e.what();
      return nullptr;
    }
    // The layer the node became keeps the node's name as an attribute
    // (locations are not printed by default; names must survive passes).
    StringAttr nodeName = cast<NameLoc>(loc).getName();
    for (const std::string &out : node.output()) {
      auto it = values.find(out);
      Operation *def =
          it == values.end() ? nullptr : it->second.getDefiningOp();
      if (def && isa<AccelDialect>(def->getDialect()) && !isa<GroupOp>(def) &&
          !def->hasAttr("accel.name"))
        def->setAttr("accel.name", nodeName);
    }
  }
  llvm::SmallVector<Value> results;
  for (const onnx::ValueInfoProto &vi : graph.output()) {
    FailureOr<Value> v = lookup(vi.name(), fileLoc());
    if (failed(v))
      return nullptr;
    results.push_back(*v);
  }
  func::ReturnOp::create(builder, fileLoc(), results);
  foldActivations(func);
  // Channels-last islands (ConvNeXt) run on NCHW: no transpose is left
  // to warn about.
  cancelLayoutTransposes(func);
  // Weight arguments nothing reads any more: scales folded into a
  // dequantization, statistics folded into a convolution, weights the
  // quantization made integer constants.
  llvm::BitVector unused(func.getNumArguments());
  for (BlockArgument arg : func.getArguments())
    if (arg.use_empty() && func.getArgAttr(arg.getArgNumber(), kWeightArgAttr))
      unused.set(arg.getArgNumber());
  if (unused.any() && failed(func.eraseArguments(unused)))
    return nullptr;
  llvm::DenseSet<Location> kept;
  func.walk([&](OpaqueOp op) { kept.insert(op.getLoc()); });
  for (auto &[loc, text] : opaqueWarnings)
    if (kept.contains(loc))
      emitWarning(loc) << text;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp> accel::importOnnx(StringRef bytes, StringRef fileName,
                                        MLIRContext *context,
                                        const OnnxImportOptions &options) {
  context->loadDialect<AccelDialect, arith::ArithDialect, func::FuncDialect>();
  OnnxImporter importer(context, fileName, options);
  return importer.run(bytes);
}
