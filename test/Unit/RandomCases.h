//===- RandomCases.h - Seeded random draws for oracle tests -----*- C++ -*-===//
//
// The gtests that compare a formula with a brute-force oracle draw their
// cases from a seeded generator, so a failure names a reproducible case.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_TEST_UNIT_RANDOMCASES_H
#define ACCEL_TEST_UNIT_RANDOMCASES_H

#include <cstdint>
#include <random>

namespace accel::testing {

struct Random {
  std::mt19937_64 rng;
  /// Uniform in [lo, hi].
  int64_t pick(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  bool coin(double p = 0.5) { return std::bernoulli_distribution(p)(rng); }
};

} // namespace accel::testing

#endif // ACCEL_TEST_UNIT_RANDOMCASES_H
