//===- ProgramBuilder.cpp - Commands and the order between them -----------===//

#include "ProgramBuilder.h"

using namespace accel;
using namespace accel::lowering;
using Kind = GroupCommand::Kind;

namespace {

bool overlaps(const BufferSlice &a, const BufferSlice &b) {
  return a.buffer == b.buffer &&
         boxesOverlap(a.offsets, a.sizes, b.offsets, b.sizes);
}

bool contains(const BufferSlice &outer, const BufferSlice &inner) {
  return boxContains(outer.offsets, outer.sizes, inner.offsets, inner.sizes);
}

} // namespace

int accel::queueOf(GroupCommand::Kind k) {
  switch (k) {
  case Kind::Load:
    return 0;
  case Kind::Store:
    return 1;
  case Kind::Copy:
    return 2;
  case Kind::Compute:
    return 3;
  case Kind::Alloc:
  case Kind::Free:
    return -1;
  }
  return -1;
}

unsigned ProgramBuilder::addBuffer(unsigned tensor, Shape shape,
                                   llvm::SmallVector<int64_t, 4> origin,
                                   int64_t elementBytes, BufferArea area,
                                   int64_t offset) {
  PlannedBuffer b;
  b.tensor = tensor;
  b.shape = std::move(shape);
  b.origin = std::move(origin);
  b.elementBytes = elementBytes;
  b.area = area;
  b.offset = offset;
  program.buffers.push_back(std::move(b));
  return program.buffers.size() - 1;
}

void ProgramBuilder::access(GroupCommand &c, unsigned index,
                            const BufferSlice &box, bool write) {
  if (auto it = inherited.find(box.buffer); it != inherited.end()) {
    c.after.append(it->second.begin(), it->second.end());
    inherited.erase(it);
  }
  std::vector<Access> &h = history[box.buffer];
  for (const Access &a : h)
    if (a.command != index && (write || a.write) && overlaps(a.box, box))
      c.after.push_back(a.command);
  // A write over an earlier access's whole box orders every later access
  // that conflicts with that one (it conflicts with the write too).
  if (write)
    llvm::erase_if(h, [&](const Access &a) { return contains(box, a.box); });
  h.push_back({index, box, write});
}

unsigned ProgramBuilder::emit(GroupCommand c) {
  unsigned index = program.commands.size();
  switch (c.kind) {
  case Kind::Alloc: {
    // Bytes a freed buffer gives up: the new buffer's first use waits for
    // what the free waited for (a free and an allocation take no time and
    // carry no token).
    const PlannedBuffer &b = program.buffers[c.buffer];
    for (const Freed &f : freed)
      if (f.area == b.area && f.begin < b.offset + b.bytes() &&
          b.offset < f.end) {
        c.after.push_back(f.command);
        for (unsigned a : program.commands[f.command].after)
          inherited[c.buffer].push_back(a);
      }
    break;
  }
  case Kind::Free: {
    for (const Access &a : history[c.buffer])
      c.after.push_back(a.command);
    history.erase(c.buffer);
    const PlannedBuffer &b = program.buffers[c.buffer];
    freed.push_back({index, b.area, b.offset, b.offset + b.bytes()});
    break;
  }
  case Kind::Load:
    access(c, index, c.dest, /*write=*/true);
    break;
  case Kind::Store:
    access(c, index, c.source, /*write=*/false);
    break;
  case Kind::Copy:
    access(c, index, c.source, /*write=*/false);
    access(c, index, c.dest, /*write=*/true);
    break;
  case Kind::Compute:
    for (const BufferSlice &s : c.operands)
      access(c, index, s, /*write=*/false);
    access(c, index, c.result, /*write=*/true);
    break;
  }
  llvm::sort(c.after);
  c.after.erase(std::unique(c.after.begin(), c.after.end()), c.after.end());
  // Commands of one queue complete in order: waiting for the last
  // conflicting one of a queue waits for the earlier ones.
  std::map<int, unsigned> latest;
  llvm::SmallVector<unsigned, 4> unqueued;
  for (unsigned d : c.after) {
    int q = queueOf(program.commands[d].kind);
    if (q < 0)
      unqueued.push_back(d);
    else
      latest[q] = std::max(latest[q], d);
  }
  c.after = unqueued;
  for (auto [q, d] : latest)
    c.after.push_back(d);
  // A command another dependency already waits for is implied (one level
  // deep: enough to keep the lists short, and cheap).
  llvm::SmallVector<unsigned, 8> implied;
  for (unsigned d : c.after)
    for (unsigned a : program.commands[d].after)
      implied.push_back(a);
  llvm::erase_if(c.after,
                 [&](unsigned a) { return llvm::is_contained(implied, a); });
  llvm::sort(c.after);
  program.commands.push_back(std::move(c));
  return index;
}

unsigned ProgramBuilder::allocate(unsigned tensor, Shape shape,
                                  int64_t elementBytes, BufferArea area,
                                  int64_t offset) {
  llvm::SmallVector<int64_t, 4> origin(shape.size(), 0);
  unsigned b = addBuffer(tensor, std::move(shape), std::move(origin),
                         elementBytes, area, offset);
  GroupCommand c;
  c.kind = GroupCommand::Kind::Alloc;
  c.buffer = b;
  emit(std::move(c));
  return b;
}

void ProgramBuilder::release(unsigned b) {
  GroupCommand c;
  c.kind = GroupCommand::Kind::Free;
  c.buffer = b;
  emit(std::move(c));
}
