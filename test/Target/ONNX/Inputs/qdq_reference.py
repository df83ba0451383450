"""Checks accel-run's output of qdq_conv.onnx (or qdq_gemm.onnx) against
numpy's evaluation
of the model's QDQ semantics in float64 (ONNX's reference rules: round half
to even, saturate; the convolution on the dequantized values). The
integer convolution adds its bias in accumulator units, so the two may
differ by one step of the output's quantization (0.01), no more.
    qdq_reference.py MODEL.onnx X.npy Y.npy"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}


def quant(v, s, z, lo, hi):
    return np.clip(np.rint(v / s) + z, lo, hi)


x = np.load(sys.argv[2]).astype(np.float64)
sx, zx = float(init["sx"][0]), float(init["zx"][0])
out = np.load(sys.argv[3])
if model.graph.name == "qdq_gemm":
    # Flatten, then x @ w.T + b in float on the dequantized values; the
    # output is not quantized: one step is the accumulator's (sx x sw),
    # the size of the bias's rounding.
    xd = ((quant(x, sx, zx, 0, 255) - zx) * sx).reshape(1, -1)
    sw = init["sw"].astype(np.float64)[:, None]
    wd = quant(init["w"].astype(np.float64), sw, 0, -128, 127) * sw
    ref = xd @ wd.T + init["b"].astype(np.float64)
    steps = (np.abs(out - ref) / (sx * sw[:, 0])).max()
    print(f"max difference {steps:.3g} accumulator steps: "
          f"{'ok' if steps <= 0.5 + 1e-3 else 'WRONG'}")
    sys.exit(0)
xd = (quant(x, sx, zx, 0, 127) - zx) * sx  # the Clip keeps [0, 127]
sw = init["sw"].astype(np.float64)[:, None, None, None]
wd = quant(init["w"].astype(np.float64), sw, 0, -128, 127) * sw
pad = np.pad(xd, ((0, 0), (0, 0), (1, 1), (1, 1)))
y = np.zeros((1, 4, 8, 8))
for k in range(4):
    for i in range(8):
        for j in range(8):
            y[0, k, i, j] = (pad[0, :, i:i + 3, j:j + 3] * wd[k]).sum()
y += init["b"].astype(np.float64)[None, :, None, None]
sy = float(init["sy"][0])
ref = quant(np.maximum(y, 0), sy, 0, 0, 255) * sy
steps = np.abs(out - ref).max() / sy
same = np.mean(np.abs(out - ref) < sy / 2)
print(f"max difference {steps:.3g} output steps, {same:.0%} equal: "
      f"{'ok' if steps <= 1.001 and same > 0.9 else 'WRONG'}")
