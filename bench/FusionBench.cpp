//===- FusionBench.cpp - Fusion search quality and speed on real models ---===//
//
//   accel-bench-fusion [--arch=A] [--precision=accel|ir|N]
//                      [--strategies=ga,greedy,...]
//                      [--objective=edp] [--seed=N] [--threads=N]
//                      [--population=N] [--generations=N]
//                      [--search-map=POPxGEN] [--map=POPxGEN]
//                      [--search-split=true|false] [--recompute=true|false]
//                      [--fixed-order] [--first=N]
//                      [--modes=depth_first,pipelined] [--stats=FILE]
//                      [--segments=FILE] [--chain=N]... MODEL.onnx|.mlir...
//
// For each model (an ONNX file, an accel .mlir file, or --chain=N: a
// synthetic chain of N 3x3 convolutions), runs each fusion strategy as
// --accel-fuse does (the search with the small mapping budget, then the
// chosen plan and every layer alone mapped with the full budget, never
// worse than layer by layer) and prints, per strategy, latency, energy, EDP
// and DRAM bytes against layer by layer, the groups found and the time.
// --precision: `accel` (default) stores data at the accelerator's
// precision (eyeriss-like 16 bits; simba-like 8-bit weights and
// activations, 24-bit partial sums), `ir` keeps the IR's types (the models
// are f32 exports), N stores everything at N bits. --stats writes the best score per generation (CSV:
// model,strategy,generation,best); --segments writes each segment of the
// chosen plan against its layers alone (CSV:
// model,strategy,segment,layers,fused,energy_pj,cycles,alone_energy_pj,
// alone_cycles) for scripts/plot_fusion.py. --search-split=false keeps the
// accelerator's split of the group level, --recompute=false never
// recomputes halos, --modes restricts execution modes, --fixed-order keeps
// the graph's layer order (dp's space), --first=N takes the first N layers.
//
// scripts/fusion-experiments.sh runs the experiments of docs/Fusion.md and
// the README's fusion table with it.
//
//===----------------------------------------------------------------------===//

#include "BenchClock.h"
#include "accel/Arch/ArchYaml.h"
#include "accel/Registration/Registration.h"
#include "accel/Search/Fusion.h"
#include "accel/Target/OnnxImport.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/LayerNames.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <fstream>

using namespace accel;

namespace {

using bench::now;

int fail(const llvm::Twine &msg) {
  llvm::errs() << "accel-bench-fusion: " << msg << "\n";
  return 2;
}

struct Args {
  std::string arch = "eyeriss-like";
  /// `accel`: the accelerator's precision; `ir`: the IR's own types; N:
  /// every datum at N bits.
  std::string precision = "accel";
  std::vector<FusionStrategy> strategies = {
      FusionStrategy::Genetic, FusionStrategy::Greedy, FusionStrategy::Random};
  FusionObjective objective = FusionObjective::EDP;
  uint64_t seed = 0;
  unsigned threads = 0, population = 100, generations = 60;
  unsigned searchMapPop = 100, searchMapGen = 20, mapPop = 200, mapGen = 50;
  bool searchSplit = true;
  bool fixedOrder = false; ///< keep the graph's layer order (as dp does)
  bool recompute = true;   ///< halos may be recomputed
  bool pipelined = true;   ///< groups may run pipelined
  bool depthFirst = true;  ///< groups may run depth first
  unsigned first = 0;      ///< only the first N layers (0: all)
  std::string statsFile, segmentsFile;
  std::vector<std::string> models; ///< paths, or "chain:N"
};

bool parseBudget(llvm::StringRef v, unsigned &pop, unsigned &gen) {
  auto [a, b] = v.split('x');
  return !a.getAsInteger(10, pop) && !b.getAsInteger(10, gen) && pop >= 2 &&
         gen >= 1;
}

/// A chain of `n` 3x3 convolutions on 16 channels of 32 x 32.
LayerGraph syntheticChain(unsigned n) {
  LayerGraph g;
  ConvParams same;
  same.pads = {1, 1, 1, 1};
  Shape act{1, 16, 32, 32}, weight{16, 16, 3, 3};
  auto tensor = [&](Shape s, bool w) {
    GraphTensor t;
    t.shape = s;
    t.weight = w;
    return g.addTensor(t);
  };
  unsigned x = tensor(act, false);
  for (unsigned i = 0; i < n; ++i) {
    GraphLayer l;
    l.kind = LayerKind::Conv;
    l.name = "conv" + std::to_string(i);
    l.conv = same;
    l.operands = {x, tensor(weight, true)};
    l.result = x = tensor(act, false);
    l.problem = convProblem(act, weight, same);
    g.addLayer(l);
  }
  g.tensor(x).output = true;
  return g;
}

/// The network of the first `n` layers of `g` (what they produce for the
/// rest is their output).
LayerGraph firstLayers(const LayerGraph &g, unsigned n) {
  LayerGraph out;
  std::vector<int> map(g.tensors().size(), -1);
  auto tensor = [&](unsigned id) {
    if (map[id] < 0) {
      GraphTensor t = g.tensor(id);
      t.producer = -1;
      t.output = false;
      map[id] = out.addTensor(t);
    }
    return unsigned(map[id]);
  };
  for (unsigned l = 0; l < n; ++l) {
    GraphLayer layer = g.layer(l);
    for (unsigned &op : layer.operands)
      op = tensor(op);
    layer.result = tensor(layer.result);
    out.addLayer(layer);
  }
  for (unsigned l = 0; l < n; ++l) {
    unsigned r = g.layer(l).result;
    bool later =
        g.tensor(r).output ||
        llvm::any_of(g.consumers(r), [&](unsigned c) { return c >= n; });
    if (later)
      out.tensor(map[r]).output = true;
  }
  return out;
}

} // namespace

int main(int argc, char **argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef a = argv[i];
    auto [key, value] = a.split('=');
    bool ok = true;
    if (key == "--arch")
      args.arch = value.str();
    else if (key == "--precision") {
      int64_t b;
      args.precision = value.str();
      ok = value == "accel" || value == "ir" ||
           (!value.getAsInteger(10, b) && b > 0 && b <= 64);
    } else if (key == "--strategies") {
      args.strategies.clear();
      llvm::SmallVector<llvm::StringRef> names;
      value.split(names, ',');
      for (llvm::StringRef n : names) {
        std::optional<FusionStrategy> s = parseFusionStrategy(n);
        ok &= s.has_value();
        if (s)
          args.strategies.push_back(*s);
      }
    } else if (key == "--objective") {
      std::optional<FusionObjective> o = parseFusionObjective(value);
      ok = o.has_value();
      if (o)
        args.objective = *o;
    } else if (key == "--seed")
      ok = !value.getAsInteger(10, args.seed);
    else if (key == "--threads")
      ok = !value.getAsInteger(10, args.threads);
    else if (key == "--population")
      ok = !value.getAsInteger(10, args.population) && args.population >= 2;
    else if (key == "--generations")
      ok = !value.getAsInteger(10, args.generations) && args.generations >= 1;
    else if (key == "--search-map")
      ok = parseBudget(value, args.searchMapPop, args.searchMapGen);
    else if (key == "--map")
      ok = parseBudget(value, args.mapPop, args.mapGen);
    else if (key == "--search-split")
      args.searchSplit = value != "false";
    else if (key == "--fixed-order")
      args.fixedOrder = true;
    else if (key == "--recompute")
      args.recompute = value != "false";
    else if (key == "--modes") {
      args.pipelined = value.contains("pipelined");
      args.depthFirst = value.contains("depth_first");
      ok = args.pipelined || args.depthFirst;
    } else if (key == "--first")
      ok = !value.getAsInteger(10, args.first);
    else if (key == "--stats")
      args.statsFile = value.str();
    else if (key == "--segments")
      args.segmentsFile = value.str();
    else if (key == "--chain")
      args.models.push_back("chain:" + value.str());
    else if (a.starts_with("--"))
      return fail("unknown option " + a);
    else
      args.models.push_back(a.str());
    if (!ok)
      return fail("bad value in " + a);
  }
  if (args.models.empty())
    return fail("no model (an .onnx or .mlir file, or --chain=N)");
  llvm::Expected<Arch> arch = resolveArch(args.arch);
  if (!arch)
    return fail(llvm::toString(arch.takeError()));

  mlir::DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  std::ofstream stats, segments;
  if (!args.statsFile.empty()) {
    stats.open(args.statsFile);
    stats << "model,strategy,generation,best\n";
  }
  if (!args.segmentsFile.empty()) {
    segments.open(args.segmentsFile);
    segments << "model,strategy,segment,layers,fused,energy_pj,cycles,"
                "alone_energy_pj,alone_cycles\n";
  }
  for (const std::string &path : args.models) {
    mlir::MLIRContext ctx(registry);
    mlir::OwningOpRef<mlir::ModuleOp> module;
    std::optional<BlockGraph> body;
    std::string model;
    double start = now();
    if (llvm::StringRef(path).starts_with("chain:")) {
      unsigned n = 0;
      if (llvm::StringRef(path).drop_front(6).getAsInteger(10, n) || n == 0)
        return fail("bad chain length in " + path);
      body.emplace();
      body->graph = syntheticChain(n);
      model = "chain-" + std::to_string(n);
    } else {
      auto buffer = llvm::MemoryBuffer::getFile(path);
      if (!buffer)
        return fail(path + ": cannot read");
      if (llvm::StringRef(path).ends_with(".onnx")) {
        OnnxImportOptions importOptions;
        importOptions.weights = accel::OnnxWeights::Arguments;
        module = importOnnx((*buffer)->getBuffer(), path, &ctx, importOptions);
      } else {
        module = mlir::parseSourceString<mlir::ModuleOp>((*buffer)->getBuffer(),
                                                         &ctx);
      }
      if (!module)
        return 1;
      mlir::func::FuncOp f;
      for (auto fn : module->getOps<mlir::func::FuncOp>())
        if (!fn.isExternal())
          f = fn;
      if (!f)
        return fail(path + ": no function with a body");
      llvm::Expected<BlockGraph> g =
          buildBlockGraph(f.getBody().front(), layerName, /*strict=*/false);
      if (!g)
        return fail(path + ": " + llvm::toString(g.takeError()));
      body.emplace(std::move(*g));
      model = llvm::sys::path::stem(path).str();
    }
    double loaded = now() - start;
    if (args.first && args.first < body->graph.layers().size()) {
      body->graph = firstLayers(body->graph, args.first);
      model += "-first" + std::to_string(args.first);
    }
    LayerGraph &graph = body->graph;
    std::string precision = "the IR's types";
    if (args.precision != "ir") {
      DataPrecision p = *arch->precision;
      int64_t b;
      if (!llvm::StringRef(args.precision).getAsInteger(10, b))
        p = DataPrecision{b, b, b};
      graph.setPrecision(p);
      precision = llvm::formatv("{0}/{1}/{2}-bit", p.weights, p.activations,
                                p.partialSums);
    }
    llvm::outs() << llvm::formatv(
        "\n{0} on {1} ({2} layers, {3}; loaded in {4:f2} s), objective {5}, "
        "seed {6}; plans {7} x {8}, mappings {9} x {10} while searching, "
        "{11} x {12} final\n",
        model, arch->name, graph.layers().size(),
        precision,
        loaded, fusionObjectiveName(args.objective), args.seed, args.population,
        args.generations, args.searchMapPop, args.searchMapGen, args.mapPop,
        args.mapGen);
    llvm::outs() << llvm::formatv(
        "{0,-8} {1,14} {2,14} {3,9} {4,9} {5,9} {6,10} {7,14} {8,9}\n",
        "strategy", "cycles", "energy-uJ", "lat-x", "energy-x", "EDP-x",
        "DRAM-KiB", "groups/layers", "seconds");
    std::optional<NetworkCost> reference; // every layer on its own
    for (FusionStrategy s : args.strategies) {
      FusionOptions o;
      o.strategy = s;
      o.objective = args.objective;
      o.seed = args.seed;
      o.threads = args.threads;
      o.population = args.population;
      o.generations = args.generations;
      o.choices.splits = args.searchSplit;
      o.choices.fixedOrder = args.fixedOrder;
      o.choices.recompute = args.recompute;
      o.choices.pipelined = args.pipelined;
      o.choices.depthFirst = args.depthFirst;
      o.mapping.population = args.searchMapPop;
      o.mapping.generations = args.searchMapGen;
      o.mapping.seed = args.seed;
      o.aloneMapping.population = args.mapPop;
      o.aloneMapping.generations = args.mapGen;
      o.aloneMapping.seed = args.seed;
      double t0 = now();
      llvm::Expected<FusionResult> r = searchFusion(graph, *arch, o);
      if (!r) {
        llvm::outs() << llvm::formatv("{0,-8} {1}\n", fusionStrategyName(s),
                                      llvm::toString(r.takeError()));
        continue;
      }
      FusionSpace space(graph, *arch, o.choices);
      Workers workers(args.threads);
      SearchOptions full;
      full.population = args.mapPop;
      full.generations = args.mapGen;
      full.seed = args.seed;
      llvm::Expected<MappedPlan> m =
          mapPlan(space, r->candidates, args.objective, full, workers);
      double seconds = now() - t0;
      if (!m) {
        llvm::outs() << llvm::formatv("{0,-8} {1}\n", fusionStrategyName(s),
                                      llvm::toString(m.takeError()));
        continue;
      }
      unsigned groups = 0, grouped = 0;
      for (const PlanSegment &seg : m->plan.segments)
        if (seg.fused()) {
          ++groups;
          grouped += seg.layers.size();
        }
      const NetworkCost &c = m->cost, &l = m->layerByLayer;
      reference = l;
      llvm::outs() << llvm::formatv(
          "{0,-8} {1,14:f0} {2,14:f3} {3,9:f3} {4,9:f3} {5,9:f3} {6,10:f1} "
          "{7,14} {8,9:f2}{9}\n",
          fusionStrategyName(s), c.cycles, c.energy * 1e-6, l.cycles / c.cycles,
          l.energy / c.energy, l.edp() / c.edp(), c.dramBytes / 1024.0,
          llvm::formatv("{0}/{1}", groups, grouped).str(), seconds,
          m->fellBack ? " (layer by layer: the plan was not better)" : "");
      if (stats.is_open())
        for (auto [g, best] : llvm::enumerate(r->stats.bestPerGeneration))
          stats << model << "," << fusionStrategyName(s).str() << "," << g
                << "," << best << "\n";
      if (segments.is_open())
        for (auto [k, seg] : llvm::enumerate(m->plan.segments)) {
          double aloneE = 0, aloneC = 0;
          std::string names;
          for (unsigned id : seg.layers) {
            aloneE += m->alone[id].cost.energy;
            aloneC += m->alone[id].cost.cycles;
            names += (names.empty() ? "" : "+") + graph.layer(id).name;
          }
          segments << model << "," << fusionStrategyName(s).str() << "," << k
                   << "," << names << "," << seg.fused() << ","
                   << m->segments[k].cost.energy << ","
                   << m->segments[k].cost.cycles << "," << aloneE << ","
                   << aloneC << "\n";
        }
    }
    if (reference)
      llvm::outs() << llvm::formatv(
          "{0,-8} {1,14:f0} {2,14:f3} {3,9:f3} {4,9:f3} {5,9:f3} {6,10:f1}\n",
          "layers", reference->cycles, reference->energy * 1e-6, 1.0, 1.0, 1.0,
          reference->dramBytes / 1024.0);
  }
  return 0;
}
