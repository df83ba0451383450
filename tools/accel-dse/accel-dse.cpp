//===- accel-dse.cpp - Hardware design-space search -----------------------===//
//
//   accel-dse --template=T.yaml NETWORK.mlir|NETWORK.onnx...
//             [--strategy=nsga2|exhaustive] [--objectives=latency,energy,area]
//             [--population=40] [--generations=20] [--map=20x10]
//             [--seed=0] [--dse-threads=0] [--ir-precision] [--out=DIR]
//
// Searches the points of an accelerator template (docs/DSE.md) for the
// networks given: each point's layers mapped by the GAMMA search with the
// --map budget, layer by layer; objectives minimised together (latency in
// seconds, energy in pJ, EDP, area in mm^2). Prints the Pareto front over
// every point evaluated; with --out, writes every point (points.csv,
// points.json), the front (front.csv) and the front's accelerators as
// files every pass accepts (front/NAME.yaml). The files are the same for a
// seed whatever the thread count.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/AreaModel.h"
#include "accel/Registration/Registration.h"
#include "accel/Search/HardwareSearch.h"
#include "accel/Target/OnnxImport.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace mlir;
using namespace accel;
namespace cl = llvm::cl;

static cl::OptionCategory dseCategory("accel-dse options");
static cl::list<std::string> networkPaths(cl::Positional, cl::OneOrMore,
                                          cl::desc("<network.mlir|.onnx>..."),
                                          cl::cat(dseCategory));
static cl::opt<std::string>
    templatePath("template", cl::Required,
                 cl::desc("Accelerator template (YAML, docs/DSE.md)"),
                 cl::cat(dseCategory));
static cl::opt<DseStrategy> strategy(
    "strategy", cl::init(DseStrategy::Nsga2), cl::desc("Search"),
    cl::values(clEnumValN(DseStrategy::Nsga2, "nsga2",
                          "NSGA-II on the genetic engine"),
               clEnumValN(DseStrategy::Exhaustive, "exhaustive",
                          "every point of the template")),
    cl::cat(dseCategory));
static cl::opt<std::string>
    objectives("objectives", cl::init("latency,energy,area"),
               cl::desc("Objectives, minimised together: any of latency, "
                        "energy, edp, area"),
               cl::cat(dseCategory));
static cl::opt<unsigned> population("population", cl::init(40),
                                    cl::desc("NSGA-II population"),
                                    cl::cat(dseCategory));
static cl::opt<unsigned> generations("generations", cl::init(20),
                                     cl::desc("NSGA-II generations"),
                                     cl::cat(dseCategory));
static cl::opt<std::string>
    mapBudget("map", cl::init("20x10"),
              cl::desc("Mapping search per layer and point: POPxGEN"),
              cl::cat(dseCategory));
static cl::opt<uint64_t> seed("seed", cl::init(0), cl::desc("Seed"),
                              cl::cat(dseCategory));
static cl::opt<unsigned> threads("dse-threads", cl::init(0),
                                 cl::desc("Threads (0: every core)"),
                                 cl::cat(dseCategory));
static cl::opt<bool> irPrecision(
    "ir-precision", cl::init(false),
    cl::desc("Cost the IR's element types, not each point's precision"),
    cl::cat(dseCategory));
static cl::opt<std::string>
    outDir("out", cl::desc("Write points.csv, points.json, front.csv and "
                           "front/*.yaml here"),
           cl::cat(dseCategory));

static int fail(const llvm::Twine &msg) {
  llvm::errs() << "accel-dse: error: " << msg << "\n";
  return 2;
}

/// The layers of a network file, at its IR's types.
static llvm::Expected<DseNetwork> loadNetwork(llvm::StringRef path,
                                              MLIRContext &ctx) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   path + ": " + buffer.getError().message());
  OwningOpRef<ModuleOp> module;
  if (path.ends_with(".onnx")) {
    OnnxImportOptions o;
    o.weightsAsArguments = true; // values do not matter here
    module = importOnnx((*buffer)->getBuffer(), path, &ctx, o);
  } else {
    llvm::SourceMgr sources;
    sources.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sources, &ctx);
  }
  if (!module)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": does not load (see above)");
  DseNetwork net;
  net.name = llvm::sys::path::stem(path).str();
  module->walk([&](LayerOpInterface layer) {
    LayerProblem p = layer.getProblem();
    Operation *weight = p.hasWeights && layer->getNumOperands() > 1
                            ? layer->getOperand(1).getDefiningOp()
                            : nullptr;
    net.layers.push_back(p);
    net.weightsAreActivations.push_back(
        weight && !weight->hasTrait<OpTrait::ConstantLike>());
  });
  if (net.layers.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": has no accel layers");
  return net;
}

static std::string csvField(llvm::StringRef s) {
  if (!s.contains(',') && !s.contains('"') && !s.contains('\n'))
    return s.str();
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

static void writeCsv(llvm::raw_ostream &os, const ArchTemplate &t,
                     llvm::ArrayRef<DseNetwork> nets,
                     llvm::ArrayRef<DsePoint> points,
                     llvm::ArrayRef<unsigned> which) {
  os << "point";
  for (const Knob &k : t.knobs)
    os << "," << k.name;
  os << ",arch,feasible,pe_count,sram_bytes,area_mm2,cycles,seconds,energy_pj,"
        "edp_pj_s";
  for (const DseNetwork &n : nets)
    os << "," << n.name << "_seconds," << n.name << "_energy_pj";
  os << ",reason\n";
  for (unsigned i : which) {
    const DsePoint &p = points[i];
    os << t.indexOf(p.point);
    for (auto [k, v] : llvm::zip(t.knobs, p.point))
      os << "," << formatKnobValue(k.values[v]);
    os << "," << csvField(p.archName) << "," << (p.feasible ? 1 : 0) << ","
       << p.pes << "," << p.sramBytes << ","
       << llvm::formatv("{0:e6},{1:e6},{2:e6},{3:e6},{4:e6}", p.areaMm2,
                        p.cycles, p.seconds, p.energyPJ,
                        p.energyPJ * p.seconds);
    for (size_t n = 0; n < nets.size(); ++n)
      if (p.feasible)
        os << llvm::formatv(",{0:e6},{1:e6}", p.networkSeconds[n],
                            p.networkEnergyPJ[n]);
      else
        os << ",,";
    os << "," << csvField(p.reason) << "\n";
  }
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(dseCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "accel-dse: searches an accelerator template "
                              "for networks (Pareto fronts)\n");
  llvm::Expected<ArchTemplate> t = loadArchTemplate(templatePath);
  if (!t)
    return fail(llvm::toString(t.takeError()));
  DseOptions o;
  o.strategy = strategy;
  o.population = population;
  o.generations = generations;
  o.seed = seed;
  o.threads = threads;
  o.accelPrecision = !irPrecision;
  o.objectives.clear();
  llvm::SmallVector<llvm::StringRef> names;
  llvm::StringRef(objectives).split(names, ',', -1, false);
  for (llvm::StringRef n : names) {
    std::optional<DseObjective> obj = parseDseObjective(n.trim());
    if (!obj)
      return fail("unknown objective '" + n +
                  "' (latency, energy, edp, area)");
    o.objectives.push_back(*obj);
  }
  auto [pop, gen] = llvm::StringRef(mapBudget).split('x');
  if (pop.getAsInteger(10, o.mapping.population) ||
      gen.getAsInteger(10, o.mapping.generations) ||
      o.mapping.population < 2 || o.mapping.generations < 1)
    return fail("--map: expected POPxGEN with POP >= 2 and GEN >= 1, got '" +
                mapBudget + "'");
  if (population < 2 || generations < 1)
    return fail("--population must be >= 2 and --generations >= 1");

  DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  MLIRContext ctx(registry);
  std::vector<DseNetwork> nets;
  for (const std::string &path : networkPaths) {
    llvm::Expected<DseNetwork> n = loadNetwork(path, ctx);
    if (!n)
      return fail(llvm::toString(n.takeError()));
    nets.push_back(std::move(*n));
  }

  auto start = std::chrono::steady_clock::now();
  llvm::Expected<DseResult> r = searchHardware(*t, nets, o);
  if (!r)
    return fail(llvm::toString(r.takeError()));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  size_t feasible = llvm::count_if(
      r->points, [](const DsePoint &p) { return p.feasible; });
  llvm::outs() << llvm::formatv(
      "{0}: {1} of {2} points evaluated ({3} feasible), {4} mapping "
      "searches, {5:f1} s ({6:f1} points/s)\n",
      t->name, r->points.size(), t->size(), feasible, r->mappingSearches,
      seconds, seconds > 0 ? r->points.size() / seconds : 0.0);
  // The front, by its first objective.
  std::vector<unsigned> front = r->front;
  llvm::stable_sort(front, [&](unsigned a, unsigned b) {
    return r->points[a].objectives[0] < r->points[b].objectives[0];
  });
  llvm::outs() << "Pareto front (" << front.size() << " points, "
               << objectives << "):\n";
  llvm::outs() << llvm::formatv("{0,12} {1,12} {2,10} {3,6} {4,10}  {5}\n",
                                "latency-ms", "energy-uJ", "area-mm2", "PEs",
                                "SRAM-KiB", "knobs");
  for (unsigned i : front) {
    const DsePoint &p = r->points[i];
    llvm::outs() << llvm::formatv(
        "{0,12:f4} {1,12:f2} {2,10:f3} {3,6} {4,10:f1}  {5}\n",
        p.seconds * 1e3, p.energyPJ * 1e-6, p.areaMm2, p.pes,
        p.sramBytes / 1024.0, t->describe(p.point));
  }

  if (outDir.empty())
    return 0;
  if (std::error_code ec =
          llvm::sys::fs::create_directories(outDir + "/front"))
    return fail(outDir + ": " + ec.message());
  // The front of an earlier run in the same directory goes.
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(outDir + "/front", ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".yaml"))
      llvm::sys::fs::remove(it->path());
  auto open = [&](llvm::StringRef name) {
    std::error_code ec;
    auto os = std::make_unique<llvm::raw_fd_ostream>(
        (outDir + "/" + name).str(), ec);
    if (ec)
      os.reset();
    return os;
  };
  std::vector<unsigned> all(r->points.size());
  std::iota(all.begin(), all.end(), 0);
  auto points = open("points.csv"), frontCsv = open("front.csv"),
       json = open("points.json");
  if (!points || !frontCsv || !json)
    return fail("cannot write to " + outDir);
  writeCsv(*points, *t, nets, r->points, all);
  writeCsv(*frontCsv, *t, nets, r->points, front);
  llvm::json::Array jsonPoints;
  for (const DsePoint &p : r->points) {
    llvm::json::Object knobs;
    for (auto [k, v] : llvm::zip(t->knobs, p.point))
      knobs[k.name] = k.values[v];
    jsonPoints.push_back(llvm::json::Object{
        {"point", t->indexOf(p.point)},
        {"knobs", std::move(knobs)},
        {"arch", p.archName},
        {"feasible", p.feasible},
        {"reason", p.reason},
        {"pes", p.pes},
        {"sram_bytes", p.sramBytes},
        {"area_mm2", p.areaMm2},
        {"cycles", p.cycles},
        {"seconds", p.seconds},
        {"energy_pj", p.energyPJ},
        {"objectives", llvm::json::Array(p.objectives)}});
  }
  llvm::json::Array frontIds;
  for (unsigned i : front)
    frontIds.push_back(t->indexOf(r->points[i].point));
  llvm::json::Array objectiveNames;
  for (DseObjective obj : o.objectives)
    objectiveNames.push_back(dseObjectiveName(obj).str());
  *json << llvm::formatv(
      "{0:2}\n",
      llvm::json::Value(llvm::json::Object{
          {"template", t->name},
          {"seed", int64_t(o.seed)},
          {"objectives", std::move(objectiveNames)},
          {"points", std::move(jsonPoints)},
          {"front", std::move(frontIds)}}));
  for (unsigned i : front) {
    llvm::Expected<std::string> text = t->instantiateText(r->points[i].point);
    if (!text)
      return fail(llvm::toString(text.takeError()));
    auto os = open("front/" + r->points[i].archName + ".yaml");
    if (!os)
      return fail("cannot write to " + outDir + "/front");
    *os << *text;
  }
  return 0;
}
