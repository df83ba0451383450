//===- DefaultMapping.h - A reasonable mapping without a search -*- C++ -*-===//
//
// Used where a layer has no mapping yet (cost reports before --accel-map,
// the starting point of searches). Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_DEFAULTMAPPING_H
#define ACCEL_SEARCH_DEFAULTMAPPING_H

#include "accel/CostModel/CostModel.h"

namespace accel {

/// The default mapping of `problem` on `arch`:
///  * spatial: one mapping level per fan-out stage (two on a stage that takes
///    two), up to the accelerator's limit, each spreading the largest
///    dimension the stage allows that no outer level spreads, over as many
///    units as the stage has left (at most the dimension's extent);
///  * temporal: loops ordered N G K P Q C R S (outputs stationary over the
///    reduction), every tile starting at its minimum;
///  * tiles then grow by hill climbing: `steps` random doublings (seeded,
///    deterministic), each kept when the mapping stays valid and its EDP
///    does not get worse.
/// Fails with the cost model's reason when even the minimal tiles do not fit.
/// `options` are those the mapping is costed under (groupLayerOptions for a
/// grouped layer).
llvm::Expected<Mapping> defaultMapping(const LayerProblem &problem,
                                       const Arch &arch,
                                       const CostOptions &options = {},
                                       unsigned steps = 400, uint64_t seed = 0);

} // namespace accel

#endif
