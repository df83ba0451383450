//===- Passes.td - Analysis and report passes --------------*- tablegen -*-===//
#ifndef ACCEL_ANALYSIS_PASSES_TD
#define ACCEL_ANALYSIS_PASSES_TD

include "mlir/Pass/PassBase.td"

def AccelCostReport : Pass<"accel-cost-report", "::mlir::ModuleOp"> {
  let summary = "Report the cost of every layer's mapping on the accelerator";
  let description = [{
    Evaluates every layer with the analytical cost model: the
    `#accel.mapping` it carries or, when it has none, the default mapping
    (docs/CostModel.md, marked `default`). A layer group is costed as one
    fused unit run in tiles of `tile-rows` output rows (intermediates on
    chip, halos kept or recomputed, weights resident or streamed), followed
    by a line with the same layers run one by one through DRAM, for
    comparison. Prints per row the MACs, cycles next to the compute lower
    bound, utilisation, energy, EDP and DRAM traffic, then the totals (groups
    counted fused). With `format=json`, also every level's reads and writes
    per tensor of single layers. An invalid mapping is an error at its
    layer, with the reason.

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
    Option<"slidingWindows", "sliding-windows", "bool", /*default=*/"true",
           "Input tiles sliding along a row or column loop keep the rows "
           "(columns) consecutive tiles share, as line buffers do">,
    Option<"tileRows", "tile-rows", "int64_t", /*default=*/"8",
           "Output rows per tile of a layer group">,
    Option<"halo", "halo", "std::string", /*default=*/"\"keep\"",
           "Layer groups: keep the rows consecutive tiles share, or "
           "recompute them">,
    Option<"weights", "weights", "std::string", /*default=*/"\"auto\"",
           "Layer groups: resident, streamed (reloaded every tile), or auto "
           "(resident when they fit)">,
  ];
}

def AccelPrintReceptiveField : Pass<"accel-print-receptive-field",
                                    "::mlir::ModuleOp"> {
  let summary = "Print the regions a layer group's row tiles need";
  let description = [{
    For every accel.group, cuts its outputs into tiles of `tile-rows` output
    rows and prints, per tile, the region every layer inside must produce
    and every group input must provide (the tile propagated backwards through
    the receptive fields), then per value the rows consecutive tiles share:
    the halo a depth-first schedule keeps instead of recomputing.
  }];
  let options = [
    Option<"tileRows", "tile-rows", "int64_t", /*default=*/"4",
           "Output rows per tile">,
  ];
}

def AccelPrintBufferFootprint : Pass<"accel-print-buffer-footprint",
                                     "::mlir::ModuleOp"> {
  let summary = "Print the on-chip bytes layer groups and layers need";
  let description = [{
    For every accel.group run in tiles of `tile-rows` output rows: the peak
    bytes of its inputs, intermediates (halo kept), outputs and weights
    (`weights=resident` keeps all, `streamed` only the running layer's), and
    whether it fits the outermost on-chip level of the accelerator (the
    `arch` option or the module's accel.target, when there is one) and by how
    much it overflows. For every layer outside a group, when an accelerator
    is known: the bytes each tensor needs per instance at each memory level
    under its mapping (the default mapping when it has none).
  }];
  let options = [
    Option<"tileRows", "tile-rows", "int64_t", /*default=*/"4",
           "Output rows per tile">,
    Option<"weights", "weights", "std::string", /*default=*/"\"resident\"",
           "resident or streamed">,
    Option<"doubleBuffer", "double-buffer", "bool", /*default=*/"false",
           "Double-buffer the group's inputs and outputs">,
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator for the fit check (default: the module's "
           "accel.target)">,
  ];
}

#endif // ACCEL_ANALYSIS_PASSES_TD
