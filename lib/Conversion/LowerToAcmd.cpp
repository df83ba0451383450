//===- LowerToAcmd.cpp - --accel-lower-to-acmd ----------------------------===//
//
// The IR side of the lowering: GroupProgram (pure) says which buffers and
// commands a group runs; this pass writes them as acmd ops, with the DRAM
// side of the function (arguments, constants as globals, intermediates)
// and the compute bodies (the layer op on its tiles).
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/GroupAnalysis.h"
#include "accel/Arch/GroupResources.h"
#include "accel/Conversion/Passes.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Lowering/GroupProgram.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "dialects/acmd/AcmdOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/Support/FormatVariadic.h"

namespace accel {
#define GEN_PASS_DEF_ACCELLOWERTOACMD
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;
using Kind = GroupCommand::Kind;

namespace {

acmd::Partition partitionOf(BufferArea a) {
  switch (a) {
  case BufferArea::Shared:
    return acmd::Partition::Shared;
  case BufferArea::Weights:
    return acmd::Partition::Weights;
  case BufferArea::Activations:
    return acmd::Partition::Activations;
  case BufferArea::Inputs:
    return acmd::Partition::Inputs;
  case BufferArea::Outputs:
    return acmd::Partition::Outputs;
  }
  return acmd::Partition::Shared;
}

/// What the model predicts a program moves (and, for a group, holds).
struct Prediction {
  int64_t read = 0, written = 0;
  std::optional<int64_t> footprint;
};

/// Where a tensor lives in DRAM: a memref, and the tensor's offset in it
/// (empty: 0; an operand of a concat is placed in the concat's result).
struct DramPlace {
  Value memref;
  SmallVector<int64_t, 4> offsets;
};

/// A program's layers (graph ids; a compute's `layer` indexes them) and,
/// per graph tensor and layer, the IR.
struct GroupSource {
  const LayerGraph *graph = nullptr;
  llvm::ArrayRef<unsigned> layers;
  llvm::ArrayRef<Value> values;     ///< by graph tensor id
  llvm::ArrayRef<Operation *> ops;  ///< by graph layer id
  std::function<DramPlace(Value)> dram; ///< where a tensor value lives
  Location loc;
  std::string name; ///< for reports
};

/// The schedule of a layer outside any group: the default, with shorter
/// tiles and then streamed weights until its buffers fit the level.
FailureOr<GroupSchedule> fitSingle(const LayerGraph &graph, unsigned layer,
                                   const Arch &arch, std::string &why) {
  GroupSchedule s = GroupSchedule::defaults(groupHeight(graph, {layer}));
  for (WeightPolicy w : {WeightPolicy::Resident, WeightPolicy::Streamed}) {
    s.weights = w;
    for (int64_t rows = s.rows;; rows = std::max<int64_t>(1, rows / 2)) {
      s.rows = rows;
      llvm::Expected<GroupTiling> t = GroupTiling::compute(graph, {layer}, s);
      if (!t) {
        why = llvm::toString(t.takeError());
        return failure();
      }
      GroupFootprint f = groupFootprint(*t);
      if (!checkGroupFit(f, s, arch))
        return s;
      why = describeGroupFit(f, s, arch);
      if (rows == 1)
        break;
    }
    s.rows = GroupSchedule::defaults(groupHeight(graph, {layer})).rows;
  }
  return failure();
}

Prediction groupPrediction(const GroupTiling &tiling) {
  GroupDram d = groupDram(tiling);
  return {d.readBytes, d.writtenBytes, groupFootprint(tiling).totalBytes()};
}

/// The single-layer model's DRAM bytes for the layer with `mapping`, plus
/// its bias (loaded once; the model's loop nest has no bias).
Prediction layerPrediction(const LayerGraph &graph, unsigned id,
                           const Mapping &mapping, const Arch &arch) {
  const GraphLayer &layer = graph.layer(id);
  CostResult c = evaluate(*layer.problem, arch, mapping);
  const LevelCost &dram = c.levels[0];
  auto bytes = [&](unsigned tensor) {
    return graph.tensor(tensor).elementBytes();
  };
  Prediction p;
  bool weighted = layer.problem->hasWeights;
  p.read = dram.reads[Tensor::Inputs] * bytes(layer.operands[0]) +
           dram.reads[Tensor::Outputs] * bytes(layer.result);
  if (weighted)
    p.read += dram.reads[Tensor::Weights] * bytes(layer.operands[1]);
  if (weighted && layer.operands.size() == 3)
    p.read += graph.tensor(layer.operands[2]).bytes();
  p.written = dram.writes[Tensor::Outputs] * bytes(layer.result);
  return p;
}

class FunctionLowering {
public:
  FunctionLowering(func::FuncOp f, const Arch &arch, ModuleOp module)
      : f(f), arch(arch), module(module), b(f.getContext()) {}
  LogicalResult run();
  /// What it lowered (the pass's statistics).
  int64_t segments = 0, commands = 0, fallbacks = 0;

private:
  func::FuncOp f;
  const Arch &arch;
  ModuleOp module;
  OpBuilder b;
  func::FuncOp lowered;
  DenseMap<Value, Value> dram; ///< function-level tensor -> memref
  /// Operands of concats written in place: the concat's result and where
  /// along its axis the operand starts.
  DenseMap<Value, std::pair<Value, DramPlace>> placed;
  /// Concats whose operands are all placed: nothing to run.
  DenseSet<Operation *> concatsInPlace;
  SmallVector<Value> intermediates;
  unsigned globals = 0;

  Value constantGlobal(Operation *constant);
  LogicalResult lowerHost(OpaqueOp op);
  /// The mapping a layer alone runs with: its own, or the default one.
  std::optional<Mapping> mappingOf(Operation &op, const GraphLayer &layer) {
    if (auto li = dyn_cast<LayerOpInterface>(op))
      if (MappingAttr m = li.getMappingAttr())
        return m.getValue();
    if (!layer.computes())
      return std::nullopt;
    llvm::Expected<Mapping> m = defaultMapping(*layer.problem, arch);
    if (!m) {
      llvm::consumeError(m.takeError());
      return std::nullopt;
    }
    return *m;
  }
  Value dramOf(Value v);
  /// dramOf, or the place in a concat's result of one of its operands.
  DramPlace placeOf(Value v);
  /// Places the operands of the function's concats in their results where
  /// every command that touches them is a DMA (docs/Lowering.md).
  void placeConcatOperands(Block &body);
  LogicalResult lowerProgram(const GroupSource &src,
                             const GroupProgram &program,
                             const Prediction &predicted);
  Value computeBody(const GroupSource &src, const GroupCommand &c,
                    ArrayRef<Value> buffers, ValueRange deps);
};

MemRefType memrefOf(Value v) {
  auto t = cast<RankedTensorType>(v.getType());
  return MemRefType::get(t.getShape(), t.getElementType());
}

DenseI64ArrayAttr i64s(OpBuilder &b, ArrayRef<int64_t> v) {
  return b.getDenseI64ArrayAttr(v);
}

/// A tensor's DRAM offsets in the memref it is placed in.
SmallVector<int64_t> shifted(SmallVector<int64_t, 4> offsets,
                             const DramPlace &place) {
  for (auto [o, add] : llvm::zip(offsets, place.offsets))
    o += add;
  return SmallVector<int64_t>(offsets.begin(), offsets.end());
}

Value FunctionLowering::constantGlobal(Operation *constant) {
  auto value = cast<ElementsAttr>(constant->getAttr("value"));
  auto type = memrefOf(constant->getResult(0));
  std::string name =
      llvm::formatv("{0}_const{1}", f.getName(), globals++).str();
  OpBuilder mb = OpBuilder::atBlockBegin(module.getBody());
  mb.setInsertionPoint(f);
  auto global = memref::GlobalOp::create(
      mb, constant->getLoc(), name, mb.getStringAttr("private"), type, value,
      /*constant=*/true, /*alignment=*/nullptr);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&lowered.getBody().front());
  return memref::GetGlobalOp::create(b, constant->getLoc(), type,
                                     global.getSymName());
}

/// The DRAM memref of a function-level tensor value (an argument, a result
/// slot, a constant, an intermediate allocated on first use).
Value FunctionLowering::dramOf(Value v) {
  assert(!placed.count(v) && "a placed tensor has no memref of its own");
  if (Value m = dram.lookup(v))
    return m;
  Operation *def = v.getDefiningOp();
  Value m;
  if (def && def->hasTrait<OpTrait::ConstantLike>()) {
    m = constantGlobal(def);
  } else {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&lowered.getBody().front());
    m = memref::AllocOp::create(b, v.getLoc(), memrefOf(v));
    intermediates.push_back(m);
  }
  dram[v] = m;
  return m;
}

DramPlace FunctionLowering::placeOf(Value v) {
  auto it = placed.find(v);
  if (it == placed.end())
    return {dramOf(v), {}};
  DramPlace outer = placeOf(it->second.first);
  DramPlace p = it->second.second;
  for (auto [o, add] : llvm::zip(p.offsets, outer.offsets))
    o += add;
  p.memref = outer.memref;
  return p;
}

void FunctionLowering::placeConcatOperands(Block &body) {
  SmallVector<ConcatOp> concats;
  for (Operation &op : body.without_terminator())
    if (auto c = dyn_cast<ConcatOp>(op))
      concats.push_back(c);
  // A concat whose operands begin another's, along the same axis, is a
  // prefix of it (DenseNet: each layer of a block reads every earlier
  // feature map, the block's output all of them): the family lives in its
  // longest member's result, each member's result a prefix of it.
  auto prefixOf = [](ConcatOp a, ConcatOp b) {
    return a != b && a.getAxis() == b.getAxis() &&
           a.getInputs().size() < b.getInputs().size() &&
           llvm::equal(a.getInputs(),
                       b.getInputs().take_front(a.getInputs().size()));
  };
  // Read only through DMA: by layers, groups and the family.
  auto dmaReaders = [&](Value v, ArrayRef<ConcatOp> family) {
    for (Operation *user : v.getUsers())
      if (!llvm::is_contained(family, user) &&
          !(isa<GroupOp>(user) ||
            (isa<LayerOpInterface>(user) && !isa<OpaqueOp, ConcatOp>(user))))
        return false;
    return true;
  };
  // Computed by a layer, a group or a concat in place.
  auto dmaWritten = [&](Value v) {
    Operation *def = v.getDefiningOp();
    if (!def || placed.count(v))
      return false;
    if (isa<ConcatOp>(def))
      return concatsInPlace.contains(def);
    return isa<GroupOp>(def) ||
           (isa<LayerOpInterface>(def) && !isa<OpaqueOp>(def));
  };
  for (ConcatOp host : concats) {
    if (llvm::any_of(concats, [&](ConcatOp d) { return prefixOf(host, d); }))
      continue; // placed with the longest of its family
    SmallVector<ConcatOp> family{host};
    for (ConcatOp d : concats)
      if (prefixOf(d, host))
        family.push_back(d);
    ValueRange inputs = host.getInputs();
    bool ok = llvm::all_of(inputs, [&](Value v) {
      return dmaWritten(v) && dmaReaders(v, family) &&
             llvm::count(inputs, v) == 1;
    });
    for (ConcatOp d : ArrayRef(family).drop_front())
      ok &= dmaReaders(d.getResult(), family);
    if (!ok)
      continue;
    int64_t at = 0, axis = host.getAxis();
    for (Value v : inputs) {
      DramPlace p;
      p.offsets.assign(cast<RankedTensorType>(v.getType()).getRank(), 0);
      p.offsets[axis] = at;
      at += cast<RankedTensorType>(v.getType()).getDimSize(axis);
      placed[v] = {host.getResult(), p};
    }
    for (ConcatOp d : ArrayRef(family).drop_front()) {
      DramPlace p;
      p.offsets.assign(cast<RankedTensorType>(d.getType()).getRank(), 0);
      placed[d.getResult()] = {host.getResult(), p};
    }
    for (ConcatOp d : family)
      concatsInPlace.insert(d);
  }
}

/// The compute command of `c`: its layer on the tiles of its operands.
Value FunctionLowering::computeBody(const GroupSource &src,
                                    const GroupCommand &c,
                                    ArrayRef<Value> buffers, ValueRange deps) {
  const LayerGraph &graph = *src.graph;
  unsigned l = src.layers[c.layer];
  const GraphLayer &layer = graph.layer(l);
  Operation *op = src.ops[l];
  // Operand buffers once each, then the result's.
  SmallVector<unsigned> ins;
  auto absent = [](const BufferSlice &s) { return s.sizes.empty(); };
  for (const BufferSlice &s : c.operands)
    if (!absent(s) && !llvm::is_contained(ins, s.buffer))
      ins.push_back(s.buffer);
  SmallVector<Value> inValues;
  for (unsigned i : ins)
    inValues.push_back(buffers[i]);
  Value out = buffers[c.result.buffer];
  MappingAttr mapping;
  if (auto li = dyn_cast<LayerOpInterface>(op))
    mapping = li.getMappingAttr();
  auto compute = acmd::ComputeOp::create(
      b, op->getLoc(), acmd::TokenType::get(b.getContext()),
      b.getStringAttr(layer.name), inValues, ValueRange{out}, deps, mapping);
  Block *body = new Block();
  compute.getBody().push_back(body);
  for (Value v : inValues)
    body->addArgument(cast<acmd::BufferType>(v.getType()).getTensorType(),
                      op->getLoc());
  body->addArgument(cast<acmd::BufferType>(out.getType()).getTensorType(),
                    op->getLoc());
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(body);
  Location loc = op->getLoc();
  auto sliceOf = [&](Value whole, const BufferSlice &s) -> Value {
    auto type = cast<RankedTensorType>(whole.getType());
    if (llvm::equal(type.getShape(), s.sizes) &&
        llvm::all_of(s.offsets, [](int64_t o) { return o == 0; }))
      return whole;
    auto sliceType = RankedTensorType::get(s.sizes, type.getElementType());
    SmallVector<int64_t> ones(s.sizes.size(), 1);
    return tensor::ExtractSliceOp::create(
        b, loc, sliceType, whole, ValueRange{}, ValueRange{}, ValueRange{},
        s.offsets, s.sizes, ones);
  };
  // A tensor of zeros of `shape` (the tile's element type), with `tile` at
  // `at` when given.
  auto zerosWith = [&](Value tile, ArrayRef<int64_t> shape,
                       ArrayRef<int64_t> at) -> Value {
    auto tileType = cast<RankedTensorType>(tile.getType());
    auto type = RankedTensorType::get(shape, tileType.getElementType());
    Value zeros = arith::ConstantOp::create(
        b, loc, type, cast<TypedAttr>(b.getZeroAttr(type)));
    if (at.empty())
      return zeros;
    SmallVector<int64_t> ones(shape.size(), 1);
    return tensor::InsertSliceOp::create(b, loc, tile, zeros, ValueRange{},
                                         ValueRange{}, ValueRange{}, at,
                                         tileType.getShape(), ones);
  };
  // The tiles, and the op on them.
  IRMapping map;
  ArrayRef<TensorRegion> regions = c.operandRegions;
  auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
  // A transposed convolution's tile runs as a transposed convolution of its
  // input tile (transposedTileWindow) where one expresses it.
  std::optional<TransposedTileWindow> th, tw;
  if (auto ct = dyn_cast<ConvTranspose2DOp>(op)) {
    ConvParams p = ct.getConvParams();
    const TensorRegion &in = regions[0], &w = regions[1];
    th = transposedTileWindow(p.windowH(w.dims[2].end), c.box.dims[2],
                              in.dims[2], w.dims[2]);
    tw = transposedTileWindow(p.windowW(w.dims[3].end), c.box.dims[3],
                              in.dims[3], w.dims[3]);
  }
  bool embed = isa<ResizeOp>(op) ||
               (isa<ConvTranspose2DOp>(op) && !(th && tw));
  bool planesApart = isa<ResizeOp>(op) && resultType.getRank() == 4;
  SmallVector<Value> present;
  for (auto [k, s] : llvm::enumerate(c.operands)) {
    if (absent(s))
      continue;
    Value tile =
        sliceOf(body->getArgument(llvm::find(ins, s.buffer) - ins.begin()), s);
    present.push_back(tile);
    Value operand = op->getOperand(k);
    if (embed && !graph.tensor(layer.operands[k]).weight) {
      // Upsampling layers run whole on their tile placed in a zero tensor
      // of the operand's shape (their windows do not shift with a tile);
      // a resize's batch and channels stay the tile's (it maps each plane
      // on its own).
      SmallVector<int64_t> shape(
          cast<RankedTensorType>(operand.getType()).getShape());
      SmallVector<int64_t> at = regions[k].begins();
      if (planesApart) {
        shape[0] = s.sizes[0];
        shape[1] = s.sizes[1];
        at[0] = at[1] = 0;
      }
      tile = zerosWith(tile, shape, at);
    }
    bool onlyPadding = layer.kind == LayerKind::Conv && k == 0 &&
                       regions[0].empty();
    if (onlyPadding) {
      // A step whose taps see only padding: its window of zeros, which the
      // convolution runs on unpadded (bias and activation still apply when
      // it is the last).
      SmallVector<int64_t> shape(
          cast<RankedTensorType>(tile.getType()).getShape());
      for (int d : {2, 3})
        shape[d] = inputSpan(c.box.dims[d].size(), regions[1].dims[d].size(),
                             layer.conv.strides[d - 2],
                             layer.conv.dilations[d - 2]);
      tile = zerosWith(tile, shape, {});
    }
    if (k == 0 && th && tw &&
        (th->zerosBefore || th->zerosAfter || tw->zerosBefore ||
         tw->zerosAfter)) {
      // Rows of zeros around the input tile: outputs its taps miss.
      SmallVector<int64_t> shape(
          cast<RankedTensorType>(tile.getType()).getShape());
      shape[2] += th->zerosBefore + th->zerosAfter;
      shape[3] += tw->zerosBefore + tw->zerosAfter;
      tile = zerosWith(tile, shape, {0, 0, th->zerosBefore, tw->zerosBefore});
    }
    map.map(operand, tile);
  }
  auto resultTile =
      RankedTensorType::get(c.box.sizes(), resultType.getElementType());
  if (present.size() < c.operands.size() &&
      (layer.kind == LayerKind::Add || layer.kind == LayerKind::Mul)) {
    // Some operands of a sum or a product, combined with the partial
    // result when there is one; the activation with the last of them.
    SmallVector<Value> terms(present);
    if (c.accumulate)
      terms.insert(terms.begin(),
                   sliceOf(body->getArguments().back(), c.result));
    Value v = terms.front();
    Operation *last = nullptr;
    for (Value t : ArrayRef<Value>(terms).drop_front()) {
      if (layer.kind == LayerKind::Add)
        last = AddOp::create(b, loc, TypeRange{resultTile}, ValueRange{v, t});
      else
        last = MulOp::create(b, loc, TypeRange{resultTile}, ValueRange{v, t});
      v = last->getResult(0);
    }
    if (c.finish)
      if (Attribute act = op->getAttr("activation")) {
        if (!last)
          return op->emitError("the lowering has no op to activate"), Value();
        last->setAttr("activation", act);
      }
    SmallVector<int64_t> ones(c.result.sizes.size(), 1);
    Value written = tensor::InsertSliceOp::create(
        b, loc, v, body->getArguments().back(), ValueRange{}, ValueRange{},
        ValueRange{}, c.result.offsets, c.result.sizes, ones);
    acmd::YieldOp::create(b, loc, ValueRange{written});
    return compute.getToken();
  }
  Operation *tileOp = b.clone(*op, map);
  // The layer's mappings map the whole layer (or its group tile), not this.
  tileOp->removeAttr("mapping");
  for (NamedAttribute a : llvm::to_vector(tileOp->getDiscardableAttrs()))
    tileOp->removeDiscardableAttr(a.getName());
  // A part of the reduction before the last: no bias, no activation (they
  // apply once, with the last part).
  Attribute activation = tileOp->getAttr("activation");
  if (!c.finish) {
    if ((layer.kind == LayerKind::Conv ||
         layer.kind == LayerKind::ConvTranspose ||
         layer.kind == LayerKind::Matmul) &&
        tileOp->getNumOperands() == 3)
      tileOp->eraseOperand(2);
    tileOp->removeAttr("activation");
  }
  if (c.accumulate)
    tileOp->removeAttr("activation");
  // A per-channel dequantization on a tile: the scales of its channels.
  if (auto dq = dyn_cast<DequantizeOp>(tileOp);
      dq && dq.getScales().size() > 1) {
    const Interval &ch = c.box.dims[dq.getAxis()];
    dq.setScales(dq.getScales().slice(ch.begin, ch.size()));
  }
  Value result = tileOp->getResult(0);
  if (embed) {
    BufferSlice whole;
    whole.offsets = c.box.begins();
    whole.sizes = c.box.sizes();
    if (planesApart) {
      SmallVector<int64_t> shape(resultType.getShape());
      shape[0] = whole.sizes[0];
      shape[1] = whole.sizes[1];
      tileOp->getResult(0).setType(
          RankedTensorType::get(shape, resultType.getElementType()));
      whole.offsets[0] = whole.offsets[1] = 0;
    }
    result = sliceOf(result, whole);
  } else {
    tileOp->getResult(0).setType(
        RankedTensorType::get(c.box.sizes(), resultType.getElementType()));
    // Windows: the padding of the tile (docs/Lowering.md).
    auto window = [&](const Window1D &w, unsigned axis,
                      const TensorRegion &in) -> std::optional<Window1D> {
      return tileWindow(w, c.box.dims[axis], in.dims[axis]);
    };
    std::optional<std::array<int64_t, 4>> pads;
    if (layer.kind == LayerKind::Conv) {
      // The taps of the weight part: a window of as many taps, starting
      // that many dilations later.
      const TensorRegion &taps = regions[1];
      Window1D wh = layer.conv.windowH(taps.dims[2].size());
      Window1D ww = layer.conv.windowW(taps.dims[3].size());
      wh.padBegin -= taps.dims[2].begin * wh.dilation;
      ww.padBegin -= taps.dims[3].begin * ww.dilation;
      auto h = window(wh, 2, regions[0]);
      auto w = window(ww, 3, regions[0]);
      if (h && w)
        pads = std::array<int64_t, 4>{h->padBegin, w->padBegin, h->padEnd,
                                      w->padEnd};
      if (regions[0].empty()) // a window of zeros (above), unpadded
        pads = std::array<int64_t, 4>{0, 0, 0, 0};
      // Groups: as many as the channels of the parts say.
      int64_t perGroup = taps.dims[1].size();
      tileOp->setAttr(
          "groups", b.getI64IntegerAttr(regions[0].dims[1].size() / perGroup));
    } else if (th && tw) {
      pads = std::array<int64_t, 4>{th->padBegin, tw->padBegin, th->padEnd,
                                    tw->padEnd};
      tileOp->setAttr("output_padding", i64s(b, {0, 0}));
      // Groups: as many as the input part's channels hold.
      auto ct = cast<ConvTranspose2DOp>(op);
      int64_t perGroup =
          cast<RankedTensorType>(ct.getWeight().getType()).getDimSize(0) /
          ct.getGroups();
      tileOp->setAttr("groups",
                      b.getI64IntegerAttr(std::max<int64_t>(
                          1, regions[0].dims[1].size() / perGroup)));
    } else if (layer.kind == LayerKind::Pool && !layer.pool.global) {
      const PoolParams &p = layer.pool;
      Window1D wh{p.kernel[0], p.strides[0], p.dilations[0], p.pads[0],
                  p.pads[2]};
      Window1D ww{p.kernel[1], p.strides[1], p.dilations[1], p.pads[1],
                  p.pads[3]};
      auto h = window(wh, 2, regions[0]);
      auto w = window(ww, 3, regions[0]);
      if (h && w)
        pads = std::array<int64_t, 4>{h->padBegin, w->padBegin, h->padEnd,
                                      w->padEnd};
      tileOp->removeAttr("ceil_mode"); // the padding says where windows end
    }
    bool windowed = layer.kind == LayerKind::Conv || (th && tw) ||
                    (layer.kind == LayerKind::Pool && !layer.pool.global);
    if (windowed) {
      if (!pads) {
        op->emitError("the lowering found no window for the tile ")
            << c.box.str();
        return {};
      }
      tileOp->setAttr("pads", i64s(b, *pads));
    }
  }
  bool maxOfParts = false;
  if (layer.kind == LayerKind::Pool && layer.pool.global) {
    // A global pooling over a part of the plane: an average weighs its
    // part by its share of the plane (the parts then add up); a maximum
    // takes the larger of the part's and the partial one.
    const Shape &plane = graph.tensor(layer.operands[0]).shape;
    int64_t part = regions[0].dims[2].size() * regions[0].dims[3].size();
    int64_t all = plane[2] * plane[3];
    auto kind = tileOp->getAttrOfType<PoolKindAttr>("kind");
    maxOfParts = kind && kind.getValue() == PoolKind::Max;
    if (!maxOfParts && part != all) {
      auto scalarType =
          RankedTensorType::get({1, 1, 1, 1}, resultType.getElementType());
      Value share = arith::ConstantOp::create(
          b, loc, scalarType,
          DenseElementsAttr::get(scalarType,
                                 b.getFloatAttr(resultType.getElementType(),
                                                double(part) / double(all))
                                     .getValue()));
      result = MulOp::create(b, loc, TypeRange{result.getType()},
                             ValueRange{result, share})
                   .getResult();
    }
  }
  if (c.accumulate && maxOfParts) {
    Value partial = sliceOf(body->getArguments().back(), c.result);
    auto pair =
        RankedTensorType::get({c.result.sizes[0], c.result.sizes[1], 2, 1},
                              resultType.getElementType());
    Value both = ConcatOp::create(b, loc, pair, ValueRange{partial, result},
                                  uint64_t(2));
    Operation *most = b.clone(*tileOp);
    most->setOperand(0, both);
    result = most->getResult(0);
  } else if (c.accumulate) {
    // Add to the partial sums the result buffer holds.
    Value partial = sliceOf(body->getArguments().back(), c.result);
    auto add = AddOp::create(b, loc, TypeRange{result.getType()},
                             ValueRange{partial, result});
    if (c.finish && activation)
      add->setAttr("activation", activation);
    result = add.getResult();
  }
  SmallVector<int64_t> ones(c.result.sizes.size(), 1);
  Value written = tensor::InsertSliceOp::create(
      b, loc, result, body->getArguments().back(), ValueRange{}, ValueRange{},
      ValueRange{}, c.result.offsets, c.result.sizes, ones);
  acmd::YieldOp::create(b, loc, ValueRange{written});
  return compute.getToken();
}

LogicalResult FunctionLowering::lowerProgram(const GroupSource &src,
                                             const GroupProgram &program,
                                             const Prediction &predicted) {
  MLIRContext *ctx = b.getContext();
  ++segments;
  commands += program.commands.size();
  SmallVector<Value> buffers(program.buffers.size());
  std::vector<Value> tokens(program.commands.size());
  // Tokens some command other than a free waits for.
  std::vector<bool> waited(program.commands.size(), false);
  auto deps = [&](const GroupCommand &c) {
    SmallVector<Value> v;
    for (unsigned a : c.after)
      if (tokens[a]) {
        v.push_back(tokens[a]);
        waited[a] = waited[a] || c.kind != Kind::Free;
      }
    return v;
  };
  for (auto [index, c] : llvm::enumerate(program.commands)) {
    Location loc = src.loc;
    Value token;
    switch (c.kind) {
    case Kind::Alloc: {
      const PlannedBuffer &pb = program.buffers[c.buffer];
      Type element = cast<RankedTensorType>(src.values[pb.tensor].getType())
                         .getElementType();
      auto type = acmd::BufferType::get(ctx, pb.shape, element,
                                        acmd::MemoryLevel::Global);
      buffers[c.buffer] =
          acmd::AllocOp::create(b, loc, type, partitionOf(pb.area), pb.offset);
      break;
    }
    case Kind::Free:
      acmd::DeallocOp::create(b, loc, buffers[c.buffer], deps(c));
      break;
    case Kind::Load: {
      unsigned t = program.buffers[c.dest.buffer].tensor;
      SmallVector<int64_t> strides(c.dest.sizes.size(), 1);
      if (!c.dramStrides.empty())
        strides.assign(c.dramStrides.begin(), c.dramStrides.end());
      DramPlace place = src.dram(src.values[t]);
      token = acmd::DmaLoadOp::create(
          b, loc, acmd::TokenType::get(ctx), place.memref,
          i64s(b, shifted(c.dram.begins(), place)), i64s(b, c.dest.sizes),
          i64s(b, strides),
          buffers[c.dest.buffer], i64s(b, c.dest.offsets), UnitAttr(), deps(c));
      break;
    }
    case Kind::Store: {
      unsigned t =
          c.dramTensor.value_or(program.buffers[c.source.buffer].tensor);
      SmallVector<int64_t> ones(c.source.sizes.size(), 1);
      DramPlace place = src.dram(src.values[t]);
      token = acmd::DmaStoreOp::create(
          b, loc, acmd::TokenType::get(ctx), buffers[c.source.buffer],
          i64s(b, c.source.offsets), i64s(b, c.source.sizes), place.memref,
          i64s(b, shifted(c.dram.begins(), place)), i64s(b, ones), deps(c));
      break;
    }
    case Kind::Copy:
      token = acmd::CopyOp::create(
          b, loc, acmd::TokenType::get(ctx), buffers[c.source.buffer],
          i64s(b, c.source.offsets), i64s(b, c.source.sizes),
          buffers[c.dest.buffer], i64s(b, c.dest.offsets), deps(c));
      break;
    case Kind::Compute:
      token = computeBody(src, c, buffers, deps(c));
      if (!token)
        return failure();
      break;
    }
    tokens[index] = token;
  }
  // The group ends when its last commands do (its last stores at least).
  // The wait carries what the cost model says the group moves over DRAM,
  // which accel-run checks against what the commands moved.
  SmallVector<Value> last;
  for (auto [t, w] : llvm::zip(tokens, waited))
    if (t && !w)
      last.push_back(t);
  auto wait = acmd::WaitOp::create(b, src.loc, last);
  wait->setAttr("acmd.group", b.getStringAttr(src.name));
  wait->setAttr("acmd.dram_read", b.getI64IntegerAttr(predicted.read));
  wait->setAttr("acmd.dram_written", b.getI64IntegerAttr(predicted.written));
  if (predicted.footprint)
    wait->setAttr("acmd.footprint", b.getI64IntegerAttr(*predicted.footprint));
  return success();
}

/// An operator the accelerator does not run: a host command, DRAM to
/// DRAM, with the operator in its body; the next commands wait for it.
LogicalResult FunctionLowering::lowerHost(OpaqueOp op) {
  SmallVector<Value> ins, outs;
  for (Value v : op.getInputs()) {
    auto t = dyn_cast<RankedTensorType>(v.getType());
    if (!t || !t.hasStaticShape())
      return op.emitError("cannot lower: operator '")
             << op.getOpName() << "' reads a value that is not a static tensor";
    ins.push_back(dramOf(v));
  }
  for (Value r : op->getResults()) {
    auto t = dyn_cast<RankedTensorType>(r.getType());
    if (!t || !t.hasStaticShape())
      return op.emitError("cannot lower: operator '")
             << op.getOpName()
             << "' writes a value that is not a static tensor";
    outs.push_back(dramOf(r));
  }
  auto host = acmd::HostOp::create(
      b, op.getLoc(), acmd::TokenType::get(b.getContext()),
      b.getStringAttr(op.getOpName()), ins, outs, ValueRange{});
  Block *body = new Block();
  host.getBody().push_back(body);
  IRMapping map;
  for (auto [v, m] : llvm::zip(op.getInputs(), ins))
    map.map(v, body->addArgument(v.getType(), op.getLoc()));
  for (Value r : op->getResults())
    body->addArgument(r.getType(), op.getLoc());
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(body);
    Operation *clone = b.clone(*op, map);
    acmd::YieldOp::create(b, op.getLoc(), clone->getResults());
  }
  acmd::WaitOp::create(b, op.getLoc(), ValueRange{host.getToken()});
  mlir::emitRemark(op.getLoc(), "operator '")
      << op.getOpName() << "' runs on the host (acmd.host)";
  return success();
}

LogicalResult FunctionLowering::run() {
  Block &body = f.getBody().front();
  // Arguments, then one destination per result.
  SmallVector<Type> types;
  for (Type t : f.getArgumentTypes()) {
    auto tensor = dyn_cast<RankedTensorType>(t);
    if (!tensor || !tensor.hasStaticShape())
      return f.emitError("cannot lower: argument of type ")
             << t << " (not a static tensor)";
    types.push_back(
        MemRefType::get(tensor.getShape(), tensor.getElementType()));
  }
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  for (Value v : ret.getOperands()) {
    auto tensor = dyn_cast<RankedTensorType>(v.getType());
    if (!tensor || !tensor.hasStaticShape())
      return f.emitError("cannot lower: result of type ")
             << v.getType() << " (not a static tensor)";
    types.push_back(
        MemRefType::get(tensor.getShape(), tensor.getElementType()));
  }
  b.setInsertionPoint(f);
  lowered = func::FuncOp::create(b, f.getLoc(), f.getName(),
                                 b.getFunctionType(types, {}));
  // The arguments keep their marks: accel-run binds accel.weight ones from
  // the module's weights file.
  for (unsigned i = 0; i < f.getNumArguments(); ++i)
    if (DictionaryAttr attrs = f.getArgAttrDict(i))
      lowered.setArgAttrs(i, attrs);
  Block *entry = lowered.addEntryBlock();
  for (auto [arg, m] :
       llvm::zip(body.getArguments(),
                 entry->getArguments().take_front(body.getNumArguments())))
    dram[arg] = m;
  for (auto [v, m] :
       llvm::zip(ret.getOperands(),
                 entry->getArguments().drop_front(body.getNumArguments()))) {
    Operation *def = v.getDefiningOp();
    if (!def || def->hasTrait<OpTrait::ConstantLike>() || dram.count(v))
      return ret.emitError("cannot lower: a result that is an argument, a "
                           "constant or another result (no layer writes it)");
    dram[v] = m;
  }
  b.setInsertionPointToEnd(entry);

  // The function's layers as a graph, for the layers outside groups.
  llvm::Expected<BlockGraph> fg = buildBlockGraph(body, layerName, false);
  if (!fg)
    return f.emitError("cannot lower: ") << llvm::toString(fg.takeError());
  std::vector<Value> fValues(fg->graph.tensors().size());
  for (auto [v, id] : fg->tensors)
    fValues[id] = v;

  placeConcatOperands(body);
  unsigned layerId = 0;
  for (Operation &op : body.without_terminator()) {
    if (op.hasTrait<OpTrait::ConstantLike>())
      continue;
    unsigned first = layerId;
    layerId += op.getNumResults();
    if (auto group = dyn_cast<GroupOp>(op)) {
      GroupAnalysis ga(group);
      if (!ga.valid())
        return group.emitError("cannot lower: ") << ga.error();
      std::vector<Value> bodyValues(ga.graph().tensors().size());
      for (auto [v, id] : ga.body().tensors)
        bodyValues[id] = v;
      GroupSource src{&ga.graph(),
                      ga.tiling().layers(),
                      bodyValues,
                      ga.body().ops,
                      nullptr,
                      group.getLoc(),
                      ga.name().empty() ? "group@" + std::to_string(first)
                                        : ga.name()};
      Block &gb = group.getBodyBlock();
      auto yield = group.getYield();
      src.dram = [&, group](Value v) mutable -> DramPlace {
        if (auto arg = dyn_cast<BlockArgument>(v); arg && arg.getOwner() == &gb)
          return placeOf(group.getInputs()[arg.getArgNumber()]);
        for (auto [k, y] : llvm::enumerate(yield.getOperands()))
          if (y == v)
            return placeOf(group.getResult(k));
        if (Operation *def = v.getDefiningOp();
            def && def->hasTrait<OpTrait::ConstantLike>()) {
          if (Value m = dram.lookup(v))
            return {m, {}};
          return {dram[v] = constantGlobal(def), {}};
        }
        return {};
      };
      llvm::Expected<GroupProgram> program =
          planGroupProgram(ga.tiling(), arch);
      if (!program)
        return group.emitError("cannot lower: ")
               << llvm::toString(program.takeError());
      if (failed(lowerProgram(src, *program, groupPrediction(ga.tiling()))))
        return failure();
      continue;
    }
    if (isa<ReshapeOp, FlattenOp>(op)) {
      // A view of the same DRAM bytes: nothing moves (as the model says).
      Value from = dramOf(op.getOperand(0));
      auto type = memrefOf(op.getResult(0));
      SmallVector<int64_t> strides(type.getRank(), 1);
      for (int d = int(type.getRank()) - 2; d >= 0; --d)
        strides[d] = strides[d + 1] * type.getDimSize(d + 1);
      auto view = [&](Value source) {
        return memref::ReinterpretCastOp::create(b, op.getLoc(), type, source,
                                                 0, type.getShape(), strides);
      };
      if (Value slot = dram.lookup(op.getResult(0))) {
        // A result of the function: the host copies it there.
        memref::CopyOp::create(b, op.getLoc(), view(from), slot);
      } else {
        dram[op.getResult(0)] = view(from);
      }
      continue;
    }
    if (auto opaque = dyn_cast<OpaqueOp>(op)) {
      if (failed(lowerHost(opaque)))
        return failure();
      continue;
    }
    if (!isa<LayerOpInterface, ConcatOp>(op) || op.getNumResults() != 1)
      return op.emitError("cannot lower: not an accel layer");
    if (fg->graph.layer(first).kind == LayerKind::Opaque)
      return op.emitError("cannot lower: the layer cannot be modelled");
    GroupSource src{
        &fg->graph,  llvm::ArrayRef<unsigned>(first), fValues, fg->ops, nullptr,
        op.getLoc(), fg->graph.layer(first).name};
    src.dram = [&](Value v) { return placeOf(v); };
    if (concatsInPlace.contains(&op))
      continue; // its operands were written in place
    if (isa<ConcatOp, ResizeOp>(op)) {
      // In pieces through the first level, whatever its size (a concat: each
      // operand into its place; a resize: channels and rows), moving what a
      // group of one moves (the group model's traffic).
      llvm::Expected<GroupProgram> program =
          isa<ConcatOp>(op) ? planConcatProgram(fg->graph, first, arch)
                            : planResizeProgram(fg->graph, first, arch);
      if (!program)
        return op.emitError("cannot lower: ")
               << llvm::toString(program.takeError());
      llvm::Expected<GroupTiling> tiling = GroupTiling::compute(
          fg->graph, {first},
          GroupSchedule::defaults(groupHeight(fg->graph, {first})));
      if (!tiling)
        return op.emitError("cannot lower: ")
               << llvm::toString(tiling.takeError());
      GroupDram d = groupDram(*tiling);
      mlir::emitRemark(op.getLoc(), "lowered in pieces through ")
          << arch.memories[1].name
          << ": its DRAM traffic is the group model's, "
          << d.readBytes + d.writtenBytes << " B"
          << (isa<ConcatOp>(op) ? " (the cost report counts a concat free)"
                                : "");
      ++fallbacks;
      if (failed(lowerProgram(src, *program,
                              Prediction{d.readBytes, d.writtenBytes, {}})))
        return failure();
      continue;
    }
    // Tile by tile through DRAM, as its mapping says; else, when the
    // lowering cannot follow the mapping, as a group of one that fits.
    std::string tiled;
    if (std::optional<Mapping> m = mappingOf(op, fg->graph.layer(first))) {
      llvm::Expected<GroupProgram> program =
          planLayerProgram(fg->graph, first, *m, arch);
      if (program) {
        if (failed(lowerProgram(src, *program,
                                layerPrediction(fg->graph, first, *m, arch))))
          return failure();
        continue;
      }
      tiled = llvm::toString(program.takeError());
    } else {
      tiled = "no mapping fits";
    }
    std::string why;
    FailureOr<GroupSchedule> s = fitSingle(fg->graph, first, arch, why);
    if (failed(s))
      return op.emitError("cannot lower: tile by tile, ")
             << tiled << "; as a group of one, it fits no schedule on "
             << arch.name << " (" << why << ")";
    llvm::Expected<GroupTiling> tiling =
        GroupTiling::compute(fg->graph, {first}, *s);
    if (!tiling)
      return op.emitError("cannot lower: ")
             << llvm::toString(tiling.takeError());
    llvm::Expected<GroupProgram> program = planGroupProgram(*tiling, arch);
    if (!program)
      return op.emitError("cannot lower: ")
             << llvm::toString(program.takeError());
    mlir::emitRemark(op.getLoc(), "lowered as a group of one (")
        << tiled << "): its DRAM traffic is the group model's, "
        << groupDram(*tiling).readBytes + groupDram(*tiling).writtenBytes
        << " B";
    ++fallbacks;
    if (failed(lowerProgram(src, *program, groupPrediction(*tiling))))
      return failure();
  }
  for (Value m : intermediates)
    memref::DeallocOp::create(b, f.getLoc(), m);
  func::ReturnOp::create(b, f.getLoc());
  f.erase();
  return success();
}

struct LowerToAcmdPass
    : public accel::impl::AccelLowerToAcmdBase<LowerToAcmdPass> {
  using AccelLowerToAcmdBase::AccelLowerToAcmdBase;

  /// The program holds the IR's element types, and the executor counts
  /// their bytes: they must be the widths the cost model uses.
  LogicalResult checkStoredTypes(const Arch &arch) {
    if (!arch.precision)
      return success();
    const DataPrecision &p = *arch.precision;
    WalkResult w = getOperation().walk([&](LayerOpInterface layer) {
      for (Value v :
           llvm::concat<Value>(layer->getOperands(), layer->getResults())) {
        auto type = dyn_cast<ShapedType>(v.getType());
        if (!type || !type.getElementType().isIntOrFloat())
          continue;
        unsigned bits = type.getElementTypeBitWidth();
        if (bits == p.weights && bits == p.activations && bits == p.partialSums)
          continue;
        layer->emitError("cannot lower ")
            << type.getElementType() << " data for " << arch.name
            << ", which stores " << arch.precisionText()
            << ": run --accel-convert-precision first (--accel-pipeline "
               "does), or lower with precision=ir";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    return failure(w.wasInterrupted());
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> functions;
    for (auto f : module.getOps<func::FuncOp>())
      if (!f.isExternal() && f.getBody()
                                 .walk([](Operation *op) {
                                   return isa<AccelDialect>(op->getDialect())
                                              ? WalkResult::interrupt()
                                              : WalkResult::advance();
                                 })
                                 .wasInterrupted())
        functions.push_back(f);
    if (functions.empty())
      return;
    FailureOr<Arch> arch = resolveOnChipArch(
        module, this->arch, givenPrecision(this->arch, precision));
    if (failed(arch) || failed(checkStoredTypes(*arch)))
      return signalPassFailure();
    for (func::FuncOp f : functions) {
      FunctionLowering lowering(f, *arch, module);
      if (failed(lowering.run()))
        return signalPassFailure();
      numSegments += lowering.segments;
      numCommands += lowering.commands;
      numFallbacks += lowering.fallbacks;
    }
  }
};

} // namespace
