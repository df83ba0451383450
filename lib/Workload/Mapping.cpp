//===- Mapping.cpp - Loop-nest mapping of a layer -------------------------===//

#include "accel/Workload/Mapping.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

using namespace accel;

int64_t Mapping::resolvedTile(unsigned i, Dim d,
                              const LoopBounds &bounds) const {
  int64_t parent = i == 0 ? bounds[d] : resolvedTile(i - 1, d, bounds);
  int64_t t = level(i).tile[d];
  return t == 0 ? parent : t;
}

int64_t Mapping::tripCount(unsigned i, Dim d, const LoopBounds &bounds) const {
  int64_t parent = i == 0 ? bounds[d] : resolvedTile(i - 1, d, bounds);
  int64_t step = resolvedTile(i, d, bounds);
  if (level(i).spatial == d)
    step *= level(i).fanout;
  return (parent + step - 1) / step;
}

llvm::hash_code accel::hash_value(const Mapping &m) {
  llvm::hash_code h = llvm::hash_value(m.numLevels);
  for (const MappingLevel &l : m.levels()) {
    h = llvm::hash_combine(h, l.spatial ? int(idx(*l.spatial)) : -1, l.fanout,
                           l.numLoops);
    for (Dim d : l.loops())
      h = llvm::hash_combine(h, idx(d));
    h = llvm::hash_combine(
        h, llvm::hash_combine_range(l.tile.v.begin(), l.tile.v.end()));
  }
  return h;
}

static llvm::Error mappingError(unsigned level, const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "level " + llvm::Twine(level) + ": " + msg);
}

llvm::Error accel::verifyMapping(const Mapping &m, const LoopBounds *bounds) {
  if (m.numLevels == 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "a mapping needs at least one level");
  // Parent extent per dimension, where known (from the bounds or from an
  // explicit tile of an outer level).
  PerDim<int64_t> parent;
  PerDim<bool> known;
  for (Dim d : kAllDims) {
    parent[d] = bounds ? (*bounds)[d] : 0;
    known[d] = bounds != nullptr;
  }

  for (auto [i, l] : llvm::enumerate(m.levels())) {
    if (!l.spatial && l.numLoops == 0)
      return mappingError(i, "has neither a spatial dimension nor loops");
    PerDim<bool> seen;
    for (Dim d : l.loops()) {
      if (seen[d])
        return mappingError(i, "dimension " + dimName(d) + " is listed twice");
      seen[d] = true;
    }
    for (Dim d : kAllDims) {
      int64_t t = l.tile[d];
      if (!seen[d] && t != 0)
        return mappingError(i, "dimension " + dimName(d) +
                                   " has a tile but no loop");
      if (seen[d] && t < 1)
        return mappingError(
            i,
            llvm::formatv("tile of {0} must be >= 1, got {1}", dimName(d), t));
      if (seen[d] && known[d] && t > parent[d])
        return mappingError(
            i, llvm::formatv("tile {0} of {1} exceeds the parent extent {2}", t,
                             dimName(d), parent[d]));
    }
    if (l.spatial) {
      Dim d = *l.spatial;
      if (l.fanout < 1)
        return mappingError(
            i, llvm::formatv("fan-out must be >= 1, got {0}", l.fanout));
      if (!seen[d])
        return mappingError(i, "spatial dimension " + dimName(d) +
                                   " has no tile in the loop list");
      int64_t covered;
      if (llvm::MulOverflow(l.fanout, l.tile[d], covered))
        return mappingError(i, llvm::formatv("fan-out {0} x tile {1} of {2} "
                                             "overflows",
                                             l.fanout, l.tile[d], dimName(d)));
      if (known[d] && covered > parent[d])
        return mappingError(
            i,
            llvm::formatv("fan-out {0} x tile {1} of {2} covers {3} but the "
                          "parent extent is {4}",
                          l.fanout, l.tile[d], dimName(d), covered, parent[d]));
    } else if (l.fanout != 1) {
      return mappingError(i, "has a fan-out but no spatial dimension");
    }
    for (Dim d : kAllDims)
      if (seen[d]) {
        parent[d] = l.tile[d];
        known[d] = true;
      }
  }
  return llvm::Error::success();
}

void accel::printMapping(llvm::raw_ostream &os, const Mapping &m) {
  llvm::interleaveComma(m.levels(), os, [&](const MappingLevel &l) {
    os << '[';
    if (l.spatial)
      os << dimName(*l.spatial) << '*' << l.fanout << " |"
         << (l.numLoops ? " " : "");
    llvm::interleave(
        l.loops(), os, [&](Dim d) { os << dimName(d) << ':' << l.tile[d]; },
        " ");
    os << ']';
  });
}
