//===- Workers.h - Parallel work in fixed slots -----------------*- C++ -*-===//
//
// Runs n independent jobs on a pool of threads kept for a whole search
// (spawning threads per batch costs as much as a tenth of a mapping
// search), or on a pool the caller shares (an MLIR context's, so that a
// pass inside another compiler uses its threads and honours its
// --mlir-disable-threading). Job i writes only its own slot, so no result
// depends on the thread count; small batches run on the calling thread.
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_WORKERS_H
#define ACCEL_SEARCH_WORKERS_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/ThreadPool.h"
#include <memory>

namespace accel {

class Workers {
public:
  /// `threads` = 0: one per core, or as many as `shared` runs. With
  /// `shared`, jobs run there (a task group of their own) instead of on
  /// threads of ours.
  explicit Workers(unsigned threads = 0,
                   llvm::ThreadPoolInterface *shared = nullptr);
  unsigned threads() const { return threads_; }
  /// Calls job(i) for every i < n, on up to threads() threads when n is at
  /// least `minParallel`.
  void forEach(size_t n, llvm::function_ref<void(size_t)> job,
               size_t minParallel = 2);

private:
  unsigned threads_;
  llvm::ThreadPoolInterface *shared_;
  std::unique_ptr<llvm::DefaultThreadPool> pool_;
};

} // namespace accel

#endif // ACCEL_SEARCH_WORKERS_H
