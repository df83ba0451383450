"""Checks accel-run's output of qlinear.onnx against numpy's evaluation of
ONNX's QOperator definitions: QLinearConv and QLinearMatMul accumulate
(x - x_zp)(w - w_zp) (+ B) in integers, then requantize in float64
(round half to even, saturate). accel computes the same integers and
rescales in two steps (a dequantization, then the quantization of the
next tensor), so an output may land one step of its quantization away.
    qlinear_reference.py MODEL.onnx X.npy Y.npy"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}


def f(name):
    return init[name].astype(np.float64)


def i(name):
    return init[name].astype(np.int64)


x = np.load(sys.argv[2]).astype(np.float64)
sx, zx = float(f("sx")), int(i("zx"))
xq = np.clip(np.rint(x / sx) + zx, 0, 255).astype(np.int64)
# QLinearConv, pads 1.
w, b, sw = i("w"), i("b"), f("sw")
pad = np.pad(xq - zx, ((0, 0), (0, 0), (1, 1), (1, 1)))
acc = np.zeros((1, 4, 4, 4), np.int64)
for k in range(4):
    for r in range(4):
        for c in range(4):
            acc[0, k, r, c] = (pad[0, :, r:r + 3, c:c + 3] * w[k]).sum() + b[k]
sy, zy = float(f("sy")), int(i("zy"))
y = np.clip(np.rint(acc * (sx * sw)[None, :, None, None] / sy) + zy, 0, 255)
# Flatten, QLinearMatMul.
m, sm = i("m"), f("sm")
acc2 = (y.reshape(1, -1).astype(np.int64) - zy) @ m
so, zo = float(f("so")), int(i("zo"))
o = np.clip(np.rint(acc2 * (sy * sm)[None, :] / so) + zo, -128, 127)
ref = (o - zo) * so
out = np.load(sys.argv[3])
steps = np.abs(out - ref).max() / so
same = np.mean(np.abs(out - ref) < so / 2)
print(f"max difference {steps:.3g} output steps, {same:.0%} equal: "
      f"{'ok' if steps <= 1.001 and same >= 0.8 else 'WRONG'}")
