//===- BufferFootprint.cpp - On-chip bytes of a layer group ---------------===//

#include "accel/Analysis/BufferFootprint.h"
#include "accel/Analysis/ReceptiveFieldAnalysis.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace accel;

static int64_t elementBytes(Value v) {
  return (cast<ShapedType>(v.getType()).getElementTypeBitWidth() + 7) / 8;
}

bool accel::isWeight(BlockArgument arg) {
  for (OpOperand &use : arg.getUses())
    if (use.getOperandNumber() >= 1 &&
        isa<Conv2DOp, ConvTranspose2DOp, MatmulOp>(use.getOwner()))
      return true;
  return false;
}

GroupFootprint accel::groupFootprint(GroupOp group, int64_t tileRows,
                                     WeightPolicy weights, bool doubleBuffer) {
  ReceptiveFieldAnalysis rf(group);
  GroupFootprint f;
  Block &body = group.getBodyBlock();
  llvm::SmallPtrSet<Value, 8> yielded;
  for (Value v : group.getYield().getValues())
    yielded.insert(v);

  // Weights.
  int64_t allWeights = 0, largestLayer = 0;
  for (BlockArgument arg : body.getArguments())
    if (isWeight(arg))
      allWeights += numElements(cast<ShapedType>(arg.getType()).getShape()) *
                    elementBytes(arg);
  for (Operation &op : body.without_terminator()) {
    int64_t layer = 0;
    for (OpOperand &operand : op.getOpOperands()) {
      auto arg = dyn_cast<BlockArgument>(operand.get());
      if (arg && operand.getOperandNumber() >= 1 && isWeight(arg))
        layer += numElements(cast<ShapedType>(arg.getType()).getShape()) *
                 elementBytes(arg);
    }
    largestLayer = std::max(largestLayer, layer);
  }
  f.weightBytes = weights == WeightPolicy::Resident ? allWeights : largestLayer;

  // Activations, tile by tile.
  std::vector<SmallVector<TensorRegion>> tiles = rf.rowTiles(tileRows);
  f.tiles = tiles.size();
  int64_t io = doubleBuffer ? 2 : 1;
  for (const SmallVector<TensorRegion> &outs : tiles) {
    ReceptiveFieldAnalysis::RegionMap needed = rf.propagate(outs);
    int64_t in = 0, mid = 0, out = 0;
    for (auto &[v, region] : needed) {
      int64_t bytes = region.elements() * elementBytes(v);
      if (auto arg = dyn_cast<BlockArgument>(v)) {
        if (!isWeight(arg))
          in += bytes * io;
      } else if (v.getDefiningOp()->hasTrait<OpTrait::ConstantLike>()) {
        continue;
      } else if (yielded.count(v)) {
        out += bytes * io;
      } else {
        mid += bytes;
      }
    }
    f.inputBytes = std::max(f.inputBytes, in);
    f.intermediateBytes = std::max(f.intermediateBytes, mid);
    f.outputBytes = std::max(f.outputBytes, out);
    f.activationBytes = std::max(f.activationBytes, in + mid + out);
  }
  return f;
}

FitReport accel::checkFit(const GroupFootprint &f, const Arch &arch) {
  const MemoryLevel &mem = arch.memories[1];
  FitReport r;
  r.level = mem.name;
  auto part = [&](llvm::StringRef what, int64_t need, int64_t have) {
    std::string s = llvm::formatv("{0}: {1} B of {2} B", what, need, have);
    if (need > have) {
      r.fits = false;
      s += llvm::formatv(" (over by {0} B)", need - have);
    }
    if (!r.detail.empty())
      r.detail += ", ";
    r.detail += s;
  };
  if (mem.partition) {
    part("weights", f.weightBytes, mem.capacityFor(Tensor::Weights));
    part("activations", f.activationBytes,
         mem.capacityFor(Tensor::Inputs) + mem.capacityFor(Tensor::Outputs));
  } else {
    part("weights + activations", f.totalBytes(), mem.capacityBytes);
  }
  return r;
}
