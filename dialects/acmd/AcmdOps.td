//===- AcmdOps.td - Operations of the acmd dialect ---------*- tablegen -*-===//
#ifndef ACMD_OPS_TD
#define ACMD_OPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "dialects/acmd/AcmdTypes.td"

class Acmd_Op<string mnemonic, list<Trait> traits = []>
    : Op<Acmd_Dialect, mnemonic, traits>;

// The mapping of the layer a compute command runs (an accel attribute; the
// constraint is spelled here so that acmd does not re-generate accel's ODS).
def Acmd_MappingAttr : Attr<CPred<"::llvm::isa<::accel::MappingAttr>($_self)">,
                            "#accel.mapping"> {
  let storageType = "::accel::MappingAttr";
  let returnType = "::accel::MappingAttr";
  let convertFromStorage = "$_self";
}

def Acmd_Tokens : Variadic<Acmd_TokenType>;
def Acmd_DramTensor : StaticShapeMemRefOf<[AnyFloat, AnySignlessInteger]>;

def Acmd_AllocOp : Acmd_Op<"alloc"> {
  let summary = "places a buffer in on-chip memory";
  let description = [{
    Reserves `size(type)` bytes at byte `offset` of a partition of the
    buffer type's memory level. Placement is static: two live buffers of one
    partition must not overlap (checked against the accelerator by the
    lowering).

    ```mlir
    %in = acmd.alloc inputs offset 0 : !acmd.buffer<1x64x10x58xf16, global>
    ```
  }];
  let arguments = (ins Acmd_PartitionAttr:$partition, I64Attr:$offset);
  let results = (outs Acmd_BufferType:$buffer);
  let assemblyFormat = [{
    custom<EnumKeyword>($partition) `offset` $offset attr-dict `:` qualified(type($buffer))
  }];
  let hasVerifier = 1;
}

def Acmd_DmaLoadOp : Acmd_Op<"dma_load"> {
  let summary = "copies a strided DRAM region into a buffer region";
  let description = [{
    Reads `sizes` elements per dimension from the DRAM tensor starting at
    `dram_offsets`, stepping `dram_strides` elements, and writes them densely
    into the buffer starting at `buffer_offsets`. Both sides have the same
    rank and the sizes are stated once, so source and destination regions
    always have the same shape. Starts after the `after` tokens complete.

    ```mlir
    %t = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 64, 10, 58] strides [1, 1, 1, 1]
        into %in [0, 0, 0, 0] : memref<1x64x58x58xf16> into !acmd.buffer<1x64x10x58xf16, global>
    ```
  }];
  let arguments = (ins Acmd_DramTensor:$dram, DenseI64ArrayAttr:$dram_offsets,
                       DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$dram_strides,
                       Acmd_BufferType:$buffer,
                       DenseI64ArrayAttr:$buffer_offsets, Acmd_Tokens:$deps);
  let results = (outs Acmd_TokenType:$token);
  let assemblyFormat = [{
    $dram $dram_offsets `sizes` $sizes `strides` $dram_strides
    `into` $buffer $buffer_offsets (`after` $deps^)? attr-dict
    `:` type($dram) `into` qualified(type($buffer))
  }];
  let hasVerifier = 1;
}

def Acmd_DmaStoreOp : Acmd_Op<"dma_store"> {
  let summary = "copies a buffer region into a strided DRAM region";
  let description = [{
    The inverse of `acmd.dma_load`: reads `sizes` elements from the buffer at
    `buffer_offsets` and writes them to the DRAM tensor at `dram_offsets`
    with `dram_strides`.

    ```mlir
    %t = acmd.dma_store %out [0, 0, 0, 0] sizes [1, 64, 8, 56]
        into %y [0, 0, 8, 0] strides [1, 1, 1, 1] after %c
        : !acmd.buffer<1x64x8x56xf16, global> into memref<1x64x56x56xf16>
    ```
  }];
  let arguments = (ins Acmd_BufferType:$buffer,
                       DenseI64ArrayAttr:$buffer_offsets,
                       DenseI64ArrayAttr:$sizes, Acmd_DramTensor:$dram,
                       DenseI64ArrayAttr:$dram_offsets,
                       DenseI64ArrayAttr:$dram_strides, Acmd_Tokens:$deps);
  let results = (outs Acmd_TokenType:$token);
  let assemblyFormat = [{
    $buffer $buffer_offsets `sizes` $sizes `into` $dram $dram_offsets
    `strides` $dram_strides (`after` $deps^)? attr-dict
    `:` qualified(type($buffer)) `into` type($dram)
  }];
  let hasVerifier = 1;
}

def Acmd_ComputeOp : Acmd_Op<"compute", [AttrSizedOperandSegments,
                                         IsolatedFromAbove, SingleBlock]> {
  let summary = "runs (part of) a layer on buffer tiles";
  let description = [{
    `layer` names the network layer this command computes (part of). The body
    receives the contents of the `ins` buffers, then of the `outs` buffers, as
    tensors of the buffers' shapes, and yields the new contents of the `outs`
    buffers; it is written with accel layer ops (and tensor slicing), so the
    command states exactly what it computes. `mapping` is the loop-nest
    mapping the tile runs with. Starts after the `after` tokens complete and
    returns a token that completes when the outputs are written.

    ```mlir
    %c = acmd.compute "conv1" ins(%in, %w : !acmd.buffer<1x64x10x58xf16, global>,
                                          !acmd.buffer<64x64x3x3xf16, global>)
                              outs(%out : !acmd.buffer<1x64x8x56xf16, global>)
                              after %t0, %t1 {
    ^bb0(%a: tensor<1x64x10x58xf16>, %b: tensor<64x64x3x3xf16>, %o: tensor<1x64x8x56xf16>):
      %r = accel.conv2d %a, %b : (tensor<1x64x10x58xf16>, tensor<64x64x3x3xf16>) -> tensor<1x64x8x56xf16>
      acmd.yield %r : tensor<1x64x8x56xf16>
    }
    ```
  }];
  let arguments = (ins StrAttr:$layer, Variadic<Acmd_BufferType>:$ins,
                       Variadic<Acmd_BufferType>:$outs, Acmd_Tokens:$deps,
                       OptionalAttr<Acmd_MappingAttr>:$mapping);
  let results = (outs Acmd_TokenType:$token);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $layer (`ins` `(` $ins^ `:` type($ins) `)`)? `outs` `(` $outs `:` type($outs) `)`
    (`after` $deps^)? attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
}

def Acmd_YieldOp : Acmd_Op<"yield", [Pure, Terminator, ReturnLike,
                                     HasParent<"ComputeOp">]> {
  let summary = "returns the new contents of a compute command's outputs";
  let arguments = (ins Variadic<AnyRankedTensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

def Acmd_WaitOp : Acmd_Op<"wait"> {
  let summary = "blocks until the given commands complete";
  let arguments = (ins Variadic<Acmd_TokenType>:$tokens);
  let assemblyFormat = "$tokens attr-dict";
  let hasVerifier = 1;
}

#endif // ACMD_OPS_TD
