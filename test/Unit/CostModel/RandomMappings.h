//===- RandomMappings.h - Random accelerators and mappings ------*- C++ -*-===//
//
// For the oracles that run the cost model's rules literally: small random
// accelerators (1 to 3 on-chip levels, partitions, fan-out stages with and
// without multicast and reduction) and random mappings of a loop nest.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_COSTMODEL_RANDOMMAPPINGS_H
#define ACCEL_TEST_UNIT_COSTMODEL_RANDOMMAPPINGS_H

#include "RandomCases.h"
#include "accel/Arch/Arch.h"
#include "accel/Workload/Mapping.h"

namespace accel::testing {

Arch randomArch(Random &r);
/// 1 to 3 levels of random loops, orders and fan-outs within `b`.
Mapping randomMapping(Random &r, const LoopBounds &b);

} // namespace accel::testing

#endif
