//===- ReceptiveFieldAnalysis.cpp - Regions a layer group's tile needs ----===//

#include "accel/Analysis/ReceptiveFieldAnalysis.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace accel;

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<ShapedType>(v.getType()).getShape();
}

/// The slices of a weight [K, ...] (or a bias [K]) the output channels in
/// `channels` use.
static TensorRegion channelSlice(Value weight, Interval channels) {
  TensorRegion r = TensorRegion::whole(shapeOf(weight));
  r.dims[0] = channels;
  return r;
}

SmallVector<TensorRegion> accel::operandRegions(Operation *op,
                                                const TensorRegion &out) {
  SmallVector<TensorRegion> in;
  auto whole = [&](Value v) { in.push_back(TensorRegion::whole(shapeOf(v))); };
  llvm::TypeSwitch<Operation *>(op)
      .Case([&](Conv2DOp c) {
        in.push_back(conv2dInput(out, shapeOf(c.getInput()),
                                 shapeOf(c.getWeight()), c.getConvParams()));
        in.push_back(channelSlice(c.getWeight(), out.dims[1]));
        if (c.getBias())
          in.push_back(channelSlice(c.getBias(), out.dims[1]));
      })
      .Case([&](ConvTranspose2DOp c) {
        in.push_back(convTranspose2dInput(out, shapeOf(c.getInput()),
                                          shapeOf(c.getWeight()),
                                          c.getConvParams()));
        whole(c.getWeight());
        if (c.getBias())
          in.push_back(channelSlice(c.getBias(), out.dims[1]));
      })
      .Case([&](Pool2DOp p) {
        in.push_back(
            pool2dInput(out, shapeOf(p.getInput()), p.getPoolParams()));
      })
      .Case([&](MatmulOp m) {
        in.push_back(matmulLhsInput(out, shapeOf(m.getLhs())));
        TensorRegion rhs = TensorRegion::whole(shapeOf(m.getRhs()));
        // The output columns select rhs columns (rows when transposed).
        unsigned col = rhs.dims.size() - (m.getTransposeRhs() ? 2 : 1);
        rhs.dims[col] = out.dims.back();
        in.push_back(rhs);
        if (m.getBias())
          in.push_back(channelSlice(m.getBias(), out.dims.back()));
      })
      .Case<AddOp, MulOp>([&](auto b) {
        in.push_back(broadcastInput(out, shapeOf(b.getLhs())));
        in.push_back(broadcastInput(out, shapeOf(b.getRhs())));
      })
      .Case([&](ActivationOp) { in.push_back(out); })
      .Case([&](ResizeOp r) {
        in.push_back(resizeInput(
            out, shapeOf(r.getInput()), shapeOf(r.getOutput()),
            r.getMode() == ResizeMode::Bilinear, r.getAlignCorners()));
      })
      .Case([&](ConcatOp c) {
        SmallVector<ArrayRef<int64_t>> shapes;
        for (Value v : c.getInputs())
          shapes.push_back(shapeOf(v));
        for (unsigned i = 0; i < shapes.size(); ++i)
          in.push_back(concatInput(out, shapes, c.getAxis(), i));
      })
      .Case<ReshapeOp, FlattenOp>([&](auto r) {
        in.push_back(
            reshapeInput(out, shapeOf(r.getInput()), shapeOf(r.getOutput())));
      })
      .Default([&](Operation *other) {
        // Unknown semantics (accel.opaque, ...): everything.
        for (Value v : other->getOperands())
          whole(v);
      });
  return in;
}

ReceptiveFieldAnalysis::ReceptiveFieldAnalysis(Operation *op)
    : group(cast<GroupOp>(op)) {}

ReceptiveFieldAnalysis::RegionMap
ReceptiveFieldAnalysis::propagate(ArrayRef<TensorRegion> outputs) const {
  RegionMap needed;
  auto demand = [&](Value v, const TensorRegion &r) {
    auto [it, inserted] = needed.try_emplace(v, r);
    if (!inserted)
      it->second = it->second.hull(r);
  };
  for (auto [v, r] : llvm::zip(group.getYield().getValues(), outputs))
    demand(v, r);
  Block &body = group.getBodyBlock();
  for (Operation &op : llvm::reverse(body.without_terminator())) {
    if (op.getNumResults() != 1 || !isa<ShapedType>(op.getResult(0).getType()))
      continue;
    auto it = needed.find(op.getResult(0));
    if (it == needed.end())
      continue;
    TensorRegion out = it->second;
    for (auto [operand, r] :
         llvm::zip(op.getOperands(), operandRegions(&op, out)))
      demand(operand, r);
  }
  return needed;
}

std::vector<SmallVector<TensorRegion>>
ReceptiveFieldAnalysis::rowTiles(int64_t rows) const {
  std::vector<SmallVector<TensorRegion>> tiles;
  ArrayRef<int64_t> primary = shapeOf(group.getResult(0));
  int64_t height = primary.size() == 4 ? primary[2] : 1;
  for (int64_t begin = 0; begin < height; begin += rows) {
    SmallVector<TensorRegion> outs;
    for (Value result : group.getResults()) {
      ArrayRef<int64_t> shape = shapeOf(result);
      TensorRegion r = TensorRegion::whole(shape);
      if (shape.size() == 4 && shape[2] == height)
        r.dims[2] = {begin, std::min(begin + rows, height)};
      else if (begin > 0)
        r.dims[0] = {0, 0}; // produced with the first tile
      outs.push_back(r);
    }
    tiles.push_back(outs);
  }
  return tiles;
}

int64_t accel::sharedRows(const TensorRegion &a, const TensorRegion &b) {
  if (a.empty() || b.empty() || a.dims.size() < 3)
    return 0;
  return std::max<int64_t>(0, std::min(a.dims[2].end, b.dims[2].end) -
                                  std::max(a.dims[2].begin, b.dims[2].begin));
}
