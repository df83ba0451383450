//===- accel-dse.cpp - Hardware design-space search -----------------------===//
//
//   accel-dse --template=T.yaml NETWORK.mlir|NETWORK.onnx...
//             [--strategy=nsga2|exhaustive] [--objectives=latency,energy,area]
//             [--population=40] [--generations=20] [--map=20x10]
//             [--seed=0] [--dse-threads=0] [--ir-precision] [--out=DIR]
//             [--shard=I/N] [--checkpoint=FILE]
//   accel-dse merge --template=T.yaml --out=DIR SHARD_DIR...
//
// Searches the points of an accelerator template (docs/DSE.md) for the
// networks given: each point's layers mapped by the GAMMA search with the
// --map budget, layer by layer; objectives minimised together (latency in
// seconds, energy in pJ, EDP, area in mm^2). Prints the Pareto front over
// every point evaluated; with --out, writes every point (points.csv,
// points.json), the front (front.csv) and the front's accelerators as
// files every pass accepts (front/NAME.yaml). The files are the same for a
// seed whatever the thread count. --shard=I/N evaluates the I-th of N
// slices of an exhaustive sweep (points I, I + N, ...); `merge` combines
// the shards' directories into exactly the files one run writes
// (scripts/dse-slurm.sh runs the shards as a Slurm job array).
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/AreaModel.h"
#include "accel/Registration/Registration.h"
#include "accel/Search/HardwareSearch.h"
#include "accel/Target/OnnxImport.h"
#include "dialects/accel/AccelGraph.h"
#include "dialects/accel/AccelOps.h"
#include "dialects/accel/LayerNames.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringExtras.h"
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
#include <numeric>

using namespace mlir;
using namespace accel;
namespace cl = llvm::cl;

static cl::OptionCategory dseCategory("accel-dse options");
static cl::list<std::string>
    inputPaths(cl::Positional, cl::OneOrMore,
               cl::desc("<network.mlir|.onnx>... (merge: <shard dir>...)"),
               cl::cat(dseCategory));
static cl::opt<std::string>
    templatePath("template", cl::Required,
                 cl::desc("Accelerator template (YAML, docs/DSE.md)"),
                 cl::cat(dseCategory));
static cl::opt<DseStrategy>
    strategy("strategy", cl::init(DseStrategy::Nsga2), cl::desc("Search"),
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
              cl::desc("Mapping search per layer and point: POPxGEN, or "
                       "'default' for fixed default mappings (no search)"),
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
    outDir("out",
           cl::desc("Write points.csv, points.json, front.csv and "
                    "front/*.yaml here"),
           cl::cat(dseCategory));
static cl::opt<std::string> fuseBudget(
    "fuse",
    cl::desc("Score each point with layer fusion, the fusion search's budget "
             "POPxGEN (e.g. 20x10; its mapping searches take --map's): the "
             "better of the fused plan and layer by layer, as --accel-fuse"),
    cl::cat(dseCategory));
static cl::opt<bool> networkAxis(
    "network-axis",
    cl::desc("The networks are alternatives: each point is a template point "
             "and one network (CiMNet's joint search); give each network's "
             "accuracy as PATH@TOP1 for the accuracy objective"),
    cl::cat(dseCategory));
static cl::opt<std::string> checkpointPath(
    "checkpoint",
    cl::desc("Resume from this file when it exists (a checkpoint of the same "
             "search), and write every point evaluated to it after each "
             "generation: an interrupted search resumes where it stopped "
             "and ends exactly as an uninterrupted one"),
    cl::cat(dseCategory));
static cl::opt<std::string>
    shard("shard",
          cl::desc("I/N: evaluate the I-th of N slices of an "
                   "exhaustive sweep"),
          cl::cat(dseCategory));

static int fail(const llvm::Twine &msg) {
  llvm::errs() << "accel-dse: error: " << msg << "\n";
  return 2;
}

/// The layers of a network file, at its IR's types; `path@73.5` gives its
/// top-1 accuracy.
static llvm::Expected<DseNetwork> loadNetwork(llvm::StringRef arg,
                                              MLIRContext &ctx) {
  auto [path, accuracyText] = arg.rsplit('@');
  std::optional<double> accuracy;
  if (!accuracyText.empty()) {
    double a;
    if (accuracyText.getAsDouble(a) || !(a >= 0 && a <= 100))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          arg + ": expected PATH@ACCURACY with an accuracy in [0, 100]");
    accuracy = a;
  }
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   path + ": " + buffer.getError().message());
  OwningOpRef<ModuleOp> module;
  if (path.ends_with(".onnx")) {
    OnnxImportOptions o;
    o.weights = OnnxWeights::Arguments; // values do not matter here
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
  net.accuracy = accuracy;
  module->walk([&](LayerOpInterface layer) {
    net.layers.push_back(layer.getProblem());
    net.weightsAreActivations.push_back(weightIsActivation(layer));
  });
  if (net.layers.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": has no accel layers");
  // The layer graph of its function, for --fuse.
  for (auto f : module->getOps<func::FuncOp>()) {
    if (f.isExternal() || !f.getBody().hasOneBlock())
      continue;
    llvm::Expected<BlockGraph> g =
        buildBlockGraph(f.getBody().front(), layerName, /*strict=*/false);
    if (!g)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     path + ": " +
                                         llvm::toString(g.takeError()));
    net.graph = std::move(g->graph);
    break;
  }
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

/// What a sweep is, written with its points: shards of one sweep agree on
/// all of it.
struct Sweep {
  std::string templateName;
  std::vector<std::string> objectives, networks;
  uint64_t seed = 0;
  std::string map;
  bool irPrecision = false;
  bool networkAxis = false;
  std::string fuse; ///< the fusion budget, "" when points are not fused

  llvm::json::Object toJson() const {
    return llvm::json::Object{{"template", templateName},
                              {"objectives", llvm::json::Array(objectives)},
                              {"networks", llvm::json::Array(networks)},
                              {"seed", int64_t(seed)},
                              {"map", map},
                              {"precision", irPrecision ? "ir" : "accel"},
                              {"network_axis", networkAxis},
                              {"fuse", fuse}};
  }
};

/// A JSON file's value; the error names the file.
static llvm::Expected<llvm::json::Value> readJson(llvm::StringRef file) {
  auto buffer = llvm::MemoryBuffer::getFile(file);
  if (!buffer)
    return llvm::createStringError(buffer.getError(),
                                   file + ": " + buffer.getError().message());
  llvm::Expected<llvm::json::Value> v =
      llvm::json::parse((*buffer)->getBuffer());
  if (!v)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   file + ": " + llvm::toString(v.takeError()));
  return v;
}

/// A search budget "POPxGEN" (POP >= 2, GEN >= 1); false when malformed.
static bool parseBudget(llvm::StringRef text, unsigned &population,
                        unsigned &generations) {
  auto [pop, gen] = text.split('x');
  return !pop.getAsInteger(10, population) &&
         !gen.getAsInteger(10, generations) && population >= 2 &&
         generations >= 1;
}

static void writeCsv(llvm::raw_ostream &os, const ArchTemplate &t,
                     const Sweep &sweep, llvm::ArrayRef<DsePoint> points,
                     llvm::ArrayRef<unsigned> which) {
  os << "point";
  for (const Knob &k : t.knobs)
    os << "," << k.name;
  os << ",arch,feasible,pe_count,sram_bytes,area_mm2,cycles,seconds,energy_pj,"
        "edp_pj_s";
  if (sweep.networkAxis)
    os << ",network_name,accuracy";
  else
    for (const std::string &n : sweep.networks)
      os << "," << n << "_seconds," << n << "_energy_pj";
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
    if (sweep.networkAxis)
      os << "," << sweep.networks[p.point.back()] << ","
         << (p.feasible ? formatKnobValue(p.accuracy) : "");
    else
      for (size_t n = 0; n < sweep.networks.size(); ++n)
        if (p.feasible)
          os << llvm::formatv(",{0:e6},{1:e6}", p.networkSeconds[n],
                              p.networkEnergyPJ[n]);
        else
          os << ",,";
    os << "," << csvField(p.reason) << "\n";
  }
}

static llvm::json::Value pointJson(const ArchTemplate &t, const DsePoint &p) {
  llvm::json::Object knobs;
  for (auto [k, v] : llvm::zip(t.knobs, p.point))
    knobs[k.name] = k.values[v];
  return llvm::json::Object{
      {"point", t.indexOf(p.point)},
      {"knobs", std::move(knobs)},
      {"arch", p.archName},
      {"feasible", p.feasible},
      {"reason", p.reason},
      {"violation", p.violation},
      {"pes", p.pes},
      {"sram_bytes", p.sramBytes},
      {"area_mm2", p.areaMm2},
      {"cycles", p.cycles},
      {"seconds", p.seconds},
      {"energy_pj", p.energyPJ},
      {"network_seconds", llvm::json::Array(p.networkSeconds)},
      {"network_energy_pj", llvm::json::Array(p.networkEnergyPJ)},
      {"accuracy", p.accuracy},
      {"objectives", llvm::json::Array(p.objectives)},
      {"mapping_searches", p.mappingSearches}};
}

/// A point as pointJson wrote it (JSON numbers round-trip doubles exactly).
static llvm::Expected<DsePoint> pointFromJson(const ArchTemplate &t,
                                              const llvm::json::Value &v,
                                              llvm::StringRef file) {
  DsePoint p;
  llvm::json::Path::Root root;
  llvm::json::ObjectMapper m(v, root);
  int64_t index = -1;
  auto numbers = [&](llvm::StringRef key, std::vector<double> &out) {
    const llvm::json::Object *o = v.getAsObject();
    const llvm::json::Array *a = o ? o->getArray(key) : nullptr;
    if (!a)
      return false;
    for (const llvm::json::Value &x : *a) {
      std::optional<double> d = x.getAsNumber();
      if (!d)
        return false;
      out.push_back(*d);
    }
    return true;
  };
  if (!m || !m.map("point", index) || !m.map("arch", p.archName) ||
      !m.map("feasible", p.feasible) || !m.map("reason", p.reason) ||
      !m.map("violation", p.violation) || !m.map("pes", p.pes) ||
      !m.map("sram_bytes", p.sramBytes) || !m.map("area_mm2", p.areaMm2) ||
      !m.map("cycles", p.cycles) || !m.map("seconds", p.seconds) ||
      !m.map("energy_pj", p.energyPJ) || !m.map("accuracy", p.accuracy) ||
      !m.map("mapping_searches", p.mappingSearches) ||
      !numbers("network_seconds", p.networkSeconds) ||
      !numbers("network_energy_pj", p.networkEnergyPJ) ||
      !numbers("objectives", p.objectives) || index < 0 || index >= t.size())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   file + ": a point is malformed or not of "
                                          "the template");
  p.point = t.pointAt(index);
  return p;
}

/// The summary line's start: points evaluated, feasible, mapping searches.
static void printSummary(const ArchTemplate &t, const DseResult &r) {
  size_t feasible =
      llvm::count_if(r.points, [](const DsePoint &p) { return p.feasible; });
  llvm::outs() << llvm::formatv(
      "{0}: {1} of {2} points evaluated ({3} feasible), {4} mapping "
      "searches",
      t.name, r.points.size(), t.size(), feasible, r.mappingSearches);
  // Points with the same hardware (a network axis) share their searches.
  if (r.mappingSearchesShared)
    llvm::outs() << llvm::formatv(" ({0} shared between points)",
                                  r.mappingSearchesShared);
}

/// The front, by its first objective.
static std::vector<unsigned> sortedFront(const DseResult &r) {
  std::vector<unsigned> front = r.front;
  llvm::stable_sort(front, [&](unsigned a, unsigned b) {
    return r.points[a].objectives[0] < r.points[b].objectives[0];
  });
  return front;
}

static void printFrontTable(const ArchTemplate &t, const DseResult &r,
                            llvm::StringRef objectives) {
  std::vector<unsigned> front = sortedFront(r);
  llvm::outs() << "Pareto front (" << front.size() << " points, " << objectives
               << "):\n";
  llvm::outs() << llvm::formatv("{0,12} {1,12} {2,10} {3,6} {4,10}  {5}\n",
                                "latency-ms", "energy-uJ", "area-mm2", "PEs",
                                "SRAM-KiB", "knobs");
  for (unsigned i : front) {
    const DsePoint &p = r.points[i];
    llvm::outs() << llvm::formatv(
        "{0,12:f4} {1,12:f2} {2,10:f3} {3,6} {4,10:f1}  {5}\n", p.seconds * 1e3,
        p.energyPJ * 1e-6, p.areaMm2, p.pes, p.sramBytes / 1024.0,
        t.describe(p.point));
  }
  // Which values of each knob the front uses, and how often (CiMNet's
  // Table 5): the knobs the front is made of, and those it never needs.
  if (front.empty())
    return;
  llvm::outs() << "Knob values along the front (value x points):\n";
  for (auto [k, knob] : llvm::enumerate(t.knobs)) {
    std::vector<unsigned> uses(knob.values.size(), 0);
    for (unsigned i : front)
      ++uses[r.points[i].point[k]];
    llvm::outs() << "  " << knob.name << ":";
    for (auto [v, n] : llvm::enumerate(uses))
      if (n)
        llvm::outs() << " " << formatKnobValue(knob.values[v]) << " x" << n;
    llvm::outs() << "\n";
  }
}

/// Writes points.csv, points.json, front.csv and front/*.yaml.
static int writeOutputs(llvm::StringRef dir, const ArchTemplate &t,
                        const Sweep &sweep, const DseResult &r,
                        std::optional<std::pair<unsigned, unsigned>> shardOf) {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir + "/front"))
    return fail(dir + ": " + ec.message());
  // The front of an earlier run in the same directory goes.
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir + "/front", ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".yaml"))
      llvm::sys::fs::remove(it->path());
  auto open = [&](llvm::StringRef name) {
    std::error_code ec;
    auto os =
        std::make_unique<llvm::raw_fd_ostream>((dir + "/" + name).str(), ec);
    if (ec)
      os.reset();
    return os;
  };
  std::vector<unsigned> all(r.points.size());
  std::iota(all.begin(), all.end(), 0);
  std::vector<unsigned> front = sortedFront(r);
  auto points = open("points.csv"), frontCsv = open("front.csv"),
       json = open("points.json");
  if (!points || !frontCsv || !json)
    return fail("cannot write to " + dir);
  writeCsv(*points, t, sweep, r.points, all);
  writeCsv(*frontCsv, t, sweep, r.points, front);
  llvm::json::Array jsonPoints, frontIds;
  for (const DsePoint &p : r.points)
    jsonPoints.push_back(pointJson(t, p));
  for (unsigned i : front)
    frontIds.push_back(t.indexOf(r.points[i].point));
  llvm::json::Object root{{"sweep", sweep.toJson()},
                          {"points", std::move(jsonPoints)},
                          {"front", std::move(frontIds)}};
  if (shardOf)
    root["shard"] = llvm::json::Object{{"index", shardOf->first},
                                       {"count", shardOf->second}};
  *json << llvm::formatv("{0:2}\n", llvm::json::Value(std::move(root)));
  for (unsigned i : front) {
    llvm::Expected<std::string> text = t.instantiateText(r.points[i].point);
    if (!text)
      return fail(llvm::toString(text.takeError()));
    auto os = open("front/" + r.points[i].archName + ".yaml");
    if (!os)
      return fail("cannot write to " + dir + "/front");
    *os << *text;
  }
  return 0;
}

/// `accel-dse merge`: the shards' points.json into one sweep's files.
static int merge(const ArchTemplate &base) {
  if (outDir.empty())
    return fail("merge needs --out");
  // The shards' files, checked to be of one sweep.
  std::vector<std::pair<std::string, llvm::json::Value>> files;
  std::optional<llvm::json::Value> sweepJson;
  std::optional<unsigned> count;
  std::vector<bool> seen;
  for (const std::string &dir : inputPaths) {
    std::string file = dir + "/points.json";
    llvm::Expected<llvm::json::Value> v = readJson(file);
    if (!v)
      return fail(llvm::toString(v.takeError()));
    const llvm::json::Object *o = v->getAsObject();
    const llvm::json::Object *sh = o ? o->getObject("shard") : nullptr;
    const llvm::json::Array *pts = o ? o->getArray("points") : nullptr;
    const llvm::json::Value *sw = o ? o->get("sweep") : nullptr;
    int64_t index = sh ? sh->getInteger("index").value_or(-1) : -1;
    int64_t n = sh ? sh->getInteger("count").value_or(0) : 0;
    if (!pts || !sw || !sw->getAsObject() || n < 1 || index < 0 || index >= n)
      return fail(file + ": not the output of an accel-dse --shard run");
    unsigned shardIndex = unsigned(index), shardCount = unsigned(n);
    if (!sweepJson)
      sweepJson = *sw;
    else if (*sweepJson != *sw)
      return fail(file + ": a shard of another sweep (template, objectives, "
                         "networks, seed, mapping budget or precision "
                         "differ)");
    if (count && *count != shardCount)
      return fail(llvm::formatv("{0}: a shard of {1}, the others of {2}", file,
                                shardCount, *count));
    count = shardCount;
    seen.resize(shardCount);
    if (seen[shardIndex])
      return fail(
          llvm::formatv("{0}: shard {1} is given twice", file, shardIndex));
    seen[shardIndex] = true;
    files.push_back({file, std::move(*v)});
  }
  Sweep sweep;
  const llvm::json::Object &sw = *sweepJson->getAsObject();
  if (sw.getString("template") != base.name)
    return fail("the shards are of template '" +
                sw.getString("template").value_or("") + "', not '" + base.name +
                "'");
  sweep.templateName = base.name;
  if (const llvm::json::Array *a = sw.getArray("objectives"))
    for (const llvm::json::Value &x : *a)
      sweep.objectives.push_back(x.getAsString().value_or("").str());
  if (const llvm::json::Array *a = sw.getArray("networks"))
    for (const llvm::json::Value &x : *a)
      sweep.networks.push_back(x.getAsString().value_or("").str());
  sweep.seed = uint64_t(sw.getInteger("seed").value_or(0));
  sweep.map = sw.getString("map").value_or("").str();
  sweep.irPrecision = sw.getString("precision") == "ir";
  sweep.networkAxis = sw.getBoolean("network_axis").value_or(false);
  sweep.fuse = sw.getString("fuse").value_or("").str();
  ArchTemplate t =
      sweep.networkAxis ? withNetworkAxis(base, sweep.networks.size()) : base;
  std::vector<DseResult> shards;
  for (auto &[file, v] : files) {
    DseResult r;
    for (const llvm::json::Value &pv : *v.getAsObject()->getArray("points")) {
      llvm::Expected<DsePoint> p = pointFromJson(t, pv, file);
      if (!p)
        return fail(llvm::toString(p.takeError()));
      r.mappingSearches += p->mappingSearches;
      r.points.push_back(std::move(*p));
    }
    shards.push_back(std::move(r));
  }
  llvm::Expected<DseResult> merged = mergeDseShards(t, std::move(shards));
  if (!merged)
    return fail(llvm::toString(merged.takeError()));
  printSummary(t, *merged);
  llvm::outs() << llvm::formatv(" (merged from {0} shards)\n", *count);
  printFrontTable(t, *merged, llvm::join(sweep.objectives, ","));
  return writeOutputs(outDir, t, sweep, *merged, std::nullopt);
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // `accel-dse merge ...`: the subcommand is the first argument.
  bool merging = argc > 1 && llvm::StringRef(argv[1]) == "merge";
  std::vector<char *> args(argv, argv + argc);
  if (merging)
    args.erase(args.begin() + 1);
  cl::HideUnrelatedOptions(dseCategory);
  cl::ParseCommandLineOptions(int(args.size()), args.data(),
                              "accel-dse: searches an accelerator template "
                              "for networks (Pareto fronts)\n");
  llvm::Expected<ArchTemplate> t = loadArchTemplate(templatePath);
  if (!t)
    return fail(llvm::toString(t.takeError()));
  if (merging)
    return merge(*t);
  DseOptions o;
  o.networkAxis = networkAxis;
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
      return fail("unknown objective '" + n + "' (latency, energy, edp, area)");
    o.objectives.push_back(*obj);
  }
  o.fixedMappings = mapBudget == "default";
  if (!o.fixedMappings &&
      !parseBudget(mapBudget, o.mapping.population, o.mapping.generations))
    return fail("--map: expected POPxGEN with POP >= 2 and GEN >= 1, or "
                "'default', got '" +
                mapBudget + "'");
  if (population < 2 || generations < 1)
    return fail("--population must be >= 2 and --generations >= 1");
  std::optional<std::pair<unsigned, unsigned>> shardOf;
  if (!shard.empty()) {
    auto [i, n] = llvm::StringRef(shard).split('/');
    unsigned index, count;
    if (i.getAsInteger(10, index) || n.getAsInteger(10, count) || count < 1 ||
        index >= count)
      return fail("--shard: expected I/N with 0 <= I < N, got '" + shard + "'");
    o.shardIndex = index;
    o.shardCount = count;
    shardOf = {index, count};
  }

  DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  MLIRContext ctx(registry);
  std::vector<DseNetwork> nets;
  Sweep sweep;
  sweep.templateName = t->name;
  for (DseObjective obj : o.objectives)
    sweep.objectives.push_back(dseObjectiveName(obj).str());
  sweep.seed = o.seed;
  sweep.map = mapBudget;
  sweep.irPrecision = irPrecision;
  sweep.networkAxis = networkAxis;
  sweep.fuse = fuseBudget;
  if (!fuseBudget.empty()) {
    o.fuse = true;
    if (!parseBudget(fuseBudget, o.fusion.population, o.fusion.generations))
      return fail("--fuse: expected POPxGEN with POP >= 2 and GEN >= 1, got '" +
                  fuseBudget + "'");
    if (o.fixedMappings)
      return fail("--fuse searches mappings: it needs --map=POPxGEN");
  }
  for (const std::string &path : inputPaths) {
    llvm::Expected<DseNetwork> n = loadNetwork(path, ctx);
    if (!n)
      return fail(llvm::toString(n.takeError()));
    sweep.networks.push_back(n->name);
    nets.push_back(std::move(*n));
  }
  // The points: the template's, and on a network axis one network each.
  ArchTemplate space = networkAxis ? withNetworkAxis(*t, nets.size()) : *t;

  // A checkpoint: the sweep it belongs to and every point evaluated.
  if (!checkpointPath.empty()) {
    // A checkpoint also records what a shard need not: the search's own
    // strategy and population.
    auto checkpointSweep = [&] {
      llvm::json::Object sw = sweep.toJson();
      sw["strategy"] = strategy == DseStrategy::Nsga2 ? "nsga2" : "exhaustive";
      sw["population"] = int64_t(population);
      return sw;
    };
    if (llvm::sys::fs::exists(checkpointPath)) {
      llvm::Expected<llvm::json::Value> v = readJson(checkpointPath);
      if (!v)
        return fail(llvm::toString(v.takeError()));
      const llvm::json::Object *obj = v->getAsObject();
      const llvm::json::Value *sw = obj ? obj->get("sweep") : nullptr;
      const llvm::json::Array *pts = obj ? obj->getArray("points") : nullptr;
      if (!sw || !pts)
        return fail(checkpointPath + ": not an accel-dse checkpoint");
      if (*sw != llvm::json::Value(checkpointSweep()))
        return fail(checkpointPath + ": a checkpoint of another search "
                                     "(template, networks, objectives, "
                                     "seed, budgets, population or strategy "
                                     "differ)");
      for (const llvm::json::Value &pv : *pts) {
        llvm::Expected<DsePoint> p = pointFromJson(space, pv, checkpointPath);
        if (!p)
          return fail(llvm::toString(p.takeError()));
        o.resumeFrom.push_back(std::move(*p));
      }
    }
    o.checkpoint = [&, checkpointSweep](llvm::ArrayRef<DsePoint> points) {
      llvm::json::Object sw = checkpointSweep();
      llvm::json::Array jsonPoints;
      for (const DsePoint &p : points)
        jsonPoints.push_back(pointJson(space, p));
      // Written aside, then renamed: an interruption leaves the last one.
      std::string temp = checkpointPath + ".tmp";
      {
        std::error_code ec;
        llvm::raw_fd_ostream os(temp, ec);
        if (ec)
          return;
        os << llvm::formatv("{0:2}\n", llvm::json::Value(llvm::json::Object{
                                           {"sweep", std::move(sw)},
                                           {"points", std::move(jsonPoints)}}));
      }
      llvm::sys::fs::rename(temp, checkpointPath);
    };
  }

  auto start = std::chrono::steady_clock::now();
  llvm::Expected<DseResult> r = searchHardware(space, nets, o);
  if (!r)
    return fail(llvm::toString(r.takeError()));
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  printSummary(space, *r);
  if (r->resumed)
    llvm::outs() << llvm::formatv(" ({0} from the checkpoint)", r->resumed);
  llvm::outs() << llvm::formatv(", {0:f1} s ({1:f1} points/s)\n", seconds,
                                seconds > 0 ? r->points.size() / seconds : 0.0);
  printFrontTable(space, *r, objectives);
  if (outDir.empty())
    return 0;
  return writeOutputs(outDir, space, sweep, *r, shardOf);
}
