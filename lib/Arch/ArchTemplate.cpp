//===- ArchTemplate.cpp - Accelerator templates for design search ---------===//

#include "accel/Arch/ArchTemplate.h"
#include "accel/Arch/ArchYaml.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"
#include <cmath>
#include <optional>

using namespace accel;

namespace {

/// A knob as written: a list of values, or an integer range counted by a
/// step or by powers of two.
/// A number in a YAML flow sequence.
struct Number {
  double v = 0;
};

struct KnobFields {
  std::string name;
  std::optional<std::vector<Number>> values;
  std::optional<std::vector<Number>> range;
  std::optional<double> step;
  std::optional<std::string> scale;
};

struct TemplateFields {
  std::string name, description, accelerator;
  std::vector<KnobFields> knobs;
  TemplateConstraints constraints;
};

llvm::Error error(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// Knob names are identifiers, so that expressions can use them.
bool isIdentifier(llvm::StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// Evaluates `${...}` expressions: numbers, knob names, + - * / and
/// parentheses, over doubles.
class Expression {
public:
  Expression(llvm::StringRef text,
             llvm::function_ref<std::optional<double>(llvm::StringRef)> lookup)
      : text(text), lookup(lookup) {}

  llvm::Expected<double> evaluate() {
    llvm::Expected<double> v = sum();
    if (!v)
      return v.takeError();
    skipSpace();
    if (pos != text.size())
      return error("unexpected '" + text.substr(pos) + "'");
    if (!std::isfinite(*v))
      return error("is not a finite number");
    return *v;
  }

private:
  llvm::StringRef text;
  llvm::function_ref<std::optional<double>(llvm::StringRef)> lookup;
  size_t pos = 0;

  void skipSpace() {
    while (pos < text.size() && text[pos] == ' ')
      ++pos;
  }
  bool eat(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  llvm::Expected<double> sum() {
    llvm::Expected<double> v = product();
    while (v) {
      if (eat('+')) {
        llvm::Expected<double> r = product();
        if (!r)
          return r;
        *v += *r;
      } else if (eat('-')) {
        llvm::Expected<double> r = product();
        if (!r)
          return r;
        *v -= *r;
      } else {
        break;
      }
    }
    return v;
  }
  llvm::Expected<double> product() {
    llvm::Expected<double> v = factor();
    while (v) {
      if (eat('*')) {
        llvm::Expected<double> r = factor();
        if (!r)
          return r;
        *v *= *r;
      } else if (eat('/')) {
        llvm::Expected<double> r = factor();
        if (!r)
          return r;
        if (*r == 0)
          return error("divides by zero");
        *v /= *r;
      } else {
        break;
      }
    }
    return v;
  }
  llvm::Expected<double> factor() {
    skipSpace();
    if (eat('-')) {
      llvm::Expected<double> v = factor();
      if (v)
        *v = -*v;
      return v;
    }
    if (eat('(')) {
      llvm::Expected<double> v = sum();
      if (v && !eat(')'))
        return error("misses a ')'");
      return v;
    }
    size_t start = pos;
    if (pos < text.size() && (llvm::isDigit(text[pos]) || text[pos] == '.')) {
      while (pos < text.size() &&
             (llvm::isAlnum(text[pos]) || text[pos] == '.'))
        ++pos;
      double d;
      if (text.slice(start, pos).getAsDouble(d))
        return error("'" + text.slice(start, pos) + "' is not a number");
      return d;
    }
    while (pos < text.size() && (llvm::isAlnum(text[pos]) || text[pos] == '_'))
      ++pos;
    llvm::StringRef name = text.slice(start, pos);
    if (name == "sqrt" && eat('(')) {
      llvm::Expected<double> v = sum();
      if (v && !eat(')'))
        return error("misses a ')'");
      if (v && *v < 0)
        return error("sqrt of a negative number");
      if (v)
        *v = std::sqrt(*v);
      return v;
    }
    if (name.empty())
      return error(pos < text.size()
                       ? "unexpected '" + text.substr(pos) + "'"
                       : llvm::Twine("ends where a value is expected"));
    if (std::optional<double> v = lookup(name))
      return *v;
    return error("'" + name + "' is not a knob");
  }
};


/// Replaces every `${expr}` of `text`; `lookup` gives the knobs' values.
llvm::Expected<std::string>
substitute(llvm::StringRef text,
           llvm::function_ref<std::optional<double>(llvm::StringRef)> lookup) {
  std::string out;
  while (true) {
    size_t open = text.find("${");
    if (open == llvm::StringRef::npos)
      break;
    size_t close = text.find('}', open);
    if (close == llvm::StringRef::npos)
      return error("'${' without a closing '}'");
    out += text.take_front(open).str();
    llvm::StringRef expr = text.slice(open + 2, close);
    llvm::Expected<double> v = Expression(expr, lookup).evaluate();
    if (!v)
      return error("${" + expr + "}: " + llvm::toString(v.takeError()));
    out += formatKnobValue(*v);
    text = text.drop_front(close + 1);
  }
  out += text.str();
  return out;
}

} // namespace

LLVM_YAML_IS_FLOW_SEQUENCE_VECTOR(Number)
LLVM_YAML_IS_SEQUENCE_VECTOR(KnobFields)

namespace llvm::yaml {
template <> struct ScalarTraits<Number> {
  static void output(const Number &n, void *ctx, raw_ostream &os) {
    ScalarTraits<double>::output(n.v, ctx, os);
  }
  static StringRef input(StringRef s, void *ctx, Number &n) {
    return ScalarTraits<double>::input(s, ctx, n.v);
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};
template <> struct MappingTraits<KnobFields> {
  static void mapping(IO &io, KnobFields &k) {
    io.mapRequired("name", k.name);
    io.mapOptional("values", k.values);
    io.mapOptional("range", k.range);
    io.mapOptional("step", k.step);
    io.mapOptional("scale", k.scale);
  }
};
template <> struct MappingTraits<TemplateConstraints> {
  static void mapping(IO &io, TemplateConstraints &c) {
    io.mapOptional("max-pes", c.maxPEs, int64_t(0));
    io.mapOptional("max-sram-bytes", c.maxSramBytes, int64_t(0));
    io.mapOptional("max-area-mm2", c.maxAreaMm2, 0.0);
  }
};
template <> struct MappingTraits<TemplateFields> {
  static void mapping(IO &io, TemplateFields &t) {
    io.mapRequired("name", t.name);
    io.mapOptional("description", t.description, std::string());
    io.mapRequired("knobs", t.knobs);
    io.mapOptional("constraints", t.constraints);
    io.mapRequired("accelerator", t.accelerator);
  }
};
} // namespace llvm::yaml

/// The values a knob's fields describe.
static llvm::Expected<std::vector<double>> knobValues(const KnobFields &k) {
  constexpr size_t kMaxValues = 4096;
  if (k.values.has_value() == k.range.has_value())
    return error("needs exactly one of 'values' and 'range'");
  if (k.values) {
    if ((k.step || k.scale))
      return error("'step' and 'scale' go with 'range'");
    if (k.values->empty())
      return error("values: must not be empty");
    if (k.values->size() > kMaxValues)
      return error(llvm::formatv("values: at most {0}", kMaxValues));
    std::vector<double> out;
    for (Number n : *k.values) {
      if (!std::isfinite(n.v))
        return error("values: must be finite numbers");
      out.push_back(n.v);
    }
    return out;
  }
  std::vector<double> r;
  for (Number n : *k.range)
    r.push_back(n.v);
  if (r.size() != 2 || !std::isfinite(r[0]) || !std::isfinite(r[1]) ||
      r[0] != std::round(r[0]) || r[1] != std::round(r[1]) || r[0] > r[1] ||
      std::abs(r[0]) > 1e15 || std::abs(r[1]) > 1e15)
    return error("range: must be two integers [low, high], low <= high");
  std::vector<double> out;
  if (k.scale && *k.scale != "linear") {
    if (*k.scale != "pow2")
      return error("scale: must be 'linear' or 'pow2', got '" + *k.scale +
                   "'");
    if (k.step)
      return error("'step' goes with a linear scale");
    auto pow2 = [](double v) {
      return v >= 1 && std::exp2(std::round(std::log2(v))) == v;
    };
    if (!pow2(r[0]) || !pow2(r[1]))
      return error("range: a pow2 range needs powers of two");
    for (double v = r[0]; v <= r[1]; v *= 2)
      out.push_back(v);
    return out;
  }
  double step = k.step.value_or(1);
  if (!(step >= 1) || step != std::round(step))
    return error("step: must be an integer >= 1");
  if ((r[1] - r[0]) / step + 1 > double(kMaxValues))
    return error(llvm::formatv("range: at most {0} values", kMaxValues));
  for (double v = r[0]; v <= r[1]; v += step)
    out.push_back(v);
  return out;
}

llvm::Expected<ArchTemplate> accel::parseArchTemplate(llvm::StringRef text,
                                                      llvm::StringRef fileName) {
  std::string diags;
  auto handler = [](const llvm::SMDiagnostic &diag, void *ctx) {
    auto &d = *static_cast<std::string *>(ctx);
    if (!d.empty())
      d += '\n';
    d += llvm::formatv("{0}:{1}: {2}", diag.getLineNo(), diag.getColumnNo() + 1,
                       diag.getMessage());
  };
  TemplateFields f;
  llvm::yaml::Input yin(text, nullptr, handler, &diags);
  yin >> f;
  if (yin.error() || !diags.empty())
    return error(fileName + ":" + (diags.empty() ? " malformed YAML" : diags));
  auto fail = [&](const llvm::Twine &where, const llvm::Twine &msg) {
    return error(fileName + ": " + where + ": " + msg);
  };
  ArchTemplate t;
  t.name = f.name;
  t.description = f.description;
  t.text = f.accelerator;
  t.constraints = f.constraints;
  if (t.name.empty())
    return fail("template", "name: must not be empty");
  if (f.knobs.empty())
    return fail("template", "knobs: at least one");
  llvm::StringSet<> names;
  for (auto [i, k] : llvm::enumerate(f.knobs)) {
    std::string where = llvm::formatv("knobs[{0}] ({1})", i, k.name);
    if (!isIdentifier(k.name))
      return fail(where, "name: must be an identifier (letters, digits, _)");
    if (!names.insert(k.name).second)
      return fail(where, "name: is used twice");
    llvm::Expected<std::vector<double>> values = knobValues(k);
    if (!values)
      return fail(where, llvm::toString(values.takeError()));
    t.knobs.push_back({k.name, std::move(*values)});
  }
  if (t.constraints.maxPEs < 0 || t.constraints.maxSramBytes < 0 ||
      !(t.constraints.maxAreaMm2 >= 0) ||
      !std::isfinite(t.constraints.maxAreaMm2))
    return fail("constraints", "limits must be >= 0 (0 = none)");
  // Every expression names knobs and evaluates (at the first point).
  if (llvm::Expected<std::string> s = t.instantiateText(t.pointAt(0)); !s)
    return fail("accelerator", llvm::toString(s.takeError()));
  return t;
}

llvm::Expected<ArchTemplate> accel::loadArchTemplate(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path);
  if (!buffer)
    return error(path + ": cannot read: " + buffer.getError().message());
  return parseArchTemplate((*buffer)->getBuffer(), path);
}

int64_t ArchTemplate::size() const {
  int64_t n = 1;
  for (const Knob &k : knobs) {
    int64_t c = int64_t(k.values.size());
    if (n > INT64_MAX / c)
      return INT64_MAX;
    n *= c;
  }
  return n;
}

TemplatePoint ArchTemplate::pointAt(int64_t index) const {
  TemplatePoint p(knobs.size());
  for (size_t i = knobs.size(); i-- > 0;) {
    int64_t c = int64_t(knobs[i].values.size());
    p[i] = unsigned(index % c);
    index /= c;
  }
  return p;
}

int64_t ArchTemplate::indexOf(const TemplatePoint &p) const {
  int64_t index = 0;
  for (size_t i = 0; i < knobs.size(); ++i)
    index = index * int64_t(knobs[i].values.size()) + p[i];
  return index;
}

std::string ArchTemplate::describe(const TemplatePoint &p) const {
  std::string s;
  for (size_t i = 0; i < knobs.size(); ++i)
    s += (i ? " " : "") + knobs[i].name + "=" +
         formatKnobValue(knobs[i].values[p[i]]);
  return s;
}

llvm::Expected<std::string>
ArchTemplate::instantiateText(const TemplatePoint &p) const {
  return substitute(text, [&](llvm::StringRef name) -> std::optional<double> {
    for (size_t i = 0; i < knobs.size(); ++i)
      if (knobs[i].name == name)
        return knobs[i].values[p[i]];
    return std::nullopt;
  });
}

llvm::Expected<Arch> ArchTemplate::instantiate(const TemplatePoint &p) const {
  llvm::Expected<std::string> text = instantiateText(p);
  if (!text)
    return text.takeError();
  return parseArchYaml(*text, name + " at " + describe(p));
}

std::string accel::formatKnobValue(double v) {
  if (std::abs(v) < 9.0e15 && v == std::round(v))
    return std::to_string(int64_t(v));
  return llvm::formatv("{0}", llvm::format("%.10g", v)).str();
}

int64_t accel::onChipBytes(const Arch &arch) {
  // (Capacities are at most 2^50 and instances 2^31: sum in double.)
  double total = 0;
  for (unsigned m = 1; m < arch.memories.size(); ++m)
    total += double(arch.memories[m].capacityBytes) * double(arch.instances(m));
  return total >= 9.2e18 ? INT64_MAX : int64_t(total);
}

std::string accel::checkConstraints(const Arch &arch, double areaMm2,
                                    const TemplateConstraints &c,
                                    double *excess) {
  std::string why;
  double over = 0;
  auto check = [&](llvm::StringRef what, double value, double limit) {
    if (limit <= 0 || value <= limit)
      return;
    over += value / limit - 1;
    why += (why.empty() ? "" : ", ") +
           llvm::formatv("{0} {1} > {2}", what,
                      formatKnobValue(std::round(value * 1e4) / 1e4),
                      formatKnobValue(limit))
               .str();
  };
  check("PEs", double(arch.numPEs()), double(c.maxPEs));
  check("on-chip SRAM bytes", double(onChipBytes(arch)),
        double(c.maxSramBytes));
  check("area mm2", areaMm2, c.maxAreaMm2);
  if (excess)
    *excess = over;
  return why;
}
