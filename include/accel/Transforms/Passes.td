//===- Passes.td - Transformations of accel networks -------*- tablegen -*-===//
#ifndef ACCEL_TRANSFORMS_PASSES_TD
#define ACCEL_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

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
    schedule (the largest part of its output it computes in one tile), on
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
    Option<"strategy", "strategy", "std::string", /*default=*/"\"ga\"",
           "ga, random, anneal, fixed-nvdla, fixed-eyeriss, "
           "fixed-shidiannao or exhaustive">,
    Option<"objective", "objective", "std::string", /*default=*/"\"edp\"",
           "latency, energy, edp, power or weighted">,
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
           "Threads evaluating a generation (0: every core)">,
    Option<"dataflow", "dataflow", "std::string", /*default=*/"\"\"",
           "Parallel dimension of each level, outermost first: K,C">,
    Option<"fixTile", "fix-tile", "std::string", /*default=*/"\"\"",
           "Fixed tiles, level:dimension:tile, comma-separated">,
    Option<"remarks", "remarks", "bool", /*default=*/"true",
           "Emit a remark per layer with its cost">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

#endif // ACCEL_TRANSFORMS_PASSES_TD
