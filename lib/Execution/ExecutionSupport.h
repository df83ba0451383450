//===- ExecutionSupport.h - Shared by the interpreter and executor *- C++
//-*-===//
#ifndef ACCEL_LIB_EXECUTION_EXECUTIONSUPPORT_H
#define ACCEL_LIB_EXECUTION_EXECUTIONSUPPORT_H

#include "accel/Kernels/NdArray.h"
#include "mlir/IR/Block.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FormatVariadic.h"

namespace accel::detail {

/// "file:line:col: op-name: msg".
llvm::Error errorAt(mlir::Operation *op, const llvm::Twine &msg);
/// An error (at `op`, naming `what`) if an array of `shape` would hold more
/// than kMaxArrayElements (or its count overflows int64).
llvm::Error checkArraySize(mlir::Operation *op, llvm::ArrayRef<int64_t> shape,
                           const llvm::Twine &what);
/// Rounds every element to `type`'s precision; an error (at `op`) for a
/// type the executor does not compute in.
llvm::Error roundTo(NdArray &a, mlir::Type type, mlir::Operation *op);

/// The elements of a dense constant (`value`, of `shape`) as an array; an
/// error at `at` for other attributes.
llvm::Expected<NdArray> elementsToArray(mlir::Operation *at,
                                        mlir::Attribute value,
                                        llvm::ArrayRef<int64_t> shape);

/// `args` checked against `f`'s arguments (as many, static `ShapedT`s of
/// the same shapes; `kind` names them in errors) and rounded to their
/// element types.
template <typename ShapedT>
llvm::Expected<std::vector<NdArray>>
bindArguments(mlir::Operation *f, mlir::Block &body,
              llvm::ArrayRef<NdArray> args, llvm::StringRef kind) {
  if (args.size() != body.getNumArguments())
    return errorAt(f, llvm::formatv("{0} arguments given, the function takes "
                                    "{1}",
                                    args.size(), body.getNumArguments())
                          .str());
  std::vector<NdArray> bound;
  for (auto [i, arg] : llvm::enumerate(body.getArguments())) {
    auto type = mlir::dyn_cast<ShapedT>(arg.getType());
    if (!type || !type.hasStaticShape())
      return errorAt(
          f, llvm::formatv("argument #{0} is not a static {1}", i, kind).str());
    if (Shape(type.getShape().begin(), type.getShape().end()) != args[i].shape)
      return errorAt(f, llvm::formatv("argument #{0} has shape {1}, the "
                                      "function takes {2}",
                                      i, formatShape(args[i].shape),
                                      formatShape(type.getShape()))
                            .str());
    NdArray a = args[i];
    if (llvm::Error e = roundTo(a, type.getElementType(), f))
      return std::move(e);
    bound.push_back(std::move(a));
  }
  return bound;
}

} // namespace accel::detail

#endif
