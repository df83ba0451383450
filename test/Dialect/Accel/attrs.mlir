// Round trip of the accel attributes: #accel.mapping, #accel.act with parameters, #accel.schedule, #accel.target (preset and file) as a module attribute.

// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s

// CHECK: module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {
module attributes {accel.target = #accel.target<preset = "eyeriss-like">} {

//===----------------------------------------------------------------------===//
// #accel.mapping
//===----------------------------------------------------------------------===//

// One level; the spatial dimension K is listed once in the loop list (its
// per-unit tile), which is not "listed twice".
// CHECK: func.func @mapping_one_level() attributes {m = #accel.mapping<[K*16 | K:1]>}
func.func @mapping_one_level() attributes {m = #accel.mapping<[K*16 | K:1]>} { return }

// Two levels.
// CHECK: func.func @mapping_two_levels() attributes {m = #accel.mapping<[K*16 | C:64 P:56 Q:56 K:4 R:3 S:3], [C*12 | K:1 C:4 R:1 S:1]>}
func.func @mapping_two_levels() attributes {m = #accel.mapping<[K*16 | C:64 P:56 Q:56 K:4 R:3 S:3], [C*12 | K:1 C:4 R:1 S:1]>} { return }

// Three levels, the outermost temporal-only.
// CHECK: func.func @mapping_three_levels() attributes {m = #accel.mapping<[P:28 Q:28], [K*4 | K:8 P:7], [C*2 | C:1 K:2 R:1 S:1]>}
func.func @mapping_three_levels() attributes {m = #accel.mapping<[P:28 Q:28], [K*4 | K:8 P:7], [C*2 | C:1 K:2 R:1 S:1]>} { return }

// Temporal-only levels throughout; the loop order is kept as written.
// CHECK: func.func @mapping_temporal() attributes {m = #accel.mapping<[S:3 R:3 N:1 K:32], [C:8]>}
func.func @mapping_temporal() attributes {m = #accel.mapping<[S:3 R:3 N:1 K:32], [C:8]>} { return }

// The spatial dimension need not come first in the loop list.
// CHECK: func.func @mapping_spatial_last() attributes {m = #accel.mapping<[Q*7 | N:1 P:2 Q:1]>}
func.func @mapping_spatial_last() attributes {m = #accel.mapping<[Q*7 | N:1 P:2 Q:1]>} { return }

// A fan-out of 1 is kept.
// CHECK: func.func @mapping_fanout_one() attributes {m = #accel.mapping<[K*1 | K:4]>}
func.func @mapping_fanout_one() attributes {m = #accel.mapping<[K*1 | K:4]>} { return }

// All eight dimensions in one level.
// CHECK: func.func @mapping_all_dims() attributes {m = #accel.mapping<[G*2 | N:1 K:8 C:4 P:7 Q:7 R:3 S:3 G:1]>}
func.func @mapping_all_dims() attributes {m = #accel.mapping<[G*2 | N:1 K:8 C:4 P:7 Q:7 R:3 S:3 G:1]>} { return }

// The maximum of 8 levels; inner tiles equal to the outer ones are allowed.
// CHECK: func.func @mapping_eight_levels() attributes {m = #accel.mapping<[K:64], [K:32], [K:16], [K:8], [K*2 | K:4], [K:4], [K:2], [K:1]>}
func.func @mapping_eight_levels() attributes {m = #accel.mapping<[K:64], [K:32], [K:16], [K:8], [K*2 | K:4], [K:4], [K:2], [K:1]>} { return }

// Free whitespace in the input.
// CHECK: func.func @mapping_whitespace() attributes {m = #accel.mapping<[K*16 | C:4 K:1], [P:1]>}
func.func @mapping_whitespace() attributes {m = #accel.mapping< [ K * 16 | C : 4 K : 1 ] , [P:1] >} { return }

//===----------------------------------------------------------------------===//
// #accel.act
//===----------------------------------------------------------------------===//

// CHECK: func.func @act_relu() attributes {a = #accel.act<relu>}
func.func @act_relu() attributes {a = #accel.act<relu>} { return }

// CHECK: func.func @act_clip() attributes {a = #accel.act<clip, min = -2.500000e+00, max = 2.500000e+00>}
func.func @act_clip() attributes {a = #accel.act<clip, min = -2.5, max = 2.5>} { return }

// min == max is allowed.
// CHECK: func.func @act_clip_equal() attributes {a = #accel.act<clip, min = 1.000000e+00, max = 1.000000e+00>}
func.func @act_clip_equal() attributes {a = #accel.act<clip, min = 1.0, max = 1.0>} { return }

// CHECK: func.func @act_hard_sigmoid() attributes {a = #accel.act<hard_sigmoid, alpha = 1.666670e-01, beta = 5.000000e-01>}
func.func @act_hard_sigmoid() attributes {a = #accel.act<hard_sigmoid, alpha = 0.166667, beta = 0.5>} { return }

// CHECK: func.func @act_leaky_relu() attributes {a = #accel.act<leaky_relu, alpha = 1.000000e-02>}
func.func @act_leaky_relu() attributes {a = #accel.act<leaky_relu, alpha = 0.01>} { return }

// Values that do not print exactly in %e form keep their full precision.
// CHECK: func.func @act_precise() attributes {a = #accel.act<leaky_relu, alpha = 0.123456789>}
func.func @act_precise() attributes {a = #accel.act<leaky_relu, alpha = 0.123456789>} { return }

// CHECK: func.func @act_no_params() attributes {a = #accel.act<sigmoid>, b = #accel.act<hard_swish>, c = #accel.act<tanh>, d = #accel.act<relu6>}
func.func @act_no_params() attributes {a = #accel.act<sigmoid>, b = #accel.act<hard_swish>, c = #accel.act<tanh>, d = #accel.act<relu6>} { return }

//===----------------------------------------------------------------------===//
// #accel.schedule
//===----------------------------------------------------------------------===//

// Only rows: every other field at its default.
// CHECK: func.func @schedule_rows() attributes {s = #accel.schedule<rows = 4>}
func.func @schedule_rows() attributes {s = #accel.schedule<rows = 4>} { return }

// Fields in any order; printed in one order, defaults left out.
// CHECK: func.func @schedule_all() attributes {s = #accel.schedule<rows = 2, halo = recompute, weights = streamed, double_buffer = false, split = weights(65536)>}
func.func @schedule_all() attributes {s = #accel.schedule<split = weights(65536), double_buffer = false, weights = streamed, halo = recompute, mode = depth_first, rows = 2>} { return }

// CHECK: func.func @schedule_pipelined() attributes {s = #accel.schedule<rows = 1, split = shared, mode = pipelined, pes = [4, 4, 4]>}
func.func @schedule_pipelined() attributes {s = #accel.schedule<rows = 1, mode = pipelined, pes = [4, 4, 4], split = shared>} { return }

// Defaults written out are defaults.
// CHECK: func.func @schedule_defaults() attributes {s = #accel.schedule<rows = 8>}
func.func @schedule_defaults() attributes {s = #accel.schedule<rows = 8, halo = keep, weights = resident, double_buffer = true, split = arch, mode = depth_first>} { return }

//===----------------------------------------------------------------------===//
// #accel.target
//===----------------------------------------------------------------------===//

// CHECK: module @by_file attributes {accel.target = #accel.target<file = "my-accel.yaml">} {
module @by_file attributes {accel.target = #accel.target<file = "my-accel.yaml">} {
}

// The target attribute can also appear as an ordinary (non-dialect) attribute value.
// CHECK: func.func @target_value() attributes {t = #accel.target<preset = "simba-like">}
func.func @target_value() attributes {t = #accel.target<preset = "simba-like">} { return }

}
