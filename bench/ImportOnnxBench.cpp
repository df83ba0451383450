//===- ImportOnnxBench.cpp - Time the ONNX importer on real models --------===//
//
//   accel-bench-import-onnx MODEL.onnx...
//
// Prints, per model, the best of three imports (parse + shape inference +
// building the accel module with its weights), without printing the IR.
// Issue target: ResNet-50 under 1 s.
//
//===----------------------------------------------------------------------===//

#include "accel/Registration/Registration.h"
#include "accel/Target/OnnxImport.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

int main(int argc, char **argv) {
  if (argc < 2) {
    llvm::errs() << "usage: " << argv[0] << " MODEL.onnx...\n";
    return 2;
  }
  mlir::DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  llvm::outs() << llvm::formatv("{0,-28} {1,10} {2,8} {3,12}\n", "model", "MB",
                                "layers", "import-s");
  for (int i = 1; i < argc; ++i) {
    auto buffer = llvm::MemoryBuffer::getFile(argv[i]);
    if (!buffer) {
      llvm::errs() << argv[i] << ": cannot read\n";
      return 1;
    }
    // The weights as constants: the import that reads every value.
    accel::OnnxImportOptions options;
    options.weights = accel::OnnxWeights::Inline;
    double best = 1e30;
    unsigned layers = 0;
    for (int rep = 0; rep < 3; ++rep) {
      mlir::MLIRContext ctx(registry);
      auto start = std::chrono::steady_clock::now();
      mlir::OwningOpRef<mlir::ModuleOp> module =
          accel::importOnnx((*buffer)->getBuffer(), argv[i], &ctx, options);
      double s = std::chrono::duration<double>(
                     std::chrono::steady_clock::now() - start)
                     .count();
      if (!module)
        return 1;
      best = std::min(best, s);
      layers = 0;
      module->walk([&](accel::LayerOpInterface) { ++layers; });
    }
    llvm::outs() << llvm::formatv("{0,-28} {1,10:F1} {2,8} {3,12:F3}\n",
                                  llvm::sys::path::filename(argv[i]),
                                  (*buffer)->getBufferSize() / 1e6, layers,
                                  best);
  }
  return 0;
}
