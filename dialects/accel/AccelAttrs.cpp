//===- AccelAttrs.cpp - Attributes of the accel dialect -------------------===//

#include "dialects/accel/AccelAttrs.h"
#include "accel/Arch/Presets.h"
#include "dialects/accel/AccelDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Format.h"
#include <cmath>

using namespace mlir;
using namespace accel;

#include "dialects/accel/AccelEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/accel/AccelAttrs.cpp.inc"

void AccelDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/accel/AccelAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// ActivationAttr
//===----------------------------------------------------------------------===//

ArrayRef<llvm::StringLiteral> ActivationAttr::paramNames(ActivationKind kind) {
  static constexpr llvm::StringLiteral kClip[] = {"min", "max"};
  static constexpr llvm::StringLiteral kAlphaBeta[] = {"alpha", "beta"};
  switch (kind) {
  case ActivationKind::Clip:
    return kClip;
  case ActivationKind::HardSigmoid:
    return kAlphaBeta;
  case ActivationKind::LeakyRelu:
    return ArrayRef<llvm::StringLiteral>(kAlphaBeta).take_front(1);
  default:
    return {};
  }
}

ActivationAttr ActivationAttr::get(MLIRContext *ctx, ActivationKind kind,
                                   double alpha, double beta) {
  Builder b(ctx);
  size_t n = paramNames(kind).size();
  return get(ctx, kind, n > 0 ? b.getF64FloatAttr(alpha) : FloatAttr(),
             n > 1 ? b.getF64FloatAttr(beta) : FloatAttr());
}

/// Shortest readable form of a parameter in a diagnostic ("6", "0.2").
static std::string formatG(double v) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format("%g", v);
  return s;
}

LogicalResult
ActivationAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ActivationKind kind, FloatAttr alpha, FloatAttr beta) {
  size_t expected = paramNames(kind).size();
  size_t given = (alpha ? 1 : 0) + (beta ? 1 : 0);
  if (given != expected || (beta && !alpha))
    return emitError() << "activation '" << stringifyActivationKind(kind)
                       << "' takes " << expected << " parameter(s), got "
                       << given;
  for (FloatAttr p : {alpha, beta})
    if (p && !std::isfinite(p.getValueAsDouble()))
      return emitError() << "activation '" << stringifyActivationKind(kind)
                         << "' has a parameter that is not finite ("
                         << formatG(p.getValueAsDouble()) << ")";
  if (kind == ActivationKind::Clip &&
      alpha.getValueAsDouble() > beta.getValueAsDouble())
    return emitError() << "clip min " << formatG(alpha.getValueAsDouble())
                       << " is greater than max "
                       << formatG(beta.getValueAsDouble());
  return success();
}

Attribute ActivationAttr::parse(AsmParser &parser, Type) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() || parser.parseKeyword(&keyword))
    return {};
  std::optional<ActivationKind> kind = symbolizeActivationKind(keyword);
  if (!kind) {
    parser.emitError(loc, "unknown activation '") << keyword << "'";
    return {};
  }
  SmallVector<FloatAttr, 2> params;
  for (StringRef name : paramNames(*kind)) {
    double value;
    if (parser.parseComma() || parser.parseKeyword(name) ||
        parser.parseEqual() || parser.parseFloat(value))
      return {};
    params.push_back(parser.getBuilder().getF64FloatAttr(value));
  }
  if (parser.parseGreater())
    return {};
  params.resize(2);
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    *kind, params[0], params[1]);
}

void ActivationAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyActivationKind(getKind());
  FloatAttr params[2] = {getAlpha(), getBeta()};
  for (auto [i, name] : llvm::enumerate(paramNames(getKind()))) {
    printer << ", " << name << " = ";
    printer.printFloat(params[i].getValue());
  }
  printer << '>';
}

//===----------------------------------------------------------------------===//
// MappingAttr
//===----------------------------------------------------------------------===//

LogicalResult MappingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                  Mapping value) {
  if (llvm::Error e = verifyMapping(value))
    return emitError() << "invalid mapping: " << llvm::toString(std::move(e));
  return success();
}

/// dim := `N` | `K` | `C` | `P` | `Q` | `R` | `S` | `G`
static ParseResult parseDimKeyword(AsmParser &parser, Dim &dim) {
  StringRef name;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&name))
    return failure();
  std::optional<Dim> d = parseDim(name);
  if (!d)
    return parser.emitError(loc, "expected a loop dimension "
                                 "(N, K, C, P, Q, R, S or G), got '")
           << name << "'";
  dim = *d;
  return success();
}

/// level := `[` (dim `*` int `|`)? (dim `:` int)* `]`
static ParseResult parseMappingLevel(AsmParser &parser, Mapping &m) {
  SMLoc loc = parser.getCurrentLocation();
  if (m.numLevels == kMaxMappingLevels)
    return parser.emitError(loc, "a mapping has at most ")
           << kMaxMappingLevels << " levels";
  MappingLevel &level = m.addLevel();
  if (parser.parseLSquare())
    return failure();
  bool first = true;
  while (failed(parser.parseOptionalRSquare())) {
    SMLoc dimLoc = parser.getCurrentLocation();
    Dim d = Dim::N;
    if (parseDimKeyword(parser, d))
      return failure();
    if (first && succeeded(parser.parseOptionalStar())) {
      level.spatial = d;
      if (parser.parseInteger(level.fanout) || parser.parseVerticalBar())
        return failure();
      first = false;
      continue;
    }
    first = false;
    int64_t size = 0;
    if (parser.parseColon() || parser.parseInteger(size))
      return failure();
    if (level.lists(d))
      return parser.emitError(dimLoc, "dimension ")
             << dimName(d) << " is listed twice in one level";
    level.addLoop(d, size);
  }
  return success();
}

Attribute MappingAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  Mapping m;
  if (parser.parseLess() || parser.parseCommaSeparatedList([&] {
        return parseMappingLevel(parser, m);
      }) ||
      parser.parseGreater())
    return {};
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    m);
}

void MappingAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printMapping(printer.getStream(), getValue());
  printer << '>';
}

//===----------------------------------------------------------------------===//
// ScheduleAttr
//===----------------------------------------------------------------------===//

GroupSchedule ScheduleAttr::getValue() const {
  GroupSchedule s;
  s.rows = getRows();
  s.halo = getHalo();
  s.weights = getWeights();
  s.doubleBuffer = getDoubleBuffer();
  s.split = getSplit();
  s.mode = getMode();
  s.pes.assign(getPes().begin(), getPes().end());
  return s;
}

LogicalResult ScheduleAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   int64_t rows, HaloPolicy halo,
                                   WeightPolicy weights, bool doubleBuffer,
                                   BufferSplit split, ExecutionMode mode,
                                   ArrayRef<int64_t> pes) {
  GroupSchedule s;
  s.rows = rows;
  s.halo = halo;
  s.weights = weights;
  s.doubleBuffer = doubleBuffer;
  s.split = split;
  s.mode = mode;
  s.pes.assign(pes.begin(), pes.end());
  if (llvm::Error e = s.check())
    return emitError() << "invalid schedule: " << llvm::toString(std::move(e));
  return success();
}

/// A keyword among `names`; emits the expected ones otherwise.
template <typename T>
static ParseResult parseChoice(AsmParser &parser, StringRef field, T &out,
                               std::optional<T> (*parse)(StringRef),
                               ArrayRef<StringRef> names) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef word;
  if (parser.parseKeyword(&word))
    return failure();
  std::optional<T> v = parse(word);
  if (!v)
    return parser.emitError(loc, "expected ")
           << field << " to be " << llvm::join(names, " or ") << ", got '"
           << word << "'";
  out = *v;
  return success();
}

// schedule := `<` field (`,` field)* `>`, each field at most once.
Attribute ScheduleAttr::parse(AsmParser &parser, Type) {
  SMLoc loc = parser.getCurrentLocation();
  GroupSchedule s;
  llvm::StringSet<> seen;
  bool hasRows = false;
  auto field = [&]() -> ParseResult {
    SMLoc at = parser.getCurrentLocation();
    StringRef key;
    if (parser.parseKeyword(&key))
      return failure();
    if (!seen.insert(key).second)
      return parser.emitError(at, "'") << key << "' is given twice";
    if (parser.parseEqual())
      return failure();
    if (key == "rows") {
      hasRows = true;
      return parser.parseInteger(s.rows);
    }
    if (key == "halo")
      return parseChoice(parser, key, s.halo, parseHaloPolicy,
                         {"keep", "recompute"});
    if (key == "weights")
      return parseChoice(parser, key, s.weights, parseWeightPolicy,
                         {"resident", "streamed"});
    if (key == "mode")
      return parseChoice(parser, key, s.mode, parseExecutionMode,
                         {"depth_first", "pipelined"});
    if (key == "double_buffer") {
      StringRef b;
      SMLoc bl = parser.getCurrentLocation();
      if (parser.parseKeyword(&b))
        return failure();
      if (b != "true" && b != "false")
        return parser.emitError(bl, "expected double_buffer to be true or "
                                    "false, got '")
               << b << "'";
      s.doubleBuffer = b == "true";
      return success();
    }
    if (key == "split") {
      StringRef kind;
      SMLoc kl = parser.getCurrentLocation();
      if (parser.parseKeyword(&kind))
        return failure();
      if (kind == "arch")
        s.split.kind = BufferSplit::Kind::Arch;
      else if (kind == "shared")
        s.split.kind = BufferSplit::Kind::Shared;
      else if (kind == "weights") {
        s.split.kind = BufferSplit::Kind::Weights;
        return failure(parser.parseLParen() ||
                       parser.parseInteger(s.split.weightBytes) ||
                       parser.parseRParen());
      } else
        return parser.emitError(kl, "expected split to be arch, shared or "
                                    "weights(<bytes>), got '")
               << kind << "'";
      return success();
    }
    if (key == "pes")
      return parser.parseCommaSeparatedList(AsmParser::Delimiter::Square,
                                            [&]() -> ParseResult {
                                              int64_t n;
                                              if (parser.parseInteger(n))
                                                return failure();
                                              s.pes.push_back(n);
                                              return success();
                                            });
    return parser.emitError(at, "unknown schedule field '")
           << key
           << "' (expected rows, halo, weights, double_buffer, split, mode or "
              "pes)";
  };
  if (parser.parseLess() || parser.parseCommaSeparatedList(field) ||
      parser.parseGreater())
    return {};
  if (!hasRows) {
    parser.emitError(loc, "a schedule needs 'rows'");
    return {};
  }
  return getChecked([&] { return parser.emitError(loc); }, parser.getContext(),
                    s.rows, s.halo, s.weights, s.doubleBuffer, s.split, s.mode,
                    ArrayRef<int64_t>(s.pes));
}

void ScheduleAttr::print(AsmPrinter &printer) const {
  printer << '<';
  printSchedule(printer.getStream(), getValue());
  printer << '>';
}

//===----------------------------------------------------------------------===//
// TargetAttr
//===----------------------------------------------------------------------===//

LogicalResult TargetAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 StringRef preset, StringRef file,
                                 PrecisionPolicy) {
  if (preset.empty() == file.empty())
    return emitError() << "#accel.target needs exactly one of 'preset' and "
                          "'file'";
  if (!preset.empty() && !accel::getPreset(preset)) {
    InFlightDiagnostic diag = emitError();
    diag << "unknown accelerator preset '" << preset << "' (known: ";
    llvm::interleaveComma(accel::presetNames(), diag);
    return diag << ")";
  }
  return success();
}
