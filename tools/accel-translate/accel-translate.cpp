//===- accel-translate.cpp - Translations in and out of accel -------------===//
//
// --import-onnx: an ONNX model file to an accel module.
// --export-timeloop, --export-maestro: mapped layers for cross-checking with
// those tools.
// --emit-commands: an acmd program as a flat JSON command stream.
//
//===----------------------------------------------------------------------===//

#include "accel/Registration/Registration.h"
#include "accel/Target/CommandStream.h"
#include "accel/Target/Export.h"
#include "accel/Target/OnnxImport.h"
#include "accel/Transforms/OutlineWeights.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/Location.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

enum class WeightsOption { Arguments, Inline, File };
static llvm::cl::opt<WeightsOption> onnxWeights(
    "onnx-weights", llvm::cl::init(WeightsOption::Arguments),
    llvm::cl::desc("--import-onnx: where the weights go"),
    llvm::cl::values(
        clEnumValN(WeightsOption::Arguments, "args",
                   "function arguments marked accel.weight, without values: "
                   "for mapping and costs (default)"),
        clEnumValN(WeightsOption::Inline, "inline",
                   "constants in the text: for executing the module as is"),
        clEnumValN(
            WeightsOption::File, "file",
            "function arguments marked accel.weight, their values in "
            "the .npz file --onnx-weights-file (accel-run binds them)")));

static llvm::cl::opt<std::string> onnxWeightsFile(
    "onnx-weights-file",
    llvm::cl::desc("--import-onnx --onnx-weights=file: the .npz file to "
                   "write (the module records its path)"),
    llvm::cl::value_desc("path"));

static llvm::cl::opt<int64_t>
    onnxBatch("onnx-batch", llvm::cl::init(0),
              llvm::cl::desc("--import-onnx: pin every dynamic leading (batch) "
                             "dimension to this size"));

enum class QuantizedConvs { Integer, Float };
static llvm::cl::opt<QuantizedConvs> onnxQuantizedConvs(
    "onnx-quantized-convs", llvm::cl::init(QuantizedConvs::Integer),
    llvm::cl::desc("--import-onnx: how a QDQ model's convolutions run"),
    llvm::cl::values(
        clEnumValN(QuantizedConvs::Integer, "integer",
                   "on the integers: i8 x i8 -> i32, then accel.dequantize "
                   "(default)"),
        clEnumValN(QuantizedConvs::Float, "float",
                   "in float on the dequantized values (ONNX's reference "
                   "semantics)")));

static llvm::cl::list<std::string> onnxDims(
    "onnx-dim",
    llvm::cl::desc("--import-onnx: pin a dynamic dimension by its name in the "
                   "file, NAME=SIZE (repeatable)"));

static llvm::cl::opt<std::string> exportArch(
    "export-arch",
    llvm::cl::desc("--export-timeloop / --export-maestro: the accelerator (a "
                   "preset or a .yaml file; default: the module's "
                   "accel.target)"),
    llvm::cl::value_desc("name"));

static llvm::cl::opt<std::string> exportDir(
    "export-dir",
    llvm::cl::desc("--export-timeloop / --export-maestro: write the "
                   "accelerator, a file per layer and a script that runs the "
                   "tool on each into this directory (the output gets a "
                   "summary)"),
    llvm::cl::value_desc("directory"));

static void registerTranslations() {
  mlir::TranslateFromMLIRRegistration toTimeloop(
      "export-timeloop",
      "Write every convolution and matmul as a Timeloop problem and mapping",
      [](mlir::Operation *op, llvm::raw_ostream &os) {
        return accel::exportTimeloop(llvm::cast<mlir::ModuleOp>(op), exportArch,
                                     os, exportDir);
      },
      [](mlir::DialectRegistry &registry) {
        accel::registerAllAccelOptDialects(registry);
      });
  mlir::TranslateFromMLIRRegistration toMaestro(
      "export-maestro",
      "Write every convolution and matmul as a MAESTRO dataflow",
      [](mlir::Operation *op, llvm::raw_ostream &os) {
        return accel::exportMaestro(llvm::cast<mlir::ModuleOp>(op), exportArch,
                                    os, exportDir);
      },
      [](mlir::DialectRegistry &registry) {
        accel::registerAllAccelOptDialects(registry);
      });
  mlir::TranslateFromMLIRRegistration toCommands(
      "emit-commands",
      "Write an acmd program as a flat JSON command stream (tensors, "
      "buffers, commands with their queues and dependencies)",
      [](mlir::Operation *op, llvm::raw_ostream &os) {
        return accel::emitCommandStream(llvm::cast<mlir::ModuleOp>(op), os);
      },
      [](mlir::DialectRegistry &registry) {
        accel::registerAllAccelOptDialects(registry);
      });
  mlir::TranslateToMLIRRegistration importOnnx(
      "import-onnx", "Import an ONNX model into the accel dialect",
      [](llvm::SourceMgr &sourceMgr,
         mlir::MLIRContext *ctx) -> mlir::OwningOpRef<mlir::Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        accel::OnnxImportOptions options;
        if ((onnxWeights == WeightsOption::File) == onnxWeightsFile.empty()) {
          mlir::emitError(mlir::UnknownLoc::get(ctx))
              << (onnxWeightsFile.empty()
                      ? "--onnx-weights=file needs --onnx-weights-file=PATH"
                      : "--onnx-weights-file needs --onnx-weights=file");
          return nullptr;
        }
        options.weights = onnxWeights == WeightsOption::Arguments
                              ? accel::OnnxWeights::Arguments
                              : accel::OnnxWeights::Inline;
        options.batch = onnxBatch;
        options.integerConvs = onnxQuantizedConvs == QuantizedConvs::Integer;
        for (const std::string &pin : onnxDims) {
          auto [name, size] = llvm::StringRef(pin).split('=');
          int64_t value = 0;
          if (name.empty() || size.getAsInteger(10, value)) {
            mlir::emitError(mlir::UnknownLoc::get(ctx))
                << "--onnx-dim: expected NAME=SIZE, got '" << pin << "'";
            return nullptr;
          }
          options.dims[name.str()] = value;
        }
        mlir::OwningOpRef<mlir::ModuleOp> module = accel::importOnnx(
            buffer->getBuffer(), buffer->getBufferIdentifier(), ctx, options);
        if (module && onnxWeights == WeightsOption::File &&
            failed(accel::outlineWeightsToFile(*module, onnxWeightsFile,
                                               /*minElements=*/1)))
          return nullptr;
        return module;
      },
      [](mlir::DialectRegistry &registry) {
        accel::registerAllAccelOptDialects(registry);
      });
}

int main(int argc, char **argv) {
  registerTranslations();
  return mlir::failed(mlir::mlirTranslateMain(
      argc, argv, "accel-translate: translations in and out of accel\n"));
}
