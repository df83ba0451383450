//===- MappedLayers.h - The layers an export writes -------------*- C++ -*-===//
#ifndef ACCEL_LIB_TARGET_MAPPEDLAYERS_H
#define ACCEL_LIB_TARGET_MAPPEDLAYERS_H

#include "accel/CostModel/CostModel.h"
#include "mlir/IR/BuiltinOps.h"

namespace accel {

struct MappedLayer {
  mlir::Operation *op;
  std::string name; ///< layerName()
  std::string kind; ///< "conv2d", ...
  LayerProblem problem;
  Mapping mapping;
  bool defaultMapping; ///< no #accel.mapping in the IR
  /// The group the layer runs in (exported as a layer alone), or "".
  std::string group = "";
};

struct MappedModule {
  Arch arch;
  std::vector<MappedLayer> layers;
};

/// The accelerator (the option, else the module's accel.target) and every
/// layer of `module` with its mapping (the default one where the IR has
/// none; a layer in a group: its accel.unfused_mapping, the mapping of the
/// layer alone, as the peers know no fusion), in order. Emits an error at the
/// module or at a layer whose default mapping fails.
mlir::FailureOr<MappedModule> collectMappedLayers(mlir::ModuleOp module,
                                                  llvm::StringRef archOption);

/// The files of an export written into a directory (--export-dir): the
/// directory made on creation, each file written whole, errors at the
/// module's location.
class ExportDirectory {
public:
  ExportDirectory(mlir::ModuleOp module, llvm::StringRef path)
      : module_(module), path_(path) {}
  /// Makes the directory (and its parents).
  mlir::LogicalResult create();
  /// Writes `text` as file `name`; `executable` for scripts.
  mlir::LogicalResult write(llvm::StringRef name, llvm::StringRef text,
                            bool executable = false);

private:
  mlir::ModuleOp module_;
  std::string path_;
};

/// A shell script that runs a peer tool on each exported layer, names the
/// layers it rejects and exits non-zero when there is one.
class RunScript {
public:
  /// `purpose`: the comment under the shebang (lines start with "# ").
  explicit RunScript(llvm::StringRef purpose);
  /// `command` runs `name`'s layer, its output in `log`.
  void add(llvm::StringRef command, llvm::StringRef name, llvm::StringRef log);
  std::string text() const { return text_ + "exit $status\n"; }

private:
  std::string text_;
};

/// The stem of a layer's file: its index and name, path-safe
/// ("L05-layer1_0_conv1").
std::string layerFileStem(unsigned index, llvm::StringRef name);

} // namespace accel

#endif
