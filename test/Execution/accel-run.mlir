// accel-run: the reference interpreter against an independent numpy twin of
// Inputs/net.mlir (every kernel: grouped, dilated and depthwise
// convolutions, squeeze-excite, residual add, ceil-mode max pool, bilinear
// and nearest resize, concat, transposed convolution, average pool without
// padding, flatten, matmul, six activations), in f32.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/numpy_reference.py %t
// RUN: accel-run %S/Inputs/net.mlir --input=%t/arg0.npy --input=%t/arg1.npy --input=%t/arg2.npy --input=%t/arg3.npy --input=%t/arg4.npy --input=%t/arg5.npy --input=%t/arg6.npy --compare=%t/expected.npy --tolerance=1e-6 --output=%t/out.npy | FileCheck %s
// CHECK: ran @net in
// CHECK: result #0: [1, 5]
// CHECK: result #0 vs {{.*}}expected.npy: {{.*}}: match

// The output it wrote is the output it compared.
// RUN: accel-run %S/Inputs/net.mlir --input=%t/arg0.npy --input=%t/arg1.npy --input=%t/arg2.npy --input=%t/arg3.npy --input=%t/arg4.npy --input=%t/arg5.npy --input=%t/arg6.npy --compare=%t/out.npy --tolerance=0 | FileCheck %s --check-prefix=SAME
// SAME: max |diff| 0.000000e+00 {{.*}}: match

// The thread count changes nothing.
// RUN: accel-run %S/Inputs/net.mlir --input=%t/arg0.npy --input=%t/arg1.npy --input=%t/arg2.npy --input=%t/arg3.npy --input=%t/arg4.npy --input=%t/arg5.npy --input=%t/arg6.npy --run-threads=1 --output=%t/one.npy > /dev/null
// RUN: cmp %t/one.npy %t/out.npy

// Compared with another network's output, it fails and says by how much.
// RUN: not accel-run %S/Inputs/net.mlir --compare=%t/expected.npy | FileCheck %s --check-prefix=DIFF
// DIFF: result #0 vs {{.*}}: MISMATCH

// Seeded arguments: the same seed, the same result.
// RUN: accel-run %S/Inputs/net.mlir --seed=3 --output=%t/s1.npy > /dev/null
// RUN: accel-run %S/Inputs/net.mlir --seed=3 --output=%t/s2.npy > /dev/null
// RUN: cmp %t/s1.npy %t/s2.npy

// Static slices (as compute bodies use them), against numpy.
// RUN: %python -c "import numpy as np; r = np.random.default_rng(8); x = r.uniform(-1, 1, (1, 1, 8, 4)).astype(np.float32); w = r.uniform(-1, 1, (1, 1, 3, 3)).astype(np.float32); np.save('%t/x.npy', x); np.save('%t/w.npy', w); np.save('%t/y.npy', np.zeros((1, 1, 4, 2), np.float32)); e = np.zeros((1, 1, 4, 2)); e[0, 0, 1:3] = [[(x[0, 0, 2 + i:5 + i, j:j + 3].astype(float) * w[0, 0]).sum() for j in range(2)] for i in range(2)]; np.save('%t/e.npy', e)"
// RUN: accel-run %S/Inputs/slices.mlir --input=%t/x.npy --input=%t/w.npy --input=%t/y.npy --compare=%t/e.npy --tolerance=1e-6 | FileCheck %s --check-prefix=SLICES
// SLICES: match
