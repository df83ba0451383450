//===- Workers.cpp - Parallel work in fixed slots -------------------------===//

#include "accel/Search/Workers.h"
#include <algorithm>
#include <thread>

using namespace accel;

Workers::Workers(unsigned threads, llvm::ThreadPoolInterface *shared)
    : threads_(threads  ? threads
               : shared ? std::max(1u, shared->getMaxConcurrency())
                        : std::max(1u, std::thread::hardware_concurrency())),
      shared_(shared) {}

void Workers::forEach(size_t n, llvm::function_ref<void(size_t)> job,
                      size_t minParallel) {
  unsigned lanes = n >= std::max<size_t>(minParallel, 2)
                       ? unsigned(std::min<size_t>(threads_, n))
                       : 1;
  auto stripe = [&](size_t first) {
    for (size_t i = first; i < n; i += lanes)
      job(i);
  };
  if (lanes <= 1) {
    stripe(0);
    return;
  }
  if (!shared_ && !pool_)
    pool_ = std::make_unique<llvm::DefaultThreadPool>(
        llvm::hardware_concurrency(threads_ - 1));
  // A group of our own: waiting on it neither waits for the shared pool's
  // other work nor deadlocks when called from one of its threads.
  llvm::ThreadPoolTaskGroup group(shared_ ? *shared_ : *pool_);
  for (unsigned t = 1; t < lanes; ++t)
    group.async([&stripe, t] { stripe(t); });
  stripe(0);
  group.wait();
}
