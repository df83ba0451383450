//===- CommandExecutor.h - Runs acmd programs on host memory ----*- C++ -*-===//
//
// Runs a function of acmd commands in program order (a valid order: every
// token a command waits for is defined before it): DRAM tensors are the
// function's memref arguments, each on-chip buffer an array of its shape;
// DMA moves regions between them (a zero border reads nothing), copies move
// regions between buffers, a compute runs its body with the reference
// interpreter on its buffers' contents. It counts what it moves over DRAM
// and the bytes in use per on-chip partition, and fails, naming the
// command, when a buffer is used after it is freed or when the buffers in
// use exceed a partition of the accelerator (when one is given).
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_EXECUTION_COMMANDEXECUTOR_H
#define ACCEL_EXECUTION_COMMANDEXECUTOR_H

#include "accel/Arch/Arch.h"
#include "accel/Execution/Interpreter.h"
#include <map>

namespace accel {

struct CommandRun {
  /// Every argument's contents after the run.
  std::vector<NdArray> memory;
  /// Whether a store wrote the argument (the program's outputs).
  std::vector<bool> written;
  /// DRAM traffic: elements and bytes (at the memrefs' element types).
  int64_t elementsRead = 0, elementsWritten = 0;
  int64_t bytesRead = 0, bytesWritten = 0;
  /// Peak bytes in use, by "level/partition" ("global/shared").
  std::map<std::string, int64_t> peakBytes;
  int64_t commands = 0;
  int64_t hostCommands = 0; ///< acmd.host (operators the accelerator lacks)
  /// Groups whose closing acmd.wait carries the cost model's prediction
  /// (acmd.dram_read, acmd.dram_written, acmd.footprint, from
  /// --accel-lower-to-acmd): the DRAM bytes each moved and the most
  /// on-chip bytes in use since the previous such wait, checked equal.
  struct GroupTraffic {
    std::string name;
    int64_t read = 0, written = 0, peak = 0;
  };
  std::vector<GroupTraffic> groups;
  /// The program's modelled timeline (with an accelerator): each command
  /// on its queue (DMA loads, DMA stores, copies, computes), starting when
  /// its queue is free, the commands it waits for have ended and the last
  /// acmd.wait before it has returned. Durations: bytes over the DRAM's
  /// (copies: the global level's) bandwidth; a compute, its tile's cycles
  /// under its mapping by the cost model (MACs / PEs without one).
  struct TimedCommand {
    std::string name; ///< "dma_load", or the layer a compute runs
    unsigned queue = 0;
    double start = 0, end = 0; ///< cycles
    int64_t bytes = 0;         ///< moved (DMA, copies)
  };
  std::vector<TimedCommand> timeline;
  double cycles = 0; ///< when the last command ends
};

/// Runs `f` (memref arguments bound to `args` in order). With `arch`, the
/// bytes in use per partition are checked against its capacities. A group
/// whose DRAM traffic differs from its recorded prediction is an error.
llvm::Expected<CommandRun> runCommands(mlir::func::FuncOp f,
                                       llvm::ArrayRef<NdArray> args,
                                       const Arch *arch = nullptr,
                                       const InterpreterOptions &options = {});

/// Whether `f` is an acmd program (memref arguments) rather than a network
/// on tensors.
bool isCommandProgram(mlir::func::FuncOp f);

} // namespace accel

#endif // ACCEL_EXECUTION_COMMANDEXECUTOR_H
