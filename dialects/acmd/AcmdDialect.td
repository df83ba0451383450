//===- AcmdDialect.td - The acmd dialect -------------------*- tablegen -*-===//
#ifndef ACMD_DIALECT_TD
#define ACMD_DIALECT_TD

include "mlir/IR/OpBase.td"

def Acmd_Dialect : Dialect {
  let name = "acmd";
  let cppNamespace = "::acmd";
  let summary = "accelerator commands: on-chip buffers, DMA, compute, sync";
  let description = [{
    A schedule for a spatial accelerator as a stream of commands: `acmd.alloc`
    places a buffer in on-chip memory, `acmd.dma_load` / `acmd.dma_store`
    move a strided DRAM region (a memref) to or from a buffer region,
    `acmd.compute` runs a layer on buffer tiles, and every command returns an
    `!acmd.token` that later commands wait for (`after`) so DMA and compute can
    overlap; `acmd.wait` blocks until tokens complete.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
}

#endif // ACMD_DIALECT_TD
