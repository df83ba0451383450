//===- AcmdOps.cpp - Operations of the acmd dialect -----------------------===//

#include "dialects/acmd/AcmdOps.h"
#include "accel/Arch/Arch.h"
#include "accel/Support/AsmHelpers.h"
#include "accel/Workload/ShapeArith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace acmd;
using accel::formatShape;

//===----------------------------------------------------------------------===//
// AllocOp
//===----------------------------------------------------------------------===//

LogicalResult AllocOp::verify() {
  BufferType type = getBuffer().getType();
  int64_t offset = getOffsetAttr().getInt();
  if (offset < 0)
    return emitOpError("offset must be >= 0, got ") << offset;
  if (offset % type.getElementBytes() != 0)
    return emitOpError("offset ")
           << offset << " is not aligned to the element size of "
           << type.getElementBytes() << " bytes";
  return success();
}

//===----------------------------------------------------------------------===//
// DMA
//===----------------------------------------------------------------------===//

/// Checks that a region `offsets` + `sizes` lies in a buffer of `shape`.
static LogicalResult verifyBufferRegion(Operation *op, StringRef what,
                                        ArrayRef<int64_t> shape,
                                        ArrayRef<int64_t> offsets,
                                        ArrayRef<int64_t> sizes) {
  for (size_t d = 0; d < shape.size(); ++d) {
    if (offsets[d] < 0)
      return op->emitOpError() << what << " offset " << offsets[d]
                               << " in dimension " << d << " is negative";
    int64_t end = 0;
    if (llvm::AddOverflow(offsets[d], sizes[d], end))
      return op->emitOpError()
             << what << " region exceeds its allocation in dimension " << d
             << ": offset " << offsets[d] << " + size " << sizes[d]
             << " overflows int64";
    if (end > shape[d])
      return op->emitOpError()
             << what << " region exceeds its allocation in dimension " << d
             << ": offset " << offsets[d] << " + size " << sizes[d] << " = "
             << end << " > " << shape[d];
  }
  return success();
}

/// Checks a transfer between a strided DRAM region and a dense buffer region
/// of the same shape `sizes`; with `zeroBorder` the DRAM region may leave
/// the tensor (what lies outside is zeros) but must touch it.
static LogicalResult
verifyTransfer(Operation *op, MemRefType dram, ArrayRef<int64_t> dramOffsets,
               ArrayRef<int64_t> dramStrides, ArrayRef<int64_t> sizes,
               BufferType buffer, ArrayRef<int64_t> bufferOffsets,
               bool zeroBorder = false, bool broadcast = false) {
  size_t rank = dram.getRank();
  if (buffer.getShape().size() != rank)
    return op->emitOpError("buffer rank ")
           << buffer.getShape().size() << " differs from the DRAM tensor rank "
           << rank;
  auto checkRank = [&](StringRef what,
                       ArrayRef<int64_t> list) -> LogicalResult {
    if (list.size() == rank)
      return success();
    return op->emitOpError() << what << " have " << list.size()
                             << " entries but the rank is " << rank;
  };
  if (failed(checkRank("sizes", sizes)) ||
      failed(checkRank("DRAM offsets", dramOffsets)) ||
      failed(checkRank("strides", dramStrides)) ||
      failed(checkRank("buffer offsets", bufferOffsets)))
    return failure();
  if (dram.getElementType() != buffer.getElementType())
    return op->emitOpError("element types differ: DRAM ")
           << dram.getElementType() << ", buffer " << buffer.getElementType();
  for (size_t d = 0; d < rank; ++d) {
    if (sizes[d] < 1)
      return op->emitOpError("sizes must be >= 1, got ") << formatShape(sizes);
    if (dramStrides[d] < (broadcast ? 0 : 1))
      return op->emitOpError("strides must be >= ")
             << (broadcast ? 0 : 1) << ", got " << formatShape(dramStrides);
    int64_t last = 0;
    if (llvm::MulOverflow(sizes[d] - 1, dramStrides[d], last) ||
        llvm::AddOverflow(dramOffsets[d], last, last))
      return op->emitOpError("DRAM region's last element in dimension ")
             << d << " (offset " << dramOffsets[d] << " + (size " << sizes[d]
             << " - 1) * stride " << dramStrides[d] << ") overflows int64";
    if (zeroBorder) {
      if (last < 0 || dramOffsets[d] >= dram.getDimSize(d))
        return op->emitOpError("DRAM region misses the tensor in dimension ")
               << d << ": elements " << dramOffsets[d] << " to " << last
               << " but the dimension has " << dram.getDimSize(d)
               << " elements (a zero border needs some of the tensor)";
      continue;
    }
    if (dramOffsets[d] < 0)
      return op->emitOpError("DRAM offset ")
             << dramOffsets[d] << " in dimension " << d
             << " is negative (a padded border needs 'zero_border')";
    if (last >= dram.getDimSize(d))
      return op->emitOpError("DRAM region leaves the tensor in dimension ")
             << d << ": offset " << dramOffsets[d] << " + (size " << sizes[d]
             << " - 1) * stride " << dramStrides[d] << " = " << last
             << " but the dimension has " << dram.getDimSize(d) << " elements";
  }
  return verifyBufferRegion(op, "buffer", buffer.getShape(), bufferOffsets,
                            sizes);
}

LogicalResult DmaLoadOp::verify() {
  return verifyTransfer(*this, getDram().getType(), getDramOffsets(),
                        getDramStrides(), getSizes(), getBuffer().getType(),
                        getBufferOffsets(), getZeroBorder(),
                        /*broadcast=*/true);
}

int64_t DmaLoadOp::getDramElements() {
  MemRefType dram = getDram().getType();
  int64_t n = 1;
  for (auto [d, offset, size, stride] :
       llvm::enumerate(getDramOffsets(), getSizes(), getDramStrides())) {
    // The steps k in [0, size) with 0 <= offset + k * stride < extent.
    int64_t extent = dram.getDimSize(d);
    if (stride == 0) { // a broadcast: one element, `size` times
      n *= offset >= 0 && offset < extent ? size : 0;
      continue;
    }
    int64_t first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    int64_t last = std::min(size - 1, (extent - 1 - offset) / stride);
    if (offset > extent - 1)
      return 0;
    n *= std::max<int64_t>(0, last - first + 1);
  }
  return n;
}

LogicalResult DmaStoreOp::verify() {
  return verifyTransfer(*this, getDram().getType(), getDramOffsets(),
                        getDramStrides(), getSizes(), getBuffer().getType(),
                        getBufferOffsets());
}

//===----------------------------------------------------------------------===//
// CopyOp
//===----------------------------------------------------------------------===//

LogicalResult CopyOp::verify() {
  BufferType source = getSource().getType(), dest = getDest().getType();
  size_t rank = source.getShape().size();
  if (dest.getShape().size() != rank)
    return emitOpError("source rank ")
           << rank << " differs from the destination rank "
           << dest.getShape().size();
  if (source.getElementType() != dest.getElementType())
    return emitOpError("element types differ: source ")
           << source.getElementType() << ", destination "
           << dest.getElementType();
  for (auto [what, list] :
       {std::pair<StringRef, ArrayRef<int64_t>>{"sizes", getSizes()},
        {"source offsets", getSourceOffsets()},
        {"destination offsets", getDestOffsets()}})
    if (list.size() != rank)
      return emitOpError() << what << " have " << list.size()
                           << " entries but the rank is " << rank;
  if (llvm::any_of(getSizes(), [](int64_t s) { return s < 1; }))
    return emitOpError("sizes must be >= 1, got ") << formatShape(getSizes());
  if (failed(verifyBufferRegion(*this, "source", source.getShape(),
                                getSourceOffsets(), getSizes())) ||
      failed(verifyBufferRegion(*this, "destination", dest.getShape(),
                                getDestOffsets(), getSizes())))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// ComputeOp
//===----------------------------------------------------------------------===//

/// The tensor a command's body sees for one of its operands: a buffer's
/// contents, or a DRAM tensor's (a host command).
static Type contentsType(Value v) {
  if (auto b = dyn_cast<BufferType>(v.getType()))
    return b.getTensorType();
  auto m = cast<MemRefType>(v.getType());
  return RankedTensorType::get(m.getShape(), m.getElementType());
}

/// A command with a body over its ins' and outs' contents (compute, host).
static LogicalResult verifyBody(Operation *op, Region &region, ValueRange ins,
                                ValueRange outs, StringRef what) {
  if (outs.empty())
    return op->emitOpError("needs at least one output ") << what;
  Block &body = region.front();
  SmallVector<Value> operands(ins);
  llvm::append_range(operands, outs);
  if (body.getNumArguments() != operands.size())
    return op->emitOpError("body has ")
           << body.getNumArguments() << " arguments but the command has "
           << operands.size() << " " << what << "s (ins then outs)";
  for (auto [i, operand, arg] :
       llvm::enumerate(operands, body.getArguments())) {
    Type expected = contentsType(operand);
    if (arg.getType() != expected)
      return op->emitOpError("body argument #")
             << i << " has type " << arg.getType() << " but its " << what
             << " holds " << expected;
  }
  auto yield = dyn_cast<YieldOp>(body.getTerminator());
  if (!yield)
    return op->emitOpError("body must end with 'acmd.yield'");
  if (yield.getValues().size() != outs.size())
    return yield.emitOpError("yields ")
           << yield.getValues().size() << " values for " << outs.size()
           << " output " << what << "s";
  for (auto [i, value, out] : llvm::enumerate(yield.getValues(), outs)) {
    Type expected = contentsType(out);
    if (value.getType() != expected)
      return yield.emitOpError("value #")
             << i << " has type " << value.getType() << " but output " << what
             << " #" << i << " holds " << expected;
  }
  return success();
}

LogicalResult ComputeOp::verifyRegions() {
  if (getLayer().empty())
    return emitOpError("needs a non-empty layer name");
  return verifyBody(*this, getBody(), getIns(), getOuts(), "buffer");
}

LogicalResult HostOp::verifyRegions() {
  if (getName().empty())
    return emitOpError("needs a non-empty operator name");
  return verifyBody(*this, getBody(), getIns(), getOuts(), "tensor");
}

//===----------------------------------------------------------------------===//
// WaitOp
//===----------------------------------------------------------------------===//

LogicalResult WaitOp::verify() {
  if (getTokens().empty())
    return emitOpError("needs at least one token");
  return success();
}

using accel::parseEnumKeyword;
using accel::printEnumKeyword;

#define GET_OP_CLASSES
#include "dialects/acmd/AcmdOps.cpp.inc"

std::optional<acmd::PartitionSpan>
acmd::partitionSpan(const accel::MemoryLevel &level, Partition p) {
  using accel::Tensor;
  PartitionSpan s;
  s.unbounded = level.isUnbounded();
  if (p == Partition::Shared) {
    s.size = level.capacityBytes;
    return s;
  }
  if (!level.partition)
    return std::nullopt;
  const accel::PerTensor<int64_t> &part = *level.partition;
  int64_t w = part[Tensor::Weights], i = part[Tensor::Inputs],
          o = part[Tensor::Outputs];
  // Unbounded parts: far apart, so that only the same part overlaps.
  int64_t far = int64_t(1) << 50;
  switch (p) {
  case Partition::Weights:
    s = {0, w, s.unbounded};
    break;
  case Partition::Inputs:
    s = {s.unbounded ? far : w, i, s.unbounded};
    break;
  case Partition::Outputs:
    s = {s.unbounded ? 2 * far : w + i, o, s.unbounded};
    break;
  case Partition::Activations:
    s = {s.unbounded ? far : w, i + o, s.unbounded};
    break;
  case Partition::Shared:
    break;
  }
  return s;
}
