//===- Passes.td - Analysis and report passes --------------*- tablegen -*-===//
#ifndef ACCEL_ANALYSIS_PASSES_TD
#define ACCEL_ANALYSIS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AccelCostReport : Pass<"accel-cost-report", "::mlir::ModuleOp"> {
  let summary = "Report the cost of every layer's mapping on the accelerator";
  let description = [{
    Evaluates every layer (inside layer groups too) with the analytical cost
    model: the `#accel.mapping` it carries or, when it has none, the default
    mapping (docs/CostModel.md, marked `default`). Prints per layer the MACs,
    cycles next to the compute lower bound, utilisation, energy, EDP and DRAM
    traffic, then the totals of running the layers one after another. With
    `format=json`, also every level's reads and writes per tensor. An invalid
    mapping is an error at its layer, with the reason.

    The accelerator is the `arch` option (a preset name or a .yaml file), or
    else the module's `accel.target`.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator: a preset name or a .yaml file (default: the "
           "module's accel.target)">,
    Option<"format", "format", "std::string", /*default=*/"\"table\"",
           "Output format: table or json">,
    Option<"doubleBuffering", "double-buffering", "bool", /*default=*/"true",
           "Double-buffer refilled tiles so transfers overlap compute">,
  ];
}

#endif // ACCEL_ANALYSIS_PASSES_TD
