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
  }];
  let options = [
    Option<"groups", "groups", "std::string", /*default=*/"\"\"",
           "Groups of layer names: a+b+c;d+e">,
  ];
  let dependentDialects = ["::accel::AccelDialect"];
}

#endif // ACCEL_TRANSFORMS_PASSES_TD
