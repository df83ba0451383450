//===- CostReport.cpp - --accel-cost-report -------------------------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/GroupAnalysis.h"
#include "accel/Analysis/Passes.h"
#include "accel/Arch/AreaModel.h"
#include "accel/CostModel/CostModel.h"
#include "accel/CostModel/GroupCost.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cmath>
#include <map>

namespace accel {
#define GEN_PASS_DEF_ACCELCOSTREPORT
#include "accel/Analysis/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;

namespace {

std::string groupName(Operation *op) {
  auto group = op->getParentOfType<GroupOp>();
  if (!group)
    return "";
  return group.getName() ? group.getName()->str() : "group";
}

struct Row {
  std::string name, kind, group, mappingText;
  bool fromIr = false;
  CostResult cost;
  /// A comparison line (a group run layer by layer): not in the totals.
  bool comparison = false;
  /// An operator the dialect does not model (accel.opaque, `kind` its
  /// source operator): only its DRAM traffic is counted.
  bool opaque = false;
  /// ... and that traffic is all it costs (accel.opaque movesDataOnly).
  bool dataMovement = false;
  /// A group whose buffers do not fit: no numbers, not in the totals.
  bool infeasible() const { return !cost.valid; }
  std::string source() const {
    if (opaque)
      return dataMovement ? "moves" : "none";
    return kind == "group" ? (comparison ? "unfused" : "fused")
                           : (fromIr ? "ir" : "default");
  }
};

std::string mappingText(const Mapping &m) {
  std::string s;
  llvm::raw_string_ostream os(s);
  printMapping(os, m);
  return s;
}

/// "3 opaque operators (onnx.Erf x2, onnx.Softmax)" (those that compute,
/// or with `dataMovement` those that only move data), or "" when none.
std::string opaqueSummary(llvm::ArrayRef<Row> rows, bool dataMovement) {
  std::map<std::string, int> kinds;
  int count = 0;
  for (const Row &r : rows)
    if (r.opaque && r.dataMovement == dataMovement) {
      ++kinds[r.kind];
      ++count;
    }
  if (!count)
    return "";
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::StringRef what =
      dataMovement ? "data-movement operator" : "opaque operator";
  os << count << " " << what << (count == 1 ? " (" : "s (");
  llvm::interleaveComma(kinds, os, [&](const auto &kv) {
    os << kv.first;
    if (kv.second > 1)
      os << " x" << kv.second;
  });
  os << ")";
  return s;
}

void printTable(llvm::raw_ostream &os, const Arch &arch,
                llvm::ArrayRef<Row> rows) {
  size_t counted =
      llvm::count_if(rows, [](const Row &r) { return !r.comparison; });
  size_t infeasible =
      llvm::count_if(rows, [](const Row &r) { return r.infeasible(); });
  os << "accel-cost-report: " << counted << " layers and groups on "
     << arch.name << " (" << arch.numPEs() << " PEs, "
     << llvm::format("%g", arch.clockGHz) << " GHz, " << arch.precisionText()
     << ", " << llvm::format("%.3f", estimateArea(arch).totalMm2())
     << " mm^2 at 45 nm)\n";
  size_t width = 14; // "layer by layer"
  for (const Row &r : rows)
    width = std::max(width, r.name.size());
  auto line = [&](llvm::StringRef name, llvm::StringRef kind,
                  llvm::StringRef source, int64_t macs, int64_t cycles,
                  int64_t bound, double util, double energyUJ, double ms,
                  double dramKiB) {
    os << llvm::left_justify(name, width)
       << llvm::formatv(" {0,-16} {1,-7} {2,14} {3,14} {4,14} {5,6:F1} "
                        "{6,12:F3} {7,12:F4} {8,12:F1}\n",
                        kind, source, macs, cycles, bound, util * 100, energyUJ,
                        energyUJ * ms, dramKiB);
  };
  os << llvm::left_justify("layer", width)
     << llvm::formatv(" {0,-16} {1,-7} {2,14} {3,14} {4,14} {5,6} {6,12} "
                      "{7,12} {8,12}\n",
                      "op", "mapping", "MACs", "cycles", "compute-bound",
                      "util%", "energy-uJ", "EDP-uJ*ms", "DRAM-KiB");
  double cycles = 0, energy = 0, dram = 0;
  int64_t macs = 0, bound = 0;
  for (const Row &r : rows) {
    const CostResult &c = r.cost;
    if (r.infeasible()) {
      os << llvm::left_justify(r.name, width)
         << llvm::formatv(" {0,-16} {1,-7} infeasible: {2}\n", r.kind,
                          r.source(), c.reason);
      continue;
    }
    line(r.name, r.kind, r.source(), c.macs, int64_t(c.cycles), c.computeBound,
         c.utilization, c.energy * 1e-6, c.seconds * 1e3, c.dramBytes / 1024.0);
    if (r.comparison)
      continue;
    cycles += c.cycles;
    energy += c.energy;
    dram += c.dramBytes;
    bound += c.computeBound;
    macs += c.macs;
  }
  double ms = cycles / (arch.clockGHz * 1e9) * 1e3;
  double util = cycles > 0 ? double(macs) / (cycles * arch.numPEs()) : 0;
  line("total", "", "", macs, int64_t(cycles), bound, util, energy * 1e-6, ms,
       dram / 1024.0);
  // Every group run layer by layer instead: its comparison row in place of
  // its fused one.
  if (llvm::any_of(rows, [](const Row &r) { return r.comparison; })) {
    double c = 0, e = 0, d = 0;
    int64_t m = 0, b = 0;
    for (const Row &r : rows) {
      if (r.kind == "group" && !r.comparison)
        continue;
      c += r.cost.cycles;
      e += r.cost.energy;
      d += r.cost.dramBytes;
      m += r.cost.macs;
      b += r.cost.computeBound;
    }
    double msLbl = c / (arch.clockGHz * 1e9) * 1e3;
    line("layer by layer", "", "", m, int64_t(c), b,
         c > 0 ? double(m) / (c * arch.numPEs()) : 0, e * 1e-6, msLbl,
         d / 1024.0);
  }
  if (infeasible)
    os << "the total leaves out " << infeasible
       << (infeasible == 1 ? " infeasible group\n" : " infeasible groups\n");
  if (std::string opaque = opaqueSummary(rows, false); !opaque.empty())
    os << "the total leaves out the compute of " << opaque
       << ": only their DRAM traffic is counted\n";
  if (std::string moves = opaqueSummary(rows, true); !moves.empty())
    os << "the total counts " << moves
       << " as their DRAM traffic, all they cost\n";
}

llvm::json::Object tensorCounts(const PerTensor<int64_t> &v) {
  return llvm::json::Object{{"weights", v[Tensor::Weights]},
                            {"inputs", v[Tensor::Inputs]},
                            {"outputs", v[Tensor::Outputs]}};
}

/// Whether every number in `v` is finite (JSON has no NaN or infinity).
bool allFinite(const llvm::json::Value &v) {
  if (std::optional<double> d = v.getAsNumber())
    return std::isfinite(*d);
  if (const llvm::json::Array *a = v.getAsArray())
    return llvm::all_of(*a, allFinite);
  if (const llvm::json::Object *o = v.getAsObject())
    return llvm::all_of(*o,
                        [](const auto &kv) { return allFinite(kv.second); });
  return true;
}

/// Writes the report as JSON; false (writing nothing) if a figure is not
/// finite, which the model's bounds are meant to make impossible.
bool printJson(llvm::raw_ostream &os, const Arch &arch,
               llvm::ArrayRef<Row> rows) {
  llvm::json::Array layers;
  double cycles = 0, energy = 0;
  int64_t macs = 0, dram = 0;
  int64_t infeasible = 0, opaque = 0;
  for (const Row &r : rows) {
    const CostResult &c = r.cost;
    if (r.infeasible()) {
      ++infeasible;
      layers.push_back(llvm::json::Object{{"name", r.name},
                                          {"op", r.kind},
                                          {"group", r.group},
                                          {"mapping", r.mappingText},
                                          {"mapping_source", r.source()},
                                          {"feasible", false},
                                          {"reason", c.reason}});
      continue;
    }
    if (r.opaque) {
      layers.push_back(llvm::json::Object{{"name", r.name},
                                          {"op", "opaque"},
                                          {"source_op", r.kind},
                                          {"modelled", r.dataMovement},
                                          {"data_movement", r.dataMovement},
                                          {"cycles", c.cycles},
                                          {"energy_pj", c.energy},
                                          {"dram_bytes", c.dramBytes}});
      cycles += c.cycles;
      energy += c.energy;
      dram += c.dramBytes;
      opaque += !r.dataMovement;
      continue;
    }
    llvm::json::Array levels;
    for (auto [m, lc] : llvm::enumerate(c.levels))
      levels.push_back(
          llvm::json::Object{{"name", arch.memories[m].name},
                             {"instances", lc.instances},
                             {"reads", tensorCounts(lc.reads)},
                             {"writes", tensorCounts(lc.writes)},
                             {"tile_elements", tensorCounts(lc.tile)},
                             {"energy_pj", lc.energy},
                             {"transfer_cycles", lc.transferCycles}});
    layers.push_back(llvm::json::Object{{"name", r.name},
                                        {"op", r.kind},
                                        {"group", r.group},
                                        {"mapping", r.mappingText},
                                        {"mapping_source", r.source()},
                                        {"feasible", true},
                                        {"macs", c.macs},
                                        {"cycles", c.cycles},
                                        {"compute_cycles", c.computeCycles},
                                        {"compute_bound", c.computeBound},
                                        {"dram_bound", c.dramBound},
                                        {"utilization", c.utilization},
                                        {"energy_pj", c.energy},
                                        {"mac_energy_pj", c.macEnergy},
                                        {"edp_pj_cycles", c.edp},
                                        {"dram_bytes", c.dramBytes},
                                        {"levels", std::move(levels)}});
    if (r.comparison)
      continue;
    cycles += c.cycles;
    energy += c.energy;
    macs += c.macs;
    dram += c.dramBytes;
  }
  llvm::json::Object root{
      {"arch", arch.name},
      {"pes", arch.numPEs()},
      {"area_mm2", estimateArea(arch).totalMm2()},
      {"precision", arch.precision
                        ? llvm::json::Value(llvm::json::Object{
                              {"weights", arch.precision->weights},
                              {"activations", arch.precision->activations},
                              {"partial_sums", arch.precision->partialSums}})
                        : llvm::json::Value("ir")},
      {"layers", std::move(layers)},
      {"total", llvm::json::Object{{"macs", macs},
                                   {"cycles", cycles},
                                   {"energy_pj", energy},
                                   {"edp_pj_cycles", energy * cycles},
                                   {"dram_bytes", dram},
                                   {"infeasible_left_out", infeasible},
                                   {"opaque_compute_left_out", opaque}}}};
  llvm::json::Value json(std::move(root));
  if (!allFinite(json))
    return false;
  os << llvm::formatv("{0:2}", json) << '\n';
  return true;
}

struct CostReportPass
    : public accel::impl::AccelCostReportBase<CostReportPass> {
  using AccelCostReportBase::AccelCostReportBase;

  /// A group as one fused row, then a row of its layers run one by one
  /// (each layer whole, with the default mapping). An infeasible group is
  /// an error, and its row says why.
  template <typename CostLayer>
  LogicalResult costGroup(GroupOp group, const Arch &arch,
                          const CostOptions &options, std::vector<Row> &rows,
                          CostLayer &costLayer) {
    GroupAnalysis a(group, arch.precision);
    if (!a.valid())
      return group.emitError(a.error());
    if (llvm::Error e = checkScheduleOnArch(a.schedule(), arch))
      return group.emitError("schedule on ")
             << arch.name << ": " << llvm::toString(std::move(e));
    std::vector<bool> fromIr;
    FailureOr<std::vector<Mapping>> mappings = a.mappings(arch, &fromIr);
    if (failed(mappings))
      return failure();
    std::string name = a.name().empty() ? "group" : a.name();
    Row fused;
    fused.name = name;
    fused.kind = "group";
    llvm::raw_string_ostream text(fused.mappingText);
    text << a.tiling().numTiles() << " tiles: ";
    printSchedule(text, a.schedule());
    fused.cost = evaluateGroup(a.tiling(), *mappings, arch, options);
    if (!fused.cost.valid)
      group.emitError("layer group cannot run on ")
          << arch.name << ": " << fused.cost.reason;
    Row unfused;
    unfused.name = name;
    unfused.kind = "group";
    unfused.comparison = true;
    unfused.cost.valid = true;
    bool searched = true;
    for (Operation &op : group.getBodyBlock().without_terminator()) {
      auto layer = dyn_cast<LayerOpInterface>(&op);
      if (!layer)
        continue;
      std::optional<Row> row = costLayer(layer, /*wholeLayer=*/true);
      if (!row)
        return failure();
      searched &= row->fromIr;
      addCost(unfused.cost, row->cost);
    }
    finishCost(unfused.cost, arch);
    unfused.fromIr = searched;
    unfused.mappingText = searched ? "the same layers one by one (their "
                                     "accel.unfused_mapping)"
                                   : "the same layers one by one (default "
                                     "mappings)";

    rows.push_back(std::move(fused));
    rows.push_back(std::move(unfused));
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<Arch> arch = resolvePassArch(
        module, this->arch, givenPrecision(this->arch, precision));
    if (failed(arch))
      return signalPassFailure();
    CostOptions options;
    options.slidingWindows = slidingWindows;

    std::vector<Row> rows;
    bool failedAny = false;
    unsigned index = 0;
    // One layer on its own: its mapping (or the default one), evaluated. A
    // layer of a group run on its own (`wholeLayer`) takes its
    // accel.unfused_mapping, else the default mapping: its own maps its
    // tile.
    auto costLayer = [&](LayerOpInterface layer,
                         bool wholeLayer = false) -> std::optional<Row> {
      Row row;
      row.name = layerName(layer, index++);
      row.kind = layer->getName().stripDialect().str();
      row.group = groupName(layer);
      LayerProblem problem = problemAt(layer, arch->precision);
      Mapping mapping;
      MappingAttr attr =
          wholeLayer
              ? layer->getAttrOfType<MappingAttr>("accel.unfused_mapping")
              : layer.getMappingAttr();
      if (attr) {
        mapping = attr.getValue();
        row.fromIr = true;
      } else {
        llvm::Expected<Mapping> fallback = defaultMapping(problem, *arch);
        if (!fallback) {
          layer->emitError(llvm::toString(fallback.takeError()));
          return std::nullopt;
        }
        mapping = *fallback;
      }
      row.mappingText = mappingText(mapping);
      row.cost = evaluate(problem, *arch, mapping, options);
      if (!row.cost.valid) {
        layer->emitError("mapping is invalid on ")
            << arch->name << ": " << row.cost.reason;
        return std::nullopt;
      }
      return row;
    };
    // An operator the dialect does not model: its operands come from DRAM
    // and its results go back, at the precision data is stored in.
    auto costOpaque = [&](OpaqueOp op) {
      auto bytes = [&](ValueRange values) {
        int64_t total = 0;
        for (Value v : values) {
          auto type = dyn_cast<ShapedType>(v.getType());
          if (!type || !type.hasStaticShape() ||
              !type.getElementType().isIntOrFloat())
            continue;
          Operation *def = v.getDefiningOp();
          bool constant = def && def->hasTrait<OpTrait::ConstantLike>();
          int64_t bits = !arch->precision ? type.getElementTypeBitWidth()
                         : constant       ? arch->precision->weights
                                          : arch->precision->activations;
          total += type.getNumElements() * ((bits + 7) / 8);
        }
        return total;
      };
      Row row;
      row.name = layerName(op, index++);
      row.kind = op.getOpName().str();
      row.group = groupName(op);
      row.opaque = true;
      row.dataMovement = op.movesDataOnly();
      row.mappingText = row.dataMovement ? "data movement" : "not modelled";
      row.cost =
          dramTrafficCost(bytes(op.getInputs()), bytes(op.getOutputs()), *arch);
      rows.push_back(std::move(row));
    };
    module.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (auto opaque = dyn_cast<OpaqueOp>(op)) {
        costOpaque(opaque);
        return WalkResult::advance();
      }
      if (auto group = dyn_cast<GroupOp>(op)) {
        if (failed(costGroup(group, *arch, options, rows, costLayer)))
          failedAny = true;
        return WalkResult::skip();
      }
      if (auto layer = dyn_cast<LayerOpInterface>(op)) {
        std::optional<Row> row = costLayer(layer);
        if (!row)
          failedAny = true;
        else
          rows.push_back(std::move(*row));
      }
      return WalkResult::advance();
    });
    if (failedAny)
      return signalPassFailure();
    if (rows.empty()) {
      // Nothing to cost is not a cost of zero.
      module.emitWarning("no layers to cost: the module has no accel layers "
                         "(import a network with accel-translate, or "
                         "convert TOSA / linalg with --accel-pipeline)");
      return markAllAnalysesPreserved();
    }
    if (format == ReportFormat::Json) {
      if (!printJson(llvm::outs(), *arch, rows)) {
        module.emitError("the report has a figure that is not finite");
        return signalPassFailure();
      }
    } else {
      printTable(llvm::outs(), *arch, rows);
    }
    // An infeasible group was an error: the report shows it, the run fails.
    if (llvm::any_of(rows, [](const Row &r) { return r.infeasible(); }))
      return signalPassFailure();
    markAllAnalysesPreserved();
  }
};

} // namespace
