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
    I32EnumAttrCase<"Outputs", 3, "outputs">]> {
  let cppNamespace = "::acmd";
  let genSpecializedAttr = 0;
  let description = [{
    Which partition of a memory level holds an allocation: `shared` for an
    unpartitioned level, otherwise the weights, input-activation or output
    partition.
  }];
}
def Acmd_PartitionAttr : EnumAttr<Acmd_Dialect, Acmd_Partition, "partition">;

#endif // ACMD_ENUMS_TD
