//===- Npz.cpp - NumPy's .npz archives ------------------------------------===//
//
// The zip subset NumPy uses: members stored without compression, a central
// directory, and (from Python's zipfile) zip64 extra fields and end
// records. Every offset and size read is checked against the archive before
// it is used.
//
//===----------------------------------------------------------------------===//

#include "accel/Kernels/Npz.h"
#include "accel/Kernels/Npy.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CRC.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace accel;

namespace {

llvm::Error error(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "npz: " + msg);
}

constexpr uint32_t kLocalHeader = 0x04034b50, kCentralHeader = 0x02014b50,
                   kEndRecord = 0x06054b50, kZip64EndRecord = 0x06064b50,
                   kZip64Locator = 0x07064b50;
constexpr uint64_t kMax32 = 0xffffffffu;
/// 1980-01-01 00:00, zip's earliest date: the archive does not depend on
/// when it was written.
constexpr uint16_t kDosTime = 0, kDosDate = 0x21;

void put16(std::string &out, uint16_t v) {
  out += char(v & 0xff);
  out += char(v >> 8);
}
void put32(std::string &out, uint32_t v) {
  put16(out, uint16_t(v & 0xffff));
  put16(out, uint16_t(v >> 16));
}

/// Little-endian reads at checked offsets.
struct Reader {
  llvm::StringRef bytes;
  bool has(uint64_t at, uint64_t n) const {
    return at <= bytes.size() && n <= bytes.size() - at;
  }
  uint64_t get(uint64_t at, unsigned n) const {
    uint64_t v = 0;
    for (unsigned i = 0; i < n; ++i)
      v |= uint64_t(uint8_t(bytes[at + i])) << (8 * i);
    return v;
  }
};

} // namespace

llvm::Error accel::writeNpz(llvm::raw_ostream &os,
                            llvm::ArrayRef<NpzMember> members) {
  // Everything is checked before the first byte is written.
  if (members.size() > 0xffff)
    return error(llvm::formatv("{0} arrays: an archive without zip64 holds "
                               "at most 65535",
                               members.size()));
  llvm::StringSet<> names;
  uint64_t total = 22;
  for (const NpzMember &m : members) {
    if (!names.insert(m.name).second)
      return error("two arrays are named '" + m.name + "'");
    if (m.name.size() + 4 > 0xffff)
      return error("the name '" + m.name + "' is too long");
    total += 30 + 46 + 2 * (m.name.size() + 4) + m.size();
  }
  if (total > kMax32)
    return error("the archive would exceed 4 GiB (zip64 is not written)");

  std::string central;
  uint64_t offset = 0;
  for (const NpzMember &m : members) {
    std::string file = m.name + ".npy";
    uint32_t crc = llvm::crc32(llvm::arrayRefFromStringRef<uint8_t>(m.npy));
    // (zlib's crc32 of a null buffer is its initial value, not `crc`.)
    if (!m.data.empty())
      crc = llvm::crc32(crc, llvm::arrayRefFromStringRef<uint8_t>(m.data));
    auto fields = [&](std::string &s) {
      put16(s, 0); // flags
      put16(s, 0); // stored
      put16(s, kDosTime);
      put16(s, kDosDate);
      put32(s, crc);
      put32(s, uint32_t(m.size()));
      put32(s, uint32_t(m.size()));
      put16(s, uint16_t(file.size()));
      put16(s, 0); // extra field
    };
    std::string local;
    put32(local, kLocalHeader);
    put16(local, 20); // version needed: 2.0
    fields(local);
    os << local << file << m.npy << m.data;
    put32(central, kCentralHeader);
    put16(central, 20); // made by
    put16(central, 20); // needed
    fields(central);
    put16(central, 0); // comment
    put16(central, 0); // disk
    put16(central, 0); // internal attributes
    put32(central, 0); // external attributes
    put32(central, uint32_t(offset));
    central += file;
    offset += local.size() + file.size() + m.size();
  }
  std::string end;
  put32(end, kEndRecord);
  put16(end, 0);
  put16(end, 0);
  put16(end, uint16_t(members.size()));
  put16(end, uint16_t(members.size()));
  put32(end, uint32_t(central.size()));
  put32(end, uint32_t(offset));
  put16(end, 0); // comment
  os << central << end;
  return llvm::Error::success();
}

llvm::Expected<std::string> accel::printNpz(llvm::ArrayRef<NpzMember> members) {
  std::string out;
  llvm::raw_string_ostream os(out);
  if (llvm::Error e = writeNpz(os, members))
    return std::move(e);
  return out;
}

llvm::Expected<NpzArrays> accel::parseNpz(llvm::StringRef bytes) {
  Reader r{bytes};
  // The end record: the last signature within its size plus a comment.
  if (bytes.size() < 22)
    return error("not an .npz archive (too short for a zip end record)");
  uint64_t end = bytes.size() - 22;
  uint64_t lowest = bytes.size() > 22 + 0xffff ? end - 0xffff : 0;
  while (r.get(end, 4) != kEndRecord) {
    if (end == lowest)
      return error("not an .npz archive (no zip end record)");
    --end;
  }
  uint64_t count = r.get(end + 10, 2), centralSize = r.get(end + 12, 4),
           centralAt = r.get(end + 16, 4);
  if (count == 0xffff || centralSize == kMax32 || centralAt == kMax32) {
    // zip64: the locator just before the end record points to the zip64
    // end record, which holds the real numbers.
    if (end < 20 || r.get(end - 20, 4) != kZip64Locator)
      return error("a zip64 archive without its end record locator");
    uint64_t at = r.get(end - 12, 8);
    if (!r.has(at, 56) || r.get(at, 4) != kZip64EndRecord)
      return error("the zip64 end record is missing or truncated");
    count = r.get(at + 32, 8);
    centralSize = r.get(at + 40, 8);
    centralAt = r.get(at + 48, 8);
  }
  if (!r.has(centralAt, centralSize))
    return error("the central directory lies outside the archive");

  NpzArrays arrays;
  llvm::StringSet<> names;
  uint64_t at = centralAt;
  for (uint64_t i = 0; i < count; ++i) {
    if (!r.has(at, 46) || r.get(at, 4) != kCentralHeader)
      return error(llvm::formatv("central directory entry {0} is damaged", i));
    uint64_t flags = r.get(at + 8, 2), method = r.get(at + 10, 2),
             crc = r.get(at + 16, 4), packed = r.get(at + 20, 4),
             size = r.get(at + 24, 4), nameLen = r.get(at + 28, 2),
             extraLen = r.get(at + 30, 2), commentLen = r.get(at + 32, 2),
             local = r.get(at + 42, 4);
    if (!r.has(at + 46, nameLen + extraLen + commentLen))
      return error(llvm::formatv("central directory entry {0} is damaged", i));
    llvm::StringRef file = bytes.substr(at + 46, nameLen);
    // zip64 sizes and offset, in this order, for the fields that are full.
    uint64_t extra = at + 46 + nameLen, extraEnd = extra + extraLen;
    while (extra + 4 <= extraEnd) {
      uint64_t id = r.get(extra, 2), len = r.get(extra + 2, 2);
      if (extra + 4 + len > extraEnd)
        break;
      if (id == 1) {
        uint64_t f = extra + 4, fEnd = f + len;
        for (uint64_t *v : {&size, &packed, &local})
          if (*v == kMax32) {
            if (f + 8 > fEnd)
              return error("member '" + file + "': truncated zip64 sizes");
            *v = r.get(f, 8);
            f += 8;
          }
      }
      extra += 4 + len;
    }
    at += 46 + nameLen + extraLen + commentLen;

    if (flags & 1)
      return error("member '" + file + "' is encrypted");
    if (method != 0)
      return error(llvm::formatv("member '{0}' is compressed (zip method "
                                 "{1}); accel reads archives written by "
                                 "np.savez, not np.savez_compressed",
                                 file, method));
    if (packed != size)
      return error("member '" + file + "' is stored with two sizes");
    if (!file.ends_with(".npy"))
      return error("member '" + file + "' is not an .npy array");
    if (!r.has(local, 30) || r.get(local, 4) != kLocalHeader)
      return error("member '" + file + "': its local header is damaged");
    uint64_t data = local + 30 + r.get(local + 26, 2) + r.get(local + 28, 2);
    if (!r.has(data, size))
      return error("member '" + file + "' runs past the end of the archive");
    llvm::StringRef npy = bytes.substr(data, size);
    if (llvm::crc32(llvm::arrayRefFromStringRef<uint8_t>(npy)) != crc)
      return error("member '" + file + "' fails its CRC check");
    llvm::StringRef name = file.drop_back(4);
    if (!names.insert(name).second)
      return error("two members are named '" + file + "'");
    llvm::Expected<NdArray> a = parseNpy(npy);
    if (!a)
      return error("member '" + file + "': " + llvm::toString(a.takeError()));
    arrays.emplace_back(name.str(), std::move(*a));
  }
  return arrays;
}

llvm::Expected<NpzArrays> accel::readNpz(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer)
    return error(path + ": " + buffer.getError().message());
  llvm::Expected<NpzArrays> arrays = parseNpz((*buffer)->getBuffer());
  if (!arrays)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   path + ": " +
                                       llvm::toString(arrays.takeError()));
  return arrays;
}
