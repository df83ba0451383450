//===- CostReport.cpp - --accel-cost-report -------------------------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/LayerNames.h"
#include "accel/Analysis/Passes.h"
#include "accel/CostModel/CostModel.h"
#include "accel/Search/DefaultMapping.h"
#include "dialects/accel/AccelOps.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

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
};

std::string mappingText(const Mapping &m) {
  std::string s;
  llvm::raw_string_ostream os(s);
  printMapping(os, m);
  return s;
}

void printTable(llvm::raw_ostream &os, const Arch &arch,
                llvm::ArrayRef<Row> rows) {
  os << "accel-cost-report: " << rows.size() << " layers on " << arch.name
     << " (" << arch.numPEs() << " PEs, " << llvm::format("%g", arch.clockGHz)
     << " GHz)\n";
  size_t width = 5;
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
    line(r.name, r.kind, r.fromIr ? "ir" : "default", c.macs, int64_t(c.cycles),
         c.computeBound, c.utilization, c.energy * 1e-6, c.seconds * 1e3,
         c.dramBytes / 1024.0);
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
}

llvm::json::Object tensorCounts(const PerTensor<int64_t> &v) {
  return llvm::json::Object{{"weights", v[Tensor::Weights]},
                            {"inputs", v[Tensor::Inputs]},
                            {"outputs", v[Tensor::Outputs]}};
}

void printJson(llvm::raw_ostream &os, const Arch &arch,
               llvm::ArrayRef<Row> rows) {
  llvm::json::Array layers;
  double cycles = 0, energy = 0;
  int64_t macs = 0, dram = 0;
  for (const Row &r : rows) {
    const CostResult &c = r.cost;
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
    layers.push_back(
        llvm::json::Object{{"name", r.name},
                           {"op", r.kind},
                           {"group", r.group},
                           {"mapping", r.mappingText},
                           {"mapping_source", r.fromIr ? "ir" : "default"},
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
    cycles += c.cycles;
    energy += c.energy;
    macs += c.macs;
    dram += c.dramBytes;
  }
  llvm::json::Object root{
      {"arch", arch.name},
      {"pes", arch.numPEs()},
      {"layers", std::move(layers)},
      {"total", llvm::json::Object{{"macs", macs},
                                   {"cycles", cycles},
                                   {"energy_pj", energy},
                                   {"edp_pj_cycles", energy * cycles},
                                   {"dram_bytes", dram}}}};
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(root))) << '\n';
}

struct CostReportPass
    : public accel::impl::AccelCostReportBase<CostReportPass> {
  using AccelCostReportBase::AccelCostReportBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (format != "table" && format != "json") {
      module.emitError("unknown format '")
          << format << "' (expected table or json)";
      return signalPassFailure();
    }
    FailureOr<Arch> arch = resolvePassArch(module, this->arch);
    if (failed(arch))
      return signalPassFailure();
    CostOptions options;
    options.doubleBuffering = doubleBuffering;

    std::vector<Row> rows;
    bool failedAny = false;
    unsigned index = 0;
    module.walk([&](LayerOpInterface layer) {
      Row row;
      row.name = layerName(layer, index++);
      row.kind = layer->getName().stripDialect().str();
      row.group = groupName(layer);
      LayerProblem problem = layer.getProblem();
      Mapping mapping;
      if (MappingAttr attr = layer.getMappingAttr()) {
        mapping = attr.getValue();
        row.fromIr = true;
      } else {
        llvm::Expected<Mapping> fallback = defaultMapping(problem, *arch);
        if (!fallback) {
          layer->emitError(llvm::toString(fallback.takeError()));
          failedAny = true;
          return;
        }
        mapping = *fallback;
      }
      row.mappingText = mappingText(mapping);
      row.cost = evaluate(problem, *arch, mapping, options);
      if (!row.cost.valid) {
        layer->emitError("mapping is invalid on ")
            << arch->name << ": " << row.cost.reason;
        failedAny = true;
        return;
      }
      rows.push_back(std::move(row));
    });
    if (failedAny)
      return signalPassFailure();
    if (format == "json")
      printJson(llvm::outs(), *arch, rows);
    else
      printTable(llvm::outs(), *arch, rows);
    markAllAnalysesPreserved();
  }
};

} // namespace
