//===- Pipeline.cpp - accel-opt's registered pipeline ---------------------===//

#include "accel/Transforms/Pipeline.h"
#include "accel/Conversion/Passes.h"
#include "accel/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace accel;

/// Splits an option string into `key=value` entries (values may be quoted
/// or braced and hold spaces).
static SmallVector<StringRef> splitOptions(StringRef options) {
  SmallVector<StringRef> entries;
  size_t start = 0, depth = 0;
  char quote = 0;
  for (size_t i = 0; i <= options.size(); ++i) {
    char c = i < options.size() ? options[i] : ' ';
    if (quote) {
      quote = c == quote ? 0 : quote;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '{')
      ++depth;
    else if (c == '}' && depth > 0)
      --depth;
    else if (c == ' ' && depth == 0) {
      StringRef entry = options.slice(start, i).trim();
      if (!entry.empty())
        entries.push_back(entry);
      start = i + 1;
    }
  }
  return entries;
}

LogicalResult accel::buildAccelPipeline(
    OpPassManager &pm, StringRef options,
    function_ref<LogicalResult(const Twine &)> errorHandler) {
  // The pipeline's own options; the rest are --accel-fuse's.
  std::string own, forwarded;
  for (StringRef entry : splitOptions(options)) {
    std::string &to =
        llvm::is_contained({"stop-after", "float-type"},
                           entry.split('=').first.trim())
            ? own
            : forwarded;
    to += (to.empty() ? "" : " ") + entry.str();
  }
  PipelineOptions o;
  if (failed(o.parseFromString(own)))
    return errorHandler("--accel-pipeline: bad stop-after or float-type in '" +
                        own + "'");
  // Frontends: TOSA and linalg layers become accel layers (a no-op on an
  // imported ONNX model, already in accel).
  pm.addPass(createAccelConvertTosa());
  pm.addPass(createAccelConvertLinalg());
  pm.addPass(createCanonicalizerPass());
  if (o.stopAfter == PipelineStage::Convert)
    return success();
  std::unique_ptr<Pass> fuse = createAccelFuse();
  if (failed(fuse->initializeOptions(forwarded, errorHandler)))
    return failure();
  pm.addPass(std::move(fuse));
  if (o.stopAfter == PipelineStage::Fuse)
    return success();
  // The program holds data at the precision --accel-fuse costed (recorded
  // in accel.target).
  std::unique_ptr<Pass> convert = createAccelConvertPrecision();
  if (failed(convert->initializeOptions(
          o.floatType == HalfFloat::BF16 ? "float-type=bf16" : "float-type=f16",
          errorHandler)))
    return failure();
  pm.addPass(std::move(convert));
  pm.addPass(createAccelLowerToAcmd());
  return success();
}

void accel::registerAccelPipeline() {
  registerPassPipeline(
      "accel-pipeline",
      "Import to acmd program: TOSA / linalg to accel, canonicalize, "
      "--accel-fuse (every option of --accel-fuse is forwarded to it), "
      "--accel-convert-precision, --accel-lower-to-acmd",
      buildAccelPipeline,
      [](function_ref<void(const mlir::detail::PassOptions &)> printOptions) {
        printOptions(PipelineOptions());
      });
}
