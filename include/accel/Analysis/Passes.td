//===- Passes.td - Analysis and report passes --------------*- tablegen -*-===//
#ifndef ACCEL_ANALYSIS_PASSES_TD
#define ACCEL_ANALYSIS_PASSES_TD

include "mlir/Pass/PassBase.td"
include "accel/Support/PassOptions.td"

def AccelCostReport : Pass<"accel-cost-report", "::mlir::ModuleOp"> {
  let summary = "Report the cost of every layer's mapping on the accelerator";
  let description = [{
    Evaluates every layer with the analytical cost model: the
    `#accel.mapping` it carries or, when it has none, the default mapping
    (docs/CostModel.md, marked `default`). A layer group is costed as one
    fused unit under its `#accel.schedule` (or the default schedule):
    intermediates on chip, the group's timeline of loads, computation and
    stores, each layer on its tile with its mapping (docs/Tiling.md); it is
    followed by a line with the same layers run one by one through DRAM
    (each whole, with the default mapping), for comparison. Prints per row
    the MACs, cycles next to the compute lower bound, utilisation, energy,
    EDP and DRAM traffic, then the totals (groups counted fused). With
    `format=json`, also every level's reads and writes per tensor.

    An invalid mapping is an error at its layer, with the reason. A group
    whose buffers do not fit its on-chip level (or whose layers' tile
    mappings do not fit their share of the accelerator) is infeasible: an
    error at the group with the memory, the part and the bytes; the report
    is still printed, with the group marked infeasible and left out of the
    totals, and the run fails.

    The accelerator is the `arch` option (a preset name or a .yaml file), or
    else the module's `accel.target`. Layers outside groups double-buffer
    their refilled tiles; inside a group, as its schedule says.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator: a preset name or a .yaml file (default: the "
           "module's accel.target)">,
    Accel_PrecisionOption,
    Option<"format", "format", "::accel::ReportFormat",
           /*default=*/"::accel::ReportFormat::Table", "Output format",
           [{::llvm::cl::values(
             clEnumValN(::accel::ReportFormat::Table, "table",
                        "a table per function"),
             clEnumValN(::accel::ReportFormat::Json, "json",
                        "one JSON document"))}]>,
    Option<"slidingWindows", "sliding-windows", "bool", /*default=*/"true",
           "Input tiles sliding along a row or column loop keep the rows "
           "(columns) consecutive tiles share, as line buffers do">,
  ];
}

def AccelPrintReceptiveField : Pass<"accel-print-receptive-field",
                                    "::mlir::ModuleOp"> {
  let summary = "Print the regions a layer group's row tiles need";
  let description = [{
    For every accel.group, cuts its outputs into tiles as its
    `#accel.schedule` (or the default schedule) says and prints, per tile,
    the region every layer inside must produce and every group input must
    provide (the tile propagated backwards through the receptive fields),
    with the rows a layer computes when halos kept from the previous tile
    spare it some; then per value the rows consecutive tiles share: the halo
    a depth-first schedule keeps instead of recomputing.
  }];
}

def AccelCheckAcmd : Pass<"accel-check-acmd", "::mlir::ModuleOp"> {
  let summary = "Check acmd buffers (lifetimes, overlaps, capacities) and "
                "the order of commands that touch the same data";
  let description = [{
    For every function of acmd commands, against the accelerator (the `arch`
    option or the module's accel.target): every `acmd.alloc` names a
    partition its level has (`shared` for a level that is not partitioned)
    and fits it; no two buffers of one partition that are live at once
    overlap (a buffer lives from its `acmd.alloc` to its `acmd.dealloc`, or
    to the end of the function); no command uses a buffer after its
    `acmd.dealloc`, and none is freed twice. `global` buffers live in the
    accelerator's outermost on-chip level, `local` ones in its innermost
    (per processing element). With `peak`, prints each partition's peak
    bytes in use against its capacity.

    It also checks the commands' order: two commands that touch overlapping
    boxes of one buffer, one of them writing (a compute's boxes are what
    its body slices out of and inserts into its buffers), must be ordered
    by tokens, `acmd.wait`s and the queues' issue order (loads, stores,
    copies and computes each complete in order): the later one waits for
    the earlier one or a later command of its queue.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator (default: the module's accel.target)">,
    Option<"peak", "peak", "bool", /*default=*/"false",
           "Print each partition's peak bytes in use">,
  ];
}

def AccelPrintBufferFootprint : Pass<"accel-print-buffer-footprint",
                                     "::mlir::ModuleOp"> {
  let summary = "Print the on-chip bytes layer groups and layers need";
  let description = [{
    For every accel.group under its `#accel.schedule` (or the default
    schedule): the bytes of its buffers (its inputs, intermediates and
    outputs, each holding as many tiles at once as the schedule needs: the
    halo kept, prefetch and drain when double buffered, the stages in
    flight when pipelined) and of its weights (all, or the running layers'
    when streamed), and whether they fit the on-chip level the group lives
    in under the schedule's split, by how much they overflow, on the
    accelerator (the `arch` option or the module's accel.target, when there
    is one). For every layer outside a group, when an accelerator is known:
    the bytes each tensor needs per instance at each memory level under its
    mapping (the default mapping when it has none).
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator for the fit check (default: the module's "
           "accel.target)">,
    Accel_PrecisionOption,
  ];
}

#endif // ACCEL_ANALYSIS_PASSES_TD
