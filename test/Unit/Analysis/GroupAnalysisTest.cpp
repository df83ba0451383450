//===- GroupAnalysisTest.cpp - accel groups in the pure group model ------===//
//
// The adapter from IR to the group model: each test group, parsed from MLIR,
// becomes a LayerGraph whose tiles the element-by-element simulator
// (GroupSimulator.h), reading every operator's definition, must agree with;
// so a wrong kind, parameter or weight flag in the translation shows.
//
//===----------------------------------------------------------------------===//

#include "accel/Analysis/GroupAnalysis.h"
#include "../Workload/GroupSimulator.h"
#include "accel/Registration/Registration.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Parser/Parser.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace accel;

namespace {

void checkGroups(llvm::StringRef source, const GroupSchedule &schedule) {
  DialectRegistry registry;
  registerAllAccelOptDialects(registry);
  MLIRContext ctx(registry);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(source, &ctx);
  ASSERT_TRUE(module);
  int groups = 0;
  module->walk([&](GroupOp group) {
    ++groups;
    group.setScheduleAttr(ScheduleAttr::get(&ctx, schedule));
    GroupAnalysis a(group);
    ASSERT_TRUE(a.valid()) << a.error();
    // Weights are exactly the arguments read as weights or biases.
    for (BlockArgument arg : group.getBodyBlock().getArguments()) {
      bool weight = llvm::any_of(arg.getUses(), [](OpOperand &use) {
        return use.getOperandNumber() >= 1 &&
               isa<Conv2DOp, ConvTranspose2DOp, MatmulOp>(use.getOwner());
      });
      ASSERT_TRUE(a.tensorOf(arg));
      EXPECT_EQ(a.graph().tensor(*a.tensorOf(arg)).weight, weight);
    }
    accel::testing::SimulatedGroup sim =
        accel::testing::simulateGroup(a.graph(), a.tiling().layers(), schedule);
    ASSERT_EQ(sim.tiles, a.tiling().numTiles());
    for (unsigned t = 0; t < sim.tiles; ++t)
      for (auto &[id, box] : sim.regions[t])
        if (!a.graph().tensor(id).weight) {
          EXPECT_EQ(a.tiling().region(t, id).str(), box.str())
              << "group " << a.name() << ", tile " << t << ", "
              << a.graph().tensor(id).name;
        }
    for (auto &[id, peak] : sim.peakElements)
      EXPECT_EQ(bufferBytes(a.tiling(), id),
                peak * a.graph().tensor(id).elementBytes());
  });
  EXPECT_GT(groups, 0);
}

TEST(GroupAnalysis, MatchesTheSimulatorOnTheTestGroups) {
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
  for (int64_t rows : {1, 2, 3, 4})
    for (HaloPolicy halo : {HaloPolicy::Keep, HaloPolicy::Recompute}) {
      GroupSchedule s;
      s.rows = rows;
      s.halo = halo;
      checkGroups(groups, s);
    }
}

} // namespace
