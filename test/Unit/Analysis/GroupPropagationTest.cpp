//===- GroupPropagationTest.cpp - Group regions against brute force -------===//
//
// Propagates a group's output tile element by element: every output element
// asks its layer which input elements it reads (one-element regions), and
// the sets are pushed through the group's DAG. The analysis must find, for
// every value, the bounding box of that set.
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/ReceptiveFieldAnalysis.h"
#include "accel/Registration/Registration.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"
#include <set>

using namespace mlir;
using namespace accel;

namespace {

using Point = llvm::SmallVector<int64_t, 4>;

void forEachPoint(const TensorRegion &r, llvm::function_ref<void(Point)> f) {
  if (r.empty())
    return;
  Point p;
  for (const Interval &i : r.dims)
    p.push_back(i.begin);
  while (true) {
    f(p);
    int d = p.size() - 1;
    for (; d >= 0; --d) {
      if (++p[d] < r.dims[d].end)
        break;
      p[d] = r.dims[d].begin;
    }
    if (d < 0)
      return;
  }
}

TensorRegion pointRegion(const Point &p) {
  TensorRegion r;
  for (int64_t v : p)
    r.dims.push_back({v, v + 1});
  return r;
}

TensorRegion hullOf(const std::set<Point> &points, unsigned rank) {
  TensorRegion r;
  r.dims.assign(rank, Interval{0, 0});
  bool first = true;
  for (const Point &p : points)
    for (unsigned d = 0; d < rank; ++d) {
      if (first || p[d] < r.dims[d].begin)
        r.dims[d].begin = p[d];
      if (first || p[d] + 1 > r.dims[d].end)
        r.dims[d].end = p[d] + 1;
      first = d + 1 < rank ? first : false;
    }
  return r;
}

void checkGroups(llvm::StringRef source, int64_t tileRows) {
  DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  MLIRContext ctx(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
  ASSERT_TRUE(module);
  int groups = 0;
  module->walk([&](GroupOp group) {
    ++groups;
    ReceptiveFieldAnalysis rf(group);
    for (const auto &outs : rf.rowTiles(tileRows)) {
      ReceptiveFieldAnalysis::RegionMap analytic = rf.propagate(outs);
      // Brute force: element sets, pushed backwards through the body.
      llvm::DenseMap<Value, std::set<Point>> needed;
      for (auto [v, r] : llvm::zip(group.getYield().getValues(), outs))
        forEachPoint(r, [&](Point p) { needed[v].insert(p); });
      Block &body = group.getBodyBlock();
      for (Operation &op : llvm::reverse(body.without_terminator())) {
        auto it = needed.find(op.getResult(0));
        if (it == needed.end())
          continue;
        std::set<Point> outPoints = it->second;
        for (const Point &p : outPoints) {
          SmallVector<TensorRegion> ins = operandRegions(&op, pointRegion(p));
          for (auto [operand, r] : llvm::zip(op.getOperands(), ins))
            forEachPoint(r, [&](Point q) { needed[operand].insert(q); });
        }
      }
      for (auto &[v, points] : needed) {
        unsigned rank = cast<ShapedType>(v.getType()).getRank();
        TensorRegion expected = hullOf(points, rank);
        auto a = analytic.find(v);
        ASSERT_NE(a, analytic.end());
        EXPECT_EQ(a->second.str(), expected.str())
            << "group " << (group.getName() ? group.getName()->str() : "")
            << ", tile rows " << outs.front().str();
      }
    }
  });
  EXPECT_GT(groups, 0);
}

TEST(GroupPropagation, MatchesBruteForceOnTheTestGroups) {
  const char *groups = R"mlir(
func.func @resnet_block(%x: tensor<1x4x9x7xf16>, %w1: tensor<4x4x3x3xf16>, %w2: tensor<4x4x3x3xf16>) -> tensor<1x4x9x7xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x4x9x7xf16>, tensor<4x4x3x3xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x9x7xf16> {
    %0 = accel.conv2d %a, %k1 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x9x7xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x9x7xf16>
    %1 = accel.conv2d %0, %k2 {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x9x7xf16>, tensor<4x4x3x3xf16>) -> tensor<1x4x9x7xf16>
    %2 = accel.add %1, %a : tensor<1x4x9x7xf16>, tensor<1x4x9x7xf16> -> tensor<1x4x9x7xf16>
    accel.yield %2 : tensor<1x4x9x7xf16>
  }
  return %g : tensor<1x4x9x7xf16>
}
func.func @strided_dilated(%x: tensor<1x2x17x9xf16>, %w1: tensor<4x2x3x3xf16>, %w2: tensor<4x1x3x3xf16>) -> tensor<1x4x4x5xf16> {
  %g = accel.group (%a = %x, %k1 = %w1, %k2 = %w2) : (tensor<1x2x17x9xf16>, tensor<4x2x3x3xf16>, tensor<4x1x3x3xf16>) -> tensor<1x4x4x5xf16> {
    %0 = accel.conv2d %a, %k1 {strides = array<i64: 2, 1>, pads = array<i64: 1, 0, 0, 0>} : (tensor<1x2x17x9xf16>, tensor<4x2x3x3xf16>) -> tensor<1x4x8x7xf16>
    %1 = accel.conv2d %0, %k2 {groups = 4, dilations = array<i64: 2, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x4x8x7xf16>, tensor<4x1x3x3xf16>) -> tensor<1x4x4x5xf16>
    accel.yield %1 : tensor<1x4x4x5xf16>
  }
  return %g : tensor<1x4x4x5xf16>
}
func.func @unet(%low: tensor<1x4x4x4xf16>, %skip: tensor<1x2x8x8xf16>, %wu: tensor<4x2x2x2xf16>, %wc: tensor<2x4x3x3xf16>) -> tensor<1x2x8x8xf16> {
  %g = accel.group (%l = %low, %s = %skip, %ku = %wu, %kc = %wc) : (tensor<1x4x4x4xf16>, tensor<1x2x8x8xf16>, tensor<4x2x2x2xf16>, tensor<2x4x3x3xf16>) -> tensor<1x2x8x8xf16> {
    %0 = accel.conv_transpose2d %l, %ku {strides = array<i64: 2, 2>} : (tensor<1x4x4x4xf16>, tensor<4x2x2x2xf16>) -> tensor<1x2x8x8xf16>
    %1 = accel.concat %0, %s {axis = 1} : (tensor<1x2x8x8xf16>, tensor<1x2x8x8xf16>) -> tensor<1x4x8x8xf16>
    %2 = accel.conv2d %1, %kc {pads = array<i64: 1, 1, 1, 1>} : (tensor<1x4x8x8xf16>, tensor<2x4x3x3xf16>) -> tensor<1x2x8x8xf16>
    accel.yield %2 : tensor<1x2x8x8xf16>
  }
  return %g : tensor<1x2x8x8xf16>
}
func.func @two_readers(%x: tensor<1x2x8x8xf16>, %w: tensor<2x2x5x5xf16>) -> tensor<1x2x8x8xf16> {
  %g = accel.group (%a = %x, %k = %w) : (tensor<1x2x8x8xf16>, tensor<2x2x5x5xf16>) -> tensor<1x2x8x8xf16> {
    %0 = accel.activation #accel.act<relu> %a : tensor<1x2x8x8xf16>
    %1 = accel.conv2d %a, %k {pads = array<i64: 2, 2, 2, 2>} : (tensor<1x2x8x8xf16>, tensor<2x2x5x5xf16>) -> tensor<1x2x8x8xf16>
    %2 = accel.add %0, %1 : tensor<1x2x8x8xf16>, tensor<1x2x8x8xf16> -> tensor<1x2x8x8xf16>
    accel.yield %2 : tensor<1x2x8x8xf16>
  }
  return %g : tensor<1x2x8x8xf16>
}
func.func @upsample_pool(%x: tensor<1x2x6x6xf16>) -> tensor<1x2x6x6xf16> {
  %g = accel.group (%a = %x) : (tensor<1x2x6x6xf16>) -> tensor<1x2x6x6xf16> {
    %0 = accel.resize bilinear %a {scales = array<i64: 2, 2>} : tensor<1x2x6x6xf16> -> tensor<1x2x12x12xf16>
    %1 = accel.pool2d max %0 {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>} : tensor<1x2x12x12xf16> -> tensor<1x2x6x6xf16>
    accel.yield %1 : tensor<1x2x6x6xf16>
  }
  return %g : tensor<1x2x6x6xf16>
}
)mlir";
  for (int64_t rows : {1, 2, 3, 5})
    checkGroups(groups, rows);
}

} // namespace
