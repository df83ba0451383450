//===- MapperBench.cpp - Mapping search quality and speed on real models --===//
//
//   accel-bench-mapper [--arch=A] [--strategies=ga,random,...]
//                      [--objective=latency] [--seed=N] [--stats=FILE]
//                      MODEL.onnx...
//   accel-bench-mapper --oracle=N [--arch-file=small.yaml]
//
// Model mode: every distinct layer shape of each model is mapped by each
// strategy at the same budget (GAMMA's 200 x 50); prints per layer the found
// latency over its lower bound (the larger of MACs / PEs and every tensor
// moved once over DRAM at its bandwidth), then per strategy the
// geometric mean and the search time of the whole model. --stats writes the
// best objective per generation (CSV: model,layer,strategy,generation,best)
// for scripts/plot_convergence.py.
//
// Oracle mode: N random small convolutions on a small accelerator, each
// searched exhaustively (the optimum) and by the GA: how often the GA is
// within 2% of the optimum.
//
//===----------------------------------------------------------------------===//

#include "BenchClock.h"
#include "accel/Arch/ArchYaml.h"
#include "accel/Registration/Registration.h"
#include "accel/Search/Mapper.h"
#include "accel/Target/OnnxImport.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <cmath>
#include <fstream>
#include <map>

using namespace accel;

namespace {

using bench::now;

struct Args {
  std::string arch = "gamma-edge";
  std::string archFile;
  std::vector<Strategy> strategies;
  ObjectiveKind objective = ObjectiveKind::Latency;
  uint64_t seed = 0;
  std::string statsFile;
  int oracle = 0;
  std::vector<std::string> models;
};

int fail(const llvm::Twine &msg) {
  llvm::errs() << "accel-bench-mapper: " << msg << "\n";
  return 2;
}

int runOracle(const Args &args) {
  llvm::Expected<Arch> arch = loadArchFile(args.archFile);
  if (!arch)
    return fail(llvm::toString(arch.takeError()));
  Rng rng(args.seed);
  auto extent = [&](int64_t hi) {
    return std::uniform_int_distribution<int64_t>(1, hi)(rng);
  };
  int within = 0, done = 0;
  llvm::outs() << llvm::formatv("{0,-28} {1,12} {2,12} {3,8} {4,10}\n",
                                "layer (K C P R)", "optimum", "ga", "ga/opt",
                                "evaluated");
  while (done < args.oracle) {
    int64_t k = extent(3), c = extent(2), p = extent(4), r = extent(3);
    ConvParams params;
    params.pads = {r / 2, 0, r / 2, 0};
    LayerProblem layer = convProblem({1, c, p, 1}, {k, c, r, 1}, params);
    SearchOptions o;
    o.objective.kind = ObjectiveKind::EDP;
    o.strategy = Strategy::Exhaustive;
    llvm::Expected<SearchResult> opt = searchMapping(layer, *arch, o);
    if (!opt) {
      llvm::consumeError(opt.takeError());
      continue; // too large or nothing fits: draw another layer
    }
    o.strategy = Strategy::Genetic;
    o.population = 40;
    o.generations = 25;
    o.seed = args.seed + done;
    llvm::Expected<SearchResult> ga = searchMapping(layer, *arch, o);
    if (!ga)
      return fail(llvm::toString(ga.takeError()));
    double ratio = ga->score / opt->score;
    within += ratio <= 1.02;
    ++done;
    llvm::outs() << llvm::formatv(
        "{0,-28} {1,12:e3} {2,12:e3} {3,8:f3} {4,10}\n",
        llvm::formatv("{0} {1} {2} {3}", k, c, p, r), opt->score, ga->score,
        ratio, opt->stats.evaluations);
  }
  llvm::outs() << llvm::formatv("GA (40 x 25) within 2% of the exhaustive "
                                "optimum on {0} of {1} layers\n",
                                within, done);
  return 0;
}

int runModels(const Args &args) {
  llvm::Expected<Arch> arch = resolveArch(args.arch);
  if (!arch)
    return fail(llvm::toString(arch.takeError()));
  mlir::DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  std::ofstream stats;
  if (!args.statsFile.empty()) {
    stats.open(args.statsFile);
    stats << "model,layer,strategy,generation,best\n";
  }
  for (const std::string &path : args.models) {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer)
      return fail(path + ": cannot read");
    mlir::MLIRContext ctx(registry);
    OnnxImportOptions importOptions;
    importOptions.weights = accel::OnnxWeights::Arguments;
    mlir::OwningOpRef<mlir::ModuleOp> module =
        importOnnx((*buffer)->getBuffer(), path, &ctx, importOptions);
    if (!module)
      return 1;
    std::string model = llvm::sys::path::stem(path).str();
    // Distinct layer shapes, in order of first appearance.
    std::vector<std::pair<std::string, LayerProblem>> layers;
    std::map<std::vector<int64_t>, unsigned> seen;
    unsigned index = 0, total = 0;
    module->walk([&](LayerOpInterface layer) {
      ++total;
      LayerProblem p = layer.getProblem();
      if (seen.try_emplace(p.key(), layers.size()).second)
        layers.push_back({layerName(layer, index), p});
      ++index;
    });
    llvm::outs() << llvm::formatv(
        "\n{0} on {1}: {2} layers, {3} distinct shapes; latency / lower "
        "bound max(MACs / PEs, DRAM traffic once / bandwidth) (objective "
        "{4})\n",
        model, arch->name, total, layers.size(),
        Objective{args.objective}.name());
    llvm::outs() << llvm::formatv("{0,-32}", "layer");
    for (Strategy s : args.strategies)
      llvm::outs() << llvm::formatv(" {0,16}", strategyName(s));
    llvm::outs() << "\n";
    std::vector<double> logSum(args.strategies.size(), 0);
    std::vector<int> failures(args.strategies.size(), 0);
    std::vector<double> seconds(args.strategies.size(), 0);
    for (auto &[name, problem] : layers) {
      llvm::StringRef shown = name;
      llvm::outs() << llvm::formatv("{0,-32}", shown.take_back(32));
      for (auto [i, s] : llvm::enumerate(args.strategies)) {
        SearchOptions o;
        o.strategy = s;
        o.objective.kind = args.objective;
        o.seed = args.seed;
        double start = now();
        llvm::Expected<SearchResult> r = searchMapping(problem, *arch, o);
        seconds[i] += now() - start;
        if (!r) {
          llvm::consumeError(r.takeError());
          ++failures[i];
          llvm::outs() << llvm::formatv(" {0,16}", "none");
          continue;
        }
        double bound =
            std::max(double(r->cost.computeBound), r->cost.dramBound);
        double ratio = r->cost.cycles / std::max(1.0, bound);
        logSum[i] += std::log(ratio);
        llvm::outs() << llvm::formatv(" {0,16:f3}", ratio);
        if (stats.is_open())
          for (auto [g, best] : llvm::enumerate(r->stats.bestPerGeneration))
            stats << model << "," << name << "," << strategyName(s).str() << ","
                  << g << "," << best << "\n";
      }
      llvm::outs() << "\n";
    }
    llvm::outs() << llvm::formatv("{0,-32}", "geomean");
    for (auto [i, s] : llvm::enumerate(args.strategies)) {
      int found = int(layers.size()) - failures[i];
      llvm::outs() << llvm::formatv(
          " {0,16}",
          found ? llvm::formatv("{0:f3}", std::exp(logSum[i] / found)).str()
                : std::string("none"));
    }
    llvm::outs() << "\n" << llvm::formatv("{0,-32}", "no mapping found");
    for (int f : failures)
      llvm::outs() << llvm::formatv(" {0,16}", f);
    llvm::outs() << "\n" << llvm::formatv("{0,-32}", "search seconds");
    for (double s : seconds)
      llvm::outs() << llvm::formatv(" {0,16:f2}", s);
    llvm::outs() << "\n";
  }
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  Args args;
  std::string strategies = "ga,random,anneal,fixed-nvdla,fixed-eyeriss,"
                           "fixed-shidiannao";
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef a = argv[i];
    if (a.consume_front("--arch="))
      args.arch = a.str();
    else if (a.consume_front("--arch-file="))
      args.archFile = a.str();
    else if (a.consume_front("--strategies="))
      strategies = a.str();
    else if (a.consume_front("--objective=")) {
      std::optional<ObjectiveKind> k = Objective::parse(a);
      if (!k)
        return fail("unknown objective " + a);
      args.objective = *k;
    } else if (a.consume_front("--seed=")) {
      if (a.getAsInteger(10, args.seed))
        return fail("bad seed");
    } else if (a.consume_front("--stats="))
      args.statsFile = a.str();
    else if (a.consume_front("--oracle=")) {
      if (a.getAsInteger(10, args.oracle))
        return fail("bad --oracle count");
    } else if (a.starts_with("--"))
      return fail("unknown option " + a);
    else
      args.models.push_back(a.str());
  }
  llvm::SmallVector<llvm::StringRef> names;
  llvm::StringRef(strategies).split(names, ',');
  for (llvm::StringRef n : names) {
    std::optional<Strategy> s = parseStrategy(n);
    if (!s)
      return fail("unknown strategy " + n);
    args.strategies.push_back(*s);
  }
  if (args.oracle > 0) {
    if (args.archFile.empty())
      return fail("--oracle needs --arch-file");
    return runOracle(args);
  }
  if (args.models.empty())
    return fail("no model given (see the header of bench/MapperBench.cpp)");
  return runModels(args);
}
