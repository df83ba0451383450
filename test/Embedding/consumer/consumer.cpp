//===- consumer.cpp - A compiler that embeds accel-opt --------------------===//
//
// Parses a network, registers accel's dialects (and nothing else of
// accel-opt's tool), maps every layer with --accel-map through the C++ API,
// prints the cost report, and reads each layer's mapping and cost back
// through the pure libraries.
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/Passes.h"
#include "accel/Arch/Presets.h"
#include "accel/CostModel/CostModel.h"
#include "accel/Registration/Registration.h"
#include "accel/Transforms/Passes.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    llvm::errs() << "usage: accel-consumer <network.mlir>\n";
    return 2;
  }
  mlir::DialectRegistry registry;
  accel::registerAccelDialects(registry);
  registry.insert<mlir::func::FuncDialect, mlir::arith::ArithDialect>();
  mlir::MLIRContext context(registry);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(argv[1], &context);
  if (!module)
    return 1;

  mlir::PassManager pm(&context);
  accel::AccelMapOptions map;
  map.arch = "eyeriss-like";
  map.seed = 1;
  map.population = 20;
  map.generations = 5;
  map.remarks = false;
  pm.addPass(accel::createAccelMap(map));
  pm.addPass(accel::createAccelCostReport());
  if (mlir::failed(pm.run(*module)))
    return 1;

  std::optional<accel::Arch> arch = accel::getPreset("eyeriss-like");
  module->walk([&](accel::LayerOpInterface layer) {
    accel::MappingAttr mapping = layer.getMappingAttr();
    if (!mapping)
      return;
    accel::CostResult cost =
        accel::evaluate(layer.getProblem(), *arch, mapping.getValue());
    llvm::outs() << layer->getName() << ": " << cost.macs << " MACs, "
                 << (cost.valid ? "valid" : "invalid") << ", " << cost.dramBytes
                 << " DRAM bytes\n";
  });
  return 0;
}
