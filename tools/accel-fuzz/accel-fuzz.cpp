//===- accel-fuzz.cpp - A deterministic mutation fuzzer -------------------===//
//
// Feeds mutated inputs to one of accel-opt's input formats and checks that
// each is answered with a result or a diagnostic, never a crash or a hang:
//
//   onnx  the ONNX importer (accel-translate --import-onnx);
//   mlir  the parser and verifier, then --accel-cost-report and a small
//         --accel-map on eyeriss-like;
//   yaml  the accelerator file loader.
//
// Inputs are seeds (files) mutated by a seeded generator: bit flips, byte
// and chunk insertions, deletions and duplications, and numbers replaced by
// boundary values (0, -1, 2^31, 2^62, ...). Each case runs in a child
// process with a time limit; a child killed by a signal, or out of time, is
// a finding, saved under --out with the seed and case number. The same
// seeds, --seed and --cases give the same cases. libFuzzer is the other way
// to run these targets (scripts/fuzz.sh); this driver needs no clang build.
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/Passes.h"
#include "accel/Arch/ArchYaml.h"
#include "accel/Registration/Registration.h"
#include "accel/Target/OnnxImport.h"
#include "accel/Transforms/Passes.h"
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
#include <csignal>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

namespace cl = llvm::cl;
static cl::OptionCategory fuzzCategory("accel-fuzz options");
static cl::opt<std::string> target(cl::Positional, cl::Required,
                                   cl::desc("<onnx | mlir | yaml>"),
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
static cl::opt<unsigned> timeout("timeout", cl::init(20),
                                 cl::desc("Seconds a case may take"),
                                 cl::cat(fuzzCategory));
static cl::opt<std::string> outDir("out", cl::init("fuzz-findings"),
                                   cl::desc("Where findings are saved"),
                                   cl::cat(fuzzCategory));
static cl::opt<bool> replay("replay", cl::init(false),
                            cl::desc("Run the seeds as they are (a corpus of "
                                     "past findings), no mutation"),
                            cl::cat(fuzzCategory));

namespace {

/// Runs one input through the target in this process. Diagnostics are
/// swallowed: an error is a fine answer.
void runTarget(llvm::StringRef bytes) {
  mlir::DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  mlir::MLIRContext ctx(registry);
  ctx.getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
  if (target == "yaml") {
    llvm::Expected<accel::Arch> arch = accel::parseArchYaml(bytes, "fuzz");
    if (!arch)
      llvm::consumeError(arch.takeError());
    return;
  }
  if (target == "onnx") {
    accel::OnnxImportOptions options;
    (void)accel::importOnnx(bytes, "fuzz.onnx", &ctx, options);
    return;
  }
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(bytes, &ctx);
  if (!module || mlir::failed(mlir::verify(*module)))
    return;
  mlir::PassManager pm(&ctx);
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
  std::string sink;
  llvm::raw_string_ostream os(sink);
  (void)pm.run(*module);
}

/// One mutation of `data`, drawn from `rng`.
void mutate(std::string &data, std::mt19937_64 &rng) {
  auto pick = [&](uint64_t n) { return n ? rng() % n : 0; };
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
  switch (pick(6)) {
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
  case 4: { // replace a run of digits by a boundary value
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
    data.replace(at, end - at, numbers[pick(std::size(numbers))]);
    break;
  }
  default: // overwrite a byte with an extreme one
    if (!data.empty())
      data[pick(data.size())] = "\x00\xff\x7f\x80"[pick(4)];
    break;
  }
}

/// Runs `input` in a child; the reason it failed, or "" if it answered.
std::string runIsolated(const std::string &input) {
  pid_t pid = fork();
  if (pid < 0)
    return "fork failed";
  if (pid == 0) {
    alarm(timeout);
    runTarget(input);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    return sig == SIGALRM ? "hang (over " + std::to_string(timeout) + " s)"
                          : std::string("signal ") + strsignal(sig);
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "exit " + std::to_string(WEXITSTATUS(status));
  return "";
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(fuzzCategory);
  cl::ParseCommandLineOptions(argc, argv,
                              "accel-fuzz: mutation fuzzing of accel-opt's "
                              "input formats\n");
  if (target != "onnx" && target != "mlir" && target != "yaml") {
    llvm::errs() << "accel-fuzz: the target is onnx, mlir or yaml\n";
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
  unsigned findings = 0, total = replay ? corpus.size() : unsigned(cases);
  for (unsigned c = 0; c < total; ++c) {
    auto &[from, data] = corpus[replay ? c : rng() % corpus.size()];
    std::string input = data;
    if (!replay)
      for (unsigned m = 1 + rng() % 4; m > 0; --m)
        mutate(input, rng);
    std::string why = runIsolated(input);
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
  llvm::outs() << llvm::formatv("{0}: {1} inputs, {2} findings\n",
                                target.getValue(), total, findings);
  return findings == 0 ? 0 : 1;
}
