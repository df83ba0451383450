//===- accel-opt.cpp - The accel-opt driver -------------------------------===//
//
// mlir-opt with accel-opt's dialects and passes registered.
//
//===----------------------------------------------------------------------===//

#include "accel/Registration/Registration.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  accel::registerAccelPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "accel-opt: maps CNNs onto spatial DNN accelerators\n",
      registry));
}
