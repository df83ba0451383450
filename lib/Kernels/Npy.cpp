//===- Npy.cpp - NumPy's .npy format --------------------------------------===//

#include "accel/Kernels/Npy.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cmath>
#include <cstring>

using namespace accel;

namespace {

llvm::Error error(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "npy: " + msg);
}

/// IEEE half to double.
double halfToDouble(uint16_t h) {
  int sign = h >> 15, exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  double v;
  if (exponent == 0)
    v = std::ldexp(mantissa, -24);
  else if (exponent == 31)
    v = mantissa ? NAN : INFINITY;
  else
    v = std::ldexp(mantissa + 1024, exponent - 25);
  return sign ? -v : v;
}

/// The value of `key` in the header dictionary: the text after "'key':" up
/// to the matching end (a quoted string, a tuple, or a word).
llvm::Expected<llvm::StringRef> headerValue(llvm::StringRef header,
                                            llvm::StringRef key) {
  size_t at = header.find(("'" + key + "'").str());
  if (at == llvm::StringRef::npos)
    return error("header has no '" + key + "'");
  llvm::StringRef rest = header.drop_front(at + key.size() + 2).ltrim();
  if (!rest.consume_front(":"))
    return error("header: expected ':' after '" + key + "'");
  rest = rest.ltrim();
  if (rest.starts_with("'")) {
    size_t end = rest.find('\'', 1);
    if (end == llvm::StringRef::npos)
      return error("header: unterminated string for '" + key + "'");
    return rest.slice(1, end);
  }
  if (rest.starts_with("(")) {
    size_t end = rest.find(')');
    if (end == llvm::StringRef::npos)
      return error("header: unterminated tuple for '" + key + "'");
    return rest.slice(1, end);
  }
  return rest.take_until([](char c) { return c == ',' || c == '}'; }).trim();
}

} // namespace

llvm::Expected<NdArray> accel::parseNpy(llvm::StringRef bytes) {
  if (!bytes.starts_with("\x93NUMPY"))
    return error("not a .npy file (no \\x93NUMPY magic)");
  if (bytes.size() < 10)
    return error("truncated header");
  unsigned major = uint8_t(bytes[6]);
  size_t headerLen, start;
  if (major == 1) {
    headerLen = uint8_t(bytes[8]) | uint8_t(bytes[9]) << 8;
    start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return error("truncated header");
    headerLen = uint32_t(uint8_t(bytes[8])) | uint32_t(uint8_t(bytes[9])) << 8 |
                uint32_t(uint8_t(bytes[10])) << 16 |
                uint32_t(uint8_t(bytes[11])) << 24;
    start = 12;
  } else {
    return error(llvm::formatv("unsupported format version {0}", major));
  }
  if (bytes.size() < start + headerLen)
    return error("truncated header");
  llvm::StringRef header = bytes.substr(start, headerLen);
  llvm::StringRef body = bytes.drop_front(start + headerLen);

  llvm::Expected<llvm::StringRef> descr = headerValue(header, "descr");
  if (!descr)
    return descr.takeError();
  llvm::Expected<llvm::StringRef> fortran =
      headerValue(header, "fortran_order");
  if (!fortran)
    return fortran.takeError();
  if (*fortran != "False")
    return error("Fortran-order arrays are not supported");
  llvm::Expected<llvm::StringRef> shapeText = headerValue(header, "shape");
  if (!shapeText)
    return shapeText.takeError();

  NdArray a;
  llvm::SmallVector<llvm::StringRef> dims;
  shapeText->split(dims, ',');
  int64_t elements = 1;
  for (llvm::StringRef d : dims) {
    d = d.trim();
    if (d.empty())
      continue;
    int64_t n;
    if (d.getAsInteger(10, n) || n < 0)
      return error("bad dimension '" + d + "' in the shape");
    if (n > 0 && elements > (int64_t(1) << 40) / n)
      return error("the shape has too many elements");
    a.shape.push_back(n);
    elements *= n;
  }

  // The element type: byte order, kind and size.
  llvm::StringRef type = *descr;
  if (type.size() < 3)
    return error("bad descr '" + type + "'");
  char order = type[0], kind = type[1];
  unsigned size;
  if (type.drop_front(2).getAsInteger(10, size))
    return error("bad descr '" + type + "'");
  bool big = order == '>';
  if (order != '<' && order != '>' && order != '|' && order != '=')
    return error("bad byte order in descr '" + type + "'");
  bool known =
      (kind == 'f' && (size == 2 || size == 4 || size == 8)) ||
      (kind == 'i' && (size == 1 || size == 2 || size == 4 || size == 8)) ||
      (kind == 'u' && size == 1) || (kind == 'b' && size == 1);
  if (!known)
    return error("unsupported element type '" + type + "'");
  if (body.size() != size_t(elements) * size)
    return error(llvm::formatv("the data has {0} bytes but the shape and type "
                               "need {1}",
                               body.size(), elements * size));
  a.data.resize(elements);
  for (int64_t i = 0; i < elements; ++i) {
    uint8_t raw[8];
    std::memcpy(raw, body.data() + i * size, size);
    if (big)
      std::reverse(raw, raw + size);
    uint64_t bits = 0;
    for (unsigned b = 0; b < size; ++b)
      bits |= uint64_t(raw[b]) << (8 * b);
    double v;
    if (kind == 'f' && size == 2) {
      v = halfToDouble(uint16_t(bits));
    } else if (kind == 'f' && size == 4) {
      float f;
      uint32_t u = uint32_t(bits);
      std::memcpy(&f, &u, 4);
      v = f;
    } else if (kind == 'f') {
      std::memcpy(&v, &bits, 8);
    } else if (kind == 'i') {
      int64_t s = int64_t(bits << (64 - 8 * size)) >> (64 - 8 * size);
      v = double(s);
    } else {
      v = double(bits);
    }
    a.data[i] = v;
  }
  return a;
}

llvm::Expected<NdArray> accel::readNpy(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer)
    return error(path + ": " + buffer.getError().message());
  llvm::Expected<NdArray> a = parseNpy((*buffer)->getBuffer());
  if (!a)
    return error(path + ": " + llvm::toString(a.takeError()));
  return a;
}

std::string accel::printNpyRaw(llvm::StringRef descr,
                               llvm::ArrayRef<int64_t> shape,
                               llvm::StringRef data) {
  std::string dims; // "1, 3", or "3," for a 1-tuple
  for (size_t i = 0; i < shape.size(); ++i)
    dims += (i ? ", " : "") + std::to_string(shape[i]);
  if (shape.size() == 1)
    dims += ",";
  std::string header = llvm::formatv(
      "{{'descr': '{0}', 'fortran_order': False, 'shape': ({1}), }", descr,
      dims);
  // Magic (6) + version (2) + length (2) + header + newline, padded to 64.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += char(1);
  out += char(0);
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  out += header;
  out += data;
  return out;
}

std::string accel::printNpy(const NdArray &a, NpyType type) {
  std::string data;
  for (double v : a.data) {
    if (type == NpyType::Float32) {
      float f = float(v);
      char b[4];
      std::memcpy(b, &f, 4);
      data.append(b, 4);
    } else {
      char b[8];
      std::memcpy(b, &v, 8);
      data.append(b, 8);
    }
  }
  return printNpyRaw(type == NpyType::Float32 ? "<f4" : "<f8", a.shape, data);
}

llvm::Error accel::writeNpy(llvm::StringRef path, const NdArray &a,
                            NpyType type) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return error(path + ": " + ec.message());
  os << printNpy(a, type);
  return llvm::Error::success();
}
