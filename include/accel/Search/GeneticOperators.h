//===- GeneticOperators.h - GAMMA's evolution operators ---------*- C++ -*-===//
//
// Kao & Krishna, GAMMA (ICCAD'20) §3.5. Each operator changes a genome in
// place and repairs it, so its result is always in the search space.
// Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_GENETICOPERATORS_H
#define ACCEL_SEARCH_GENETICOPERATORS_H

#include "accel/Search/SearchSpace.h"

namespace accel {

/// Crossover: the child takes `other`'s tile sizes of one random dimension
/// at every level both have, and its parallel dimension and fan-out at one
/// random level.
void crossover(Genome &child, const Genome &other, const SearchSpace &space,
               Rng &rng);
/// Mutation of the parallel dimension of one random level (half the time,
/// ours, one that keeps the level's stage busiest; ties at random).
void mutateParallelDim(Genome &g, const SearchSpace &space, Rng &rng);
/// What limits a transfer-bound mapping: the tensor moving most through its
/// slowest memory level, and the mapping level whose tiles that level's
/// children hold (growing them there cuts the traffic).
struct Bottleneck {
  Tensor tensor;
  unsigned level;
};
/// The bottleneck of an evaluated mapping; none when it is compute-bound
/// or no level inside the slowest one holds its heaviest tensor (that
/// traffic is the MACs' own).
std::optional<Bottleneck> findBottleneck(const CostResult &r);

/// Mutation of a tile size (and, on the parallel dimension, of the fan-out)
/// at one random level; or (30%, ours) growth for reuse: a tile of a
/// dimension that does not index a tensor grows to the next divisor of its
/// parent, for the tensor and at the level of `bottleneck` when given.
void mutateTile(Genome &g, const SearchSpace &space, Rng &rng,
                const std::optional<Bottleneck> &bottleneck = std::nullopt);
/// Growth for reuse: a tile of a dimension that does not index a tensor
/// grows to the next divisor of its parent's, so that the loops above it
/// refill that tensor less often: `bottleneck`'s tensor at its level, or
/// (without one, or when none of its tiles can grow) a random tensor at a
/// random level. Unchanged when no such tile can grow.
void growForReuse(Genome &g, const SearchSpace &space, Rng &rng,
                  const std::optional<Bottleneck> &bottleneck);
/// Reorder: swaps two loops of one random level.
void reorder(Genome &g, const SearchSpace &space, Rng &rng);
/// Growth: appends a random innermost level (up to the accelerator's limit).
void grow(Genome &g, const SearchSpace &space, Rng &rng);
/// Refactor (ours, not the paper's): makeDivisorChain on the dimension of one
/// random parallel level.
void refactorParallel(Genome &g, const SearchSpace &space, Rng &rng);
/// Makes the tiles of `d` a divisor chain from the layer's extent down: at
/// every level, the tile (times the fan-out where the level spreads `d`)
/// divides the parent's tile, so no unit idles on an edge step. Tiles and
/// fan-outs move to the nearest divisor (on a log scale); a tile above a
/// level spreading `d` stays a multiple of that fan-out where it can.
void makeDivisorChain(Genome &g, const SearchSpace &space, Dim d);
/// Split (ours, not the paper's): a parallel level on a stage that can host
/// another one shares its units with a new level just below it that spreads
/// another dimension; or, half the time, rebalanceStage.
void splitParallel(Genome &g, const SearchSpace &space, Rng &rng);
/// Two levels sharing a fan-out stage (a random pair) get the fan-outs that
/// keep the stage busiest: the most work per step over the layer's extents,
/// units idling on ragged steps or left out counted as lost; ties at
/// random. The tiles above grow to feed them and their dimensions' tiles
/// become divisor chains (makeDivisorChain). False when no stage hosts two
/// levels.
bool rebalanceStage(Genome &g, const SearchSpace &space, Rng &rng);
/// Capacity repair (ours, not the paper's): `r` is `g`'s evaluation, which
/// found a buffer overflowing. At the mapping level whose tiles that buffer
/// holds, the largest tile of a dimension indexing the overflowing tensor
/// (when the buffer is shared, the largest tensor there with a tile above
/// 1; tiles the user fixed stay) shrinks to the largest divisor of its
/// parent's extent at most have/need of it (half that when the tile was its
/// parent's whole extent: the new loop may double the buffer). False when
/// no such tile can shrink.
bool shrinkToFit(Genome &g, const SearchSpace &space, const CostResult &r);
/// Aging: drops the innermost level (down to the accelerator's minimum).
void age(Genome &g, const SearchSpace &space);

} // namespace accel

#endif // ACCEL_SEARCH_GENETICOPERATORS_H
