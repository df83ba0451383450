//===- AreaModel.h - Silicon area of an accelerator -------------*- C++ -*-===//
//
// A component-sum area estimate at 45 nm, the way Accelergy sums its
// estimators' tables (docs/DSE.md, "Area"): each memory level's instances
// (each part of a partitioned level a separate array: SRAM from 256 B,
// flip-flop register files below), one MAC per PE sized by the precision
// it multiplies and accumulates at, and the on-chip network per PE. A
// component with an `area-um2` in the accelerator file keeps that figure.
// No control logic, clock tree or pads: a lower bound for comparing design
// points, not a die size. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ARCH_AREAMODEL_H
#define ACCEL_ARCH_AREAMODEL_H

#include "accel/Arch/Arch.h"
#include <vector>

namespace accel {

struct AreaBreakdown {
  double macUm2 = 0;             ///< one MAC
  double nocUm2PerPE = 0;        ///< on-chip network, per PE
  std::vector<double> levelUm2;  ///< one instance of each memory (DRAM: 0)
  double totalUm2 = 0;           ///< everything, every instance
  double totalMm2() const { return totalUm2 * 1e-6; }
};

/// Area of one on-chip array of `bytes` bytes: SRAM (CACTI, 1 read-write
/// port) from 256 B, flip-flops below.
double memoryArrayUm2(int64_t bytes);

/// Area of one MAC multiplying `aBits` x `bBits` into a `sumBits` adder.
double macUm2(int64_t aBits, int64_t bBits, int64_t sumBits);

AreaBreakdown estimateArea(const Arch &arch);

} // namespace accel

#endif // ACCEL_ARCH_AREAMODEL_H
