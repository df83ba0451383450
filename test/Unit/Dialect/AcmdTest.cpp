//===- AcmdTest.cpp - acmd commands' own arithmetic -----------------------===//
//
// What a DMA load reads from DRAM: with a zero border, only the elements of
// its strided region that lie inside the tensor, counted against a
// brute-force walk of the region.
//
//===----------------------------------------------------------------------===//

#include "accel/Registration/Registration.h"
#include "dialects/acmd/AcmdOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FormatVariadic.h"
#include "gtest/gtest.h"
#include <random>

using namespace mlir;

namespace {

/// Elements of the region in the tensor, one by one.
int64_t bruteForce(llvm::ArrayRef<int64_t> shape,
                   llvm::ArrayRef<int64_t> offsets,
                   llvm::ArrayRef<int64_t> sizes,
                   llvm::ArrayRef<int64_t> strides) {
  int64_t n = 1;
  for (size_t d = 0; d < shape.size(); ++d) {
    int64_t inside = 0;
    for (int64_t k = 0; k < sizes[d]; ++k) {
      int64_t at = offsets[d] + k * strides[d];
      inside += at >= 0 && at < shape[d];
    }
    n *= inside;
  }
  return n;
}

std::string list(llvm::ArrayRef<int64_t> v) {
  std::string s;
  for (int64_t x : v)
    s += (s.empty() ? "" : ", ") + std::to_string(x);
  return "[" + s + "]";
}

std::string shapeOf(llvm::ArrayRef<int64_t> v) {
  std::string s;
  for (int64_t x : v)
    s += std::to_string(x) + "x";
  return s;
}

TEST(Acmd, ZeroBorderLoadsReadOnlyTheTensor) {
  DialectRegistry registry;
  accel::registerAllAccelOptDialects(registry);
  MLIRContext ctx(registry);
  std::mt19937_64 rng(3);
  auto pick = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  };
  int checked = 0;
  for (int c = 0; c < 1000; ++c) {
    std::vector<int64_t> shape, offsets, sizes, strides;
    for (int d = 0; d < 3; ++d) {
      shape.push_back(pick(1, 9));
      sizes.push_back(pick(1, 6));
      strides.push_back(pick(1, 3));
      offsets.push_back(pick(-8, shape.back() - 1));
    }
    // The verifier wants the region to touch the tensor in every dimension.
    bool touches = true;
    for (int d = 0; d < 3; ++d)
      touches &= offsets[d] + (sizes[d] - 1) * strides[d] >= 0;
    if (!touches)
      continue;
    std::string source = llvm::formatv(
        "func.func @f(%x: memref<{0}f16>) {{\n"
        "  %b = acmd.alloc shared offset 0 : !acmd.buffer<{1}f16, global>\n"
        "  %t = acmd.dma_load %x {2} sizes {3} strides {4} into %b [0, 0, 0] "
        "zero_border : memref<{0}f16> into !acmd.buffer<{1}f16, global>\n"
        "  return\n}\n",
        shapeOf(shape), shapeOf(sizes), list(offsets), list(sizes),
        list(strides));
    OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
    ASSERT_TRUE(module) << source;
    module->walk([&](acmd::DmaLoadOp load) {
      EXPECT_EQ(load.getDramElements(),
                bruteForce(shape, offsets, sizes, strides))
          << source;
      ++checked;
    });
  }
  EXPECT_GT(checked, 250);
}

} // namespace
