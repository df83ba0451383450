//===- TimeloopExport.cpp - Mapped layers as Timeloop problems and mappings ==//
//
// Timeloop's CNN layer names output width P and height Q, filter width R and
// height S, output channels M; accel's P, Q are rows, columns and R, S filter
// rows, columns. So accel P -> Timeloop Q, Q -> P, R -> S, S -> R, K -> M.
// Groups G are an extra dimension of the problem shape.
//
// The mapping comes from the loop nest bound to the accelerator: the loops
// between a memory level's position and the next level's are that level's
// temporal loops (and, for spatial loops, its fan-out). Timeloop keeps one
// factor per dimension per level, so repeated loops of one dimension in a
// level multiply (noted in a comment); imperfect factorisations are noted
// too.
//
//===----------------------------------------------------------------------===//

#include "MappedLayers.h"
#include "accel/Target/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include <cstdio>

using namespace mlir;
using namespace accel;

namespace {

/// accel dimension -> Timeloop dimension name.
llvm::StringRef timeloopDim(Dim d) {
  switch (d) {
  case Dim::N:
    return "N";
  case Dim::K:
    return "M";
  case Dim::C:
    return "C";
  case Dim::P:
    return "Q";
  case Dim::Q:
    return "P";
  case Dim::R:
    return "S";
  case Dim::S:
    return "R";
  case Dim::G:
    return "G";
  }
  return "?";
}

constexpr const char *kShape = R"(  shape:
    name: CNN-Layer-Grouped
    dimensions: [ G, C, M, R, S, N, P, Q ]
    coefficients:
      - { name: Wstride, default: 1 }
      - { name: Hstride, default: 1 }
      - { name: Wdilation, default: 1 }
      - { name: Hdilation, default: 1 }
    data-spaces:
      - name: Weights
        projection: [ [[G]], [[C]], [[M]], [[R]], [[S]] ]
      - name: Inputs
        projection: [ [[N]], [[G]], [[C]], [[R, Wdilation], [P, Wstride]], [[S, Hdilation], [Q, Hstride]] ]
      - name: Outputs
        projection: [ [[N]], [[G]], [[M]], [[Q]], [[P]] ]
        read-write: True
)";

void writeLevel(llvm::raw_ostream &os, llvm::StringRef target,
                llvm::StringRef type, llvm::ArrayRef<const NestLoop *> loops) {
  PerDim<int64_t> factor;
  for (Dim d : kAllDims)
    factor[d] = 1;
  std::string permutation; // innermost first
  llvm::SmallVector<std::string> notes;
  for (const NestLoop *l : loops) {
    if (factor[l->dim] != 1)
      notes.push_back(
          ("two loops over " + dimName(l->dim) + " multiply").str());
    factor[l->dim] *= l->trip;
  }
  for (const NestLoop *l : llvm::reverse(loops))
    if (permutation.find(timeloopDim(l->dim).str()) == std::string::npos)
      permutation += timeloopDim(l->dim).str();
  for (Dim d : {Dim::G, Dim::K, Dim::C, Dim::S, Dim::R, Dim::N, Dim::Q, Dim::P})
    if (permutation.find(timeloopDim(d).str()) == std::string::npos)
      permutation += timeloopDim(d).str();
  os << "  - target: " << target << "\n    type: " << type << "\n";
  for (const std::string &n : notes)
    os << "    # " << n << "\n";
  os << "    factors:";
  for (Dim d : {Dim::G, Dim::C, Dim::K, Dim::S, Dim::R, Dim::N, Dim::Q, Dim::P})
    os << ' ' << timeloopDim(d) << '=' << factor[d];
  os << "\n    permutation: " << permutation << "\n";
  if (type == "spatial" && loops.size() > 1)
    os << "    split: 1\n";
}

/// A number as YAML writes it: integers without a fraction.
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

/// The accelerator as a Timeloop architecture (v0.3 tree): each memory level
/// is a storage component; the fan-out stages below a level make the subtree
/// of the levels below it, named with as many instances as their units. The
/// last stage of each fan-out spreads along X (meshX multiplies down the
/// tree), the others along Y: eyeriss-like's 12 rows x 14 columns is meshX
/// 14. Timeloop derives energies from Accelergy: accel-opt's energies per
/// access are given as comments, as is a partition, which one Timeloop
/// component cannot express (separate components per tensor can).
void writeArch(llvm::raw_ostream &os, const Arch &arch) {
  os << "---\n# accel-opt export of the accelerator " << arch.name << "\n";
  if (!arch.source.empty())
    os << "# source: " << arch.source << "\n";
  os << "architecture:\n  version: 0.3\n  subtree:\n";
  std::string indent = "  ";
  std::string name = "system";
  int64_t instances = 1, meshX = 1;
  for (unsigned m = 0; m < arch.memories.size(); ++m) {
    const MemoryLevel &mem = arch.memories[m];
    os << indent << "- name: " << name << "\n";
    if (m == 0)
      os << indent << "  # accel-opt: clock " << number(arch.clockGHz)
         << " GHz\n";
    os << indent << "  local:\n";
    std::string item = indent + "  - ";
    std::string attr = indent + "      ";
    os << item << "name: " << mem.name << "\n"
       << indent << "    class: " << (m == 0 ? "DRAM" : "SRAM") << "\n"
       << indent << "    attributes:\n";
    os << attr << "word-bits: " << mem.wordBits << "\n"
       << attr << "width: " << mem.wordBits << "\n"
       << attr << "block-size: 1\n";
    if (!mem.isUnbounded())
      os << attr << "depth: " << mem.capacityBytes * 8 / mem.wordBits << "\n";
    if (instances > 1)
      os << attr << "meshX: " << meshX << "\n";
    if (mem.readBandwidth > 0)
      os << attr << "read_bandwidth: " << number(mem.readBandwidth) << "\n";
    if (mem.writeBandwidth > 0)
      os << attr << "write_bandwidth: " << number(mem.writeBandwidth) << "\n";
    os << attr << "# accel-opt: " << number(mem.readEnergy)
       << " pJ per word read, " << number(mem.writeEnergy) << " written\n";
    if (mem.partition)
      os << attr
         << llvm::formatv("# accel-opt: partitioned, bytes for weights {0}, "
                          "inputs {1}, outputs {2}\n",
                          (*mem.partition)[Tensor::Weights],
                          (*mem.partition)[Tensor::Inputs],
                          (*mem.partition)[Tensor::Outputs]);
    int64_t units = 1;
    std::string stages;
    for (const FanoutStage &st : mem.fanout) {
      units *= st.size;
      stages += (stages.empty() ? "" : " x ") + st.name + " " +
                std::to_string(st.size);
    }
    bool last = m + 1 == arch.memories.size();
    if (last) {
      // The MACs below the innermost level, one per processing element
      // (times the stages below it).
      std::string macs = units > 1 ? llvm::formatv("MAC[0..{0}]", units - 1)
                                   : std::string("MAC");
      os << item << "name: " << macs << "\n"
         << indent << "    class: intmac\n"
         << indent << "    attributes:\n"
         << attr << "datawidth: " << arch.macBits << "\n";
      if (instances * units > 1)
        os << attr
           << "meshX: " << meshX * (units > 1 ? mem.fanout.back().size : 1)
           << "\n";
      os << attr << "# accel-opt: " << number(arch.macEnergy)
         << " pJ per MAC\n";
      break;
    }
    os << indent << "  subtree:\n";
    indent += "  ";
    instances *= units;
    if (units > 1) {
      meshX *= mem.fanout.back().size;
      os << indent << "# " << stages << "\n";
      name = llvm::formatv("{0}[0..{1}]", mem.fanout.back().name, units - 1);
    } else {
      name = arch.memories[m + 1].name + "-level";
    }
  }
}

} // namespace

LogicalResult accel::exportTimeloop(ModuleOp module, llvm::StringRef archOption,
                                    llvm::raw_ostream &os) {
  FailureOr<MappedModule> mapped = collectMappedLayers(module, archOption);
  if (failed(mapped))
    return failure();
  const Arch *arch = &mapped->arch;
  const std::vector<MappedLayer> *layers = &mapped->layers;
  writeArch(os, *arch);
  for (const MappedLayer &l : *layers) {
    if (l.kind != "conv2d" && l.kind != "matmul") {
      os << "# skipped " << l.name << " (" << l.kind
         << "): Timeloop's CNN layer covers convolutions and matmuls\n";
      continue;
    }
    LoopNest nest;
    if (llvm::Error e = buildLoopNest(l.problem, *arch, l.mapping, nest)) {
      l.op->emitError("cannot export the mapping to Timeloop: ")
          << llvm::toString(std::move(e));
      return failure();
    }
    CostResult cost = evaluate(l.problem, *arch, l.mapping);
    const LoopBounds &b = l.problem.bounds;
    os << "---\n# accel-opt export of " << l.name << " (" << l.kind << ") on "
       << arch->name << (l.defaultMapping ? ", default mapping" : "") << "\n";
    os << llvm::formatv("# accel-opt: {0} MACs, {1} cycles, {2} pJ\n",
                        cost.macs, int64_t(cost.cycles), int64_t(cost.energy));
    os << "problem:\n  version: 0.4\n" << kShape << "  instance:\n";
    for (Dim d : kAllDims)
      os << "    " << timeloopDim(d) << ": " << b[d] << "\n";
    os << "    Wstride: " << b.strideW << "\n    Hstride: " << b.strideH
       << "\n    Wdilation: " << b.dilationW
       << "\n    Hdilation: " << b.dilationH << "\n";
    os << "mapping:\n";
    // Timeloop wants the factors of a dimension to multiply to its extent;
    // edge tiles make them cover more.
    for (Dim d : kAllDims) {
      int64_t product = 1;
      for (const NestLoop &loop : nest.loops)
        if (loop.dim == d)
          product *= loop.trip;
      if (product != b[d])
        os << "  # imperfect factorisation: the factors of " << timeloopDim(d)
           << " multiply to " << product << ", the extent is " << b[d]
           << " (run Timeloop with imperfect factorisation allowed)\n";
    }
    for (unsigned m = 0; m < arch->memories.size(); ++m) {
      unsigned begin = nest.position[m];
      unsigned end = m + 1 < arch->memories.size() ? nest.position[m + 1]
                                                   : nest.loops.size();
      llvm::SmallVector<const NestLoop *> temporal, spatial;
      for (unsigned k = begin; k < end; ++k)
        (nest.loops[k].spatial ? spatial : temporal).push_back(&nest.loops[k]);
      const MemoryLevel &mem = arch->memories[m];
      writeLevel(os, mem.name, "temporal", temporal);
      if (!spatial.empty())
        writeLevel(os, mem.name, "spatial", spatial);
      if (mem.partition) {
        llvm::SmallVector<llvm::StringRef> keep, bypass;
        for (Tensor t : kAllTensors) {
          llvm::StringRef name = t == Tensor::Weights  ? "Weights"
                                 : t == Tensor::Inputs ? "Inputs"
                                                       : "Outputs";
          (mem.holds(t) ? keep : bypass).push_back(name);
        }
        os << "  - target: " << mem.name << "\n    type: datatype\n"
           << "    keep: [ " << llvm::join(keep, ", ") << " ]\n"
           << "    bypass: [ " << llvm::join(bypass, ", ") << " ]\n";
      }
    }
  }
  return success();
}
