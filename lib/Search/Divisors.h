//===- Divisors.h - Divisors for tiles that divide their parents -*- C++
//-*-===//
#ifndef ACCEL_LIB_SEARCH_DIVISORS_H
#define ACCEL_LIB_SEARCH_DIVISORS_H

#include "llvm/ADT/SmallVector.h"
#include <cmath>
#include <cstdint>

namespace accel::detail {

/// The divisors of `n` (enumerated up to its square root), unordered.
inline llvm::SmallVector<int64_t, 32> divisorsOf(int64_t n) {
  llvm::SmallVector<int64_t, 32> divisors;
  for (int64_t d = 1; d * d <= n; ++d)
    if (n % d == 0) {
      divisors.push_back(d);
      if (d * d != n)
        divisors.push_back(n / d);
    }
  return divisors;
}

/// The divisor of `n` that is a multiple of `m` and at most `most` nearest
/// to `t` on a log scale (ties to the larger); 0 when there is none.
inline int64_t nearestDivisor(int64_t n, int64_t t, int64_t m,
                              int64_t most = INT64_MAX) {
  int64_t best = 0;
  double bestDist = 1e300;
  for (int64_t c : divisorsOf(n)) {
    if (c % m || c > most)
      continue;
    double dist = std::abs(std::log(double(c) / double(t)));
    if (dist < bestDist || (dist == bestDist && c > best)) {
      best = c;
      bestDist = dist;
    }
  }
  return best;
}

} // namespace accel::detail

#endif // ACCEL_LIB_SEARCH_DIVISORS_H
