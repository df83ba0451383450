//===- ArchYaml.h - Accelerator descriptions in YAML ------------*- C++ -*-===//
//
// The accelerator file format (docs/Accelerators.md):
//
//   name: my-accel
//   clock-ghz: 1.0
//   mac: { bits: 16, energy-pj: 2.2 }
//   parallel-levels: { min: 1, max: 2 }
//   memories:
//     - { name: DRAM, word-bits: 64, read-energy-pj: 512, write-energy-pj: 512,
//         read-bandwidth: 4, write-bandwidth: 4 }
//     - name: GlobalBuffer
//       capacity-bytes: 131072
//       ...
//       fanout: [ { name: rows, size: 12 }, { name: cols, size: 14 } ]
//     - { name: PESpad, capacity-bytes: 440,
//         partition: { weights: 384, inputs: 24, outputs: 32 } }
//
// Read with LLVM's YAML I/O; every error names the file, the field and why.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_ARCH_ARCHYAML_H
#define ACCEL_ARCH_ARCHYAML_H

#include "accel/Arch/Arch.h"

namespace accel {

/// Parses and validates an accelerator description; `fileName` prefixes
/// every error message.
llvm::Expected<Arch> parseArchYaml(llvm::StringRef text,
                                   llvm::StringRef fileName);
/// Reads, parses and validates an accelerator file.
llvm::Expected<Arch> loadArchFile(llvm::StringRef path);
/// The description as YAML that parseArchYaml reads back to the same Arch.
std::string archToYaml(const Arch &arch);

/// A preset name or, when it names no preset, a YAML file path.
llvm::Expected<Arch> resolveArch(llvm::StringRef presetOrPath);

} // namespace accel

#endif // ACCEL_ARCH_ARCHYAML_H
