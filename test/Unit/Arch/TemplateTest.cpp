//===- TemplateTest.cpp - Accelerator templates and the area model --------===//

#include "accel/Arch/ArchTemplate.h"
#include "accel/Arch/AreaModel.h"
#include "accel/Arch/Presets.h"
#include "gtest/gtest.h"

using namespace accel;

namespace {

const char *kTemplate = R"(name: space
knobs:
  - { name: pes, values: [2, 4] }
  - { name: kib, range: [1, 8], scale: pow2 }
  - { name: bw, range: [1, 5], step: 2 }
constraints: { max-pes: 3, max-sram-bytes: 6000 }
accelerator: |
  name: a${pes}-${kib}-${bw}
  mac: { bits: 8, energy-pj: 0.5 }
  parallel-levels: { min: 1, max: 1 }
  memories:
    - { name: DRAM, word-bits: 64, read-bandwidth: ${bw}, read-energy-pj: 100,
        write-energy-pj: 100 }
    - name: Buffer
      capacity-bytes: ${kib * 1024}
      word-bits: 64
      read-energy-pj: ${2 * sqrt(kib / 4) + (1 - 1)}
      write-energy-pj: 2
      fanout: [ { name: units, size: ${pes} } ]
)";

std::string errorOf(llvm::Expected<ArchTemplate> t) {
  return t ? "" : llvm::toString(t.takeError());
}

TEST(ArchTemplate, PointsAreAcceleratorsOfTheKnobsValues) {
  llvm::Expected<ArchTemplate> t = parseArchTemplate(kTemplate, "t.yaml");
  ASSERT_TRUE(static_cast<bool>(t)) << llvm::toString(t.takeError());
  // 2 x {1, 2, 4, 8} x {1, 3, 5}.
  EXPECT_EQ(t->size(), 24);
  EXPECT_EQ(t->knobs[1].values, (std::vector<double>{1, 2, 4, 8}));
  EXPECT_EQ(t->knobs[2].values, (std::vector<double>{1, 3, 5}));
  for (int64_t i = 0; i < t->size(); ++i)
    EXPECT_EQ(t->indexOf(t->pointAt(i)), i);
  TemplatePoint p = {1, 2, 1}; // pes 4, 4 KiB, bandwidth 3
  EXPECT_EQ(t->describe(p), "pes=4 kib=4 bw=3");
  llvm::Expected<Arch> a = t->instantiate(p);
  ASSERT_TRUE(static_cast<bool>(a)) << llvm::toString(a.takeError());
  EXPECT_EQ(a->name, "a4-4-3");
  EXPECT_EQ(a->numPEs(), 4);
  EXPECT_EQ(a->memories[1].capacityBytes, 4096);
  EXPECT_DOUBLE_EQ(a->memories[0].readBandwidth, 3);
  EXPECT_DOUBLE_EQ(a->memories[1].readEnergy, 2);
  // Constraints: 4 PEs > 3; 8 KiB > 6000 B.
  double excess = 0;
  EXPECT_EQ(checkConstraints(*a, 0, t->constraints, &excess), "PEs 4 > 3");
  EXPECT_DOUBLE_EQ(excess, 4.0 / 3 - 1);
  llvm::Expected<Arch> big = t->instantiate({0, 3, 0});
  ASSERT_TRUE(static_cast<bool>(big)) << llvm::toString(big.takeError());
  EXPECT_EQ(checkConstraints(*big, 0, t->constraints),
            "on-chip SRAM bytes 8192 > 6000");
}

TEST(ArchTemplate, ErrorsNameTheField) {
  auto with = [](llvm::StringRef from, llvm::StringRef to) {
    std::string text = kTemplate;
    size_t at = text.find(from.str());
    EXPECT_NE(at, std::string::npos) << from.str();
    text.replace(at, from.size(), to.str());
    return errorOf(parseArchTemplate(text, "t.yaml"));
  };
  EXPECT_EQ(with("name: bw", "name: pes"),
            "t.yaml: knobs[2] (pes): name: is used twice");
  EXPECT_EQ(with("range: [1, 8], scale: pow2", "range: [1, 6], scale: pow2"),
            "t.yaml: knobs[1] (kib): range: a pow2 range needs powers of two");
  EXPECT_EQ(with("values: [2, 4]", "values: []"),
            "t.yaml: knobs[0] (pes): values: must not be empty");
  EXPECT_EQ(with("range: [1, 5], step: 2", "values: [1], step: 2"),
            "t.yaml: knobs[2] (bw): 'step' and 'scale' go with 'range'");
  EXPECT_EQ(with("${kib * 1024}", "${kb * 1024}"),
            "t.yaml: accelerator: ${kb * 1024}: 'kb' is not a knob");
  EXPECT_EQ(with("${kib * 1024}", "${kib / (pes - pes)}"),
            "t.yaml: accelerator: ${kib / (pes - pes)}: divides by zero");
  EXPECT_EQ(with("${kib * 1024}", "${kib * }"),
            "t.yaml: accelerator: ${kib * }: ends where a value is expected");
  // A point that is not a valid accelerator says which point.
  std::string bad = kTemplate;
  bad.replace(bad.find("size: ${pes}"), 12, "size: ${pes - 2}");
  llvm::Expected<ArchTemplate> t = parseArchTemplate(bad, "t.yaml");
  ASSERT_TRUE(static_cast<bool>(t)) << llvm::toString(t.takeError());
  llvm::Expected<Arch> a = t->instantiate({0, 0, 0});
  ASSERT_FALSE(static_cast<bool>(a));
  EXPECT_EQ(llvm::toString(a.takeError()),
            "space at pes=2 kib=1 bw=1: memories[1] (Buffer) fanout[0] "
            "(units): size: must be >= 1, got 0");
}

// The area model's coefficients reproduce the figures they come from
// (docs/DSE.md): Accelergy's 16-bit MAC for eyeriss_like, CACTI's 45 nm
// 4 KiB and 512 KiB arrays (13,503 and 1,644,630 um^2, 64-bit words)
// within 2%, and a register file below 256 B.
TEST(AreaModel, ReproducesItsSources) {
  EXPECT_DOUBLE_EQ(macUm2(16, 16, 16), 1239.5);
  EXPECT_NEAR(memoryArrayUm2(4096) / 13503, 1, 0.02);
  EXPECT_NEAR(memoryArrayUm2(512 * 1024) / 1644630, 1, 0.02);
  EXPECT_DOUBLE_EQ(memoryArrayUm2(24), 24 * 8 * 5.98 + 179);
  // eyeriss-like: 168 PEs of a MAC, a network share and three spads (384,
  // 24 and 32 B), and a 128 KiB global buffer.
  Arch a = *getPreset("eyeriss-like");
  AreaBreakdown area = estimateArea(a);
  double spads = memoryArrayUm2(384) + memoryArrayUm2(24) + memoryArrayUm2(32);
  EXPECT_DOUBLE_EQ(area.levelUm2[2], spads);
  EXPECT_DOUBLE_EQ(area.totalUm2, 168 * (1239.5 + 37.5 + spads) +
                                      memoryArrayUm2(131072));
  // A figure given in the file wins.
  a.macArea = 1000;
  a.memories[1].area = 5e5;
  AreaBreakdown given = estimateArea(a);
  EXPECT_DOUBLE_EQ(given.macUm2, 1000);
  EXPECT_DOUBLE_EQ(given.levelUm2[1], 5e5);
}

} // namespace
