//===- ArchYaml.cpp - Accelerator descriptions in YAML --------------------===//

#include "accel/Arch/ArchYaml.h"
#include "accel/Arch/Presets.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"

using namespace accel;

LLVM_YAML_IS_SEQUENCE_VECTOR(accel::FanoutStage)
LLVM_YAML_IS_SEQUENCE_VECTOR(accel::MemoryLevel)

namespace {
struct MacFields {
  int64_t bits = 16;
  double energy = 0;
  double area = 0;
};
struct LevelLimits {
  unsigned min = 1;
  unsigned max = 2;
};
} // namespace

namespace llvm::yaml {

template <> struct MappingTraits<PerTensor<int64_t>> {
  static void mapping(IO &io, PerTensor<int64_t> &p) {
    io.mapRequired("weights", p[Tensor::Weights]);
    io.mapRequired("inputs", p[Tensor::Inputs]);
    io.mapRequired("outputs", p[Tensor::Outputs]);
  }
};

template <> struct MappingTraits<DataPrecision> {
  static void mapping(IO &io, DataPrecision &p) {
    io.mapRequired("weights", p.weights);
    io.mapRequired("activations", p.activations);
    io.mapRequired("partial-sums", p.partialSums);
  }
};

template <> struct MappingTraits<FanoutStage> {
  static void mapping(IO &io, FanoutStage &s) {
    io.mapRequired("name", s.name);
    io.mapRequired("size", s.size);
    io.mapOptional("max-levels", s.maxMappingLevels, 1u);
    io.mapOptional("multicast", s.multicast, true);
    io.mapOptional("spatial-reduction", s.spatialReduction, true);
    io.mapOptional("dims", s.dims);
  }
};

template <> struct MappingTraits<MemoryLevel> {
  static void mapping(IO &io, MemoryLevel &m) {
    io.mapRequired("name", m.name);
    io.mapOptional("capacity-bytes", m.capacityBytes, int64_t(0));
    io.mapOptional("partition", m.partition);
    io.mapRequired("word-bits", m.wordBits);
    io.mapOptional("read-bandwidth", m.readBandwidth, 0.0);
    io.mapOptional("write-bandwidth", m.writeBandwidth, 0.0);
    io.mapRequired("read-energy-pj", m.readEnergy);
    io.mapRequired("write-energy-pj", m.writeEnergy);
    io.mapOptional("area-um2", m.area, 0.0);
    io.mapOptional("fanout", m.fanout);
  }
};

template <> struct MappingTraits<MacFields> {
  static void mapping(IO &io, MacFields &m) {
    io.mapRequired("bits", m.bits);
    io.mapRequired("energy-pj", m.energy);
    io.mapOptional("area-um2", m.area, 0.0);
  }
};

template <> struct MappingTraits<LevelLimits> {
  static void mapping(IO &io, LevelLimits &l) {
    io.mapRequired("min", l.min);
    io.mapRequired("max", l.max);
  }
};

template <> struct MappingTraits<Arch> {
  static void mapping(IO &io, Arch &a) {
    io.mapRequired("name", a.name);
    io.mapOptional("description", a.description, std::string());
    io.mapOptional("source", a.source, std::string());
    io.mapOptional("clock-ghz", a.clockGHz, 1.0);
    MacFields mac{a.macBits, a.macEnergy, a.macArea};
    io.mapRequired("mac", mac);
    std::optional<DataPrecision> precision = a.precision;
    io.mapOptional("precision", precision);
    LevelLimits limits{a.minParallelLevels, a.maxParallelLevels};
    io.mapOptional("parallel-levels", limits);
    io.mapRequired("memories", a.memories);
    if (!io.outputting()) {
      a.macBits = mac.bits;
      a.macEnergy = mac.energy;
      a.macArea = mac.area;
      int64_t b = mac.bits;
      a.precision = precision.value_or(DataPrecision{b, b, b});
      a.minParallelLevels = limits.min;
      a.maxParallelLevels = limits.max;
    }
  }
};

} // namespace llvm::yaml

llvm::Expected<Arch> accel::parseArchYaml(llvm::StringRef text,
                                          llvm::StringRef fileName) {
  // Every problem YAML I/O finds, one per line, as "file:line:col: message".
  struct Diags {
    std::string fileName, text;
  } diags{fileName.str(), ""};
  auto handler = [](const llvm::SMDiagnostic &diag, void *ctx) {
    auto &d = *static_cast<Diags *>(ctx);
    llvm::raw_string_ostream os(d.text);
    if (!d.text.empty())
      os << '\n';
    os << d.fileName << ':' << diag.getLineNo() << ':' << diag.getColumnNo() + 1
       << ": " << diag.getMessage();
  };
  Arch arch;
  llvm::yaml::Input yin(text, nullptr, handler, &diags);
  yin >> arch;
  if (yin.error() || !diags.text.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        diags.text.empty() ? fileName + ": malformed YAML" : diags.text);
  if (llvm::Error e = validateArch(arch))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   fileName + ": " +
                                       llvm::toString(std::move(e)));
  return arch;
}

llvm::Expected<Arch> accel::loadArchFile(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return llvm::createStringError(
        buffer.getError(),
        path + ": cannot read: " + buffer.getError().message());
  return parseArchYaml((*buffer)->getBuffer(), path);
}

std::string accel::archToYaml(const Arch &arch) {
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::yaml::Output yout(os);
  Arch copy = arch;
  yout << copy;
  return text;
}

llvm::Expected<Arch> accel::resolveArch(llvm::StringRef presetOrPath) {
  if (std::optional<Arch> preset = getPreset(presetOrPath))
    return *preset;
  if (!presetOrPath.ends_with(".yaml") && !presetOrPath.ends_with(".yml")) {
    std::string known;
    llvm::raw_string_ostream os(known);
    llvm::interleaveComma(presetNames(), os);
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "unknown accelerator '" + presetOrPath +
                                       "': not a preset (" + known +
                                       ") nor a .yaml file");
  }
  return loadArchFile(presetOrPath);
}
