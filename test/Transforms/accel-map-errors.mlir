// --accel-map's errors: bad options, and a layer no mapping fits.
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml strategy=hill" 2>&1 | FileCheck %s --check-prefix=STRATEGY
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml objective=speed" 2>&1 | FileCheck %s --check-prefix=OBJECTIVE
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml dataflow=K,X" 2>&1 | FileCheck %s --check-prefix=DATAFLOW
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml fix-tile=0:K" 2>&1 | FileCheck %s --check-prefix=FIXTILE
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml dataflow=K,C,P" 2>&1 | FileCheck %s --check-prefix=LEVELS
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml parent-fraction=1.5" 2>&1 | FileCheck %s --check-prefix=FRACTION
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%S/Inputs/small.yaml crossover-rate=-0.1" 2>&1 | FileCheck %s --check-prefix=RATE
// A register file of 2 bytes holds no weight, input and output together.
// RUN: sed 's/capacity-bytes: 12,/capacity-bytes: 2,/' %S/Inputs/small.yaml > %t.yaml
// RUN: not accel-opt %S/Inputs/tiny-layers.mlir --accel-map="arch=%t.yaml population=20 generations=5" --mlir-print-op-on-diagnostic=false 2>&1 | FileCheck %s --check-prefix=NOFIT

// Enum options: --help lists the choices.
// STRATEGY: for the --strategy option: Cannot find option named 'hill'!
// OBJECTIVE: for the --objective option: Cannot find option named 'speed'!
// DATAFLOW: error: dataflow: 'X' is not a dimension (N, K, C, P, Q, R, S, G)
// FIXTILE: error: fix-tile: expected level:dimension:tile with a tile >= 1, got '0:K'
// FRACTION: error: expected parent-fraction in [0, 1], got 1.5
// RATE: error: expected crossover-rate in [0, 1], got -0.1
// LEVELS: loc("conv_a"): conv_a: no mapping can exist: the dataflow spreads 3 dimensions but small takes 1 to 2 parallel levels
// NOFIT: error: loc("conv_a"): conv_a: no valid mapping found by ga search: {{[0-9]+}} of 100 candidates were rejected because PE: {{.*}} need {{[0-9]+}} B per instance but 2 B are available
