//===- AccelDialect.td - The accel dialect -----------------*- tablegen -*-===//
#ifndef ACCEL_DIALECT_TD
#define ACCEL_DIALECT_TD

include "mlir/IR/OpBase.td"

def Accel_Dialect : Dialect {
  let name = "accel";
  let cppNamespace = "::accel";
  let summary = "CNN layers, layer groups and loop-nest mappings for spatial "
                "DNN accelerators";
  let description = [{
    The network-level dialect of accel-opt. Layers are ops on static builtin
    tensors in NCHW layout (convolution weights [K, C/G, R, S]); each layer is
    a loop nest over output coordinates (N, K, C, P, Q, R, S, G) and can carry
    a `#accel.mapping` that says how the nest is tiled, ordered and spread over
    the accelerator's processing elements. `accel.group` holds layers fused
    into one layer group whose intermediates stay on chip. The module
    attribute `accel.target` names the accelerator. A layer inside a group
    may also carry `accel.unfused_mapping`, the mapping of the whole layer
    run on its own (its `mapping` maps its tile): --accel-fuse records it so
    reports compare the group with its layers one by one as searched.
    A function argument marked `accel.weight = "NAME"` is a weight whose
    value is the array NAME of the .npz file the module's
    `accel.weights_file` names (--accel-outline-weights).
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let extraClassDeclaration = [{
    void registerAttributes();
  }];
}

#endif // ACCEL_DIALECT_TD
