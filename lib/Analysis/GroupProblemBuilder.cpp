//===- GroupProblemBuilder.cpp - A layer group for the cost model ---------===//

#include "accel/Analysis/GroupProblemBuilder.h"
#include "accel/Analysis/ReceptiveFieldAnalysis.h"
#include "accel/Search/DefaultMapping.h"

using namespace mlir;
using namespace accel;

static int64_t elementBytes(Value v) {
  return (cast<ShapedType>(v.getType()).getElementTypeBitWidth() + 7) / 8;
}

/// The part of `now` not already in `before` (rows a kept halo saves).
static int64_t newElements(const TensorRegion &now,
                           const TensorRegion *before) {
  if (!before || now.dims.size() < 3)
    return now.elements();
  int64_t rows = now.dims[2].size();
  if (rows == 0)
    return 0;
  int64_t shared = sharedRows(now, *before);
  return now.elements() / rows * (rows - shared);
}

FailureOr<GroupProblem>
accel::buildGroupProblem(GroupOp group, const Arch &arch, int64_t tileRows,
                         bool keepHalo, WeightPolicy weights) {
  ReceptiveFieldAnalysis rf(group);
  std::vector<SmallVector<TensorRegion>> tiles = rf.rowTiles(tileRows);
  std::vector<ReceptiveFieldAnalysis::RegionMap> needed;
  for (const SmallVector<TensorRegion> &outs : tiles)
    needed.push_back(rf.propagate(outs));

  GroupProblem g;
  g.weightsResident = weights == WeightPolicy::Resident;
  Block &body = group.getBodyBlock();
  for (Operation &op : body.without_terminator()) {
    auto layer = dyn_cast<LayerOpInterface>(&op);
    if (!layer)
      continue;
    GroupLayer gl;
    gl.problem = layer.getProblem();
    if (MappingAttr attr = layer.getMappingAttr()) {
      gl.mapping = attr.getValue();
    } else {
      llvm::Expected<Mapping> m = defaultMapping(gl.problem, arch);
      if (!m)
        return layer->emitError(llvm::toString(m.takeError()));
      gl.mapping = *m;
    }
    Value result = op.getResult(0);
    bool rowsTiled = cast<ShapedType>(result.getType()).getRank() == 4;
    const TensorRegion *before = nullptr;
    for (auto &map : needed) {
      auto it = map.find(result);
      if (it == map.end()) {
        gl.rowsPerTile.push_back(0);
        continue;
      }
      const TensorRegion &now = it->second;
      int64_t rows = rowsTiled ? now.dims[2].size()
                               : (now.empty() ? 0 : gl.problem.bounds[Dim::P]);
      if (keepHalo && before && rowsTiled)
        rows -= sharedRows(now, *before);
      gl.rowsPerTile.push_back(rows);
      before = &it->second;
    }
    g.layers.push_back(std::move(gl));
  }
  // DRAM side.
  for (size_t t = 0; t < needed.size(); ++t) {
    int64_t bytes = 0;
    for (BlockArgument arg : body.getArguments()) {
      if (isWeight(arg))
        continue;
      auto it = needed[t].find(arg);
      if (it == needed[t].end())
        continue;
      const TensorRegion *before = nullptr;
      if (keepHalo && t > 0) {
        auto prev = needed[t - 1].find(arg);
        if (prev != needed[t - 1].end())
          before = &prev->second;
      }
      bytes += newElements(it->second, before) * elementBytes(arg);
    }
    g.inputBytesPerTile.push_back(bytes);
  }
  for (Value v : group.getResults())
    g.outputBytes +=
        numElements(cast<ShapedType>(v.getType()).getShape()) * elementBytes(v);
  for (BlockArgument arg : body.getArguments())
    if (isWeight(arg))
      g.weightBytes += numElements(cast<ShapedType>(arg.getType()).getShape()) *
                       elementBytes(arg);
  return g;
}
