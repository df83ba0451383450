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
/// Mutation of the parallel dimension of one random level.
void mutateParallelDim(Genome &g, const SearchSpace &space, Rng &rng);
/// Mutation of a tile size (and, on the parallel dimension, of the fan-out)
/// at one random level.
void mutateTile(Genome &g, const SearchSpace &space, Rng &rng);
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
/// another dimension.
void splitParallel(Genome &g, const SearchSpace &space, Rng &rng);
/// Aging: drops the innermost level (down to the accelerator's minimum).
void age(Genome &g, const SearchSpace &space);

} // namespace accel

#endif // ACCEL_SEARCH_GENETICOPERATORS_H
