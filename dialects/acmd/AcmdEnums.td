//===- AcmdEnums.td - Enumerations of the acmd dialect -----*- tablegen -*-===//
#ifndef ACMD_ENUMS_TD
#define ACMD_ENUMS_TD

include "mlir/IR/EnumAttr.td"
include "dialects/acmd/AcmdDialect.td"

def Acmd_MemoryLevel : I32EnumAttr<"MemoryLevel", "on-chip memory level", [
    I32EnumAttrCase<"Global", 0, "global">,
    I32EnumAttrCase<"Local", 1, "local">]> {
  let cppNamespace = "::acmd";
  let genSpecializedAttr = 0;
  let description = [{
    `global`: the shared global buffer(s); `local`: the buffers inside each
    processing element.
  }];
}

def Acmd_Partition : I32EnumAttr<"Partition", "buffer partition", [
    I32EnumAttrCase<"Shared", 0, "shared">,
    I32EnumAttrCase<"Weights", 1, "weights">,
    I32EnumAttrCase<"Inputs", 2, "inputs">,
    I32EnumAttrCase<"Outputs", 3, "outputs">,
    I32EnumAttrCase<"Activations", 4, "activations">]> {
  let cppNamespace = "::acmd";
  let genSpecializedAttr = 0;
  let description = [{
    Which part of a memory level holds an allocation. A partitioned level
    (weights W, inputs I, outputs O bytes) is one address space laid out as
    `weights` [0, W), `inputs` [W, W + I), `outputs` [W + I, W + I + O);
    `activations` is [W, W + I + O), the input and output partitions used
    as one pool (a layer group's activations), and `shared` the whole
    level (a group whose schedule splits the level its own way). An
    unpartitioned level has only `shared`. Offsets are relative to the
    part; buffers of different parts that share bytes must not be live
    together.
  }];
}
def Acmd_PartitionAttr : EnumAttr<Acmd_Dialect, Acmd_Partition, "partition">;

#endif // ACMD_ENUMS_TD
