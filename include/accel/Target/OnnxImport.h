//===- OnnxImport.h - ONNX models to the accel dialect ----------*- C++ -*-===//
#ifndef ACCEL_TARGET_ONNXIMPORT_H
#define ACCEL_TARGET_ONNXIMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include <map>
#include <string>

namespace accel {

/// Where an imported model's weights go.
enum class OnnxWeights {
  /// Function arguments after the inputs, marked accel.weight = "NAME" (the
  /// initializer's name), without their values: for mapping and cost
  /// studies, where values do not matter, and a text of a few hundred KB
  /// whatever the model's size. BatchNormalization then folds into the
  /// convolution structurally.
  Arguments,
  /// arith.constant values in the text: what executing the module needs
  /// (or outlineWeightsToFile, which moves them to an .npz file).
  Inline,
};

struct OnnxImportOptions {
  OnnxWeights weights = OnnxWeights::Arguments;
  /// Dynamic dimensions pinned before import: by the name the file gives
  /// them (dim_param), and, when `batch` > 0, every other dynamic leading
  /// dimension of the graph's inputs, outputs and intermediates to `batch`.
  std::map<std::string, int64_t> dims;
  int64_t batch = 0;
  /// QDQ models: a Conv whose input and weights are dequantized runs on the
  /// integers (i8 x i8 -> i32, then accel.dequantize), or, with false, in
  /// float on the dequantized values (ONNX's reference semantics).
  bool integerConvs = true;
};

/// Imports a serialized ONNX model into a module with one function, @main.
/// Nodes keep their names as locations; an operator accel does not model
/// becomes accel.opaque with a warning naming it; a malformed file or a
/// model accel cannot represent (dynamic shapes, external data) is an error
/// at the file or the node. Returns null after an error.
mlir::OwningOpRef<mlir::ModuleOp> importOnnx(llvm::StringRef bytes,
                                             llvm::StringRef fileName,
                                             mlir::MLIRContext *context,
                                             const OnnxImportOptions &options);

} // namespace accel

#endif
