//===- AccelGraph.h - accel IR as a pure LayerGraph -------------*- C++ -*-===//
//
// The adapter from IR to the pure group model (Workload/LayerGraph.h): a
// block of accel ops (a group's body, or a function's) becomes a LayerGraph
// whose layers are the ops in block order and whose tensors are the values
// they read and produce. Everything else about groups (regions, halos,
// footprints, costs) is computed on the graph; IR passes and verifiers
// translate results back through `tensors` and `ops`.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_DIALECTS_ACCEL_ACCELGRAPH_H
#define ACCEL_DIALECTS_ACCEL_ACCELGRAPH_H

#include "accel/Workload/GroupTiling.h"
#include "accel/Workload/LayerGraph.h"
#include "dialects/accel/AccelOps.h"
#include "mlir/IR/Block.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace accel {

struct BlockGraph {
  LayerGraph graph;
  /// Every value the graph has a tensor for.
  llvm::DenseMap<mlir::Value, unsigned> tensors;
  /// The op of each layer (an op with several results has a layer each).
  std::vector<mlir::Operation *> ops;
  /// Every layer id, in order (a group's body is one group).
  std::vector<unsigned> allLayers() const;
};

/// Names a layer in the graph (for diagnostics and reports); layerName by
/// default.
using LayerNamer = llvm::function_ref<std::string(mlir::Operation *, unsigned)>;

/// The graph of `block`'s ops: constants, and values from outside the block
/// or block arguments that layers read only as weights or biases, are
/// weights; other values from outside and block arguments are inputs;
/// results used by the terminator or outside the block are outputs. A value
/// that is not a statically shaped tensor fails the build, saying why, when
/// `strict`; otherwise it becomes a placeholder tensor and the ops touching
/// it opaque layers (a function may hold such ops; a group may not).
llvm::Expected<BlockGraph> buildBlockGraph(mlir::Block &block,
                                           LayerNamer name = nullptr,
                                           bool strict = true);

/// Whether `layer`'s weight operand (operand 1 of convolutions and
/// matmuls) is another op's result rather than a constant or an argument:
/// an activation x activation matmul's right operand.
bool weightIsActivation(LayerOpInterface layer);

/// The problem of `layer` with its data at the accelerator's precision
/// `precision` (LayerProblem::setPrecision; its weight operand counts as an
/// activation when an op other than a constant computes it), or at the
/// IR's own element types when unset.
LayerProblem problemAt(LayerOpInterface layer,
                       const std::optional<DataPrecision> &precision);

/// The schedule `group` runs with: its #accel.schedule, or the default for
/// its height (`body` is its body's graph).
GroupSchedule groupSchedule(GroupOp group, const BlockGraph &body);

} // namespace accel

#endif
