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
    places a buffer in on-chip memory and `acmd.dealloc` frees it,
    `acmd.dma_load` / `acmd.dma_store` move a strided DRAM region (a memref)
    to or from a buffer region (a load may fill a padded border with zeros),
    `acmd.copy` moves a region between buffers (a kept halo, a concat's
    operand), `acmd.compute` runs a layer on buffer tiles, and every command
    returns an `!acmd.token` that later commands wait for (`after`) so DMA
    and compute can overlap; `acmd.wait` blocks until tokens complete.
    Commands run in four queues, each completing its commands in the order
    they are issued: DMA loads, DMA stores, copies and computes; a command
    that waits for one command of a queue therefore waits for the earlier
    ones too (what `--accel-lower-to-acmd` relies on to name only the last
    of each). Every
    command states what it reads and writes (DRAM or on-chip memory), so
    canonicalization and CSE never drop or reorder one that matters;
    `--accel-check-acmd` checks lifetimes, overlaps and capacities against
    the module's accelerator.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
}

#endif // ACMD_DIALECT_TD
