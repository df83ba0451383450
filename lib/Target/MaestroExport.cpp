//===- MaestroExport.cpp - Mapped layers as a MAESTRO dataflow ------------===//
//
// MAESTRO describes a convolution over its *input* coordinates Y, X (rows,
// columns, padding included) with filter R, S, channels K, C and batch N. A
// mapping level becomes a block of directives (its spatial dimension as a
// SpatialMap, its temporal loops in order as TemporalMaps, every dimension
// listed) and the next level sits in a Cluster of its fan-out, as GAMMA
// decodes its genome. An output tile of T rows reads (T - 1) * stride +
// dilation * (R_tile - 1) + 1 input rows and moves on by T * stride.
// Depthwise convolutions (G > 1, K = C = 1) are DSCONV layers with C = G;
// other grouped convolutions are one CONV layer per group (MAESTRO has no
// groups; the mapping's loops over groups run them one after another).
//
// MAESTRO wants whole filter rows and columns in every map, one output row
// (column) per map of a strided layer, and has no dimension for groups
// spread over PEs: a layer whose mapping tiles R or S, maps several output
// rows of a strided layer, or spreads G of a grouped (not depthwise)
// convolution, is a warning naming it and is left out (`--accel-map
// exportable=maestro` maps whole filters). With a directory, each layer is a
// network file of its own with the accelerator as a hardware file (MAESTRO
// stops a network at its first layer it rejects).
//
//===----------------------------------------------------------------------===//

#include "MappedLayers.h"
#include "accel/Target/Export.h"
#include "llvm/ADT/StringExtras.h"
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

namespace {

/// Why MAESTRO cannot run `l`'s mapping, or "".
std::string unexpressible(const MappedLayer &l, bool depthwise) {
  const LoopBounds &b = l.problem.bounds;
  const Mapping &m = l.mapping;
  // A window shorter than its stride (a 1x1 convolution of stride 2) skips
  // input rows: a map smaller than its offset, which MAESTRO's reuse
  // analysis mishandles (it exits with code 255, or counts 3-9x the MACs).
  for (bool rows : {true, false}) {
    PlaneAxis plane = l.problem.plane(rows);
    int64_t window = (b[rows ? Dim::R : Dim::S] - 1) * plane.dilation + 1;
    if (window < plane.stride)
      return llvm::formatv("its windows ({0} {1}) are shorter than its stride "
                           "({2}): MAESTRO mishandles the input {1} they skip",
                           window, rows ? "rows" : "columns", plane.stride);
  }
  // A strided layer's maps must each cover one output row (column): MAESTRO
  // counts the MACs of a map over more of them wrongly (1.5x for 2 rows of
  // a stride-2 3x3 convolution, 1.9x for 14: measured), as its own
  // examples avoid with TemporalMap(Sz(R), 1) Y.
  for (bool rows : {true, false}) {
    Dim d = rows ? Dim::P : Dim::Q;
    if (l.problem.plane(rows).stride == 1 || b[d] == 1)
      continue;
    for (unsigned i = 0; i < m.numLevels; ++i)
      if (m.resolvedTile(i, d, b) > 1 ||
          (m.level(i).spatial == d && m.level(i).fanout > 1))
        return llvm::formatv("level {0} maps several output {1} of a strided "
                             "layer at once, whose MACs MAESTRO miscounts "
                             "(it runs strided layers one output {2} per map)",
                             i, rows ? "rows" : "columns",
                             rows ? "row" : "column");
  }
  for (unsigned i = 0; i < m.numLevels; ++i) {
    for (Dim d : {Dim::R, Dim::S})
      if (m.resolvedTile(i, d, b) != b[d] ||
          (m.level(i).spatial == d && m.level(i).fanout > 1))
        return llvm::formatv("level {0} tiles the filter's {1} (MAESTRO maps "
                             "whole filter rows and columns)",
                             i, d == Dim::R ? "rows" : "columns");
    if (!depthwise && b[Dim::G] > 1 && m.level(i).spatial == Dim::G &&
        m.level(i).fanout > 1)
      return llvm::formatv("level {0} spreads groups over PEs (MAESTRO "
                           "has no groups: they run as layers one after "
                           "another)",
                           i);
  }
  return "";
}

/// The PEs `m`'s dataflow uses: MAESTRO spreads its outermost map over
/// num_pes / (the clusters below), so a layer's hardware file must have
/// exactly these for the dataflow to be ours.
int64_t dataflowPEs(const Mapping &m) {
  int64_t pes = 1;
  for (const MappingLevel &level : m.levels())
    pes *= level.fanout;
  return pes;
}

/// One MAESTRO layer (of group `group` when the layer is grouped).
void writeLayer(llvm::raw_ostream &os, const Arch &arch, const MappedLayer &l,
                bool depthwise, std::optional<int64_t> group) {
  const LoopBounds &b = l.problem.bounds;
  MaestroLayer ml{l, depthwise};
  const Mapping &m = l.mapping;
  int64_t pes = dataflowPEs(m);
  os << "Layer " << l.name;
  if (group)
    os << "_g" << *group;
  os << " {\n";
  if (!group || *group == 0) {
    CostResult cost = evaluate(l.problem, arch, l.mapping);
    os << llvm::formatv("  // accel-opt: {0} MACs, {1} cycles, {2} pJ{3}\n",
                        cost.macs, int64_t(cost.cycles), int64_t(cost.energy),
                        group ? " (all groups)" : "");
  }
  os << "  // " << l.kind << (l.defaultMapping ? ", default mapping" : "")
     << "; the dataflow uses " << pes << " PEs";
  if (!l.group.empty())
    os << "; in group " << l.group << ", exported as a layer alone";
  if (group)
    os << "; group " << *group << " of " << b[Dim::G];
  os << "\n  Type: " << (depthwise ? "DSCONV" : "CONV") << "\n";
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

/// The accelerator as a MAESTRO hardware file: `pes` PEs, the innermost
/// level's bytes per PE (L1), the level below DRAM (L2), the bandwidth out
/// of L2 and out of DRAM in data words per cycle.
void writeHardware(llvm::raw_ostream &os, const Arch &arch, int64_t pes) {
  const std::vector<MemoryLevel> &mems = arch.memories;
  int64_t bits = arch.precision ? arch.precision->activations : arch.macBits;
  auto words = [&](const MemoryLevel &mem) {
    return int64_t(mem.readBandwidth * double(mem.wordBits) / double(bits));
  };
  os << "num_pes: " << pes << "\n";
  if (mems.size() > 2)
    os << "l1_size_cstr: " << mems.back().capacityBytes << "\n";
  if (mems.size() > 1)
    os << "l2_size_cstr: " << mems[1].capacityBytes << "\n"
       << "noc_bw_cstr: " << std::max<int64_t>(1, words(mems[1])) << "\n";
  os << "offchip_bw_cstr: " << std::max<int64_t>(1, words(mems[0])) << "\n";
}

} // namespace

LogicalResult accel::exportMaestro(ModuleOp module, llvm::StringRef archOption,
                                   llvm::raw_ostream &os,
                                   llvm::StringRef directory) {
  FailureOr<MappedModule> mapped = collectMappedLayers(module, archOption);
  if (failed(mapped))
    return failure();
  const Arch &arch = mapped->arch;
  ExportDirectory dir(module, directory);
  std::string header = llvm::formatv("// accel-opt export for MAESTRO; "
                                     "accelerator {0} ({1} PEs)\n",
                                     arch.name, arch.numPEs());
  RunScript script("# Runs MAESTRO (maestro on the PATH) on every exported "
                   "layer with its\n# hardware file (the accelerator with the "
                   "PEs its dataflow uses).");
  if (!directory.empty()) {
    if (failed(dir.create()))
      return failure();
  } else {
    os << header << "// hardware file (num_pes: the PEs each layer's dataflow "
       << "uses):\n";
    std::string hw;
    llvm::raw_string_ostream h(hw);
    writeHardware(h, arch, arch.numPEs());
    for (llvm::StringRef line : llvm::split(llvm::StringRef(hw).rtrim(), '\n'))
      os << "//   " << line << "\n";
    os << "Network accel {\n";
  }
  unsigned written = 0, index = 0;
  for (const MappedLayer &l : mapped->layers) {
    unsigned i = index++;
    const LoopBounds &b = l.problem.bounds;
    bool depthwise = b[Dim::G] > 1 && b[Dim::K] == 1 && b[Dim::C] == 1;
    if (l.kind != "conv2d" && l.kind != "matmul") {
      if (directory.empty())
        os << "// skipped " << l.name << " (" << l.kind
           << "): MAESTRO models convolutions and GEMMs\n";
      continue;
    }
    if (std::string why = unexpressible(l, depthwise); !why.empty()) {
      mlir::emitWarning(l.op->getLoc(), "not exported to MAESTRO: ")
          << why << "; --accel-map exportable=maestro maps for the export";
      if (directory.empty())
        os << "// skipped " << l.name << ": MAESTRO cannot express its "
           << "mapping (see the warning)\n";
      continue;
    }
    std::string text;
    llvm::raw_string_ostream ls(text);
    if (b[Dim::G] > 1 && !depthwise)
      for (int64_t g = 0; g < b[Dim::G]; ++g)
        writeLayer(ls, arch, l, depthwise, g);
    else
      writeLayer(ls, arch, l, depthwise, std::nullopt);
    ++written;
    if (directory.empty()) {
      os << text;
      continue;
    }
    std::string base = layerFileStem(i, l.name), name = base + ".m";
    if (failed(dir.write(name, header + "Network accel {\n" + text + "}\n")))
      return failure();
    std::string hw;
    llvm::raw_string_ostream h(hw);
    writeHardware(h, arch, dataflowPEs(l.mapping));
    if (failed(dir.write(base + ".hw.m", hw)))
      return failure();
    // MAESTRO names its CSV after the mapping path: give it a relative one.
    script.add(
        llvm::formatv("maestro --HW_file=./{1}.hw.m --Mapping_file=./{0} "
                      "--print_res=true --print_res_csv_file=true "
                      "--print_log_file=false > {0}.log 2>&1 && ! grep "
                      "-q 'Error' {0}.log",
                      name, base)
            .str(),
        name, name + ".log");
  }
  if (written == 0)
    return mlir::emitError(module.getLoc(),
                           "no layer could be exported to MAESTRO");
  if (directory.empty()) {
    os << "}\n";
    return success();
  }
  if (failed(dir.write("run-maestro.sh", script.text(), /*executable=*/true)))
    return failure();
  os << llvm::formatv("wrote {0}: {1} layers (a network and a hardware file "
                      "each) and run-maestro.sh\n",
                      directory, written);
  return success();
}
