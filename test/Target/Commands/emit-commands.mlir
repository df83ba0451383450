// accel-translate --emit-commands: an acmd program as one JSON document
// (docs/Lowering.md, "The command stream"): DRAM tensors, buffers, and the
// commands in issue order with their queue (0 loads, 1 stores, 2 copies,
// 3 computes) and the commands they wait for, by index.
// RUN: accel-opt %S/../../Conversion/Inputs/lower-chain.mlir --accel-lower-to-acmd=precision=ir | accel-translate --emit-commands | FileCheck %s
// RUN: accel-opt %S/../../Conversion/Inputs/lower-chain.mlir --accel-lower-to-acmd=precision=ir | accel-translate --emit-commands | %python -c "import json, sys; d = json.load(sys.stdin); c = d['functions'][0]['commands']; print(len(c), sorted({x['kind'] for x in c}))" | FileCheck %s --check-prefix=PARSED
// RUN: not accel-translate --emit-commands %s 2>&1 | FileCheck %s --check-prefix=BAD

// CHECK: {"format":"acmd-commands-1","target":"#accel.target<preset = \"eyeriss-like\">","functions":[{"name":"chain"
// CHECK-SAME: "tensors":[{"id":0,"kind":"argument","name":"arg0","shape":[1,4,8,8],"element":"f32"}
// CHECK-SAME: {"id":2,"kind":"constant","name":"chain_const{{[01]}}","shape":[4,4,3,3],"element":"f32"}
// CHECK-SAME: "buffers":[{"id":0,"level":"global","partition":"shared","offset":1152,"bytes":1024,"shape":[1,4,8,8],"element":"f32"}
// The prefetched rows of tile 1 (command 3) and tile 0's compute (4), which
// waits for its own rows (2) only.
// CHECK-SAME: {"id":3,"kind":"dma_load","queue":0,"tensor":0,"tensor_offsets":[0,0,5,0],"sizes":[1,4,3,8],"strides":[1,1,1,1],"buffer":0,"buffer_offsets":[0,0,5,0],"zero_border":false,"after":[]}
// CHECK-SAME: {"id":4,"kind":"compute","queue":3,"layer":"conv2d@{{[0-9]+}}","ins":[0,3],"outs":[1],"body":"%1 = \"tensor.extract_slice\"(%arg0)
// CHECK-SAME: "after":[2]}
// CHECK-SAME: {"id":16,"kind":"wait","after":[0,6,10],"dram_read":2176,"dram_written":256,"footprint":3072,"group":"group@0"}

// PARSED: 17 ['compute', 'copy', 'dealloc', 'dma_load', 'dma_store', 'wait']

// BAD: error: is not a command of the stream
module {
func.func @not_lowered(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %y = accel.activation #accel.act<relu> %x : tensor<1x4x8x8xf32>
  return %y : tensor<1x4x8x8xf32>
}
}
