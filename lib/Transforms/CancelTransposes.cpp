//===- CancelTransposes.cpp - --accel-cancel-transposes -------------------===//
//
// A transpose T with permutation P starts a "channels-last island": the
// values T's result reaches through layers that can run in either layout.
// The island is closed when every such value is used only by those layers
// or by a transpose with P's inverse; then each layer is re-created on the
// outer layout and both ends go. Analysis first, rewrite after: an island
// that fails any check is left untouched.
//
//===----------------------------------------------------------------------===//

#include "accel/Transforms/CancelTransposes.h"
#include "accel/Conversion/ConversionUtils.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

namespace accel {
#define GEN_PASS_DEF_ACCELCANCELTRANSPOSES
#include "accel/Transforms/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

/// Result dimension i is input dimension perm[i] (ConversionUtils' rule).
using Perm = llvm::SmallVector<int32_t, 4>;

/// The permutation of a layout transpose (ONNX's default: reversed axes).
std::optional<Perm> transposePerm(Operation *op) {
  auto opaque = dyn_cast_or_null<OpaqueOp>(op);
  if (!opaque || opaque.getOpName() != "onnx.Transpose" ||
      opaque.getInputs().size() != 1 || opaque.getNumResults() != 1)
    return std::nullopt;
  auto in = dyn_cast<RankedTensorType>(opaque.getInputs()[0].getType());
  if (!in)
    return std::nullopt;
  auto out = dyn_cast<RankedTensorType>(opaque->getResult(0).getType());
  int64_t rank = in.getRank();
  if (!out || out.getRank() != rank)
    return std::nullopt;
  Perm p;
  if (auto attr = opaque->getAttrOfType<DenseI64ArrayAttr>("perm")) {
    if (int64_t(attr.size()) != rank)
      return std::nullopt;
    llvm::SmallVector<bool> seen(rank, false);
    for (int64_t a : attr.asArrayRef()) {
      if (a < 0 || a >= rank || seen[a])
        return std::nullopt;
      seen[a] = true;
      p.push_back(a);
    }
  } else {
    for (int64_t i = rank - 1; i >= 0; --i)
      p.push_back(i);
  }
  // (A result type that is not the permuted input is a malformed model's.)
  if (permuteType(in, p).getShape() != out.getShape())
    return std::nullopt;
  return p;
}

Perm inverse(ArrayRef<int32_t> p) {
  Perm inv(p.size());
  for (size_t i = 0; i < p.size(); ++i)
    inv[p[i]] = i;
  return inv;
}

/// The outer layout's type of an island value's: the island's entries
/// permute by `perm`, so the outer layout is the inverse permutation.
RankedTensorType outerType(Type inner, ArrayRef<int32_t> perm) {
  return permuteType(inner, inverse(perm));
}

/// A linear layer on channels-last data as the importer writes it:
/// reshape [N, H, W, C] -> [NHW, C], matmul by [C, K] (or [K, C] with
/// transpose_rhs), reshape -> [N, H, W, K].
struct LinearLayer {
  ReshapeOp flatten;
  MatmulOp matmul;
  ReshapeOp unflatten;
};

/// One island: its entry and exit transposes and the layers between them.
struct Island {
  Perm perm;
  llvm::SetVector<Operation *> entries, exits, layers;
  llvm::DenseSet<Value> inside; // values in the inner layout
  llvm::SmallVector<LinearLayer> linears;
};

class IslandBuilder {
public:
  IslandBuilder(func::FuncOp func, bool mayRetypeWeights)
      : func(func), mayRetypeWeights(mayRetypeWeights) {}

  /// The island `entry` starts, if it closes.
  std::optional<Island> grow(Operation *entry) {
    Island island;
    island.perm = *transposePerm(entry);
    inv = inverse(island.perm);
    llvm::SmallVector<Value> work;
    auto addEntry = [&](Operation *t) {
      if (island.entries.insert(t))
        if (island.inside.insert(t->getResult(0)).second)
          work.push_back(t->getResult(0));
    };
    auto addInside = [&](Value v) {
      if (island.inside.insert(v).second)
        work.push_back(v);
    };
    addEntry(entry);
    while (!work.empty()) {
      Value v = work.pop_back_val();
      for (Operation *user : v.getUsers()) {
        if (user->getBlock() != entry->getBlock())
          return std::nullopt;
        if (island.layers.contains(user) || island.exits.contains(user))
          continue;
        if (std::optional<Perm> p = transposePerm(user)) {
          if (*p != inv)
            return std::nullopt;
          island.exits.insert(user);
          continue;
        }
        if (isa<AddOp, MulOp>(user)) {
          for (Value operand : user->getOperands()) {
            if (island.inside.contains(operand))
              continue;
            if (std::optional<Perm> p = transposePerm(operand.getDefiningOp());
                p && *p == island.perm) {
              addEntry(operand.getDefiningOp());
              continue;
            }
            if (!isOuterOperand(operand, v))
              return std::nullopt;
          }
        } else if (auto norm = dyn_cast<LayerNormOp>(user)) {
          // Above rank 4 a layer norm holds only the last 3 axes.
          int64_t rank = norm.getOutput().getType().getRank();
          if (rank > 4 && island.perm[norm.getNormalizedAxis()] < rank - 3)
            return std::nullopt;
        } else if (isa<ActivationOp>(user)) {
          // (Its one operand is `v`.)
        } else if (auto flatten = dyn_cast<ReshapeOp>(user)) {
          std::optional<LinearLayer> linear = matchLinear(flatten, island);
          if (!linear)
            return std::nullopt;
          island.linears.push_back(*linear);
          island.layers.insert(flatten);
          island.layers.insert(linear->matmul);
          addInside(linear->unflatten.getResult());
          island.layers.insert(linear->unflatten);
          continue;
        } else {
          return std::nullopt;
        }
        // (Elementwise layers and layer norms have one result.)
        if (user->getNumResults() != 1 ||
            user->getResult(0).getType() != v.getType())
          return std::nullopt;
        island.layers.insert(user);
        addInside(user->getResult(0));
      }
    }
    return island;
  }

private:
  /// Whether `operand`, beside the island value `v` in a broadcasting
  /// layer, has an outer-layout form that is a view of it.
  bool isOuterOperand(Value operand, Value v) {
    auto t = dyn_cast<RankedTensorType>(operand.getType());
    auto vt = cast<RankedTensorType>(v.getType());
    if (!t || t.getRank() != vt.getRank())
      return false;
    return permutationIsReshape(t, inv);
  }

  std::optional<LinearLayer> matchLinear(ReshapeOp flatten,
                                         const Island &island) {
    // (Only the NCHW <-> NHWC pair: the channels are the inner layout's
    // last axis and the outer's second.)
    if (ArrayRef<int32_t>(island.perm) != ArrayRef<int32_t>(kToNHWC) ||
        !flatten->hasOneUse())
      return std::nullopt;
    auto in = cast<RankedTensorType>(flatten.getInput().getType());
    auto flat = cast<RankedTensorType>(flatten.getOutput().getType());
    if (in.getRank() != 4 || flat.getRank() != 2 ||
        flat.getDimSize(1) != in.getDimSize(3))
      return std::nullopt;
    auto matmul = dyn_cast<MatmulOp>(*flatten->user_begin());
    if (!matmul || matmul.getLhs() != flatten.getResult() ||
        !matmul->hasOneUse() || matmul.getLhsZeroPoint() != 0 ||
        !isa<FloatType>(flat.getElementType()))
      return std::nullopt;
    auto unflatten = dyn_cast<ReshapeOp>(*matmul->user_begin());
    auto out = unflatten
                   ? cast<RankedTensorType>(unflatten.getOutput().getType())
                   : nullptr;
    int64_t k = matmul.getOutput().getType().getDimSize(1);
    if (!out || out.getRank() != 4 || out.getDimSize(0) != in.getDimSize(0) ||
        out.getDimSize(1) != in.getDimSize(1) ||
        out.getDimSize(2) != in.getDimSize(2) || out.getDimSize(3) != k)
      return std::nullopt;
    if (!matmul.getTransposeRhs() && !canTransposeWeight(matmul.getRhs()))
      return std::nullopt;
    return LinearLayer{flatten, matmul, unflatten};
  }

  /// A [C, K] weight can become [K, C, 1, 1]: a constant, or an argument
  /// marked accel.weight used only here.
  bool canTransposeWeight(Value w) {
    if (w.getDefiningOp<arith::ConstantOp>())
      return true;
    auto arg = dyn_cast<BlockArgument>(w);
    return mayRetypeWeights && arg && arg.hasOneUse() &&
           arg.getOwner() == &func.getBody().front() &&
           func.getArgAttr(arg.getArgNumber(), kWeightArgAttr);
  }

  func::FuncOp func;
  bool mayRetypeWeights;
  Perm inv;
};

/// Ops the rewrite may leave without users (erased if it does).
using MaybeDead = llvm::SetVector<Operation *>;

/// `v` reshaped to `type` (a view): a constant's reshaped value, or a
/// reshape of what `v` is a reshape of.
Value reshapeView(OpBuilder &b, Location loc, Value v, RankedTensorType type,
                  MaybeDead &dead) {
  if (v.getType() == type)
    return v;
  if (Operation *def = v.getDefiningOp())
    dead.insert(def);
  if (auto c = v.getDefiningOp<arith::ConstantOp>())
    if (auto dense = dyn_cast<DenseElementsAttr>(c.getValue()))
      return arith::ConstantOp::create(b, c.getLoc(), type,
                                       dense.reshape(type));
  if (auto r = v.getDefiningOp<ReshapeOp>())
    return reshapeView(b, loc, r.getInput(), type, dead);
  return ReshapeOp::create(b, loc, type, v);
}

/// `v` (of an outer-layout operand's inner shape) in the outer layout.
Value toOuter(OpBuilder &b, Location loc, Value v, ArrayRef<int32_t> perm,
              MaybeDead &dead) {
  return reshapeView(b, loc, v, outerType(v.getType(), perm), dead);
}

/// add(conv, [1, 1, 1, K] bias) of a 1x1 convolution the rewrite made
/// from a linear layer whose result only this add reads: the convolution
/// with that bias and the add's activation.
Conv2DOp foldBias(OpBuilder &b, AddOp add, IRMapping &outer,
                  const llvm::DenseSet<Operation *> &fresh,
                  const Island &island, MaybeDead &dead) {
  for (unsigned i : {0u, 1u}) {
    Value a = add->getOperand(i), other = add->getOperand(1 - i);
    auto conv = outer.lookupOrNull(a).getDefiningOp<Conv2DOp>();
    if (!conv || !fresh.contains(conv) || conv.getBias() ||
        conv.getActivationAttr() || !a.hasOneUse() ||
        island.inside.contains(other))
      continue;
    auto t = cast<RankedTensorType>(other.getType());
    int64_t k = conv.getOutput().getType().getDimSize(1);
    if (t.getShape() != ArrayRef<int64_t>{1, 1, 1, k} ||
        t.getElementType() != conv.getOutput().getType().getElementType())
      continue;
    // (At the add: everything the convolution reads dominates it.)
    Value bias = reshapeView(b, add.getLoc(), other, t.clone({k}), dead);
    auto folded = Conv2DOp::create(
        b, conv.getLoc(), conv.getOutput().getType(), conv.getInput(),
        conv.getWeight(), bias, conv.getStridesAttr(), conv.getDilationsAttr(),
        conv.getPadsAttr(), conv.getGroupsAttr(), add.getActivationAttr(),
        nullptr, conv.getInputZeroPointAttr());
    folded->setDiscardableAttrs(conv->getDiscardableAttrDictionary());
    conv->erase();
    return folded;
  }
  return nullptr;
}

/// The [C, K] weight `w` as a 1x1 convolution's [K, C, 1, 1].
Value convWeight(OpBuilder &b, func::FuncOp func, MatmulOp matmul,
                 MaybeDead &dead) {
  Value w = matmul.getRhs();
  auto t = cast<RankedTensorType>(w.getType());
  if (matmul.getTransposeRhs())
    return reshapeView(b, matmul.getLoc(), w,
                       t.clone({t.getDimSize(0), t.getDimSize(1), 1, 1}), dead);
  int64_t c = t.getDimSize(0), k = t.getDimSize(1);
  auto type = t.clone({k, c, 1, 1});
  if (auto cst = w.getDefiningOp<arith::ConstantOp>()) {
    dead.insert(cst);
    auto dense = cast<DenseElementsAttr>(cst.getValue());
    return arith::ConstantOp::create(
        b, cst.getLoc(), type, permuteConstant(dense, {1, 0}).reshape(type));
  }
  // An argument marked accel.weight (no values in the module) takes the
  // layer's layout.
  auto arg = cast<BlockArgument>(w);
  arg.setType(type);
  llvm::SmallVector<Type> inputs(func.getArgumentTypes());
  inputs[arg.getArgNumber()] = type;
  func.setType(
      FunctionType::get(func.getContext(), inputs, func.getResultTypes()));
  return arg;
}

void rewrite(Island &island, func::FuncOp func) {
  MaybeDead dead;
  llvm::DenseSet<Operation *> fresh; // the convolutions made here
  IRMapping outer;
  for (Operation *entry : island.entries)
    outer.map(entry->getResult(0), entry->getOperand(0));
  llvm::DenseMap<Operation *, const LinearLayer *> linearOf;
  for (const LinearLayer &l : island.linears)
    linearOf[l.unflatten] = &l;
  // In block order: every operand is rewritten before its users.
  llvm::SmallVector<Operation *> layers(island.layers.begin(),
                                        island.layers.end());
  llvm::sort(layers,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
  OpBuilder b(func.getContext());
  for (Operation *op : layers) {
    b.setInsertionPoint(op);
    if (auto it = linearOf.find(op); it != linearOf.end()) {
      LinearLayer l = *it->second;
      MatmulOp mm = l.matmul;
      Value x = outer.lookup(l.flatten.getInput());
      auto xt = cast<RankedTensorType>(x.getType());
      int64_t k = mm.getOutput().getType().getDimSize(1);
      auto type =
          xt.clone({xt.getDimSize(0), k, xt.getDimSize(2), xt.getDimSize(3)});
      auto conv = Conv2DOp::create(
          b, mm.getLoc(), type, x, convWeight(b, func, mm, dead), mm.getBias(),
          b.getDenseI64ArrayAttr({1, 1}), b.getDenseI64ArrayAttr({1, 1}),
          b.getDenseI64ArrayAttr({0, 0, 0, 0}), b.getI64IntegerAttr(1),
          mm.getActivationAttr(), nullptr, b.getI64IntegerAttr(0));
      // The layer's name is the matmul's (or the view's, in IR written
      // without one on the matmul).
      for (Operation *named : {mm.getOperation(), op})
        if (Attribute name = named->getAttr("accel.name")) {
          conv->setAttr("accel.name", name);
          break;
        }
      fresh.insert(conv);
      outer.map(l.unflatten.getResult(), conv.getResult());
      continue;
    }
    if (isa<ReshapeOp, MatmulOp>(op))
      continue; // the flatten and the matmul of a linear layer
    if (auto add = dyn_cast<AddOp>(op))
      if (Conv2DOp conv = foldBias(b, add, outer, fresh, island, dead)) {
        outer.map(add.getResult(), conv.getResult());
        continue;
      }
    for (Value operand : op->getOperands())
      if (!outer.contains(operand))
        outer.map(operand,
                  toOuter(b, op->getLoc(), operand, island.perm, dead));
    Operation *copy = b.clone(*op, outer);
    Value result = copy->getResult(0);
    result.setType(outerType(result.getType(), island.perm));
    // A mapping is a loop nest over the old axes.
    copy->removeAttr("mapping");
    if (auto norm = dyn_cast<LayerNormOp>(copy))
      norm.setAxisAttr(b.getI64IntegerAttr(
          island.perm[cast<LayerNormOp>(op).getNormalizedAxis()]));
    outer.map(op->getResult(0), result);
  }
  for (Operation *exit : island.exits) {
    exit->getResult(0).replaceAllUsesWith(outer.lookup(exit->getOperand(0)));
    exit->erase();
  }
  for (Operation *op : llvm::reverse(layers))
    op->erase();
  for (Operation *entry : island.entries)
    entry->erase();
  // Reshapes and constants no layer reads any more (users first).
  llvm::SmallVector<Operation *> ops(dead.begin(), dead.end());
  for (bool erased = true; erased;) {
    erased = false;
    for (Operation *&op : ops)
      if (op && op->use_empty()) {
        op->erase();
        op = nullptr;
        erased = true;
      }
  }
}

} // namespace

unsigned accel::cancelLayoutTransposes(func::FuncOp func) {
  if (func.isExternal())
    return 0;
  // Retyping a weight argument changes the function's signature and no
  // longer matches an array the module's weights file holds.
  auto module = func->getParentOfType<ModuleOp>();
  bool mayRetypeWeights = module && !module->hasAttr(kWeightsFileAttr) &&
                          SymbolTable::symbolKnownUseEmpty(func, module);
  IslandBuilder builder(func, mayRetypeWeights);
  unsigned removed = 0;
  llvm::DenseSet<Operation *> tried;
  for (bool changed = true; changed;) {
    changed = false;
    for (Operation &op : func.getBody().front()) {
      if (tried.contains(&op) || !transposePerm(&op))
        continue;
      tried.insert(&op);
      std::optional<Island> island = builder.grow(&op);
      if (!island)
        continue;
      removed += island->entries.size() + island->exits.size();
      rewrite(*island, func);
      changed = true; // the block changed under the iteration
      break;
    }
  }
  return removed;
}

namespace {

struct CancelTransposesPass
    : public accel::impl::AccelCancelTransposesBase<CancelTransposesPass> {
  using AccelCancelTransposesBase::AccelCancelTransposesBase;

  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      numCancelled += cancelLayoutTransposes(func);
  }
};

} // namespace
