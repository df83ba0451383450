//===- MaestroExport.cpp - Mapped layers as a MAESTRO dataflow ------------===//
//
// MAESTRO describes a convolution over its *input* coordinates Y, X (rows,
// columns, padding included) with filter R, S, channels K, C and batch N. A
// mapping level becomes a block of directives (its spatial dimension as a
// SpatialMap, its temporal loops in order as TemporalMaps, every dimension
// listed) and the next level sits in a Cluster of its fan-out, as GAMMA
// decodes its genome. An output tile of T rows reads (T - 1) * stride +
// dilation * (R_tile - 1) + 1 input rows and moves on by T * stride.
// Depthwise convolutions (G > 1, K = C = 1) are DSCONV layers with C = G.
//
//===----------------------------------------------------------------------===//

#include "MappedLayers.h"
#include "accel/Target/Export.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace accel;

namespace {

struct MaestroLayer {
  const MappedLayer &layer;
  bool depthwise;

  /// MAESTRO name of accel dimension `d` (P and Q become Y and X).
  llvm::StringRef name(Dim d) const {
    switch (d) {
    case Dim::N:
      return "N";
    case Dim::K:
      return "K";
    case Dim::C:
      return "C";
    case Dim::G:
      return "C"; // depthwise only
    case Dim::R:
      return "R";
    case Dim::S:
      return "S";
    case Dim::P:
      return "Y";
    case Dim::Q:
      return "X";
    }
    return "?";
  }

  /// The dimensions MAESTRO lists, as accel dimensions.
  llvm::SmallVector<Dim> dims() const {
    if (depthwise)
      return {Dim::N, Dim::G, Dim::R, Dim::S, Dim::P, Dim::Q};
    return {Dim::N, Dim::K, Dim::C, Dim::R, Dim::S, Dim::P, Dim::Q};
  }

  /// (size, offset) of a map of dimension `d` with tile `t` at level `i`.
  std::pair<int64_t, int64_t> map(unsigned i, Dim d, int64_t t) const {
    const LoopBounds &b = layer.problem.bounds;
    if (d != Dim::P && d != Dim::Q)
      return {t, t};
    bool rows = d == Dim::P;
    Dim f = rows ? Dim::R : Dim::S;
    PlaneAxis plane = layer.problem.plane(rows);
    int64_t filter = layer.mapping.resolvedTile(i, f, b);
    return {inputSpan(t, filter, plane.stride, plane.dilation),
            t * plane.stride};
  }
};

} // namespace

LogicalResult accel::exportMaestro(ModuleOp module, llvm::StringRef archOption,
                                   llvm::raw_ostream &os) {
  FailureOr<MappedModule> mapped = collectMappedLayers(module, archOption);
  if (failed(mapped))
    return failure();
  const Arch *arch = &mapped->arch;
  const std::vector<MappedLayer> *layers = &mapped->layers;
  os << "// accel-opt export for MAESTRO; accelerator " << arch->name << " ("
     << arch->numPEs() << " PEs)\n";
  os << "Network accel {\n";
  for (const MappedLayer &l : *layers) {
    const LoopBounds &b = l.problem.bounds;
    bool depthwise = b[Dim::G] > 1 && b[Dim::K] == 1 && b[Dim::C] == 1;
    if ((l.kind != "conv2d" && l.kind != "matmul") ||
        (b[Dim::G] > 1 && !depthwise)) {
      os << "// skipped " << l.name << " (" << l.kind
         << "): MAESTRO models convolutions, depthwise convolutions and "
            "GEMMs\n";
      continue;
    }
    MaestroLayer ml{l, depthwise};
    const Mapping &m = l.mapping;
    int64_t pes = 1;
    for (const MappingLevel &level : m.levels())
      pes *= level.fanout;
    os << "Layer " << l.name << " {\n";
    os << "  // " << l.kind << (l.defaultMapping ? ", default mapping" : "")
       << "; the dataflow uses " << pes << " PEs\n";
    os << "  Type: " << (depthwise ? "DSCONV" : "CONV") << "\n";
    os << llvm::formatv("  Stride { X: {0}, Y: {1} }\n", b.strideW, b.strideH);
    // Input extent with padding: what the output rows need.
    int64_t y = inputSpan(b[Dim::P], b[Dim::R], b.strideH, b.dilationH);
    int64_t x = inputSpan(b[Dim::Q], b[Dim::S], b.strideW, b.dilationW);
    os << "  Dimensions { ";
    if (depthwise)
      os << "K: 1, C: " << b[Dim::G];
    else
      os << "K: " << b[Dim::K] << ", C: " << b[Dim::C];
    os << ", R: " << b[Dim::R] << ", S: " << b[Dim::S] << ", Y: " << y
       << ", X: " << x << ", N: " << b[Dim::N] << " }\n";
    os << "  Dataflow {\n";
    for (unsigned i = 0; i < m.numLevels; ++i) {
      const MappingLevel &level = m.level(i);
      if (i > 0)
        os << "    Cluster(" << level.fanout << ", P);\n";
      llvm::SmallVector<Dim> order;
      if (level.spatial)
        order.push_back(*level.spatial);
      for (Dim d : level.loops())
        if (level.spatial != d)
          order.push_back(d);
      for (Dim d : ml.dims())
        if (!llvm::is_contained(order, d))
          order.push_back(d);
      for (Dim d : order) {
        if (!llvm::is_contained(ml.dims(), d))
          continue;
        auto [size, offset] = ml.map(i, d, m.resolvedTile(i, d, b));
        os << llvm::formatv("    {0}({1},{2}) {3};\n",
                            level.spatial == d ? "SpatialMap" : "TemporalMap",
                            size, offset, ml.name(d));
      }
    }
    os << "  }\n}\n";
  }
  os << "}\n";
  return success();
}
