//===- accel-fuzz.cpp - A deterministic mutation fuzzer -------------------===//
//
// Feeds mutated inputs to one of accel-opt's input formats and checks that
// each is answered with a result or a diagnostic, never a crash or a hang:
//
//   onnx  the ONNX importer (accel-translate --import-onnx);
//   mlir  the parser and verifier, then --accel-cost-report and a small
//         --accel-map on eyeriss-like;
//   yaml  the accelerator file loader;
//   npy   the .npy and .npz readers (inputs, references, weights files);
//   fuse  the parser and verifier, then a small --accel-fuse, the precision
//         conversion, --accel-lower-to-acmd and --accel-check-acmd;
//   run   the parser and verifier, then the executor (accel-run): the
//         reference interpreter on accel networks, the command executor on
//         acmd programs, with zero inputs.
//
// Inputs are seeds (files) mutated by a seeded generator: bit flips, byte
// and chunk insertions, deletions and duplications, and numbers replaced by
// boundary values (0, -1, 2^31, 2^62, ...); ONNX models are also mutated
// as graphs (OnnxMutation.h). Each case runs in a child process with a time
// and a memory limit; a child killed by a signal (an abort on exhausted
// memory included), or out of time, is a finding, saved under --out with
// the seed and case number. The same seeds, --seed and --cases give the
// same cases.
//
//===----------------------------------------------------------------------===//

#include "OnnxMutation.h"
#include "accel/Analysis/ArchResolution.h"
#include "accel/Analysis/Passes.h"
#include "accel/Arch/ArchYaml.h"
#include "accel/Conversion/Passes.h"
#include "accel/Execution/CommandExecutor.h"
#include "accel/Kernels/Npy.h"
#include "accel/Kernels/Npz.h"
#include "accel/Registration/Registration.h"
#include "accel/Target/OnnxImport.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelGraph.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <csignal>
#include <limits>
#include <random>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cl = llvm::cl;
static cl::OptionCategory fuzzCategory("accel-fuzz options");
static cl::opt<std::string>
    target(cl::Positional, cl::Required,
           cl::desc("<onnx | mlir | yaml | npy | fuse | run>"),
           cl::cat(fuzzCategory));
static cl::list<std::string> seeds(cl::Positional, cl::OneOrMore,
                                   cl::desc("<seed files>"),
                                   cl::cat(fuzzCategory));
static cl::opt<unsigned> cases("cases", cl::init(1000),
                               cl::desc("Mutated inputs to try"),
                               cl::cat(fuzzCategory));
static cl::opt<uint64_t> seed("seed", cl::init(1),
                              cl::desc("Seed of the mutations"),
                              cl::cat(fuzzCategory));
static cl::opt<unsigned> seconds(
    "seconds", cl::init(0),
    cl::desc("Run cases until this many seconds have passed (0: --cases "
             "decides); the cases are the same, only their number varies"),
    cl::cat(fuzzCategory));
static cl::opt<unsigned> timeout("timeout", cl::init(20),
                                 cl::desc("Seconds a case may take"),
                                 cl::cat(fuzzCategory));
static cl::opt<unsigned>
    memoryMiB("memory", cl::init(4096),
              cl::desc("MiB of address space a case may use (not under ASan, "
                       "which reserves its own)"),
              cl::cat(fuzzCategory));
static cl::opt<std::string> outDir("out", cl::init("fuzz-findings"),
                                   cl::desc("Where findings are saved"),
                                   cl::cat(fuzzCategory));
static cl::opt<bool> replay("replay", cl::init(false),
                            cl::desc("Run the seeds as they are (a corpus of "
                                     "past findings), no mutation"),
                            cl::cat(fuzzCategory));

namespace {

/// The inputs the executor target runs: at most this many elements in its
/// arguments, and this many MACs in its layers (a slow run of a big but
/// valid network is not a hang worth reporting).
constexpr int64_t kMaxRunElements = int64_t(1) << 22;
constexpr int64_t kMaxRunMacs = int64_t(1) << 26;

/// Runs the first function of `module` with zero inputs, as accel-run does.
void runExecutor(mlir::ModuleOp module) {
  mlir::func::FuncOp f;
  for (auto fn : module.getOps<mlir::func::FuncOp>())
    if (!fn.isExternal()) {
      f = fn;
      break;
    }
  if (!f)
    return;
  int64_t macs = 0;
  bool tooBig = false;
  f.walk([&](accel::LayerOpInterface layer) {
    macs += layer.getProblem().macs();
    tooBig |= macs > kMaxRunMacs;
  });
  std::vector<accel::NdArray> args;
  int64_t elements = 0;
  for (mlir::Type t : f.getArgumentTypes()) {
    auto shaped = mlir::dyn_cast<mlir::ShapedType>(t);
    if (!shaped || !shaped.hasStaticShape())
      return; // accel-run refuses these with an error
    elements += shaped.getNumElements();
    tooBig |= elements > kMaxRunElements;
    if (tooBig)
      return;
    args.emplace_back(shaped.getShape());
  }
  if (!accel::isCommandProgram(f)) {
    llvm::consumeError(accel::runFunction(f, args).takeError());
    return;
  }
  std::optional<accel::Arch> arch;
  if (module->hasAttr("accel.target")) {
    mlir::FailureOr<accel::Arch> a = accel::resolvePassArch(module, "");
    if (mlir::failed(a))
      return;
    arch = *a;
  }
  llvm::consumeError(
      accel::runCommands(f, args, arch ? &*arch : nullptr).takeError());
}

/// The passes of the mlir and fuse targets, with small search budgets.
void addPasses(mlir::PassManager &pm) {
  if (target == "mlir") {
    accel::AccelCostReportOptions report;
    report.arch = "eyeriss-like";
    pm.addPass(accel::createAccelCostReport(report));
    accel::AccelMapOptions map;
    map.arch = "eyeriss-like";
    map.population = 4;
    map.generations = 2;
    map.remarks = false;
    map.threads = 1;
    pm.addPass(accel::createAccelMap(map));
    return;
  }
  accel::AccelFuseOptions fuse;
  fuse.arch = "eyeriss-like";
  fuse.population = 6;
  fuse.generations = 3;
  fuse.searchMapPopulation = 4;
  fuse.searchMapGenerations = 2;
  fuse.mapPopulation = 4;
  fuse.mapGenerations = 2;
  fuse.threads = 1;
  fuse.remarks = false;
  pm.addPass(accel::createAccelFuse(fuse));
  pm.addPass(accel::createAccelConvertPrecision());
  pm.addPass(accel::createAccelLowerToAcmd());
  pm.addPass(accel::createAccelCheckAcmd());
}

/// Runs one input through the target in this process; whether its front
/// (the importer, the loader, or the parser and verifier) accepted it.
/// Diagnostics are swallowed: an error is a fine answer.
bool runTarget(llvm::StringRef bytes) {
  mlir::DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
  if (target == "yaml") {
    llvm::Expected<accel::Arch> arch = accel::parseArchYaml(bytes, "fuzz");
    if (!arch)
      llvm::consumeError(arch.takeError());
    return bool(arch);
  }
  if (target == "npy") {
    // An .npy file by its magic, anything else as an archive.
    if (bytes.starts_with("\x93NUMPY")) {
      llvm::Expected<accel::NdArray> a = accel::parseNpy(bytes);
      if (!a)
        llvm::consumeError(a.takeError());
      return bool(a);
    }
    llvm::Expected<accel::NpzArrays> arrays = accel::parseNpz(bytes);
    if (!arrays)
      llvm::consumeError(arrays.takeError());
    return bool(arrays);
  }
  if (target == "onnx") {
    // Both weight paths (constants, folded by value; arguments, folded by
    // structure), chosen by the input so that a case replays the same way.
    accel::OnnxImportOptions options;
    options.weights = bytes.size() % 2 ? accel::OnnxWeights::Arguments
                                       : accel::OnnxWeights::Inline;
    return bool(accel::importOnnx(bytes, "fuzz.onnx", &ctx, options));
  }
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(bytes, &ctx);
  if (!module || mlir::failed(mlir::verify(*module)))
    return false;
  if (target == "run") {
    runExecutor(*module);
    return true;
  }
  mlir::PassManager pm(&ctx);
  addPasses(pm);
  (void)pm.run(*module);
  return true;
}

/// One mutation of `data`, drawn from `rng`.
void mutate(std::string &data, std::mt19937_64 &rng) {
  auto pick = [&](uint64_t n) { return n ? rng() % n : 0; };
  if (target == "onnx" && pick(2) && accel::fuzz::mutateOnnxModel(data, rng))
    return;
  static const char *numbers[] = {"0",
                                  "-1",
                                  "-2147483649",
                                  "2147483648",
                                  "4611686018427387904",
                                  "9223372036854775807",
                                  "1e308",
                                  "nan",
                                  "-0",
                                  "65536"};
  // Text formats: mostly token-level changes, which keep the text parseable
  // often enough to reach the verifier and the passes.
  bool text = target != "onnx";
  switch (text && pick(10) < 7 ? 4 + 2 * pick(2) : pick(6)) {
  case 6: { // a word replaced by another word of the input (op names,
            // attribute kinds, element types: text that still parses)
    std::vector<std::pair<size_t, size_t>> words;
    auto wordChar = [](char c) {
      return isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    };
    for (size_t i = 0; i < data.size();) {
      if (!isalpha(static_cast<unsigned char>(data[i]))) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < data.size() && wordChar(data[end]))
        ++end;
      words.emplace_back(i, end - i);
      i = end;
    }
    if (words.size() < 2)
      break;
    auto [at, n] = words[pick(words.size())];
    auto [from, m] = words[pick(words.size())];
    data.replace(at, n, data.substr(from, m));
    break;
  }
  case 0: // flip a bit
    if (!data.empty())
      data[pick(data.size())] ^= char(1u << pick(8));
    break;
  case 1: { // insert a random byte
    data.insert(data.begin() + pick(data.size() + 1), char(pick(256)));
    break;
  }
  case 2: // delete a chunk
    if (!data.empty()) {
      size_t at = pick(data.size());
      data.erase(at, 1 + pick(std::min<size_t>(16, data.size() - at)));
    }
    break;
  case 3: // duplicate a chunk
    if (!data.empty()) {
      size_t at = pick(data.size());
      size_t n = 1 + pick(std::min<size_t>(32, data.size() - at));
      data.insert(pick(data.size() + 1), data.substr(at, n));
    }
    break;
  case 4: { // a run of digits replaced by a boundary or a nearby value
    std::vector<size_t> starts;
    for (size_t i = 0; i < data.size(); ++i)
      if (isdigit(static_cast<unsigned char>(data[i])) &&
          (i == 0 || !isdigit(static_cast<unsigned char>(data[i - 1]))))
        starts.push_back(i);
    if (starts.empty())
      break;
    size_t at = starts[pick(starts.size())], end = at;
    while (end < data.size() && isdigit(static_cast<unsigned char>(data[end])))
      ++end;
    std::string digits = data.substr(at, end - at);
    uint64_t n = digits.size() < 18 ? std::stoull(digits) : 1;
    uint64_t nearby[] = {n + 1, n ? n - 1 : 2, 2 * n, n / 2, 1};
    data.replace(at, end - at,
                 pick(2) ? std::string(numbers[pick(std::size(numbers))])
                         : std::to_string(nearby[pick(std::size(nearby))]));
    break;
  }
  default: // overwrite a byte with an extreme one
    if (!data.empty())
      data[pick(data.size())] = "\x00\xff\x7f\x80"[pick(4)];
    break;
  }
}

/// How a child answered: a finding (why it failed), or whether the
/// target's front accepted the input.
struct Outcome {
  std::string finding;
  bool accepted = false;
};
constexpr int kRejected = 3; ///< a child's exit code: the front said no

/// Runs `input` in a child. The parent keeps the time: a child that
/// crashes can hang in its own crash handler (LLVM's stack printer calls
/// malloc, which deadlocks on a corrupted heap), where its alarm is blocked.
Outcome runIsolated(const std::string &input) {
  sigset_t childSignal, previous;
  sigemptyset(&childSignal);
  sigaddset(&childSignal, SIGCHLD);
  sigprocmask(SIG_BLOCK, &childSignal, &previous);
  llvm::outs().flush(); // or the child's exit may print it again
  pid_t pid = fork();
  if (pid < 0) {
    sigprocmask(SIG_SETMASK, &previous, nullptr);
    return {"fork failed"};
  }
  if (pid == 0) {
    sigprocmask(SIG_SETMASK, &previous, nullptr);
#if !defined(__SANITIZE_ADDRESS__)
    rlimit limit;
    limit.rlim_cur = limit.rlim_max = rlim_t(memoryMiB) << 20;
    setrlimit(RLIMIT_AS, &limit);
#endif
    _exit(runTarget(input) ? 0 : kRejected);
  }
  auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(timeout);
  int status = 0;
  bool hung = false;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::nanoseconds(0)) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      hung = true;
      break;
    }
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left);
    timespec wait{time_t(ns.count() / 1000000000),
                  long(ns.count() % 1000000000)};
    sigtimedwait(&childSignal, nullptr, &wait); // until SIGCHLD or the deadline
  }
  sigprocmask(SIG_SETMASK, &previous, nullptr);
  if (hung)
    return {"hang (over " + std::to_string(timeout) + " s)"};
  if (WIFSIGNALED(status))
    return {std::string("signal ") + strsignal(WTERMSIG(status))};
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code != 0 && code != kRejected)
    return {"exit " + std::to_string(code)};
  return {"", code == 0};
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(fuzzCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "accel-fuzz: mutation fuzzing of accel-opt's "
                              "input formats\n");
  if (!llvm::is_contained({"onnx", "mlir", "yaml", "npy", "fuse", "run"},
                          target.getValue())) {
    llvm::errs()
        << "accel-fuzz: the target is onnx, mlir, yaml, npy, fuse or run\n";
    return 2;
  }
  std::vector<std::pair<std::string, std::string>> corpus;
  for (const std::string &path : seeds) {
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
    if (!buffer) {
      llvm::errs() << "accel-fuzz: cannot read " << path << "\n";
      return 2;
    }
    corpus.emplace_back(path, (*buffer)->getBuffer().str());
  }
  std::mt19937_64 rng(seed);
  unsigned findings = 0, accepted = 0;
  unsigned total = replay ? corpus.size() : unsigned(cases);
  auto start = std::chrono::steady_clock::now();
  auto timeLeft = [&] {
    return std::chrono::steady_clock::now() - start <
           std::chrono::seconds(seconds);
  };
  if (seconds > 0 && !replay)
    total = std::numeric_limits<unsigned>::max();
  unsigned c = 0;
  for (; c < total && (seconds == 0 || replay || timeLeft()); ++c) {
    auto &[from, data] = corpus[replay ? c : rng() % corpus.size()];
    std::string input = data;
    // Mostly one change (two or more rarely pass the verifier of a text
    // format), sometimes up to four.
    if (!replay)
      for (unsigned m = rng() % 3 ? 1 : 1 + rng() % 4; m > 0; --m)
        mutate(input, rng);
    Outcome outcome = runIsolated(input);
    accepted += outcome.accepted;
    const std::string &why = outcome.finding;
    if (why.empty())
      continue;
    ++findings;
    std::string name =
        llvm::formatv("{0}/{1}-seed{2}-case{3}", outDir.getValue(),
                      target.getValue(), seed.getValue(), c)
            .str();
    if (!replay) {
      llvm::sys::fs::create_directories(outDir);
      std::error_code ec;
      llvm::raw_fd_ostream os(name, ec);
      if (!ec)
        os << input;
    }
    llvm::outs() << (replay ? from : name) << ": " << why << " (from " << from
                 << ")\n";
  }
  // How many inputs got past the front (imported, loaded, or parsed and
  // verified) says how deep a campaign reached.
  llvm::outs() << llvm::formatv("{0}: {1} inputs, {2} findings ({3} accepted "
                                "by the {4})\n",
                                target.getValue(), c, findings, accepted,
                                target == "onnx"   ? "importer"
                                : target == "yaml" ? "loader"
                                : target == "npy"  ? "reader"
                                                   : "parser and verifier");
  return findings == 0 ? 0 : 1;
}
