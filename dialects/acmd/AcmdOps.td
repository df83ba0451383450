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

// On-chip memory, apart from the DRAM memrefs (the default resource): what
// commands read, write, allocate and free there.
def Acmd_OnChip : Resource<"::acmd::OnChipResource">;
def Acmd_NewBuffer : Res<Acmd_BufferType, "", [MemAlloc<Acmd_OnChip>]>;
def Acmd_ReadBuffer : Arg<Acmd_BufferType, "", [MemRead<Acmd_OnChip>]>;
def Acmd_WrittenBuffer : Arg<Acmd_BufferType, "", [MemWrite<Acmd_OnChip>]>;
def Acmd_ReadDram : Arg<Acmd_DramTensor, "", [MemRead]>;
def Acmd_WrittenDram : Arg<Acmd_DramTensor, "", [MemWrite]>;

def Acmd_AllocOp : Acmd_Op<"alloc"> {
  let summary = "places a buffer in on-chip memory";
  let description = [{
    Reserves `size(type)` bytes at byte `offset` of a partition of the
    buffer type's memory level, until `acmd.dealloc` (or the end of the
    function). Placement is static: two live buffers of one partition must
    not overlap, and every buffer must fit its partition on the module's
    accelerator (`--accel-check-acmd` checks both). `shared` is the whole of
    a level that is not partitioned; `weights`, `inputs` and `outputs` are
    the partitions of one that is.

    ```mlir
    %in = acmd.alloc inputs offset 0 : !acmd.buffer<1x64x10x58xf16, global>
    ```
  }];
  let arguments = (ins Acmd_PartitionAttr:$partition, I64Attr:$offset);
  let results = (outs Acmd_NewBuffer:$buffer);
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
    into the buffer starting at `buffer_offsets`. A stride of 0 reads one
    element `size` times (a broadcast operand read at its consumer's size). Both sides have the same
    rank and the sizes are stated once, so source and destination regions
    always have the same shape. Starts after the `after` tokens complete.

    With `zero_border`, the DRAM region may reach past the tensor (negative
    offsets, or beyond its end): the elements outside are written as zeros
    and not read, which fills a padded border (mlir-aie's DMA padding).
    Without it, a region that leaves the tensor is an error.

    ```mlir
    %t = acmd.dma_load %x [0, 0, 0, 0] sizes [1, 64, 10, 58] strides [1, 1, 1, 1]
        into %in [0, 0, 0, 0] : memref<1x64x58x58xf16> into !acmd.buffer<1x64x10x58xf16, global>
    %p = acmd.dma_load %x [0, 0, -1, -1] sizes [1, 64, 10, 58] strides [1, 1, 1, 1]
        into %in [0, 0, 0, 0] zero_border : memref<1x64x56x56xf16> into !acmd.buffer<1x64x10x58xf16, global>
    ```
  }];
  let arguments = (ins Acmd_ReadDram:$dram, DenseI64ArrayAttr:$dram_offsets,
                       DenseI64ArrayAttr:$sizes, DenseI64ArrayAttr:$dram_strides,
                       Acmd_WrittenBuffer:$buffer,
                       DenseI64ArrayAttr:$buffer_offsets,
                       UnitAttr:$zero_border, Acmd_Tokens:$deps);
  let results = (outs Acmd_TokenType:$token);
  let assemblyFormat = [{
    $dram $dram_offsets `sizes` $sizes `strides` $dram_strides
    `into` $buffer $buffer_offsets (`zero_border` $zero_border^)?
    (`after` $deps^)? attr-dict
    `:` type($dram) `into` qualified(type($buffer))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Elements the command reads from DRAM (those of the region inside the
    /// tensor; a zero border is not read).
    int64_t getDramElements();
  }];
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
  let arguments = (ins Acmd_ReadBuffer:$buffer,
                       DenseI64ArrayAttr:$buffer_offsets,
                       DenseI64ArrayAttr:$sizes, Acmd_WrittenDram:$dram,
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

def Acmd_CopyOp : Acmd_Op<"copy"> {
  let summary = "copies a region of one buffer into a region of another";
  let description = [{
    An on-chip move: reads `sizes` elements from `source` at
    `source_offsets` and writes them into `dest` at `dest_offsets` (the same
    rank, the same element type). It keeps a halo for the next tile (the
    last rows of a tile moved to the top of the next one's buffer, or of
    the same buffer) or places a tensor inside a larger one (a concat's
    operand). Source and destination may be regions of one buffer, even
    overlapping ones: the source is read whole before the destination is
    written (as memmove), so a buffer can shift its kept rows up by one.

    ```mlir
    %h = acmd.copy %in [0, 0, 8, 0] sizes [1, 64, 2, 58] into %next [0, 0, 0, 0]
        after %c : !acmd.buffer<1x64x10x58xf16, global> into !acmd.buffer<1x64x10x58xf16, global>
    ```
  }];
  let arguments = (ins Acmd_ReadBuffer:$source,
                       DenseI64ArrayAttr:$source_offsets,
                       DenseI64ArrayAttr:$sizes, Acmd_WrittenBuffer:$dest,
                       DenseI64ArrayAttr:$dest_offsets, Acmd_Tokens:$deps);
  let results = (outs Acmd_TokenType:$token);
  let assemblyFormat = [{
    $source $source_offsets `sizes` $sizes `into` $dest $dest_offsets
    (`after` $deps^)? attr-dict
    `:` qualified(type($source)) `into` qualified(type($dest))
  }];
  let hasVerifier = 1;
}

def Acmd_DeallocOp : Acmd_Op<"dealloc"> {
  let summary = "ends a buffer's lifetime";
  let description = [{
    Frees the buffer once the `after` tokens complete: its bytes may be
    allocated again, and no command may use it later.

    ```mlir
    acmd.dealloc %in after %c : !acmd.buffer<1x64x10x58xf16, global>
    ```
  }];
  let arguments = (ins Arg<Acmd_BufferType, "", [MemFree<Acmd_OnChip>]>:$buffer,
                       Acmd_Tokens:$deps);
  let assemblyFormat = [{
    $buffer (`after` $deps^)? attr-dict `:` qualified(type($buffer))
  }];
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
  let arguments = (ins StrAttr:$layer,
                       Arg<Variadic<Acmd_BufferType>, "",
                           [MemRead<Acmd_OnChip>]>:$ins,
                       Arg<Variadic<Acmd_BufferType>, "",
                           [MemRead<Acmd_OnChip>, MemWrite<Acmd_OnChip>]>:$outs,
                       Acmd_Tokens:$deps,
                       OptionalAttr<Acmd_MappingAttr>:$mapping);
  let results = (outs Acmd_TokenType:$token);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $layer (`ins` `(` $ins^ `:` type($ins) `)`)? `outs` `(` $outs `:` type($outs) `)`
    (`after` $deps^)? attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
}

def Acmd_HostOp : Acmd_Op<"host", [AttrSizedOperandSegments,
                                   IsolatedFromAbove, SingleBlock]> {
  let summary = "runs an operator the accelerator does not, on the host";
  let description = [{
    A layer the accelerator cannot run (an opaque operator) runs on the
    host, DRAM to DRAM: the body receives the contents of the `ins` tensors,
    then of the `outs` tensors, and yields the new contents of the `outs`.
    Its traffic is the host's, not the accelerator's. `name` is the
    operator's name; an executor that has no kernel for it says so.
    ```mlir
    %t = acmd.host "Softmax" ins(%x : memref<1x1000xf32>) outs(%y : memref<1x1000xf32>) {
    ^bb0(%a: tensor<1x1000xf32>, %b: tensor<1x1000xf32>):
      %r = accel.opaque "Softmax"(%a) : (tensor<1x1000xf32>) -> tensor<1x1000xf32>
      acmd.yield %r : tensor<1x1000xf32>
    }
    ```
  }];
  let arguments = (ins StrAttr:$name,
                       Arg<Variadic<Acmd_DramTensor>, "", [MemRead]>:$ins,
                       Arg<Variadic<Acmd_DramTensor>, "",
                           [MemRead, MemWrite]>:$outs,
                       Acmd_Tokens:$deps);
  let results = (outs Acmd_TokenType:$token);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $name (`ins` `(` $ins^ `:` type($ins) `)`)? `outs` `(` $outs `:` type($outs) `)`
    (`after` $deps^)? attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
}
def Acmd_YieldOp : Acmd_Op<"yield", [Pure, Terminator, ReturnLike,
                                     ParentOneOf<["ComputeOp", "HostOp"]>]> {
  let summary = "returns the new contents of a compute or host command's outputs";
  let arguments = (ins Variadic<AnyRankedTensor>:$values);
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

def Acmd_WaitOp : Acmd_Op<"wait", [MemoryEffects<[MemRead<Acmd_OnChip>,
                                                   MemWrite<Acmd_OnChip>,
                                                   MemRead, MemWrite]>]> {
  let summary = "blocks until the given commands complete";
  let description = [{
    A barrier: nothing that reads or writes memory moves across it.
  }];
  let arguments = (ins Variadic<Acmd_TokenType>:$tokens);
  let assemblyFormat = "$tokens attr-dict";
  let hasVerifier = 1;
}

#endif // ACMD_OPS_TD
