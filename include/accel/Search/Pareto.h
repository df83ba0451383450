//===- Pareto.h - Non-dominated sorting and crowding (NSGA-II) --*- C++ -*-===//
//
// Multi-objective ranking, every objective minimised: Pareto dominance,
// NSGA-II's fast non-dominated sorting into fronts and its crowding
// distance (Deb et al., IEEE TEVC 2002), and the ranking the hardware
// search hands the genetic engine: feasible points first, by front, then
// by crowding distance (larger first: spread the front), then by position;
// infeasible points after them, least violating first. Pure: no MLIR IR.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_SEARCH_PARETO_H
#define ACCEL_SEARCH_PARETO_H

#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace accel {

/// `a` is no worse than `b` in every objective and better in one.
bool dominates(llvm::ArrayRef<double> a, llvm::ArrayRef<double> b);

/// The front of each point: 0 for the non-dominated ones, 1 for those only
/// front 0 dominates, and so on.
std::vector<unsigned>
nondominatedFronts(llvm::ArrayRef<std::vector<double>> objectives);

/// NSGA-II's crowding distance of each of `members` (indices into
/// `objectives`, one front): per objective, the normalised gap between its
/// neighbours; the extremes get infinity.
std::vector<double>
crowdingDistances(llvm::ArrayRef<std::vector<double>> objectives,
                  llvm::ArrayRef<unsigned> members);

/// A point to rank: its objectives, or (infeasible) how far it is from
/// feasible.
struct RankedPoint {
  std::vector<double> objectives;
  bool feasible = true;
  double violation = 0;
};

/// Indices of `points`, best first (see the file comment).
std::vector<unsigned> nsga2Order(llvm::ArrayRef<RankedPoint> points);

/// Indices of the feasible points no feasible point dominates, in order;
/// of points with equal objectives, the first.
std::vector<unsigned> paretoFront(llvm::ArrayRef<RankedPoint> points);

} // namespace accel

#endif // ACCEL_SEARCH_PARETO_H
