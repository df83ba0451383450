//===- TimeloopExport.cpp - Mapped layers as Timeloop problems and mappings ==//
//
// Written for Timeloop v3.0.3 (architecture v0.3 tree, problem v0.4) and
// checked with it (docs/Exports.md).
//
// Timeloop's CNN layer names output width P and height Q, filter width R and
// height S, output channels M; accel's P, Q are rows, columns and R, S filter
// rows, columns. So accel P -> Timeloop Q, Q -> P, R -> S, S -> R, K -> M.
// Groups G are an extra dimension of the problem shape.
//
// The accelerator: a storage component per memory level, whose `word-bits`
// is the precision of the data it holds and `block-size` the data words one
// access of `width` bits moves (our `word-bits` is the access width);
// bandwidths in data words. A partitioned level is one component per tensor
// it keeps, each with its bytes and its own ports (as the cost model
// prices it). The last fan-out stage below a level spreads along X (meshX),
// the others along Y. Our energies per access are the ERT (Accelergy's
// energy reference table), so Timeloop prices accesses as we do.
//
// The mapping comes from the loop nest bound to the accelerator: a level's
// temporal loops, then its spatial ones (X dimensions first, `split` after
// them). A partitioned level's loops go to its innermost component. Edge
// tiles (factors that over-cover an extent) are Timeloop's residuals
// (`D=end,residual`, the mixed-radix digits of extent - 1). Two things it
// cannot express make a layer unexportable, with a warning naming it: an
// imperfect spatial factor (Timeloop counts a spatial residual's MACs
// whole), and one dimension spread over both X and Y of a level.
// `--accel-map exportable=timeloop` searches only mappings without them.
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
char timeloopDim(Dim d) {
  switch (d) {
  case Dim::N:
    return 'N';
  case Dim::K:
    return 'M';
  case Dim::C:
    return 'C';
  case Dim::P:
    return 'Q';
  case Dim::Q:
    return 'P';
  case Dim::R:
    return 'S';
  case Dim::S:
    return 'R';
  case Dim::G:
    return 'G';
  }
  return '?';
}

/// The order factors are written in.
constexpr Dim kFactorOrder[] = {Dim::G, Dim::C, Dim::K, Dim::S,
                                Dim::R, Dim::N, Dim::Q, Dim::P};

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

llvm::StringRef dataSpace(Tensor t) {
  return t == Tensor::Weights  ? "Weights"
         : t == Tensor::Inputs ? "Inputs"
                               : "Outputs";
}

/// A number as YAML writes it: integers without a fraction.
std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

/// One Timeloop storage component: a memory level, or one tensor's part of
/// a partitioned level.
struct Component {
  std::string name; ///< as in the architecture ("PESpad_weights")
  std::string path; ///< the ERT's hierarchical name ("system.....PESpad")
  unsigned memory;
  std::optional<Tensor> only; ///< the tensor of a partition's component
};

/// The accelerator as Timeloop sees it: its components per memory level
/// (outer first), the data widths, and the architecture + ERT document.
class TimeloopArch {
public:
  explicit TimeloopArch(const Arch &arch) : arch_(arch) {
    precision_ = arch.precision.value_or(
        DataPrecision{arch.macBits, arch.macBits, arch.macBits});
    components_.resize(arch.memories.size());
  }

  /// Bits of one datum in memory level `m` (of `only`'s tensor, or the
  /// activations' when it holds every tensor). DRAM holds final outputs at
  /// activation width; on-chip levels hold partial sums.
  int64_t dataBits(unsigned m, std::optional<Tensor> only) const {
    if (!only || *only == Tensor::Inputs)
      return precision_.activations;
    if (*only == Tensor::Weights)
      return precision_.weights;
    return m == 0 ? precision_.activations : precision_.partialSums;
  }

  const std::vector<Component> &components(unsigned m) const {
    return components_[m];
  }

  void write(llvm::raw_ostream &os);

private:
  void writeStorage(llvm::raw_ostream &os, const std::string &indent,
                    unsigned m, const Component &c, int64_t instances,
                    int64_t meshX);

  const Arch &arch_;
  DataPrecision precision_;
  std::vector<std::vector<Component>> components_;
  std::string ert_;
};

void TimeloopArch::writeStorage(llvm::raw_ostream &os,
                                const std::string &indent, unsigned m,
                                const Component &c, int64_t instances,
                                int64_t meshX) {
  const MemoryLevel &mem = arch_.memories[m];
  int64_t bits = dataBits(m, c.only);
  int64_t block = std::max<int64_t>(1, int64_t(mem.wordBits) / bits);
  int64_t bytes = c.only ? mem.capacityFor(*c.only) : mem.capacityBytes;
  std::string attr = indent + "      ";
  os << indent << "  - name: " << c.name << "\n"
     << indent << "    class: " << (m == 0 ? "DRAM" : "SRAM") << "\n"
     << indent << "    attributes:\n"
     << attr << "word-bits: " << bits << "\n"
     << attr << "width: " << block * bits << "\n"
     << attr << "block-size: " << block << "\n";
  if (!mem.isUnbounded())
    os << attr << "depth: " << bytes * 8 / (block * bits) << "\n";
  if (instances > 1)
    os << attr << "meshX: " << meshX << "\n";
  // Ours are accesses of word-bits per cycle; Timeloop's are data words.
  if (mem.readBandwidth > 0)
    os << attr << "read_bandwidth: " << number(mem.readBandwidth * block)
       << "\n";
  if (mem.writeBandwidth > 0)
    os << attr << "write_bandwidth: " << number(mem.writeBandwidth * block)
       << "\n";
  ert_ += llvm::formatv("  - name: {0}\n    actions:\n"
                        "    - {{name: read, energy: {1}}\n"
                        "    - {{name: write, energy: {2}}\n"
                        "    - {{name: update, energy: {2}}\n"
                        "    - {{name: idle, energy: 0}\n",
                        c.path, number(mem.readEnergy), number(mem.writeEnergy))
              .str();
}

void TimeloopArch::write(llvm::raw_ostream &os) {
  os << "# accel-opt export of the accelerator " << arch_.name << " for "
     << "Timeloop v3 (timeloop-model arch.yaml LAYER.yaml)\n";
  if (!arch_.source.empty())
    os << "# source: " << arch_.source << "\n";
  os << "# clock " << number(arch_.clockGHz) << " GHz, "
     << arch_.precisionText() << "\n";
  os << "architecture:\n  version: 0.3\n  subtree:\n";
  std::string indent = "  ", name = "system", path = "system";
  int64_t instances = 1, meshX = 1;
  for (unsigned m = 0; m < arch_.memories.size(); ++m) {
    const MemoryLevel &mem = arch_.memories[m];
    os << indent << "- name: " << name << "\n" << indent << "  local:\n";
    if (m > 0)
      path += "." + name;
    // A partitioned level: one component per tensor it keeps.
    if (mem.partition) {
      for (Tensor t : kAllTensors)
        if (mem.holds(t))
          components_[m].push_back(
              {mem.name + "_" + dataSpace(t).lower(),
               path + "." + mem.name + "_" + dataSpace(t).lower(), m, t});
    } else {
      components_[m].push_back(
          {mem.name, path + "." + mem.name, m, std::nullopt});
    }
    for (const Component &c : components_[m])
      writeStorage(os, indent, m, c, instances, meshX);
    int64_t units = 1;
    std::string stages;
    for (const FanoutStage &st : mem.fanout) {
      units *= st.size;
      stages += (stages.empty() ? "" : " x ") + st.name + " " +
                std::to_string(st.size);
    }
    if (m + 1 == arch_.memories.size()) {
      // The MACs below the innermost level, one per processing element.
      std::string macs = units > 1 ? llvm::formatv("MAC[0..{0}]", units - 1)
                                   : std::string("MAC");
      os << indent << "  - name: " << macs << "\n"
         << indent << "    class: intmac\n"
         << indent << "    attributes:\n"
         << indent << "      datawidth: " << arch_.macBits << "\n";
      if (instances * units > 1)
        os << indent << "      meshX: "
           << meshX * (units > 1 ? mem.fanout.back().size : 1) << "\n";
      ert_ += llvm::formatv("  - name: {0}.{1}\n    actions:\n"
                            "    - {{name: mac_random, energy: {2}}\n"
                            "    - {{name: mac_reused, energy: {2}}\n"
                            "    - {{name: mac_gated, energy: 0}\n"
                            "    - {{name: idle, energy: 0}\n",
                            path, macs, number(arch_.macEnergy))
                  .str();
      break;
    }
    os << indent << "  subtree:\n";
    indent += "  ";
    instances *= units;
    if (units > 1) {
      meshX *= mem.fanout.back().size;
      os << indent << "# " << stages << " (the last along X)\n";
      name = llvm::formatv("{0}[0..{1}]", mem.fanout.back().name, units - 1);
    } else {
      name = arch_.memories[m + 1].name + "-level";
    }
  }
  os << "# accel-opt's energies per access (pJ), so that Timeloop prices "
        "accesses as accel-opt does\nERT:\n  version: 0.3\n  tables:\n"
     << ert_;
}

/// One dimension's factor at one level: end and residual.
struct Factor {
  int64_t end = 1, residual = 1;
};

/// The mapping of one layer on `tl`, or why Timeloop cannot express it.
class MappingWriter {
public:
  MappingWriter(const TimeloopArch &tl, const Arch &arch,
                const LayerProblem &problem, const Mapping &mapping,
                const LoopNest &nest)
      : tl_(tl), arch_(arch), problem_(problem), mapping_(mapping),
        nest_(nest) {}

  /// Writes the mapping; an error says what it cannot express.
  llvm::Error write(llvm::raw_ostream &os);

private:
  /// The fan-out stage (index in its memory's list) of a spatial loop.
  unsigned stageOf(const NestLoop &loop) const {
    unsigned k = 0;
    for (unsigned i = 0; i < loop.level; ++i)
      k += mapping_.level(i).spatial.has_value();
    return nest_.stageOf[k].second;
  }

  const TimeloopArch &tl_;
  const Arch &arch_;
  const LayerProblem &problem_;
  const Mapping &mapping_;
  const LoopNest &nest_;
};

llvm::Error MappingWriter::write(llvm::raw_ostream &os) {
  auto fail = [](const llvm::Twine &msg) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
  };
  unsigned numMemories = arch_.memories.size();
  // Factors per (memory level, temporal / spatial), outermost first.
  struct Slot {
    unsigned memory;
    bool spatial;
    PerDim<Factor> factor;
    std::string order; ///< Timeloop dimensions, innermost first
    unsigned xDims = 0;
  };
  std::vector<Slot> slots;
  for (unsigned m = 0; m < numMemories; ++m) {
    unsigned begin = nest_.position[m];
    unsigned end = m + 1 < numMemories ? nest_.position[m + 1]
                                       : unsigned(nest_.loops.size());
    Slot temporal{m, false, {}, {}}, spatial{m, true, {}, {}};
    PerDim<int> axis; // spatial: 0 none, 1 X, 2 Y
    for (Dim d : kAllDims)
      axis[d] = 0;
    std::string x, y;
    for (unsigned k = begin; k < end; ++k) {
      const NestLoop &l = nest_.loops[k];
      Slot &s = l.spatial ? spatial : temporal;
      s.factor[l.dim].end *= l.trip;
      if (!l.spatial)
        continue;
      const MemoryLevel &mem = arch_.memories[m];
      int a = stageOf(l) + 1 == mem.fanout.size() ? 1 : 2;
      if (axis[l.dim] && axis[l.dim] != a)
        return fail(llvm::formatv("{0} is spread over both X and Y of {1} "
                                  "(Timeloop keeps one spatial factor per "
                                  "dimension and level)",
                                  dimName(l.dim), mem.name));
      axis[l.dim] = a;
    }
    // Permutations, innermost first: the temporal loops as nested.
    for (unsigned k = end; k-- > begin;) {
      const NestLoop &l = nest_.loops[k];
      std::string &order =
          l.spatial ? (axis[l.dim] == 1 ? x : y) : temporal.order;
      if (order.find(timeloopDim(l.dim)) == std::string::npos)
        order += timeloopDim(l.dim);
    }
    spatial.order = x + y;
    spatial.xDims = x.size();
    for (Dim d : kFactorOrder) {
      char c = timeloopDim(d);
      if (temporal.order.find(c) == std::string::npos)
        temporal.order += c;
      if (spatial.order.find(c) == std::string::npos)
        spatial.order += c;
    }
    slots.push_back(temporal);
    if (end > begin &&
        llvm::any_of(llvm::ArrayRef(nest_.loops).slice(begin, end - begin),
                     [](const NestLoop &l) { return l.spatial; }))
      slots.push_back(spatial);
  }
  // Residuals: the mixed-radix digits of extent - 1 over the factors,
  // outermost first (the edge tiles of every level). A spatial residual is
  // not expressible: Timeloop counts a spatial factor's MACs whole.
  for (Dim d : kAllDims) {
    int64_t extent = problem_.bounds[d], covered = 1;
    for (const Slot &s : slots)
      covered *= s.factor[d].end;
    int64_t rest = extent - 1, inner = covered;
    for (Slot &s : slots) {
      Factor &f = s.factor[d];
      inner /= f.end;
      f.residual = rest / inner + 1;
      rest %= inner;
    }
    if (covered == extent)
      for (Slot &s : slots)
        s.factor[d].residual = s.factor[d].end;
    for (const Slot &s : slots)
      if (s.spatial && s.factor[d].residual != s.factor[d].end)
        return fail(llvm::formatv(
            "the spatial factor {0} of {1} at {2} covers {3} of its extent's "
            "{4} on the last step (Timeloop would count its MACs whole)",
            s.factor[d].end, dimName(d), arch_.memories[s.memory].name,
            s.factor[d].residual, extent));
  }

  os << "mapping:\n";
  auto writeFactors = [&](const PerDim<Factor> &factor) {
    os << "    factors:";
    for (Dim d : kFactorOrder) {
      os << ' ' << timeloopDim(d) << '=' << factor[d].end;
      if (factor[d].residual != factor[d].end)
        os << ',' << factor[d].residual;
    }
    os << "\n";
  };
  for (const Slot &s : slots) {
    const std::vector<Component> &cs = tl_.components(s.memory);
    // A partitioned level's loops run at its innermost component; the
    // others hold the same tiles (factors of 1).
    for (size_t i = 0; i < cs.size(); ++i) {
      bool innermost = i + 1 == cs.size();
      if (s.spatial && !innermost)
        continue;
      os << "  - target: " << cs[i].name
         << "\n    type: " << (s.spatial ? "spatial" : "temporal") << "\n";
      writeFactors(innermost ? s.factor : PerDim<Factor>());
      os << "    permutation: " << s.order << "\n";
      if (s.spatial)
        os << "    split: " << s.xDims << "\n";
      if (!s.spatial && cs[i].only) {
        llvm::SmallVector<llvm::StringRef> bypass;
        for (Tensor t : kAllTensors)
          if (t != *cs[i].only)
            bypass.push_back(dataSpace(t));
        os << "  - target: " << cs[i].name << "\n    type: datatype\n"
           << "    keep: [ " << dataSpace(*cs[i].only) << " ]\n"
           << "    bypass: [ " << llvm::join(bypass, ", ") << " ]\n";
      }
    }
  }
  return llvm::Error::success();
}

void writeProblem(llvm::raw_ostream &os, const LayerProblem &problem) {
  const LoopBounds &b = problem.bounds;
  os << "problem:\n  version: 0.4\n" << kShape << "  instance:\n";
  for (Dim d : kAllDims)
    os << "    " << timeloopDim(d) << ": " << b[d] << "\n";
  os << "    Wstride: " << b.strideW << "\n    Hstride: " << b.strideH
     << "\n    Wdilation: " << b.dilationW << "\n    Hdilation: " << b.dilationH
     << "\n";
}

} // namespace

LogicalResult accel::exportTimeloop(ModuleOp module, llvm::StringRef archOption,
                                    llvm::raw_ostream &os,
                                    llvm::StringRef directory) {
  FailureOr<MappedModule> mapped = collectMappedLayers(module, archOption);
  if (failed(mapped))
    return failure();
  const Arch &arch = mapped->arch;
  TimeloopArch tl(arch);
  std::string archText;
  {
    llvm::raw_string_ostream a(archText);
    tl.write(a);
  }
  ExportDirectory dir(module, directory);
  if (!directory.empty()) {
    if (failed(dir.create()) || failed(dir.write("arch.yaml", archText)))
      return failure();
  } else {
    os << "---\n" << archText;
  }

  unsigned written = 0, index = 0;
  RunScript runScript("# Runs timeloop-model (on the PATH) on every exported "
                      "layer, each in a\n# directory of its own; "
                      "scripts/compare_export.py compares the results.");
  for (const MappedLayer &l : mapped->layers) {
    unsigned i = index++;
    if (l.kind != "conv2d" && l.kind != "matmul") {
      if (directory.empty())
        os << "# skipped " << l.name << " (" << l.kind
           << "): Timeloop's CNN layer covers convolutions and matmuls\n";
      continue;
    }
    LoopNest nest;
    if (llvm::Error e = buildLoopNest(l.problem, arch, l.mapping, nest)) {
      l.op->emitError("cannot export the mapping to Timeloop: ")
          << llvm::toString(std::move(e));
      return failure();
    }
    std::string layerText;
    llvm::raw_string_ostream ls(layerText);
    CostResult cost = evaluate(l.problem, arch, l.mapping);
    ls << "# accel-opt export of " << l.name << " (" << l.kind << ") on "
       << arch.name << (l.defaultMapping ? ", default mapping" : "")
       << (l.group.empty() ? ""
                           : "; in group " + l.group +
                                 ", exported as a layer alone (no fusion)")
       << "\n";
    ls << llvm::formatv("# accel-opt: {0} MACs, {1} cycles, {2} pJ\n",
                        cost.macs, int64_t(cost.cycles), int64_t(cost.energy));
    writeProblem(ls, l.problem);
    MappingWriter writer(tl, arch, l.problem, l.mapping, nest);
    if (llvm::Error e = writer.write(ls)) {
      mlir::emitWarning(l.op->getLoc(), "not exported to Timeloop: ")
          << llvm::toString(std::move(e))
          << "; --accel-map exportable=timeloop maps for the export";
      if (directory.empty())
        os << "# skipped " << l.name << ": Timeloop cannot express its "
           << "mapping (see the warning)\n";
      continue;
    }
    ++written;
    if (directory.empty()) {
      os << "---\n" << layerText;
      continue;
    }
    std::string stem = layerFileStem(i, l.name), name = stem + ".yaml";
    if (failed(dir.write(name, layerText)))
      return failure();
    runScript.add(llvm::formatv("mkdir -p {0} && (cd {0} && timeloop-model "
                                "../arch.yaml ../{1} > timeloop.log 2>&1)",
                                stem, name)
                      .str(),
                  name, stem + "/timeloop.log");
  }
  if (written == 0)
    return mlir::emitError(module.getLoc(),
                           "no layer could be exported to Timeloop");
  if (!directory.empty()) {
    if (failed(dir.write("run-timeloop.sh", runScript.text(),
                         /*executable=*/true)))
      return failure();
    os << llvm::formatv("wrote {0}/arch.yaml, {1} layers and "
                        "run-timeloop.sh\n",
                        directory, written);
  }
  return success();
}
