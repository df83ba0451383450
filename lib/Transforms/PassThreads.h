//===- PassThreads.h - The threads a search pass runs on --------*- C++ -*-===//
#ifndef ACCEL_LIB_TRANSFORMS_PASSTHREADS_H
#define ACCEL_LIB_TRANSFORMS_PASSTHREADS_H

#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/ThreadPool.h"

namespace accel {

/// The threads a search pass runs on: a `threads` option above 0 is that
/// many threads of its own (the user asked); 0 is the context's pool when
/// multithreading is enabled (every thread of it: inside another compiler,
/// its threads, not ours), else one (--mlir-disable-threading).
inline void setThreads(mlir::MLIRContext &ctx, unsigned option,
                       unsigned &threads, llvm::ThreadPoolInterface *&pool) {
  threads = option;
  pool = nullptr;
  if (option)
    return;
  if (ctx.isMultithreadingEnabled())
    pool = &ctx.getThreadPool();
  else
    threads = 1;
}

} // namespace accel

#endif // ACCEL_LIB_TRANSFORMS_PASSTHREADS_H
