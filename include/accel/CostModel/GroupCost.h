//===- GroupCost.h - Cost of a layer group run tile by tile -----*- C++ -*-===//
//
// A fused layer group runs its layers tile by tile (tiles of output rows);
// intermediates stay in the outermost on-chip level, so only the group's
// inputs, outputs and weights cross DRAM:
//
//   DRAM bytes = inputs loaded (each row once when halos are kept, each
//                tile's whole region when they are recomputed)
//              + outputs stored once
//              + weights x (1 if resident, else the number of tiles).
//
// Each layer's share of a tile is costed by the single-layer model on the
// tile (the rows it computes that tile), on the accelerator without its DRAM
// level: the layer reads and writes the on-chip level the group lives in.
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_COSTMODEL_GROUPCOST_H
#define ACCEL_COSTMODEL_GROUPCOST_H

#include "accel/CostModel/CostModel.h"

namespace accel {

struct GroupLayer {
  LayerProblem problem; ///< the whole layer
  Mapping mapping;      ///< clamped to each tile
  /// Output rows the layer computes in each tile (new rows when halos are
  /// kept, the whole region when recomputed).
  std::vector<int64_t> rowsPerTile;
};

struct GroupProblem {
  std::vector<GroupLayer> layers;
  std::vector<int64_t> inputBytesPerTile; ///< loaded from DRAM per tile
  int64_t outputBytes = 0;                ///< stored to DRAM once
  int64_t weightBytes = 0;                ///< all the group's weights
  bool weightsResident = true;            ///< else reloaded every tile
  unsigned tiles() const { return inputBytesPerTile.size(); }
};

struct GroupCostResult {
  bool valid = false;
  std::string reason;
  int64_t macs = 0;  ///< MACs executed (halo recomputation included)
  double cycles = 0; ///< latency: compute and DRAM transfers overlapped
  double computeCycles = 0;
  double energy = 0; ///< pJ
  double edp = 0;
  int64_t dramBytes = 0; ///< exactly inputs + outputs + weights x reloads
  int64_t weightLoads = 1;
};

/// `mapping` with every tile and fan-out shrunk to fit `bounds` (tiles to
/// their parent's extent, fan-outs so that fan-out x tile fits).
Mapping clampMapping(const Mapping &mapping, const LoopBounds &bounds);

/// The single-layer problem of `rows` output rows of `layer` (an interior
/// tile: no padding, the input rows those outputs read).
LayerProblem tileProblem(const LayerProblem &layer, int64_t rows);

GroupCostResult evaluateGroup(const GroupProblem &group, const Arch &arch,
                              const CostOptions &options = {});

} // namespace accel

#endif
