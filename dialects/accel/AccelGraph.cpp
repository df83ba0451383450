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

llvm::Expected<BlockGraph> accel::buildBlockGraph(Block &block,
                                                  LayerNamer name) {
  BlockGraph bg;
  LayerGraph &g = bg.graph;
  unsigned index = 0;
  auto nameOf = [&](Operation *op) {
    return name ? name(op, index) : layerName(op, index);
  };
  auto tensorFor = [&](Value v) -> llvm::Expected<unsigned> {
    auto it = bg.tensors.find(v);
    if (it != bg.tensors.end())
      return it->second;
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || !type.hasStaticShape() ||
        !type.getElementType().isIntOrFloat())
      return fail(llvm::formatv("a layer reads or writes a value of type {0}, "
                                "not a statically shaped tensor of numbers",
                                v.getType()));
    GraphTensor t;
    t.shape.assign(type.getShape().begin(), type.getShape().end());
    t.elementBits = type.getElementTypeBitWidth();
    if (auto arg = dyn_cast<BlockArgument>(v))
      t.name = "input " + std::to_string(arg.getArgNumber());
    unsigned id = g.addTensor(t);
    bg.tensors[v] = id;
    return id;
  };

  for (Operation &op : block.without_terminator()) {
    if (op.hasTrait<OpTrait::ConstantLike>()) {
      for (Value r : op.getResults()) {
        llvm::Expected<unsigned> id = tensorFor(r);
        if (!id)
          return id.takeError();
        g.tensor(*id).weight = true;
        g.tensor(*id).name = "constant";
      }
      continue;
    }
    llvm::SmallVector<unsigned, 3> operands;
    for (Value v : op.getOperands()) {
      llvm::Expected<unsigned> id = tensorFor(v);
      if (!id)
        return id.takeError();
      operands.push_back(*id);
    }
    std::string opName = nameOf(&op);
    ++index;
    for (Value r : op.getResults()) {
      GraphLayer l;
      describeLayer(&op, l);
      l.name = opName;
      l.operands = operands;
      llvm::Expected<unsigned> id = tensorFor(r);
      if (!id)
        return id.takeError();
      l.result = *id;
      g.tensor(*id).name = opName;
      for (auto [i, operand] : llvm::enumerate(operands))
        if (l.isWeightOperand(i) && g.tensor(operand).producer < 0)
          g.tensor(operand).weight = true;
      g.addLayer(std::move(l));
      bg.ops.push_back(&op);
    }
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
