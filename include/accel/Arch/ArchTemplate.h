//===- ArchTemplate.h - Accelerator templates for design search -*- C++ -*-===//
//
// A template is an accelerator description with knobs: named numeric
// parameters, each a list of values or an integer range, substituted into
// the description's text (`${name}`, or an arithmetic expression of knobs:
// `${glb_kib * 1024}`, with + - * / parentheses and sqrt()), plus constraints every chosen point must meet (PEs,
// on-chip SRAM, area). Every point is then a normal accelerator file,
// parsed and validated as one (ArchYaml.h), so every pass accepts it.
//
//   name: eyeriss-space
//   knobs:
//     - { name: rows, values: [8, 12, 16] }
//     - { name: glb_kib, range: [64, 512], scale: pow2 }
//   constraints: { max-pes: 512, max-area-mm2: 8 }
//   accelerator: |
//     name: eyeriss-r${rows}-g${glb_kib}
//     ...
//         capacity-bytes: ${glb_kib * 1024}
//
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ARCH_ARCHTEMPLATE_H
#define ACCEL_ARCH_ARCHTEMPLATE_H

#include "accel/Arch/Arch.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace accel {

struct Knob {
  std::string name;
  std::vector<double> values; ///< in the order they are listed or counted
};

/// Limits a point must respect; 0 = no limit.
struct TemplateConstraints {
  int64_t maxPEs = 0;
  /// On-chip SRAM over every instance of every level below DRAM.
  int64_t maxSramBytes = 0;
  double maxAreaMm2 = 0;
};

/// One point: a value index per knob, in knob order.
using TemplatePoint = std::vector<unsigned>;

class ArchTemplate {
public:
  std::string name;
  std::string description;
  std::vector<Knob> knobs;
  TemplateConstraints constraints;
  /// The accelerator description, `${...}` still in it.
  std::string text;

  /// Number of points (the product of the knobs' value counts, saturated
  /// at INT64_MAX).
  int64_t size() const;
  /// The point of a linear index in [0, size()): the last knob varies
  /// fastest.
  TemplatePoint pointAt(int64_t index) const;
  int64_t indexOf(const TemplatePoint &p) const;
  /// "rows=12 glb_kib=128".
  std::string describe(const TemplatePoint &p) const;
  /// The description text of a point, every `${...}` replaced.
  llvm::Expected<std::string> instantiateText(const TemplatePoint &p) const;
  /// The accelerator of a point, validated; errors name the point.
  llvm::Expected<Arch> instantiate(const TemplatePoint &p) const;
};

/// Parses a template; errors name the file and the field ("knobs[1]
/// (glb_kib): range: ..."). The accelerator text is checked when a point
/// is instantiated, not here; its `${...}` names must be knobs.
llvm::Expected<ArchTemplate> parseArchTemplate(llvm::StringRef text,
                                               llvm::StringRef fileName);
llvm::Expected<ArchTemplate> loadArchTemplate(llvm::StringRef path);

/// A knob value as text: an integer when it is one ("512", "0.25").
std::string formatKnobValue(double v);

/// On-chip SRAM of an accelerator: every level below DRAM, capacity times
/// instances.
int64_t onChipBytes(const Arch &arch);

/// Why `arch` (with `areaMm2`) breaks `c`, or "" when it does not; the
/// amount by which it does (a sum of relative excesses) in `excess`.
std::string checkConstraints(const Arch &arch, double areaMm2,
                             const TemplateConstraints &c,
                             double *excess = nullptr);

} // namespace accel

#endif // ACCEL_ARCH_ARCHTEMPLATE_H
