//===- Strategies.h - The search strategies behind searchMapping -*- C++ -*-=//
//
// Private to lib/Search. Each strategy spends its budget through the
// Evaluator, which keeps the best genome; Mapper.cpp turns it into a result.
//
//===----------------------------------------------------------------------===//
#ifndef ACCEL_LIB_SEARCH_STRATEGIES_H
#define ACCEL_LIB_SEARCH_STRATEGIES_H

#include "Evaluator.h"

namespace accel {

void runGenetic(Evaluator &eval, Rng &rng);
void runRandom(Evaluator &eval, Rng &rng);
void runAnneal(Evaluator &eval, Rng &rng);
/// Hill climb over tiles and fan-outs (the space fixes the dataflow).
void runTileFit(Evaluator &eval, Rng &rng);
llvm::Error runExhaustive(Evaluator &eval);

} // namespace accel

#endif // ACCEL_LIB_SEARCH_STRATEGIES_H
