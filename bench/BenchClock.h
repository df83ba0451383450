//===- BenchClock.h - Wall-clock seconds for the bench drivers --*- C++ -*-===//
#ifndef ACCEL_BENCH_BENCHCLOCK_H
#define ACCEL_BENCH_BENCHCLOCK_H

#include <chrono>

namespace accel::bench {

/// Seconds on a monotonic clock (differences only).
inline double now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

} // namespace accel::bench

#endif
