"""Checks accel-run's output of conv_integer.onnx against numpy's
evaluation of ONNX's definitions: ConvInteger and MatMulInteger accumulate
(x - x_zp)(w - w_zp) in integers; the Casts, Muls, Add and Relu run in
float32 and QuantizeLinear rounds half to even and saturates. accel
multiplies the accumulators by the folded scales in one step, so a value
that lands on a rounding boundary of the requantization may come out one
step of it away, which moves the output by one row of the matrix times its
scales.
    integer_reference.py MODEL.onnx X.npy Y.npy"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
x = np.load(sys.argv[2])
sx, zx = init["sx"], int(init["zx"])
xq = np.clip(np.rint(x / sx) + zx, 0, 255).astype(np.int64)
# ConvInteger, pads 1 (the padding is the zero point: it adds nothing).
w = init["w"].astype(np.int64)
pad = np.pad(xq - zx, ((0, 0), (0, 0), (1, 1), (1, 1)))
acc = np.zeros((1, 4, 4, 4), np.int64)
for k in range(4):
    for r in range(4):
        for c in range(4):
            acc[0, k, r, c] = (pad[0, :, r:r + 3, c:c + 3] * w[k]).sum()
y = np.maximum(acc.astype(np.float32) * init["s1"] + init["b"], 0)
sy, zy = init["sy"], int(init["zy"])
rq = np.clip(np.rint(y / sy) + zy, 0, 255).astype(np.int64)
# MatMulInteger on the [1, 4, 16] view.
m = init["m"].astype(np.int64) - int(init["zm"])
o = ((rq.reshape(1, 4, 16) - zy) @ m).astype(np.float32) * init["s2"]
out = np.load(sys.argv[3])
diff = np.abs(out - o)
step = np.abs(m).max() * init["s2"].max()
close = np.mean(diff <= 1e-5 * np.abs(o).max())
print(f"max difference {diff.max() / step:.3g} requantization steps, "
      f"{close:.0%} equal: "
      f"{'ok' if diff.max() <= step * 1.001 and close >= 0.8 else 'WRONG'}")
