// Where an imported model's weights go (--onnx-weights). By default they are
// function arguments marked accel.weight with their initializers' names and
// no values: mapping and costs need none, and the text stays small.
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx | %strip_names | FileCheck %s --check-prefix=ARGS
// ARGS: func.func @main(%arg0: tensor<1x8x16x16xf32> {onnx.name = "input"}, %arg1: tensor<8x8x3x3xf32> {accel.weight = "conv1.w"}, %arg2: tensor<8xf32> {accel.weight = "conv1.b"}, %arg3: tensor<8x1x3x3xf32> {accel.weight = "dw.w"}, %arg4: tensor<8xf32> {accel.weight = "dw.b"}, %arg5: tensor<8x8x1x1xf32> {accel.weight = "pw.w"}, %arg6: tensor<8xf32> {accel.weight = "pw.b"}, %arg7: tensor<8x8x1x1xf32> {accel.weight = "branch.w"}, %arg8: tensor<8xf32> {accel.weight = "branch.b"}) -> tensor<1x16x16x16xf32>
// ARGS-NOT: arith.constant
// ARGS: accel.conv2d %arg0, %arg1, %arg2
//
// --onnx-weights=file: the same arguments (every constant but splats), in
// the order the layers use them, their values in an .npz file the module names; numpy reads it and
// finds the initializers, bit for bit.
// RUN: rm -rf %t && mkdir -p %t/elsewhere && cd %t
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx --onnx-weights=file --onnx-weights-file=mb.npz -o mb.mlir
// RUN: FileCheck %s --check-prefix=FILE < mb.mlir
// FILE: module attributes {accel.weights_file = "mb.npz"}
// FILE: func.func @main(%arg0: tensor<1x8x16x16xf32> {onnx.name = "input"}, %arg1: tensor<8x8x3x3xf32> {accel.weight = "conv1.w"}, %arg2: tensor<8xf32> {accel.weight = "conv1.b"}, %arg3: tensor<8x1x3x3xf32> {accel.weight = "dw.w"}, %arg4: tensor<8xf32> {accel.weight = "dw.b"}, %arg5: tensor<8x8x1x1xf32> {accel.weight = "pw.w"}, %arg6: tensor<8xf32> {accel.weight = "pw.b"}, %arg7: tensor<8x8x1x1xf32> {accel.weight = "branch.w"}, %arg8: tensor<8xf32> {accel.weight = "branch.b"})
// FILE-NOT: arith.constant
// RUN: %python -c "import numpy as n, onnx, onnx.numpy_helper as h, sys; m = onnx.load(sys.argv[1]); z = n.load('mb.npz'); i = {t.name: h.to_array(t) for t in m.graph.initializer}; [print(k, z[k].dtype, z[k].shape, z[k].tobytes() == i[k].tobytes()) for k in z.files]" %onnx_fixtures/multibranch.onnx | FileCheck %s --check-prefix=NUMPY
// NUMPY:      conv1.w float32 (8, 8, 3, 3) True
// NUMPY-NEXT: conv1.b float32 (8,) True
// NUMPY-NEXT: dw.w float32 (8, 1, 3, 3) True
// NUMPY-NEXT: dw.b float32 (8,) True
// NUMPY-NEXT: pw.w float32 (8, 8, 1, 1) True
// NUMPY-NEXT: pw.b float32 (8,) True
// NUMPY-NEXT: branch.w float32 (8, 8, 1, 1) True
// NUMPY-NEXT: branch.b float32 (8,) True
//
// accel-run binds them from the file: the module computes exactly what the
// inline import does, and so does the acmd program lowered from it, run
// from another directory (the file is found next to the program).
// RUN: %python -c "import numpy as n; n.save('x.npy', n.random.default_rng(3).uniform(-1, 1, (1, 8, 16, 16)).astype(n.float32))"
// RUN: accel-run %onnx_fixtures/multibranch.onnx --input=x.npy --output=inline.npy
// RUN: accel-run mb.mlir --input=x.npy --compare=inline.npy --tolerance=0 | FileCheck %s --check-prefix=BOUND
// RUN: accel-opt mb.mlir --accel-pipeline="arch=eyeriss-like seed=1" -o mb.acmd.mlir
// (The lowered program runs last, from %t/elsewhere.)
// BOUND-NOT: seeded
// BOUND: weights: 8 arrays from mb.npz
// BOUND: result #0 vs inline.npy: max |diff| 0.000000e+00 {{.*}}: match
// LOWERED: weights: 8 arrays from ../mb.npz
// LOWERED: equal the cost model's prediction
// LOWERED: match
//
// A model imported without a file runs on seeded weights, and says so.
// RUN: accel-translate --import-onnx %onnx_fixtures/multibranch.onnx -o args.mlir
// RUN: accel-run args.mlir --input=x.npy | FileCheck %s --check-prefix=SEEDED
// SEEDED: weights: 8 seeded (the module has no weights file; accel-translate --onnx-weights=file writes one)
//
// Files that do not fit the module are errors naming the array.
// RUN: %python -c "import numpy as n; z = dict(n.load('mb.npz')); z['conv1'] = z.pop('conv1.w'); n.savez('renamed.npz', **z)"
// RUN: not accel-run mb.mlir --input=x.npy --weights=renamed.npz 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: accel-run: error: renamed.npz has no array 'conv1.w' (argument #1)
// RUN: %python -c "import numpy as n; z = dict(n.load('mb.npz')); z['dw.w'] = z['dw.w'].reshape(8, 9); n.savez('reshaped.npz', **z)"
// RUN: not accel-run mb.mlir --input=x.npy --weights=reshaped.npz 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: accel-run: error: reshaped.npz: array 'dw.w' has shape [8, 9], argument #3 is [8, 1, 3, 3]
// RUN: %python -c "import numpy as n; n.savez_compressed('compressed.npz', **n.load('mb.npz'))"
// RUN: not accel-run mb.mlir --input=x.npy --weights=compressed.npz 2>&1 | FileCheck %s --check-prefix=COMPRESSED
// COMPRESSED: accel-run: error: compressed.npz: npz: member 'conv1.w.npy' is compressed (zip method 8); accel reads archives written by np.savez, not np.savez_compressed
// RUN: sed 's/mb.npz/gone.npz/' mb.mlir > gone.mlir
// RUN: not accel-run gone.mlir --input=x.npy 2>&1 | FileCheck %s --check-prefix=GONE
// GONE: accel-run: error: npz: gone.npz: No such file or directory
//
// The option's own errors.
// RUN: not accel-translate --import-onnx %onnx_fixtures/multibranch.onnx --onnx-weights=file 2>&1 | FileCheck %s --check-prefix=NOFILE
// NOFILE: error: --onnx-weights=file needs --onnx-weights-file=PATH
// RUN: not accel-translate --import-onnx %onnx_fixtures/multibranch.onnx --onnx-weights-file=x.npz 2>&1 | FileCheck %s --check-prefix=NOMODE
// NOMODE: error: --onnx-weights-file needs --onnx-weights=file
//
// RUN: cd %t/elsewhere && accel-run ../mb.acmd.mlir --input=../x.npy --compare=../inline.npy | FileCheck %s --check-prefix=LOWERED
