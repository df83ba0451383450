//===- accel-translate.cpp - Translations in and out of accel -------------===//
//
// --import-onnx: an ONNX model file to an accel module.
//
//===----------------------------------------------------------------------===//

#include "accel/Registration/Registration.h"
#include "accel/Target/OnnxImport.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

static llvm::cl::opt<bool> weightsAsArgs(
    "onnx-weights-as-args",
    llvm::cl::desc("--import-onnx: make the weights function arguments "
                   "instead of constants (for mapping without executing)"));

static void registerTranslations() {
  mlir::TranslateToMLIRRegistration importOnnx(
      "import-onnx", "Import an ONNX model into the accel dialect",
      [](llvm::SourceMgr &sourceMgr,
         mlir::MLIRContext *ctx) -> mlir::OwningOpRef<mlir::Operation *> {
        const llvm::MemoryBuffer *buffer =
            sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
        accel::OnnxImportOptions options;
        options.weightsAsArguments = weightsAsArgs;
        return accel::importOnnx(buffer->getBuffer(),
                                 buffer->getBufferIdentifier(), ctx, options);
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
