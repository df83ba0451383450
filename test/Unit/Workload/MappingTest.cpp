//===- MappingTest.cpp - Loop-nest mappings -------------------------------===//

#include "accel/Workload/Mapping.h"
#include "accel/Workload/ShapeArith.h"
#include "gtest/gtest.h"

using namespace accel;

namespace {

LoopBounds vggConv2() {
  return conv2dLoopBounds({1, 64, 224, 224}, {64, 64, 3, 3}, ConvParams());
}

/// Two levels: K over 16 units, then C over 12 PEs.
Mapping twoLevel() {
  Mapping m;
  MappingLevel &l0 = m.addLevel();
  l0.spatial = Dim::K;
  l0.fanout = 16;
  l0.addLoop(Dim::C, 64);
  l0.addLoop(Dim::P, 56);
  l0.addLoop(Dim::K, 4);
  MappingLevel &l1 = m.addLevel();
  l1.spatial = Dim::C;
  l1.fanout = 12;
  l1.addLoop(Dim::C, 4);
  l1.addLoop(Dim::P, 1);
  return m;
}

std::string errorOf(const Mapping &m, const LoopBounds *b) {
  llvm::Error e = verifyMapping(m, b);
  return e ? llvm::toString(std::move(e)) : "";
}

TEST(Mapping, ValidMappingAndTripCounts) {
  LoopBounds b = vggConv2();
  Mapping m = twoLevel();
  EXPECT_EQ(errorOf(m, &b), "");
  // Level 0: K 64 / (16 x 4) = 1, C 64 / 64 = 1, P 224 / 56 = 4, Q whole.
  EXPECT_EQ(m.tripCount(0, Dim::K, b), 1);
  EXPECT_EQ(m.tripCount(0, Dim::P, b), 4);
  EXPECT_EQ(m.tripCount(0, Dim::Q, b), 1);
  EXPECT_EQ(m.resolvedTile(0, Dim::Q, b), 224);
  // Level 1: C 64 / (12 x 4) = 2 (edge tile), P 56 / 1 = 56, K inherits 4.
  EXPECT_EQ(m.tripCount(1, Dim::C, b), 2);
  EXPECT_EQ(m.tripCount(1, Dim::P, b), 56);
  EXPECT_EQ(m.resolvedTile(1, Dim::K, b), 4);
  EXPECT_EQ(m.tripCount(1, Dim::K, b), 1);
}

TEST(Mapping, StructuralErrors) {
  Mapping empty;
  EXPECT_EQ(errorOf(empty, nullptr), "a mapping needs at least one level");

  Mapping twice;
  twice.addLevel().addLoop(Dim::C, 4);
  twice.level(0).addLoop(Dim::C, 2);
  EXPECT_EQ(errorOf(twice, nullptr), "level 0: dimension C is listed twice");

  Mapping noTile;
  MappingLevel &l = noTile.addLevel();
  l.spatial = Dim::K;
  l.fanout = 4;
  l.addLoop(Dim::C, 4);
  EXPECT_EQ(errorOf(noTile, nullptr),
            "level 0: spatial dimension K has no tile in the loop list");

  Mapping grows;
  grows.addLevel().addLoop(Dim::P, 8);
  grows.addLevel().addLoop(Dim::P, 16);
  EXPECT_EQ(errorOf(grows, nullptr),
            "level 1: tile 16 of P exceeds the parent extent 8");

  Mapping zero;
  zero.addLevel().addLoop(Dim::P, 0);
  EXPECT_EQ(errorOf(zero, nullptr), "level 0: tile of P must be >= 1, got 0");
}

TEST(Mapping, ErrorsAgainstBounds) {
  LoopBounds b = vggConv2();
  Mapping m = twoLevel();
  m.level(0).fanout = 32; // 32 x 4 = 128 > K = 64
  EXPECT_EQ(errorOf(m, &b),
            "level 0: fan-out 32 x tile 4 of K covers 128 but the parent "
            "extent is 64");
  Mapping r;
  r.addLevel().addLoop(Dim::R, 5);
  EXPECT_EQ(errorOf(r, &b), "level 0: tile 5 of R exceeds the parent extent 3");
}

TEST(Mapping, PrintAndEquality) {
  std::string s;
  llvm::raw_string_ostream os(s);
  printMapping(os, twoLevel());
  EXPECT_EQ(s, "[K*16 | C:64 P:56 K:4], [C*12 | C:4 P:1]");
  EXPECT_EQ(twoLevel(), twoLevel());
  EXPECT_EQ(hash_value(twoLevel()), hash_value(twoLevel()));
  Mapping other = twoLevel();
  other.level(1).tile[Dim::P] = 2;
  EXPECT_NE(other, twoLevel());
}

} // namespace

namespace {
TEST(Mapping, HugeFanoutDoesNotOverflow) {
  Mapping m;
  m.addLevel().addLoop(Dim::K, 8);
  MappingLevel &l = m.addLevel();
  l.spatial = Dim::K;
  l.fanout = int64_t(1) << 62;
  l.addLoop(Dim::K, 4);
  EXPECT_EQ(errorOf(m, nullptr),
            "level 1: fan-out 4611686018427387904 x tile 4 of K overflows");
}
} // namespace
