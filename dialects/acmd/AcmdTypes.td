//===- AcmdTypes.td - Types of the acmd dialect ------------*- tablegen -*-===//
#ifndef ACMD_TYPES_TD
#define ACMD_TYPES_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/BuiltinTypeInterfaces.td"
include "dialects/acmd/AcmdEnums.td"

class Acmd_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<Acmd_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def Acmd_TokenType : Acmd_Type<"Token", "token"> {
  let summary = "completion of an asynchronous command";
}

def Acmd_BufferType : Acmd_Type<"Buffer", "buffer"> {
  let summary = "a region of on-chip memory holding a tile";
  let description = [{
    `!acmd.buffer<1x64x10x58xf16, global>`: a dense, row-major tile of the
    given static shape and element type in a memory level.
  }];
  let parameters = (ins ArrayRefParameter<"int64_t">:$shape,
                        "::mlir::Type":$elementType,
                        EnumParameter<Acmd_MemoryLevel>:$level);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    int64_t getNumElements() const;
    /// Bytes of one element (bit width rounded up to whole bytes).
    int64_t getElementBytes() const;
    int64_t getSizeInBytes() const { return getNumElements() * getElementBytes(); }
    /// The tensor a compute command's body sees for this buffer.
    ::mlir::RankedTensorType getTensorType() const;
  }];
}

#endif // ACMD_TYPES_TD
