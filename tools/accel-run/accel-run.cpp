//===- accel-run.cpp - Runs a network with the reference kernels ----------===//
//
//   accel-run MODEL.mlir|MODEL.onnx [--function=NAME] [--input=X.npy]...
//             [--weights=W.npz]//             [--seed=N] [--output=Y.npy]...
//             [--compare=REF.npy]...
//             [--tolerance=X] [--run-threads=N]
//
// Runs the function (the first with a body, or --function) with the
// reference interpreter: --input files bind its arguments in order, except
// the weights: arguments marked accel.weight = "NAME" take the array NAME of
// the weights file (--weights, or the module's accel.weights_file, found as
// given or next to the model); the arguments left (all of them, or the
// weights of a model imported without a weights file) get seeded uniform
// values in [-1, 1). Prints each
// result's shape and range; --output writes results as .npy; --compare
// checks result i against REF i: it passes when max |result - ref| <=
// tolerance x max |ref| and no element is NaN or infinite unless the
// reference's is the same infinity (exit 1 otherwise, saying by how much);
// the default tolerance is 1e-4, or for a program whose data is narrower than
// f32 (an f32 network lowered for a 16-bit accelerator) 8 units of rounding of
// its narrowest float type: f16 3.9e-3, bf16 3.1e-2. An ONNX file is imported
// first, its weights as constants.
//
// An acmd program (a function of commands on memref arguments) runs on the
// command executor: its results are the arguments its stores write, in
// argument order; it also prints the DRAM traffic and the peak bytes in use
// per on-chip partition, checked against the accelerator (--arch, or the
// module's accel.target, when there is one).
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/ArchResolution.h"
#include "accel/Execution/CommandExecutor.h"
#include "accel/Kernels/Npy.h"
#include "accel/Kernels/Npz.h"
#include "accel/Registration/Registration.h"
#include "accel/Target/OnnxImport.h"
#include "dialects/accel/AccelDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/StringMap.h"
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
#include <cmath>
#include <random>
#include <thread>

using namespace mlir;
using namespace accel;
namespace cl = llvm::cl;

/// accel-run's own options; --help shows these (and the generic ones) only,
/// not what LLVM's back ends register.
static cl::OptionCategory runCategory("accel-run options");

static cl::opt<std::string> modelPath(cl::Positional, cl::Required,
                                      cl::desc("<model .mlir or .onnx>"),
                                      cl::cat(runCategory));
static cl::opt<std::string>
    functionName("function", cl::desc("Function to run"), cl::cat(runCategory));
static cl::list<std::string> inputs("input",
                                    cl::desc("An argument, as .npy (in order)"),
                                    cl::cat(runCategory));
static cl::opt<std::string> weightsPath(
    "weights",
    cl::desc("The .npz file the accel.weight arguments take their values "
             "from (default: the module's accel.weights_file)"),
    cl::value_desc("file.npz"), cl::cat(runCategory));
static cl::list<std::string>
    outputs("output", cl::desc("Write a result as .npy"), cl::cat(runCategory));
static cl::list<std::string>
    references("compare",
               cl::desc("A reference for a result, as .npy (in order)"),
               cl::cat(runCategory));
static cl::opt<double>
    tolerance("tolerance", cl::init(0),
              cl::desc("Allowed max |difference| relative to max |reference|, "
                       "0 for bit for bit (default: 1e-4, or 8 roundings of "
                       "the function's narrowest float type when it is "
                       "narrower than f32)"),
              cl::cat(runCategory));

/// The default tolerance of a comparison with a reference computed in f32
/// or wider: 1e-4, or 8 units of rounding (2^-digits) of the narrowest float
/// type `f` takes or returns, when it is narrower than f32.
static double defaultTolerance(FunctionOpInterface f) {
  double tol = 1e-4;
  for (Type t :
       llvm::concat<const Type>(f.getArgumentTypes(), f.getResultTypes()))
    if (auto shaped = dyn_cast<ShapedType>(t))
      if (auto ft = dyn_cast<FloatType>(shaped.getElementType()))
        if (ft.getWidth() < 32)
          tol =
              std::max(tol, 8 * std::ldexp(1.0, -int(ft.getFPMantissaWidth())));
  return tol;
}
static cl::opt<std::string>
    archName("arch",
             cl::desc("Accelerator for an acmd program's capacities (default: "
                      "the module's accel.target)"),
             cl::cat(runCategory));
static cl::opt<uint64_t> seed("seed", cl::init(0),
                              cl::desc("Seed of the arguments not given"),
                              cl::cat(runCategory));
static cl::opt<unsigned> threads("run-threads", cl::init(0),
                                 cl::desc("Threads (0: every core)"),
                                 cl::cat(runCategory));
static cl::opt<std::string>
    tracePath("trace",
              cl::desc("Write an acmd program's modelled timeline as a Chrome "
                       "trace (JSON; chrome://tracing, Perfetto)"),
              cl::cat(runCategory));

/// The timeline as Chrome's trace format: one thread per queue, times in
/// microseconds at the accelerator's clock.
static llvm::Error writeTrace(const CommandRun &run, const Arch &arch,
                              llvm::StringRef path) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (ec)
    return llvm::createStringError(ec, "cannot write " + path.str());
  static const char *queues[] = {"DMA loads", "DMA stores", "copies",
                                 "computes"};
  double usPerCycle = 1e-3 / arch.clockGHz;
  llvm::json::OStream j(os);
  j.object([&] {
    j.attributeArray("traceEvents", [&] {
      for (unsigned q = 0; q < 4; ++q)
        j.object([&] {
          j.attribute("name", "thread_name");
          j.attribute("ph", "M");
          j.attribute("pid", 1);
          j.attribute("tid", q);
          j.attributeObject("args", [&] { j.attribute("name", queues[q]); });
        });
      for (const CommandRun::TimedCommand &c : run.timeline)
        j.object([&] {
          j.attribute("name", c.name);
          j.attribute("cat", queues[c.queue]);
          j.attribute("ph", "X");
          j.attribute("pid", 1);
          j.attribute("tid", c.queue);
          j.attribute("ts", c.start * usPerCycle);
          j.attribute("dur", (c.end - c.start) * usPerCycle);
          j.attributeObject("args", [&] {
            j.attribute("start_cycle", c.start);
            j.attribute("end_cycle", c.end);
            if (c.bytes)
              j.attribute("bytes", c.bytes);
          });
        });
    });
    j.attribute("displayTimeUnit", "ns");
  });
  return llvm::Error::success();
}

/// A weights file, its arrays by name.
struct WeightFile {
  std::string path;
  llvm::StringMap<NdArray> arrays;
};

/// The weights file: `given`, else the module's accel.weights_file, as
/// written or, when it is relative and not found, next to the model; none
/// when neither names one.
static llvm::Expected<std::optional<WeightFile>>
loadWeights(ModuleOp module, llvm::StringRef model, llvm::StringRef given) {
  std::string path = given.str();
  if (path.empty()) {
    auto attr = module->getAttrOfType<StringAttr>(kWeightsFileAttr);
    if (!attr)
      return std::nullopt;
    path = attr.getValue().str();
    llvm::SmallString<256> beside = llvm::sys::path::parent_path(model);
    llvm::sys::path::append(beside, llvm::sys::path::filename(path));
    if (!llvm::sys::fs::exists(path) && llvm::sys::fs::exists(beside))
      path = beside.str().str();
  }
  llvm::Expected<NpzArrays> arrays = readNpz(path);
  if (!arrays)
    return arrays.takeError();
  WeightFile file{path, {}};
  for (auto &[name, a] : *arrays)
    file.arrays[name] = std::move(a);
  return file;
}

static int fail(const llvm::Twine &msg) {
  llvm::errs() << "accel-run: error: " << msg << "\n";
  return 2;
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(runCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "accel-run: runs an accel network with the "
                              "reference kernels\n");
  if (!(tolerance >= 0) || std::isinf(tolerance))
    return fail(llvm::formatv("--tolerance must be a finite number >= 0, "
                              "got {0}",
                              double(tolerance)));
  DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  MLIRContext ctx(registry);
  auto buffer = llvm::MemoryBuffer::getFile(modelPath, /*IsText=*/false);
  if (!buffer)
    return fail(modelPath + ": " + buffer.getError().message());
  OwningOpRef<ModuleOp> module;
  if (llvm::StringRef(modelPath).ends_with(".onnx")) {
    OnnxImportOptions o;
    o.weights = OnnxWeights::Inline;
    module = importOnnx((*buffer)->getBuffer(), modelPath, &ctx, o);
  } else {
    llvm::SourceMgr sources;
    sources.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
    module = parseSourceFile<ModuleOp>(sources, &ctx);
  }
  if (!module)
    return 2; // the parser or importer said why
  func::FuncOp f;
  for (auto fn : module->getOps<func::FuncOp>())
    if (!fn.isExternal() &&
        (functionName.empty() || fn.getName() == functionName)) {
      f = fn;
      break;
    }
  if (!f)
    return fail(functionName.empty()
                    ? llvm::Twine("no function with a body")
                    : llvm::Twine("no function '") + functionName + "'");

  // Arguments: the inputs given, the weights from their file, then seeded
  // values.
  llvm::Expected<std::optional<WeightFile>> weights =
      loadWeights(*module, modelPath, weightsPath);
  if (!weights)
    return fail(llvm::toString(weights.takeError()));
  std::vector<NdArray> args;
  unsigned numArgs = f.getNumArguments(), numInputs = 0, seededWeights = 0;
  for (unsigned i = 0; i < numArgs; ++i)
    numInputs += !f.getArgAttr(i, kWeightArgAttr);
  if (inputs.size() > numInputs)
    return fail(llvm::formatv(
        "{0} inputs given, '{1}' takes {2} arguments{3}", inputs.size(),
        f.getName(), numInputs,
        numArgs == numInputs
            ? std::string()
            : llvm::formatv(" besides its {0} weights", numArgs - numInputs)
                  .str()));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> uniform(-1, 1);
  unsigned nextInput = 0;
  for (unsigned i = 0; i < numArgs; ++i) {
    auto type = dyn_cast<ShapedType>(f.getArgumentTypes()[i]);
    auto weight = f.getArgAttrOfType<StringAttr>(i, kWeightArgAttr);
    if (!weight && nextInput < inputs.size()) {
      llvm::Expected<NdArray> a = readNpy(inputs[nextInput++]);
      if (!a)
        return fail(llvm::toString(a.takeError()));
      args.push_back(std::move(*a));
      continue;
    }
    if (weight && *weights) {
      auto it = (*weights)->arrays.find(weight.getValue());
      if (it == (*weights)->arrays.end())
        return fail(llvm::formatv("{0} has no array '{1}' (argument #{2})",
                                  (*weights)->path, weight.getValue(), i));
      if (type && type.hasStaticShape() &&
          it->second.shape != Shape(type.getShape()))
        return fail(llvm::formatv("{0}: array '{1}' has shape {2}, argument "
                                  "#{3} is {4}",
                                  (*weights)->path, weight.getValue(),
                                  formatShape(it->second.shape), i,
                                  formatShape(type.getShape())));
      args.push_back(it->second);
      continue;
    }
    seededWeights += bool(weight);
    if (!type || !type.hasStaticShape())
      return fail(llvm::formatv("argument #{0} is not a static tensor or "
                                "memref",
                                i));
    if (!fitsArray(type.getShape()))
      return fail(llvm::formatv("argument #{0} of shape {1} has more "
                                "elements than a reference run holds (2^30)",
                                i, formatShape(type.getShape())));
    NdArray a(type.getShape());
    for (double &v : a.data)
      v = uniform(rng);
    args.push_back(std::move(a));
  }
  if (*weights)
    llvm::outs() << llvm::formatv("weights: {0} arrays from {1}\n",
                                  numArgs - numInputs, (*weights)->path);
  else if (seededWeights)
    llvm::outs() << llvm::formatv(
        "weights: {0} seeded (the module has no weights file; "
        "accel-translate --onnx-weights=file writes one)\n",
        seededWeights);

  InterpreterOptions o;
  o.threads =
      threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  auto start = std::chrono::steady_clock::now();
  llvm::Expected<std::vector<NdArray>> results = std::vector<NdArray>();
  std::optional<CommandRun> commands;
  std::optional<Arch> arch;
  if (isCommandProgram(f)) {
    if (!archName.empty() || (*module)->hasAttr("accel.target")) {
      FailureOr<Arch> a = resolvePassArch(*module, archName);
      if (failed(a))
        return 2;
      arch = *a;
    }
    llvm::Expected<CommandRun> r =
        runCommands(f, args, arch ? &*arch : nullptr, o);
    if (!r)
      return fail(llvm::toString(r.takeError()));
    for (auto [a, written] : llvm::zip(r->memory, r->written))
      if (written)
        results->push_back(a);
    commands = std::move(*r);
  } else {
    results = runFunction(f, args, o);
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  if (!results)
    return fail(llvm::toString(results.takeError()));
  llvm::outs() << llvm::formatv("ran @{0} in {1:f2} s ({2} threads)\n",
                                f.getName(), seconds, o.threads);
  if (commands) {
    llvm::outs() << llvm::formatv(
        "{0} commands; DRAM read {1} elements ({2} B), written {3} elements "
        "({4} B)\n",
        commands->commands, commands->elementsRead, commands->bytesRead,
        commands->elementsWritten, commands->bytesWritten);
    for (auto &[partition, bytes] : commands->peakBytes)
      llvm::outs() << llvm::formatv("peak {0}: {1} B\n", partition, bytes);
    if (arch && !commands->timeline.empty())
      llvm::outs() << llvm::formatv(
          "modelled timeline: {0:f0} cycles ({1:f3} ms at {2} GHz)\n",
          commands->cycles, commands->cycles / arch->clockGHz * 1e-6,
          arch->clockGHz);
    if (!tracePath.empty()) {
      if (!arch)
        return fail("--trace needs an accelerator (--arch or accel.target)");
      if (llvm::Error e = writeTrace(*commands, *arch, tracePath))
        return fail(llvm::toString(std::move(e)));
    }
    if (!commands->groups.empty()) {
      int64_t read = 0, written = 0;
      for (const CommandRun::GroupTraffic &g : commands->groups) {
        read += g.read;
        written += g.written;
      }
      llvm::outs() << llvm::formatv(
          "{0} segments: DRAM traffic (and groups' on-chip peak) equal the "
          "cost model's "
          "prediction for each (read {1} B, written {2} B)\n",
          commands->groups.size(), read, written);
    }
  }
  if (outputs.size() > results->size() || references.size() > results->size())
    return fail(llvm::formatv("the function has {0} results", results->size()));
  int status = 0;
  for (auto [i, r] : llvm::enumerate(*results)) {
    // The range of the finite values; NaNs and infinities are counted, not
    // hidden (a comparison with NaN is false either way).
    double lo = INFINITY, hi = -INFINITY;
    int64_t nonFinite = 0;
    for (double v : r.data) {
      if (!std::isfinite(v)) {
        ++nonFinite;
        continue;
      }
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    llvm::outs() << llvm::formatv("result #{0}: {1}, values in [{2:g}, {3:g}]",
                                  i, formatShape(r.shape), lo, hi);
    if (nonFinite)
      llvm::outs() << llvm::formatv(", {0} NaN or infinite", nonFinite);
    llvm::outs() << "\n";
    if (i < outputs.size())
      if (llvm::Error e = writeNpy(outputs[i], r))
        return fail(llvm::toString(std::move(e)));
    if (i >= references.size())
      continue;
    llvm::Expected<NdArray> ref = readNpy(references[i]);
    if (!ref)
      return fail(llvm::toString(ref.takeError()));
    if (ref->size() != r.size())
      return fail(llvm::formatv("result #{0} has shape {1} but {2} has {3}", i,
                                formatShape(r.shape), references[i],
                                formatShape(ref->shape)));
    // Elements where either side is NaN or infinite match only when both
    // are the same infinity; the others are counted and fail the run.
    double diff = 0, scale = 0;
    int64_t unequal = 0;
    for (int64_t k = 0; k < r.size(); ++k) {
      double a = r.data[k], b = ref->data[k];
      if (!std::isfinite(a) || !std::isfinite(b)) {
        unequal += a != b;
        continue;
      }
      diff = std::max(diff, std::abs(a - b));
      scale = std::max(scale, std::abs(b));
    }
    // Given, even 0 (bit for bit), it is the tolerance.
    double allowed =
        tolerance.getNumOccurrences() ? double(tolerance) : defaultTolerance(f);
    bool ok = !unequal && diff <= allowed * scale;
    llvm::outs() << llvm::formatv(
        "result #{0} vs {1}: max |diff| {2:e} = {3:e} x max |reference| "
        "{4:e}",
        i, references[i], diff, scale > 0 ? diff / scale : 0.0, scale);
    if (unequal)
      llvm::outs() << llvm::formatv(
          ", {0} elements NaN or infinite and unequal", unequal);
    llvm::outs() << llvm::formatv(": {0} (tolerance {1:e})\n",
                                  ok ? "match" : "MISMATCH", allowed);
    if (!ok)
      status = 1;
  }
  return status;
}
