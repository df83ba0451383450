//===- AccelGraph.cpp - accel IR as a pure LayerGraph ---------------------===//

#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace accel;

std::vector<unsigned> BlockGraph::allLayers() const {
  std::vector<unsigned> ids(graph.layers().size());
  for (unsigned i = 0; i < ids.size(); ++i)
    ids[i] = i;
  return ids;
}

static llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// Fills the kind and parameters of `l` from `op`.
static void describeLayer(Operation *op, GraphLayer &l) {
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](Conv2DOp c) {
        l.kind = LayerKind::Conv;
        l.conv = c.getConvParams();
      })
      .Case([&](ConvTranspose2DOp c) {
        l.kind = LayerKind::ConvTranspose;
        l.conv = c.getConvParams();
      })
      .Case([&](Pool2DOp p) {
        l.kind = LayerKind::Pool;
        l.pool = p.getPoolParams();
      })
      .Case([&](MatmulOp m) {
        l.kind = LayerKind::Matmul;
        l.transposeRhs = m.getTransposeRhs();
      })
      .Case([&](AddOp) { l.kind = LayerKind::Add; })
      .Case([&](MulOp) { l.kind = LayerKind::Mul; })
      .Case([&](ActivationOp) { l.kind = LayerKind::Activation; })
      .Case([&](LayerNormOp n) {
        l.kind = LayerKind::LayerNorm;
        l.axis = n.getNormalizedAxis();
      })
      .Case<QuantizeOp, DequantizeOp>(
          [&](auto) { l.kind = LayerKind::Quantize; })
      .Case([&](ResizeOp r) {
        l.kind = LayerKind::Resize;
        l.bilinear = r.getMode() == ResizeMode::Bilinear;
        l.alignCorners = r.getAlignCorners();
      })
      .Case([&](ConcatOp c) {
        l.kind = LayerKind::Concat;
        l.axis = c.getAxis();
      })
      .Case<ReshapeOp, FlattenOp>([&](auto) { l.kind = LayerKind::Reshape; })
      .Default([&](Operation *) { l.kind = LayerKind::Opaque; });
  if (auto layer = dyn_cast<LayerOpInterface>(op))
    l.problem = layer.getProblem();
}

LayerProblem accel::problemAt(LayerOpInterface layer,
                              const std::optional<DataPrecision> &precision) {
  LayerProblem problem = layer.getProblem();
  if (precision)
    problem.setPrecision(*precision, weightIsActivation(layer));
  return problem;
}

bool accel::weightIsActivation(LayerOpInterface layer) {
  // (The layers whose problem has weights: operand 1.)
  if (!isa<Conv2DOp, ConvTranspose2DOp, MatmulOp>(layer.getOperation()))
    return false;
  Operation *def = layer->getOperand(1).getDefiningOp();
  return def && !def->hasTrait<OpTrait::ConstantLike>();
}

/// A static tensor of numbers, as the graph can size it.
static RankedTensorType staticTensor(Type t) {
  auto type = dyn_cast<RankedTensorType>(t);
  return type && type.hasStaticShape() && type.getElementType().isIntOrFloat()
             ? type
             : RankedTensorType();
}

llvm::Expected<BlockGraph> accel::buildBlockGraph(Block &block, LayerNamer name,
                                                  bool strict) {
  BlockGraph bg;
  LayerGraph &g = bg.graph;
  unsigned index = 0;
  auto nameOf = [&](Operation *op) {
    return name ? name(op, index) : layerName(op, index);
  };
  // A value's tensor; a value that is not a static tensor is a placeholder
  // (or, strict, an error).
  auto tensorFor = [&](Value v) -> llvm::Expected<unsigned> {
    auto it = bg.tensors.find(v);
    if (it != bg.tensors.end())
      return it->second;
    GraphTensor t;
    if (RankedTensorType type = staticTensor(v.getType())) {
      t.shape.assign(type.getShape().begin(), type.getShape().end());
      t.elementBits = type.getElementTypeBitWidth();
    } else if (strict) {
      return fail(llvm::formatv("a layer reads or writes a value of type {0}, "
                                "not a statically shaped tensor of numbers",
                                v.getType()));
    } else {
      t.shape = {1};
      t.elementBits = 8;
      t.placeholder = true;
    }
    if (auto arg = dyn_cast<BlockArgument>(v))
      t.name = "input " + std::to_string(arg.getArgNumber());
    unsigned id = g.addTensor(t);
    bg.tensors[v] = id;
    return id;
  };
  for (BlockArgument arg : block.getArguments())
    if (staticTensor(arg.getType()) || !strict)
      if (llvm::Expected<unsigned> id = tensorFor(arg); !id)
        return id.takeError();

  llvm::SmallVector<unsigned> constants;
  // A group's operand that is a constant outside is one inside too: the
  // graph of the whole function counts it as a weight, so its groups must.
  if (auto group = dyn_cast_or_null<GroupOp>(block.getParentOp()))
    for (auto [arg, operand] :
         llvm::zip(block.getArguments(), group->getOperands()))
      if (Operation *def = operand.getDefiningOp();
          def && def->hasTrait<OpTrait::ConstantLike>() &&
          bg.tensors.count(arg))
        constants.push_back(bg.tensors[arg]);
  for (Operation &op : block.without_terminator()) {
    if (op.hasTrait<OpTrait::ConstantLike>()) {
      for (Value r : op.getResults()) {
        llvm::Expected<unsigned> id = tensorFor(r);
        if (!id)
          return id.takeError();
        g.tensor(*id).name = "constant";
        constants.push_back(*id);
      }
      continue;
    }
    llvm::SmallVector<unsigned, 3> operands;
    bool placeholders = false;
    for (Value v : op.getOperands()) {
      llvm::Expected<unsigned> id = tensorFor(v);
      if (!id)
        return id.takeError();
      operands.push_back(*id);
      placeholders |= g.tensor(*id).placeholder;
    }
    std::string opName = nameOf(&op);
    ++index;
    for (Value r : op.getResults()) {
      GraphLayer l;
      l.name = opName;
      l.operands = operands;
      llvm::Expected<unsigned> id = tensorFor(r);
      if (!id)
        return id.takeError();
      l.result = *id;
      // What the graph cannot size it cannot model either.
      if (placeholders || g.tensor(*id).placeholder)
        l.kind = LayerKind::Opaque;
      else
        describeLayer(&op, l);
      g.tensor(*id).name = opName;
      g.addLayer(std::move(l));
      bg.ops.push_back(&op);
    }
  }
  // Weights: constants, and values from outside that layers read only as
  // weights or biases.
  for (unsigned id : constants)
    g.tensor(id).weight = true;
  for (unsigned id = 0; id < g.tensors().size(); ++id) {
    if (g.tensor(id).producer >= 0 || g.consumers(id).empty())
      continue;
    bool onlyWeights = llvm::all_of(g.consumers(id), [&](unsigned c) {
      const GraphLayer &l = g.layer(c);
      for (auto [i, op] : llvm::enumerate(l.operands))
        if (op == id && !l.isWeightOperand(i))
          return false;
      return true;
    });
    if (onlyWeights)
      g.tensor(id).weight = true;
  }
  // Outputs: used by the terminator or outside the block.
  for (auto [v, id] : bg.tensors) {
    if (g.tensor(id).producer < 0)
      continue;
    for (Operation *user : v.getUsers())
      if (user->getBlock() != &block || user->hasTrait<OpTrait::IsTerminator>())
        g.tensor(id).output = true;
  }
  return bg;
}

GroupSchedule accel::groupSchedule(GroupOp group, const BlockGraph &body) {
  if (ScheduleAttr s = group.getScheduleAttr())
    return s.getValue();
  return GroupSchedule::defaults(groupHeight(body.graph, body.allLayers()));
}
