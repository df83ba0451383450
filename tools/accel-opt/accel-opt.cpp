//===- accel-opt.cpp - The accel-opt driver -------------------------------===//
//
// mlir-opt with accel-opt's dialects and passes registered, plus options to
// inspect the accelerator descriptions.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/AreaModel.h"
#include "accel/Arch/Presets.h"
#include "accel/Registration/Registration.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

static llvm::cl::OptionCategory archCategory("accel-opt accelerator options");

static llvm::cl::opt<bool>
    listArch("accel-list-arch",
             llvm::cl::desc("List the accelerator presets and exit"),
             llvm::cl::cat(archCategory));

static llvm::cl::opt<std::string> dumpArch(
    "accel-dump-arch",
    llvm::cl::desc("Print an accelerator (a preset name or a .yaml file) as "
                   "YAML and exit"),
    llvm::cl::value_desc("name"), llvm::cl::cat(archCategory));

/// Handles the accelerator options; returns an exit code if one was given.
static std::optional<int> handleArchOptions() {
  if (listArch) {
    for (llvm::StringRef name : accel::presetNames()) {
      accel::Arch arch = *accel::getPreset(name);
      llvm::outs() << llvm::left_justify(name, 16)
                   << llvm::right_justify(std::to_string(arch.numPEs()), 6)
                   << " PEs  " << arch.description << '\n';
    }
    return 0;
  }
  if (!dumpArch.empty()) {
    llvm::Expected<accel::Arch> arch = accel::resolveArch(dumpArch);
    if (!arch) {
      llvm::WithColor::error(llvm::errs(), "accel-opt")
          << llvm::toString(arch.takeError()) << '\n';
      return 1;
    }
    llvm::outs() << accel::archToYaml(*arch);
    // The area model's estimate, as a comment: the output stays a file
    // every pass reads.
    accel::AreaBreakdown area = accel::estimateArea(*arch);
    llvm::outs() << llvm::formatv(
        "# area (45 nm component sum, docs/DSE.md): {0:f3} mm^2: MACs and "
        "network {1:f3} ({2} x {3:f1} um^2)",
        area.totalMm2(),
        (area.macUm2 + area.nocUm2PerPE) * arch->numPEs() * 1e-6,
        arch->numPEs(), area.macUm2 + area.nocUm2PerPE);
    for (unsigned m = 1; m < arch->memories.size(); ++m)
      llvm::outs() << llvm::formatv(", {0} {1:f3} ({2} x {3:f1} um^2)",
                                    arch->memories[m].name,
                                    area.levelUm2[m] * arch->instances(m) * 1e-6,
                                    arch->instances(m), area.levelUm2[m]);
    llvm::outs() << "\n";
    return 0;
  }
  return std::nullopt;
}

/// An ONNX model handed to accel-opt: a protobuf (field 1, the IR version,
/// as a varint first) or a .onnx file name. The MLIR parser would report
/// "unexpected character" and echo binary; say what to do instead.
static bool isOnnxModel(llvm::StringRef path) {
  if (path.ends_with(".onnx"))
    return true;
  if (path == "-")
    return false;
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer)
    return false;
  llvm::StringRef bytes = (*buffer)->getBuffer();
  return bytes.size() > 2 && bytes[0] == 0x08 &&
         llvm::any_of(bytes.take_front(16),
                      [](char c) { return c != '\n' && !llvm::isPrint(c); });
}

/// Hides (from --help; --help-hidden still lists them) the options LLVM's
/// back ends, Polly and friends register in every tool linking libMLIR: a
/// user of accel-opt needs the passes, the accel and mlir options and the
/// driver's own, not AMDGPU's.
static void hideUnrelatedOptions() {
  static const llvm::StringLiteral keep[] = {"o",
                                             "split-input-file",
                                             "verify-diagnostics",
                                             "pass-pipeline",
                                             "p",
                                             "allow-unregistered-dialect",
                                             "show-dialects",
                                             "dump-pass-pipeline",
                                             "emit-bytecode",
                                             "no-implicit-module",
                                             "run-reproducer",
                                             "verify-each",
                                             "verify-roundtrip",
                                             "help",
                                             "help-hidden",
                                             "help-list",
                                             "version",
                                             "color",
                                             "load-pass-plugin",
                                             "load-dialect-plugin",
                                             "list-passes"};
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::StringRef name = entry.first;
    llvm::cl::Option *option = entry.second;
    if (name.empty() || name.starts_with("accel-") ||
        name.starts_with("mlir-") || llvm::is_contained(keep, name) ||
        llvm::is_contained(option->Categories, &archCategory))
      continue;
    if (option->getOptionHiddenFlag() == llvm::cl::NotHidden)
      option->setHiddenFlag(llvm::cl::Hidden);
  }
}

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  accel::registerAccelOptPasses();
  hideUnrelatedOptions();
  auto [input, output] = mlir::registerAndParseCLIOptions(
      argc, argv, "accel-opt: maps CNNs onto spatial DNN accelerators\n",
      registry);
  if (std::optional<int> code = handleArchOptions())
    return *code;
  if (isOnnxModel(input)) {
    llvm::WithColor::error(llvm::errs(), "accel-opt")
        << input << " is an ONNX model, not MLIR: import it with "
        << "'accel-translate --import-onnx " << input
        << "' (or run it with 'accel-run " << input << "')\n";
    return 1;
  }
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, input, output, registry));
}
