//===- AsmHelpers.h - Custom assembly directives shared by the dialects -*- C++
//-*-===//
//
// Used from ODS assembly formats as custom<EnumKeyword>($attr) and
// custom<FullAttr>($attr).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SUPPORT_ASMHELPERS_H
#define ACCEL_SUPPORT_ASMHELPERS_H

#include "mlir/IR/OpImplementation.h"

namespace accel {

/// An enum attribute written as its bare keyword (`max`, `weights`).
template <typename AttrT>
mlir::ParseResult parseEnumKeyword(mlir::OpAsmParser &parser, AttrT &attr) {
  using EnumT = decltype(std::declval<AttrT>().getValue());
  mlir::FailureOr<EnumT> value = mlir::FieldParser<EnumT>::parse(parser);
  if (mlir::failed(value))
    return mlir::failure();
  attr = AttrT::get(parser.getContext(), *value);
  return mlir::success();
}
template <typename AttrT>
void printEnumKeyword(mlir::OpAsmPrinter &p, mlir::Operation *, AttrT attr) {
  p << stringifyEnum(attr.getValue());
}

/// An attribute written with its dialect prefix (#accel.act<relu>), so that it
/// reads the same inside an op as anywhere else.
template <typename AttrT>
mlir::ParseResult parseFullAttr(mlir::OpAsmParser &parser, AttrT &attr) {
  llvm::SMLoc loc = parser.getCurrentLocation();
  mlir::Attribute any;
  if (parser.parseAttribute(any))
    return mlir::failure();
  attr = llvm::dyn_cast<AttrT>(any);
  if (!attr)
    return parser.emitError(loc, "expected an #")
           << AttrT::name << " attribute";
  return mlir::success();
}
inline void printFullAttr(mlir::OpAsmPrinter &p, mlir::Operation *,
                          mlir::Attribute attr) {
  p.printAttribute(attr);
}

} // namespace accel

#endif
