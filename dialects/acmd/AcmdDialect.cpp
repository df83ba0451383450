//===- AcmdDialect.cpp - The acmd dialect, its types and attributes -------===//

#include "dialects/acmd/AcmdDialect.h"
#include "dialects/acmd/AcmdOps.h"
#include "dialects/acmd/AcmdTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace acmd;

#include "dialects/acmd/AcmdDialect.cpp.inc"
#include "dialects/acmd/AcmdEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/acmd/AcmdAttrs.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "dialects/acmd/AcmdTypes.cpp.inc"

void AcmdDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/acmd/AcmdOps.cpp.inc"
      >();
  addTypes<
#define GET_TYPEDEF_LIST
#include "dialects/acmd/AcmdTypes.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/acmd/AcmdAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// BufferType
//===----------------------------------------------------------------------===//

LogicalResult BufferType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<int64_t> shape, Type elementType,
                                 MemoryLevel) {
  if (llvm::any_of(shape, [](int64_t d) { return d < 1; }))
    return emitError() << "buffer dimensions must be static and >= 1";
  if (!elementType.isIntOrFloat())
    return emitError() << "buffer element type must be an integer or float, "
                          "got "
                       << elementType;
  return success();
}

int64_t BufferType::getNumElements() const {
  int64_t n = 1;
  for (int64_t d : getShape())
    n *= d;
  return n;
}

int64_t BufferType::getElementBytes() const {
  return (getElementType().getIntOrFloatBitWidth() + 7) / 8;
}

RankedTensorType BufferType::getTensorType() const {
  return RankedTensorType::get(getShape(), getElementType());
}

// !acmd.buffer<1x64x10x58xf16, global>
Type BufferType::parse(AsmParser &parser) {
  SmallVector<int64_t> shape;
  Type elementType;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() ||
      parser.parseDimensionList(shape, /*allowDynamic=*/false) ||
      parser.parseType(elementType) || parser.parseComma())
    return {};
  StringRef levelName;
  SMLoc levelLoc = parser.getCurrentLocation();
  if (parser.parseKeyword(&levelName))
    return {};
  std::optional<MemoryLevel> level = symbolizeMemoryLevel(levelName);
  if (!level) {
    parser.emitError(levelLoc, "unknown memory level '")
        << levelName << "' (expected 'global' or 'local')";
    return {};
  }
  if (parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    shape, elementType, *level);
}

void BufferType::print(AsmPrinter &printer) const {
  printer << '<';
  for (int64_t d : getShape())
    printer << d << 'x';
  printer << getElementType() << ", " << stringifyMemoryLevel(getLevel())
          << '>';
}
