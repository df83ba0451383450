//===- Presets.cpp - Accelerators compiled into accel-opt -----------------===//
//
// Each preset documents where its numbers come from. Energies are pJ per
// access of one word of the level's width; bandwidths are words per cycle.
// Where a source gives no number we say which value we chose and why.
//
//===----------------------------------------------------------------------===//

#include "accel/Arch/Presets.h"

using namespace accel;

namespace {

MemoryLevel dram(double energyPerWord, double bandwidth) {
  MemoryLevel m;
  m.name = "DRAM";
  m.wordBits = 64;
  m.readEnergy = m.writeEnergy = energyPerWord;
  m.readBandwidth = m.writeBandwidth = bandwidth;
  return m;
}

MemoryLevel sram(std::string name, int64_t bytes, int64_t wordBits,
                 double energy, double bandwidth) {
  MemoryLevel m;
  m.name = std::move(name);
  m.capacityBytes = bytes;
  m.wordBits = wordBits;
  m.readEnergy = m.writeEnergy = energy;
  m.readBandwidth = m.writeBandwidth = bandwidth;
  return m;
}

FanoutStage stage(std::string name, int64_t size, unsigned maxLevels = 1,
                  std::vector<std::string> dims = {}) {
  FanoutStage s;
  s.name = std::move(name);
  s.size = size;
  s.maxMappingLevels = maxLevels;
  s.dims = std::move(dims);
  return s;
}

PerTensor<int64_t> split(int64_t weights, int64_t inputs, int64_t outputs) {
  PerTensor<int64_t> p;
  p[Tensor::Weights] = weights;
  p[Tensor::Inputs] = inputs;
  p[Tensor::Outputs] = outputs;
  return p;
}

Arch eyerissLike() {
  Arch a;
  a.name = "eyeriss-like";
  a.description = "Eyeriss-like: 12x14 PEs with ifmap/weight/psum scratchpads "
                  "under a 128 KiB global buffer, 16-bit data";
  a.source = "Timeloop/Accelergy example design 'eyeriss_like' (Chen et al., "
             "ISSCC 2016): 168 PEs, spads of 12/192/16 16-bit words, global "
             "buffer 16384 x 64 bit, LPDDR4; energies DRAM 512 pJ per 64-bit "
             "word, GLB ~37 pJ per 64-bit access, spads 0.15-0.8 pJ (we use "
             "0.5), MAC 2.2 pJ; 200 MHz. Bandwidths are ours: DRAM 16 64-bit "
             "words per cycle (LPDDR4-3200 x64, 25.6 GB/s, at the 200 MHz "
             "core clock), GLB four, each spad one read and one write per "
             "cycle.";
  a.macBits = 16;
  a.macEnergy = 2.2;
  a.clockGHz = 0.2;
  // Like Timeloop's mapper, which may spread several dimensions over the 12
  // physical rows (row stationary: filter rows x channels), the rows can host
  // two mapping levels whose fan-outs multiply to at most 12.
  a.minParallelLevels = 1;
  a.maxParallelLevels = 3;
  a.memories.push_back(dram(512, 16));
  MemoryLevel glb = sram("GlobalBuffer", 131072, 64, 37, 4);
  glb.fanout = {stage("rows", 12, 2), stage("cols", 14)};
  a.memories.push_back(glb);
  MemoryLevel spad = sram("PESpad", 440, 16, 0.5, 1);
  spad.partition = split(384, 24, 32);
  a.memories.push_back(spad);
  return a;
}

Arch simbaLike() {
  Arch a;
  a.name = "simba-like";
  a.description = "Simba-like: 16 PEs x 4 lanes x 4 MACs, 8-bit, per-PE "
                  "input buffer, per-lane weight and accumulation buffers";
  a.source = "Timeloop/Accelergy example design 'simba_like' (Shao et al., "
             "MICRO 2019): global buffer 2048 x 256 bit (64 KiB), per PE an "
             "input buffer of 64 KiB, 4 weight buffers of 4096 B and 4 "
             "accumulation buffers of 128 x 24 bit, 16 8-bit MACs; energies "
             "DRAM 512 pJ per 64-bit word, global buffer ~1.05 pJ, PE buffers "
             "~0.15 pJ, MAC 0.561 pJ. Clock 1 GHz and bandwidths are ours.";
  a.macBits = 8;
  // 8-bit weights and inputs, 24-bit accumulation buffers.
  a.precision = DataPrecision{8, 8, 24};
  a.macEnergy = 0.561;
  a.clockGHz = 1.0;
  a.minParallelLevels = 1;
  a.maxParallelLevels = 3;
  a.memories.push_back(dram(512, 1));
  MemoryLevel glb = sram("GlobalBuffer", 65536, 256, 1.05, 1);
  glb.fanout = {stage("PEs", 16)};
  a.memories.push_back(glb);
  MemoryLevel in = sram("PEInputBuffer", 65536, 64, 0.15, 1);
  in.partition = split(0, 65536, 0);
  in.fanout = {stage("lanes", 4)};
  a.memories.push_back(in);
  MemoryLevel lane = sram("LaneBuffers", 4096 + 384, 64, 0.15, 1);
  lane.partition = split(4096, 0, 384);
  lane.fanout = {stage("MACs", 4)};
  a.memories.push_back(lane);
  return a;
}

/// GAMMA's platforms (Kao & Krishna, ICCAD 2020, Table 3). GAMMA gives PEs
/// and buffer sizes only; energies follow eyeriss-like (MAESTRO's defaults
/// are Eyeriss-derived too), words are 16 bit.
Arch gamma(llvm::StringRef name, int64_t pes, int64_t localBytes,
           int64_t globalBytes, int system) {
  Arch a;
  a.name = name.str();
  a.macBits = 16;
  a.macEnergy = 2.2;
  a.clockGHz = 1.0;
  a.memories.push_back(dram(512, 1));
  MemoryLevel sg = sram("SG", globalBytes, 64, 37, 4);
  switch (system) {
  case 1: // S1: fixed 2-D array (rows x cols), exactly two levels.
    a.minParallelLevels = a.maxParallelLevels = 2;
    sg.fanout = {stage("rows", pes == 168 ? 12 : 256),
                 stage("cols", pes == 168 ? 14 : 256)};
    break;
  case 2: // S2: flexible aspect ratio, one or two levels.
    a.minParallelLevels = 1;
    a.maxParallelLevels = 2;
    sg.fanout = {stage("PEs", pes, 2)};
    break;
  default: // S3: two arrays of flexible aspect ratio, two or three levels.
    a.minParallelLevels = 2;
    a.maxParallelLevels = 3;
    sg.fanout = {stage("arrays", 2), stage("PEs", pes / 2, 2)};
    break;
  }
  a.memories.push_back(sg);
  a.memories.push_back(sram("SL", localBytes, 16, 0.5, 2));
  a.description =
      (llvm::Twine("GAMMA ") + (pes == 168 ? "edge" : "cloud") +
       " platform, system S" + llvm::Twine(system) + ": " + llvm::Twine(pes) +
       " PEs, " + llvm::Twine(localBytes) + " B local scratchpad per PE, " +
       llvm::Twine(globalBytes) + " B global scratchpad")
          .str();
  a.source = "Kao & Krishna, GAMMA, ICCAD 2020, Table 3 (PEs, SL, SG) and "
             "the S1/S2/S3 systems; the cloud platform's 4 MiB of local "
             "scratchpad is read as the total over 65,536 PEs (64 B each). "
             "Energies as eyeriss-like; bandwidths are ours.";
  return a;
}

Arch nvdlaLike() {
  Arch a;
  a.name = "nvdla-like";
  a.description = "NVDLA/TPU-like weight-stationary array: 16 (K) x 16 (C) "
                  "16-bit MACs fed from a 512 KiB convolution buffer";
  a.source = "NVDLA open-source hardware (nv_full conv buffer of 512 KiB, "
             "atomic-K x atomic-C MAC array, weights held in the MAC cells); "
             "array scaled to 16x16 16-bit MACs. Energies as eyeriss-like "
             "(DRAM 512 pJ per 64-bit word, 128-bit buffer word ~40 pJ, "
             "registers 0.05 pJ, MAC 2.2 pJ); 1 GHz; bandwidths are ours.";
  a.macBits = 16;
  a.macEnergy = 2.2;
  a.clockGHz = 1.0;
  a.minParallelLevels = 2;
  a.maxParallelLevels = 2;
  a.memories.push_back(dram(512, 2));
  MemoryLevel cbuf = sram("ConvBuffer", 524288, 128, 40, 4);
  cbuf.fanout = {stage("atomic-k", 16, 1, {"K"}),
                 stage("atomic-c", 16, 1, {"C"})};
  a.memories.push_back(cbuf);
  // One weight, input and partial sum per MAC cell, each with a shadow
  // register so the next value loads while the current one is used.
  MemoryLevel regs = sram("MACRegisters", 12, 16, 0.05, 0);
  regs.partition = split(4, 4, 4);
  a.memories.push_back(regs);
  return a;
}

struct Preset {
  llvm::StringLiteral name;
  Arch (*build)();
};

const Preset kPresets[] = {
    {"eyeriss-like", eyerissLike},
    {"simba-like", simbaLike},
    {"nvdla-like", nvdlaLike},
    {"gamma-edge", [] { return gamma("gamma-edge", 168, 512, 110592, 2); }},
    {"gamma-edge-s1",
     [] { return gamma("gamma-edge-s1", 168, 512, 110592, 1); }},
    {"gamma-edge-s3",
     [] { return gamma("gamma-edge-s3", 168, 512, 110592, 3); }},
    {"gamma-cloud",
     [] { return gamma("gamma-cloud", 65536, 64, 25165824, 2); }},
    {"gamma-cloud-s1",
     [] { return gamma("gamma-cloud-s1", 65536, 64, 25165824, 1); }},
    {"gamma-cloud-s3",
     [] { return gamma("gamma-cloud-s3", 65536, 64, 25165824, 3); }},
};

} // namespace

std::vector<llvm::StringRef> accel::presetNames() {
  std::vector<llvm::StringRef> names;
  for (const Preset &p : kPresets)
    names.push_back(p.name);
  return names;
}

std::optional<Arch> accel::getPreset(llvm::StringRef name) {
  for (const Preset &p : kPresets)
    if (p.name == name)
      return p.build();
  return std::nullopt;
}
