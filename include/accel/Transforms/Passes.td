//===- Passes.td - Transformations of accel networks -------*- tablegen -*-===//
#ifndef ACCEL_TRANSFORMS_PASSES_TD
#define ACCEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"
include "accel/Support/PassOptions.td"

def AccelGroupLayers : Pass<"accel-group-layers", "::mlir::ModuleOp"> {
  let summary = "Form layer groups from a user-given partition";
  let description = [{
    `groups` lists the groups, separated by `;`, each a `+`-separated list of
    layer names (the names of their locations, as --accel-cost-report shows
    them: ONNX node names, or "conv2d@12" for a layer at line 12):
    `groups=conv1+conv2+add;dw+pw`. Each group becomes an accel.group whose
    inputs are the values its layers read from outside (activations and
    weights) and whose results are the values used after it.

    A group must be convex: no path may leave the group and come back (that
    outside layer would need a result of the group before the group ends);
    such a group is refused with the path. Unknown names, a layer in two
    groups, or layers in different blocks are errors too.

    The groups get no `#accel.schedule` (they run with the default one) and
    their layers lose their mappings, which mapped whole layers: inside a
    group a layer is mapped for its tile (run --accel-map).
  }];
  let options = [
    Option<"groups", "groups", "std::string", /*default=*/"\"\"",
           "Groups of layer names: a+b+c;d+e">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def AccelMap : Pass<"accel-map", "::mlir::ModuleOp"> {
  let summary = "Annotate every layer with a searched #accel.mapping";
  let description = [{
    Searches a mapping for every layer on the accelerator (`arch`, else the
    module's `accel.target`) and attaches it as the layer's `mapping`. A
    layer inside an `accel.group` is mapped for its tile under the group's
    schedule (the part of its output it computes in one tile in the steady
    state), on
    the part of the accelerator it runs on there: the levels below the
    group's on-chip level, and its share of the PE array when the group is
    pipelined (docs/Tiling.md). Each group then gets a remark with its cost,
    or a warning when it cannot run with its schedule (its buffers do not
    fit). `strategy` picks the search: `ga` (GAMMA's genetic
    algorithm, the default), `random`, `anneal`, `fixed-nvdla`,
    `fixed-eyeriss`, `fixed-shidiannao` (a fixed dataflow with its tiles
    fitted to the buffers) or `exhaustive` (small layers only); every
    strategy spends `population` x `generations` evaluations. The search
    minimises `objective` (latency, energy, edp, power, or weighted:
    latency^latency-weight x energy^energy-weight).

    Constraints: `dataflow=K,C` fixes the parallel dimension of each level
    (and the number of levels); `fix-tile=0:C:16,1:K:4` fixes tiles
    (level:dimension:tile).

    `layer-pipeline=true` maps a network whose every layer runs on an
    accelerator instance of its own, the layers in a pipeline (GAMMA §5.4):
    stage 1 maps every layer for latency and the slowest sets the
    pipeline's interval; stage 2 maps every layer again for
    `pipeline-objective` (energy or power) with its latency at most the
    interval, keeping stage 1's mapping where the search finds nothing
    better. Each layer's remark gives both stages; a summary remark the
    interval and the network's energy and power after each. Layers in
    groups are refused (a layer pipeline has no groups).

    Equal problems on the same part of the accelerator are searched once. The result depends on
    `seed` only, not on `threads`. Each layer gets a remark with the cost of
    its mapping and its distance to the compute bound; a layer for which no
    valid mapping was found gets an error saying which constraint rejected
    the candidates.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator: a preset name or a .yaml file (default: the "
           "module's accel.target)">,
    Accel_PrecisionOption,
    Option<"exportable", "exportable", "::accel::ExportTarget",
           /*default=*/"::accel::ExportTarget::None",
           "Only mappings a peer tool can express, for an export that keeps them",
           [{::llvm::cl::values(
             clEnumValN(::accel::ExportTarget::None, "none",
                        "any mapping the accelerator can run"),
             clEnumValN(::accel::ExportTarget::Timeloop, "timeloop",
                        "tiles and fan-outs that divide their parents, one "
                        "axis per dimension and level (--export-timeloop)"),
             clEnumValN(::accel::ExportTarget::Maestro, "maestro",
                        "whole filter rows and columns at every level "
                        "(--export-maestro)"))}]>,
    Option<"strategy", "strategy", "::accel::Strategy",
           /*default=*/"::accel::Strategy::Genetic", "Mapping search",
           [{::llvm::cl::values(
             clEnumValN(::accel::Strategy::Genetic, "ga",
                        "GAMMA's genetic algorithm"),
             clEnumValN(::accel::Strategy::Random, "random",
                        "random mappings, as many as the GA costs"),
             clEnumValN(::accel::Strategy::Anneal, "anneal",
                        "simulated annealing"),
             clEnumValN(::accel::Strategy::FixedNvdla, "fixed-nvdla",
                        "NVDLA's dataflow (K and C spread), tiles searched"),
             clEnumValN(::accel::Strategy::FixedEyeriss, "fixed-eyeriss",
                        "Eyeriss' row-stationary dataflow, tiles searched"),
             clEnumValN(::accel::Strategy::FixedShidiannao, "fixed-shidiannao",
                        "ShiDianNao's output-stationary dataflow, tiles searched"),
             clEnumValN(::accel::Strategy::Exhaustive, "exhaustive",
                        "every mapping of the space (small layers only)"))}]>,
    Option<"objective", "objective", "::accel::ObjectiveKind",
           /*default=*/"::accel::ObjectiveKind::EDP", "What the search minimises",
           [{::llvm::cl::values(
             clEnumValN(::accel::ObjectiveKind::Latency, "latency", "cycles"),
             clEnumValN(::accel::ObjectiveKind::Energy, "energy", "pJ"),
             clEnumValN(::accel::ObjectiveKind::EDP, "edp",
                        "energy x delay"),
             clEnumValN(::accel::ObjectiveKind::Power, "power", "energy / delay"),
             clEnumValN(::accel::ObjectiveKind::Weighted, "weighted",
                        "latency^latency-weight x energy^energy-weight"))}]>,
    Option<"latencyWeight", "latency-weight", "double", /*default=*/"1.0",
           "Exponent of latency in the weighted objective">,
    Option<"energyWeight", "energy-weight", "double", /*default=*/"1.0",
           "Exponent of energy in the weighted objective">,
    Option<"seed", "seed", "uint64_t", /*default=*/"0",
           "Seed of the search">,
    Option<"population", "population", "unsigned", /*default=*/"200",
           "Genomes per generation (GAMMA: 200)">,
    Option<"generations", "generations", "unsigned", /*default=*/"50",
           "Generations (GAMMA: 50)">,
    Option<"crossoverRate", "crossover-rate", "double", /*default=*/"0.5",
           "Probability of crossover per child">,
    Option<"mutationRate", "mutation-rate", "double", /*default=*/"0.5",
           "Probability of each mutation (parallel dimension, tile)">,
    Option<"reorderRate", "reorder-rate", "double", /*default=*/"0.5",
           "Probability of a reorder per child">,
    Option<"refactorRate", "refactor-rate", "double", /*default=*/"0.5",
           "Probability of a refactor (a parallel dimension's tiles made a "
           "divisor chain) per child">,
    Option<"splitRate", "split-rate", "double", /*default=*/"0.5",
           "Probability of a split (a parallel level shares its stage with a "
           "new one, or two levels sharing a stage share it out anew) per "
           "child">,
    Option<"fitToBuffers", "fit-to-buffers", "bool", /*default=*/"true",
           "Shrink candidates whose tiles overflow a buffer until they fit "
           "before scoring them (ga, anneal, fixed dataflows)">,
    Option<"eliteFraction", "elite-fraction", "double", /*default=*/"0.02",
           "Fraction of the population kept unchanged each generation">,
    Option<"parentFraction", "parent-fraction", "double", /*default=*/"0.25",
           "Fraction of the population (the best) that parents the next "
           "generation">,
    Option<"growthRate", "growth-rate", "double", /*default=*/"0.5",
           "Probability of growth (a level added) per child">,
    Option<"agingRate", "aging-rate", "double", /*default=*/"0.5",
           "Probability of aging (innermost level dropped) per child">,
    Option<"threads", "threads", "unsigned", /*default=*/"0",
           "Threads evaluating a generation (0: the context's thread pool; 1 with --mlir-disable-threading)">,
    Option<"dataflow", "dataflow", "std::string", /*default=*/"\"\"",
           "Parallel dimension of each level, outermost first: K,C">,
    Option<"fixTile", "fix-tile", "std::string", /*default=*/"\"\"",
           "Fixed tiles, level:dimension:tile, comma-separated">,
    Option<"remarks", "remarks", "bool", /*default=*/"true",
           "Emit a remark per layer with its cost">,
    Option<"layerPipeline", "layer-pipeline", "bool", /*default=*/"false",
           "Every layer on its own accelerator, pipelined: minimise latency, "
           "then pipeline-objective within the slowest layer's latency">,
    Option<"pipelineObjective", "pipeline-objective",
           "::accel::PipelineObjective",
           /*default=*/"::accel::PipelineObjective::Energy",
           "What layer-pipeline's second stage minimises",
           [{::llvm::cl::values(
             clEnumValN(::accel::PipelineObjective::Energy, "energy",
                        "energy per input"),
             clEnumValN(::accel::PipelineObjective::Power, "power",
                        "power: energy over the layer's latency"))}]>,
  ];
  let statistics = [
    Statistic<"numMapped", "mapped-layers", "Layers given a searched mapping">,
    Statistic<"numEvaluated", "evaluated-mappings",
              "Mappings the searches costed">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def AccelFuse : Pass<"accel-fuse", "::mlir::ModuleOp"> {
  let summary = "Fuse layers into groups and map every layer: a genetic "
                "search over the network's layer graph";
  let description = [{
    Decides, for every function of the module, which layers run fused
    (intermediates on chip) and how each group runs, and maps every layer,
    all under one cost model (docs/Fusion.md): the layers are cut into
    segments along a topological order, each a group with its
    `#accel.schedule` (tile rows, halos, weights, double buffering, the
    split of the on-chip level, depth first or pipelined) or a layer on its
    own; groups that would not fit the accelerator are repaired (shorter
    tiles, streamed weights, split) and never chosen. The function is
    rewritten into `accel.group` ops with their schedules; every layer gets
    its mapping (a grouped layer's for its tile).

    `strategy` picks the search: `ga` (the genetic algorithm, default),
    `random`, `greedy` (fuse consecutive layers while the group fits),
    `dp` (optimal cuts and schedules for the graph's order and an additive
    objective: the oracle) or `none` (every layer on its own). The search
    minimises `objective` over the whole network: total latency, total
    energy, or their product (EDP). `population` x `generations` plans are
    costed by ga and random. While searching, each tile problem of a group
    is mapped with a small GAMMA budget (`search-map-population` x
    `search-map-generations`) and each layer on its own with the full one
    (`map-population` x `map-generations`: one problem per layer shape),
    cached by problem and accelerator part; the chosen plan's groups are
    then mapped with the full budget too, and the plan is kept only if it
    still beats every layer on its own.

    Opaque operators and layers whose output rows depend on every input
    row (global pooling, reshapes, matmuls) are never fused. Each group gets
    a remark (its layers, tiles, buffers against the level, DRAM bytes fused
    and unfused) and each function a summary (fused against layer by layer:
    latency, energy, EDP, DRAM bytes). The result depends on `seed` only, not
    on `threads`.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator: a preset name or a .yaml file (default: the "
           "module's accel.target)">,
    Accel_PrecisionOption,
    Option<"strategy", "strategy", "::accel::FusionStrategy",
           /*default=*/"::accel::FusionStrategy::Genetic", "Fusion search",
           [{::llvm::cl::values(
             clEnumValN(::accel::FusionStrategy::Genetic, "ga",
                        "genetic algorithm"),
             clEnumValN(::accel::FusionStrategy::Random, "random",
                        "random plans, as many as the GA costs"),
             clEnumValN(::accel::FusionStrategy::Greedy, "greedy",
                        "fuse consecutive layers while the group fits"),
             clEnumValN(::accel::FusionStrategy::DP, "dp",
                        "optimal for the graph's order (latency or energy)"),
             clEnumValN(::accel::FusionStrategy::None, "none",
                        "every layer on its own"))}]>,
    Option<"objective", "objective", "::accel::FusionObjective",
           /*default=*/"::accel::FusionObjective::EDP",
           "What to minimise over the network",
           [{::llvm::cl::values(
             clEnumValN(::accel::FusionObjective::Latency, "latency",
                        "total latency"),
             clEnumValN(::accel::FusionObjective::Energy, "energy",
                        "total energy"),
             clEnumValN(::accel::FusionObjective::EDP, "edp",
                        "total energy x total latency"))}]>,
    Option<"seed", "seed", "uint64_t", /*default=*/"0", "Seed of the searches">,
    Option<"population", "population", "unsigned", /*default=*/"100",
           "Plans per generation (ga; random's batch)">,
    Option<"generations", "generations", "unsigned", /*default=*/"60",
           "Generations (ga; random's batches)">,
    Option<"threads", "threads", "unsigned", /*default=*/"0",
           "Threads costing plans and searching mappings (0: the context's thread pool; 1 with --mlir-disable-threading)">,
    Option<"searchMapPopulation", "search-map-population", "unsigned",
           /*default=*/"100",
           "GAMMA population for each layer problem while searching">,
    Option<"searchMapGenerations", "search-map-generations", "unsigned",
           /*default=*/"20",
           "GAMMA generations for each layer problem while searching">,
    Option<"mapPopulation", "map-population", "unsigned", /*default=*/"200",
           "GAMMA population for the chosen plan's layers (GAMMA: 200)">,
    Option<"mapGenerations", "map-generations", "unsigned", /*default=*/"50",
           "GAMMA generations for the chosen plan's layers (GAMMA: 50)">,
    Option<"maxGroupLayers", "max-group-layers", "unsigned", /*default=*/"16",
           "Most layers in one group">,
    Option<"allowPipelined", "allow-pipelined", "bool", /*default=*/"true",
           "Groups may run pipelined, the PE array shared out">,
    Option<"allowRecompute", "allow-recompute", "bool", /*default=*/"true",
           "Groups may recompute halos instead of keeping them">,
    Option<"allowStreamed", "allow-streamed", "bool", /*default=*/"true",
           "Groups may stream their weights tile by tile">,
    Option<"allowSingleBuffer", "allow-single-buffer", "bool",
           /*default=*/"true",
           "Groups may run without double buffering">,
    Option<"searchSplit", "search-split", "bool", /*default=*/"true",
           "Search the split of the on-chip level between weights and "
           "activations (else the accelerator's)">,
    Option<"remarks", "remarks", "bool", /*default=*/"true",
           "Emit a remark per group and a summary per function">,
  ];
  let statistics = [
    Statistic<"numGroups", "groups", "Layer groups formed">,
    Statistic<"numFused", "fused-layers", "Layers in a group">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

def AccelConvertPrecision : Pass<"accel-convert-precision",
                                 "::mlir::ModuleOp"> {
  let summary = "Store a network's tensors at the accelerator's precision";
  let description = [{
    Rewrites every function's tensors (arguments, results, constants, layer
    operands and results, inside groups too) from the IR's element types to
    the types the accelerator stores them in, so that the program
    --accel-lower-to-acmd writes holds, moves and computes on the data the
    cost model counted: an f32 network on a 16-bit accelerator becomes f16
    (constants are rounded to nearest, ties to even). The accelerator is
    `arch`, else the module's accel.target; under `precision=ir` (given, or
    recorded in the target) nothing changes.

    Only what a type can hold exactly is converted: floats to the float of
    the accelerator's width (16: `float-type`, f16 by default or bf16, whose
    range is f32's where f16 underflows below 6e-8; 32: f32; 64: f64), and
    only when weights, activations and partial sums share that width. Anything
    else is an error naming the accelerator's precision and the IR's type:
    a float network on an 8-bit accelerator needs a quantised model.
    Integer tensors (indices, shapes, quantised data) keep their width; the
    lowering checks that layers' widths are the accelerator's.
  }];
  let options = [
    Option<"arch", "arch", "std::string", /*default=*/"\"\"",
           "Accelerator (default: the module's accel.target)">,
    Accel_PrecisionOption,
    Option<"floatType", "float-type", "::accel::HalfFloat",
           /*default=*/"::accel::HalfFloat::F16",
           "The float a 16-bit accelerator's data becomes",
           [{::llvm::cl::values(
             clEnumValN(::accel::HalfFloat::F16, "f16",
                        "IEEE half (11-bit significand, 5-bit exponent)"),
             clEnumValN(::accel::HalfFloat::BF16, "bf16",
                        "bfloat16 (8-bit significand, f32's exponent)"))}]>,
  ];
  let statistics = [
    Statistic<"numValues", "values", "Values whose element type changed">,
    Statistic<"numConstants", "constants", "Constants rounded">,
  ];
}

def AccelOutlineWeights : Pass<"accel-outline-weights", "::mlir::ModuleOp"> {
  let summary = "Move a network's large constants to a weights file (.npz)";
  let description = [{
    Each constant tensor (dense float or integer elements, not a splat, of
    at least `min-elements` elements) of every function becomes a function
    argument marked `accel.weight = "NAME"`, and its value the array NAME of
    the .npz file `file` (np.load reads it), which the module names in
    `accel.weights_file`. The text keeps the network and drops its values,
    which are most of its size, and every later tool parses and prints the
    small text instead. accel-run binds the marked arguments from
    the file, so the network (and the acmd program lowered from it) still
    runs on its values. Names are the constants' location names (ONNX
    initializer names after --import-onnx), made unique.

    accel-translate --import-onnx --onnx-weights=file does the same at
    import. Run it before --accel-fuse: constants already inside a group's
    body stay there.
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"\"\"",
           "The .npz file to write (required)">,
    Option<"minElements", "min-elements", "int64_t", /*default=*/"1",
           "Constants with fewer elements stay in the text">,
  ];
  let statistics = [
    Statistic<"numWeights", "weights", "Constants moved to the file">,
    Statistic<"numBytes", "bytes", "Bytes of the .npz file written">,
  ];
}

def AccelCancelTransposes : Pass<"accel-cancel-transposes",
                                 "::mlir::ModuleOp"> {
  let summary = "Remove layout transposes that undo each other";
  let description = [{
    Networks written for channels-last layers (ConvNeXt) transpose NCHW
    activations to NHWC before a layer norm and linear layers and back
    after them; every transpose moves a whole activation through DRAM.
    This pass removes each such pair (`accel.opaque "onnx.Transpose"` with
    a permutation and one with its inverse) when every value between them
    feeds only layers that can run on the outer layout, and rewrites those
    layers: `accel.add`, `accel.mul` and `accel.activation` keep their op
    with permuted types (their other operands reshaped, where the reshape
    is a view); `accel.layer_norm` changes its `axis`; a matmul over the
    flattened rows of an NHWC tensor becomes a 1x1 `accel.conv2d` of the
    NCHW one, its [C, K] weight [K, C, 1, 1] (a constant is transposed;
    an argument marked `accel.weight` takes the new type, unless the module
    keeps its weights in a file or something calls the function), and a
    bias added after it becomes the convolution's. Anything else between
    the transposes keeps them. `--import-onnx` runs it on every import.

    ```mlir
    %t = accel.opaque "onnx.Transpose"(%x) {perm = array<i64: 0, 2, 3, 1>}
        : (tensor<1x8x5x5xf32>) -> tensor<1x5x5x8xf32>
    %n = accel.layer_norm %t {epsilon = 1.0e-06 : f64} : tensor<1x5x5x8xf32>
    %y = accel.opaque "onnx.Transpose"(%n) {perm = array<i64: 0, 3, 1, 2>}
        : (tensor<1x5x5x8xf32>) -> tensor<1x8x5x5xf32>
    // becomes
    %y = accel.layer_norm %x {axis = 1 : i64, epsilon = 1.0e-06 : f64}
        : tensor<1x8x5x5xf32>
    ```
  }];
  let statistics = [
    Statistic<"numCancelled", "transposes", "Transposes removed">,
  ];
}

#endif // ACCEL_TRANSFORMS_PASSES_TD
