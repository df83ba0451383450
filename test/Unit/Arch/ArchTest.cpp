//===- ArchTest.cpp - Accelerator descriptions, YAML and presets ----------===//

#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/Presets.h"
#include "gtest/gtest.h"

using namespace accel;

namespace {

std::string errorOf(llvm::Expected<Arch> a) {
  if (a)
    return "";
  return llvm::toString(a.takeError());
}

const char *kSmall = R"(name: tiny
clock-ghz: 0.5
mac: { bits: 8, energy-pj: 0.5 }
parallel-levels: { min: 1, max: 2 }
memories:
  - { name: DRAM, word-bits: 64, read-energy-pj: 200, write-energy-pj: 200 }
  - name: GLB
    capacity-bytes: 4096
    word-bits: 32
    read-energy-pj: 2
    write-energy-pj: 2
    read-bandwidth: 2
    fanout:
      - { name: rows, size: 4 }
      - { name: cols, size: 8, dims: [K, C] }
  - { name: RF, capacity-bytes: 64, word-bits: 8, read-energy-pj: 0.1,
      write-energy-pj: 0.1, partition: { weights: 32, inputs: 16, outputs: 16 } }
)";

TEST(Arch, ParsesAFile) {
  llvm::Expected<Arch> a = parseArchYaml(kSmall, "tiny.yaml");
  ASSERT_TRUE(static_cast<bool>(a)) << llvm::toString(a.takeError());
  EXPECT_EQ(a->name, "tiny");
  EXPECT_EQ(a->macBits, 8);
  EXPECT_DOUBLE_EQ(a->clockGHz, 0.5);
  ASSERT_EQ(a->memories.size(), 3u);
  EXPECT_TRUE(a->memories[0].isUnbounded());
  EXPECT_EQ(a->memories[1].fanout[1].dims,
            (std::vector<std::string>{"K", "C"}));
  EXPECT_EQ(a->numPEs(), 32);
  EXPECT_EQ(a->instances(1), 1);
  EXPECT_EQ(a->instances(2), 32);
  EXPECT_EQ(a->memories[2].capacityFor(Tensor::Weights), 32);
  EXPECT_EQ(a->memories[1].capacityFor(Tensor::Weights), 4096);
  EXPECT_DOUBLE_EQ(a->memories[1].readBandwidth, 2);
  EXPECT_DOUBLE_EQ(a->memories[1].writeBandwidth, 0); // unlimited
  // Without a precision field, every datum is stored at mac.bits.
  EXPECT_EQ(a->precision, (DataPrecision{8, 8, 8}));
  EXPECT_EQ(a->precisionText(), "8-bit data");
}

TEST(Arch, PrecisionPerKindOfData) {
  std::string text = kSmall;
  text.insert(text.find("parallel-levels"),
              "precision: { weights: 4, activations: 8, partial-sums: 24 }\n");
  llvm::Expected<Arch> a = parseArchYaml(text, "tiny.yaml");
  ASSERT_TRUE(static_cast<bool>(a)) << llvm::toString(a.takeError());
  EXPECT_EQ(a->precision, (DataPrecision{4, 8, 24}));
  EXPECT_EQ(a->precisionText(),
            "4-bit weights, 8-bit activations, 24-bit partial sums");
  // The presets' precision, from their sources.
  EXPECT_EQ(getPreset("simba-like")->precision, (DataPrecision{8, 8, 24}));
  EXPECT_EQ(getPreset("eyeriss-like")->precision, (DataPrecision{16, 16, 16}));
  // A layer and a graph stored at it: weights at 4 bits (an activation as
  // a matmul's right operand at 8), inputs and outputs at 8, sums at 24.
  LayerProblem p;
  p.setPrecision(*a->precision);
  EXPECT_EQ(p.elementBits, (PerTensor<int64_t>{{4, 8, 8}}));
  EXPECT_EQ(p.psumBits(), 24);
  p.setPrecision(*a->precision, /*weightsAreActivations=*/true);
  EXPECT_EQ(p.elementBits[Tensor::Weights], 8);
  // Errors name the field.
  text.replace(text.find("partial-sums: 24"), 16, "partial-sums: 0");
  EXPECT_EQ(errorOf(parseArchYaml(text, "tiny.yaml")),
            "tiny.yaml: accelerator: precision.partial-sums: must be 1 to 64 "
            "bits, got 0");
}

TEST(Arch, EveryPresetIsValidAndRoundTripsThroughYaml) {
  std::vector<llvm::StringRef> names = presetNames();
  EXPECT_GE(names.size(), 5u);
  for (llvm::StringRef name : names) {
    std::optional<Arch> a = getPreset(name);
    ASSERT_TRUE(a.has_value()) << name.str();
    EXPECT_EQ(a->name, name.str());
    EXPECT_FALSE(a->source.empty()) << name.str() << " does not cite a source";
    llvm::Error e = validateArch(*a);
    EXPECT_FALSE(static_cast<bool>(e)) << llvm::toString(std::move(e));
    std::string yaml = archToYaml(*a);
    llvm::Expected<Arch> back = parseArchYaml(yaml, name);
    ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(archToYaml(*back), yaml) << name.str();
  }
}

TEST(Arch, PresetNumbersFromTheBrief) {
  Arch e = *getPreset("eyeriss-like");
  EXPECT_EQ(e.numPEs(), 168);
  EXPECT_EQ(e.memories[1].capacityBytes, 128 * 1024);
  EXPECT_EQ(e.memories[2].capacityFor(Tensor::Weights), 192 * 2);
  EXPECT_EQ(e.memories[2].capacityFor(Tensor::Inputs), 12 * 2);
  EXPECT_EQ(e.memories[2].capacityFor(Tensor::Outputs), 16 * 2);
  EXPECT_DOUBLE_EQ(e.memories[0].readEnergy, 512);
  EXPECT_DOUBLE_EQ(e.macEnergy, 2.2);

  Arch edge = *getPreset("gamma-edge");
  EXPECT_EQ(edge.numPEs(), 168);
  EXPECT_EQ(edge.memories[1].capacityBytes, 108 * 1024);
  EXPECT_EQ(edge.memories[2].capacityBytes, 512);
  EXPECT_EQ(edge.maxParallelLevels, 2u);
  Arch cloud = *getPreset("gamma-cloud-s3");
  EXPECT_EQ(cloud.numPEs(), 65536);
  EXPECT_EQ(cloud.memories[1].capacityBytes, 24 * 1024 * 1024);
  EXPECT_EQ(cloud.minParallelLevels, 2u);
  EXPECT_EQ(cloud.maxParallelLevels, 3u);
  EXPECT_EQ(getPreset("gamma-edge-s1")->minParallelLevels, 2u);

  Arch simba = *getPreset("simba-like");
  EXPECT_EQ(simba.numPEs(), 256);
  EXPECT_EQ(simba.macBits, 8);
  EXPECT_FALSE(simba.memories[2].holds(Tensor::Weights));
  EXPECT_TRUE(simba.memories[3].holds(Tensor::Outputs));

  Arch nvdla = *getPreset("nvdla-like");
  EXPECT_EQ(nvdla.memories[1].fanout[0].dims, (std::vector<std::string>{"K"}));
  EXPECT_FALSE(getPreset("no-such-accel").has_value());
}

TEST(Arch, YamlSyntaxErrorsNameFileLineAndKey) {
  std::string typo = kSmall;
  typo.replace(typo.find("word-bits: 32"), 13, "wordbits: 32");
  EXPECT_EQ(errorOf(parseArchYaml(typo, "tiny.yaml")),
            "tiny.yaml:7:5: missing required key 'word-bits'");

  std::string missing = kSmall;
  missing.replace(missing.find("name: tiny"), 10, "nome: tiny");
  EXPECT_EQ(errorOf(parseArchYaml(missing, "tiny.yaml")),
            "tiny.yaml:1:1: missing required key 'name'");
  // An unknown key in an otherwise complete mapping is named as such.
  std::string extra = kSmall;
  extra.replace(extra.find("clock-ghz: 0.5"), 14, "clock-ghz: 0.5\nclock: 1");
  EXPECT_EQ(errorOf(parseArchYaml(extra, "tiny.yaml")),
            "tiny.yaml:3:1: unknown key 'clock'");

  std::string badNumber = kSmall;
  badNumber.replace(badNumber.find("capacity-bytes: 4096"), 20,
                    "capacity-bytes: lots");
  EXPECT_EQ(errorOf(parseArchYaml(badNumber, "tiny.yaml")),
            "tiny.yaml:8:21: invalid number");

  EXPECT_EQ(errorOf(parseArchYaml("name: [", "broken.yaml")).substr(0, 12),
            "broken.yaml:");
}

TEST(Arch, SemanticErrorsNameTheField) {
  auto withReplaced = [](llvm::StringRef from, llvm::StringRef to) {
    std::string text = kSmall;
    size_t at = text.find(from.str());
    EXPECT_NE(at, std::string::npos) << from.str();
    text.replace(at, from.size(), to.str());
    return errorOf(parseArchYaml(text, "tiny.yaml"));
  };
  EXPECT_EQ(
      withReplaced("capacity-bytes: 4096", "capacity-bytes: -4"),
      "tiny.yaml: memories[1] (GLB): capacity-bytes: must be >= 0, got -4");
  EXPECT_EQ(withReplaced("capacity-bytes: 64", "capacity-bytes: 48"),
            "tiny.yaml: memories[2] (RF): partition: the parts add up to 64 "
            "bytes, more than the capacity 48");
  EXPECT_EQ(withReplaced("{ name: cols, size: 8", "{ name: cols, size: 0"),
            "tiny.yaml: memories[1] (GLB) fanout[1] (cols): size: must be >= "
            "1, got 0");
  EXPECT_EQ(withReplaced("dims: [K, C]", "dims: [K, X]"),
            "tiny.yaml: memories[1] (GLB) fanout[1] (cols): dims: 'X' is not "
            "a loop dimension (N, K, C, P, Q, R, S or G)");
  EXPECT_EQ(withReplaced("{ min: 1, max: 2 }", "{ min: 1, max: 4 }"),
            "tiny.yaml: accelerator: parallel-levels: max 4 exceeds what the "
            "fan-out stages can host (2 levels)");
  EXPECT_EQ(withReplaced("name: RF, capacity-bytes: 64,", "name: RF,"),
            "tiny.yaml: memories[2] (RF): capacity-bytes: an on-chip level "
            "needs a capacity (only DRAM, the first level, is unbounded)");
  EXPECT_EQ(withReplaced("name: RF", "name: GLB"),
            "tiny.yaml: memories[2] (GLB): name: is used twice");
  EXPECT_EQ(withReplaced("clock-ghz: 0.5", "clock-ghz: 0"),
            "tiny.yaml: accelerator: clock-ghz: must be > 0, got 0.000000");
}

TEST(Arch, ResolveNamesPresetsAndFiles) {
  EXPECT_EQ(resolveArch("eyeriss-like")->numPEs(), 168);
  EXPECT_EQ(errorOf(resolveArch("eyeris")).substr(0, 52),
            "unknown accelerator 'eyeris': not a preset (eyeriss-");
  std::string missing = errorOf(resolveArch("/nonexistent/a.yaml"));
  EXPECT_EQ(missing.substr(0, 34), "/nonexistent/a.yaml: cannot read: ");
}

} // namespace
