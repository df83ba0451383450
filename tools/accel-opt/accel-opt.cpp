//===- accel-opt.cpp - The accel-opt driver -------------------------------===//
//
// mlir-opt with accel-opt's dialects and passes registered, plus options to
// inspect the accelerator descriptions.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/Presets.h"
#include "accel/Registration/Registration.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CommandLine.h"
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
    return 0;
  }
  return std::nullopt;
}

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  accel::registerAccelPasses();
  auto [input, output] = mlir::registerAndParseCLIOptions(
      argc, argv, "accel-opt: maps CNNs onto spatial DNN accelerators\n",
      registry);
  if (std::optional<int> code = handleArchOptions())
    return *code;
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, input, output, registry));
}
