//===- ConversionUtils.cpp - Shared by the conversions into accel ---------===//

#include "accel/Conversion/ConversionUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Matchers.h"
#include <cstring>

using namespace mlir;

std::optional<DenseElementsAttr> accel::constantOf(Value v) {
  DenseElementsAttr attr;
  if (matchPattern(v, m_Constant(&attr)))
    return attr;
  return std::nullopt;
}

bool accel::isZeroConstant(Value v) {
  std::optional<DenseElementsAttr> attr = constantOf(v);
  if (!attr || !attr->isSplat())
    return false;
  if (isa<FloatType>(attr->getElementType()))
    return attr->getSplatValue<APFloat>().isZero();
  return attr->getSplatValue<APInt>().isZero();
}

RankedTensorType accel::permuteType(Type t, ArrayRef<int32_t> perms) {
  auto type = cast<RankedTensorType>(t);
  SmallVector<int64_t> shape;
  for (int32_t p : perms)
    shape.push_back(type.getDimSize(p));
  return RankedTensorType::get(shape, type.getElementType());
}

DenseElementsAttr accel::permuteConstant(DenseElementsAttr attr,
                                         ArrayRef<int32_t> perms) {
  auto type = cast<RankedTensorType>(attr.getType());
  RankedTensorType newType = permuteType(type, perms);
  if (attr.isSplat())
    return attr.reshape(newType);
  int64_t bytes = (type.getElementTypeBitWidth() + 7) / 8;
  ArrayRef<char> raw = attr.getRawData();
  std::vector<char> out(raw.size());
  int64_t rank = type.getRank();
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * type.getDimSize(d + 1);
  ArrayRef<int64_t> shape = newType.getShape();
  SmallVector<int64_t> index(rank, 0);
  for (int64_t linear = 0, n = type.getNumElements(); linear < n; ++linear) {
    int64_t src = 0;
    for (int64_t d = 0; d < rank; ++d)
      src += index[d] * inStrides[perms[d]];
    std::memcpy(&out[linear * bytes], &raw[src * bytes], bytes);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::getFromRawBuffer(newType, out);
}

bool accel::permutationIsReshape(RankedTensorType type,
                                 ArrayRef<int32_t> perms) {
  SmallVector<int32_t> moved;
  for (int32_t p : perms)
    if (type.getDimSize(p) != 1)
      moved.push_back(p);
  return type.hasStaticShape() && llvm::is_sorted(moved);
}

SmallVector<int32_t> accel::composePermutations(ArrayRef<int32_t> inner,
                                                ArrayRef<int32_t> perms) {
  SmallVector<int32_t> composed;
  for (int32_t p : perms)
    composed.push_back(inner[p]);
  return composed;
}
