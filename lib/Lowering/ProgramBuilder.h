//===- ProgramBuilder.h - Commands and the order between them ---*- C++ -*-===//
//
// Shared by the group and the layer planners: appends buffers and commands
// to a GroupProgram and gives each command the earlier ones it must wait
// for, from what they touch (a read after a write, a write after a read or
// a write of overlapping boxes of one buffer; an allocation after the free
// of bytes it reuses), keeping of each queue only the last (commands of a
// queue complete in order) and leaving out those another of them waits
// for.
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_LOWERING_PROGRAMBUILDER_H
#define ACCEL_LIB_LOWERING_PROGRAMBUILDER_H

#include "accel/Lowering/GroupProgram.h"
#include <map>

namespace accel::lowering {

/// A planner's reason for not lowering something.
inline llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

class ProgramBuilder {
public:
  GroupProgram program;

  unsigned addBuffer(unsigned tensor, Shape shape,
                     llvm::SmallVector<int64_t, 4> origin, int64_t elementBytes,
                     BufferArea area, int64_t offset);
  /// Appends `c` with its dependencies; returns its index.
  unsigned emit(GroupCommand c);
  /// A buffer of `tensor`'s elements (origin 0) and its allocation.
  unsigned allocate(unsigned tensor, Shape shape, int64_t elementBytes,
                    BufferArea area, int64_t offset);
  /// The free of buffer `b`.
  void release(unsigned b);

private:
  /// Accesses of each buffer a later access may conflict with.
  struct Access {
    unsigned command;
    BufferSlice box;
    bool write;
  };
  std::map<unsigned, std::vector<Access>> history;
  /// Freed buffers (byte ranges of their area) an allocation over them
  /// waits for.
  struct Freed {
    unsigned command;
    BufferArea area;
    int64_t begin, end;
  };
  std::vector<Freed> freed;
  /// What the first use of a buffer placed over freed bytes waits for.
  std::map<unsigned, llvm::SmallVector<unsigned, 4>> inherited;

  void access(GroupCommand &c, unsigned index, const BufferSlice &box,
              bool write);
};

} // namespace accel::lowering

#endif
