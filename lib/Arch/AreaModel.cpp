//===- AreaModel.cpp - Silicon area of an accelerator ---------------------===//
//
// Coefficients (docs/DSE.md gives the sources and checks):
//  * SRAM: CACTI at 45 nm with Accelergy's CACTI plug-in configuration (1
//    read-write port, 1 bank, 64-bit words), 512 B to 2 MiB fitted by
//    0.3924 um^2 per bit + 540 um^2 (largest error 1.8%).
//  * Flip-flop register file: Aladdin's register, 5.98 um^2 per bit, plus
//    two address adders (179 um^2), as Accelergy's eyeriss_like reference.
//  * MAC: Aladdin's 32x32 multiplier (4600 um^2) scaled by the product of
//    the operand widths, and its 32-bit adder (179 um^2) by the sum's width
//    (Accelergy's scaling): 16-bit 1239.5 um^2, Accelergy's figure for
//    eyeriss_like's MAC.
//  * Network: 37.5 um^2 per PE, Accelergy's eyeriss_like XY buses (four
//    networks of Aladdin comparators, 1575 um^2 each for 168 PEs); wires
//    are not modelled.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/AreaModel.h"

using namespace accel;

namespace {
constexpr double kSramUm2PerBit = 0.3924;
constexpr double kSramFixedUm2 = 540;
constexpr int64_t kSramMinBytes = 256;
constexpr double kRegisterUm2PerBit = 5.98;
constexpr double kAddressAddersUm2 = 179;
constexpr double kMultiplier32Um2 = 4600;
constexpr double kAdder32Um2 = 179;
constexpr double kNocUm2PerPE = 37.5;
} // namespace

double accel::memoryArrayUm2(int64_t bytes) {
  if (bytes <= 0)
    return 0;
  double bits = double(bytes) * 8;
  if (bytes < kSramMinBytes)
    return kRegisterUm2PerBit * bits + kAddressAddersUm2;
  return kSramUm2PerBit * bits + kSramFixedUm2;
}

double accel::macUm2(int64_t aBits, int64_t bBits, int64_t sumBits) {
  return kMultiplier32Um2 * double(aBits) * double(bBits) / (32.0 * 32.0) +
         kAdder32Um2 * double(sumBits) / 32.0;
}

AreaBreakdown accel::estimateArea(const Arch &arch) {
  AreaBreakdown a;
  DataPrecision p = arch.precision.value_or(
      DataPrecision{arch.macBits, arch.macBits, arch.macBits});
  a.macUm2 = arch.macArea > 0
                 ? arch.macArea
                 : macUm2(p.weights, p.activations, p.partialSums);
  a.nocUm2PerPE = kNocUm2PerPE;
  double pes = double(arch.numPEs());
  a.totalUm2 = (a.macUm2 + a.nocUm2PerPE) * pes;
  a.levelUm2.assign(arch.memories.size(), 0);
  for (unsigned m = 1; m < arch.memories.size(); ++m) {
    const MemoryLevel &mem = arch.memories[m];
    double one = mem.area;
    if (one <= 0) {
      if (mem.partition)
        for (Tensor t : kAllTensors)
          one += memoryArrayUm2((*mem.partition)[t]);
      else
        one = memoryArrayUm2(mem.capacityBytes);
    }
    a.levelUm2[m] = one;
    a.totalUm2 += one * double(arch.instances(m));
  }
  return a;
}
