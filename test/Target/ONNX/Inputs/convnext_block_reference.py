"""Checks accel-run's output of the convnext_block fixture against numpy:
the block written out in NHWC as PyTorch's ConvNeXt computes it (depthwise
convolution, LayerNorm over the channels, two linear layers with GELU,
layer scale, residual, LayerNorm2d), the output in NHWC.
    convnext_block_reference.py MODEL.onnx X.npy Y.npy"""
import math
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
w = {t.name: numpy_helper.to_array(t).astype(np.float64)
     for t in model.graph.initializer}
x = np.load(sys.argv[2]).astype(np.float64)
n, c, h, wd = x.shape

# Depthwise 3x3, padding 1.
xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
dw = np.zeros_like(x)
for i in range(3):
    for j in range(3):
        dw += xp[:, :, i:i + h, j:j + wd] * w["dw.w"][None, :, 0, i, j, None, None]
dw += w["dw.b"][None, :, None, None]


def layer_norm(v, g, b):
    mean = v.mean(axis=-1, keepdims=True)
    var = ((v - mean) ** 2).mean(axis=-1, keepdims=True)
    return (v - mean) / np.sqrt(var + 1e-6) * g + b


erf = np.vectorize(math.erf)
t = dw.transpose(0, 2, 3, 1)
t = layer_norm(t, w["ln.g"], w["ln.b"])
t = t @ w["fc1.w"] + w["fc1.b"]
t = t * (erf(t / math.sqrt(2)) + 1) * 0.5
t = (t @ w["fc2.w"] + w["fc2.b"]) * w["scale"]
r = t.transpose(0, 3, 1, 2) + x
ref = layer_norm(r.transpose(0, 2, 3, 1), w["ln2.g"], w["ln2.b"])
y = np.load(sys.argv[3])
assert y.shape == ref.shape, (y.shape, ref.shape)
diff = np.abs(y - ref).max() / np.abs(ref).max()
print(f"max relative difference {diff:.3g}: {'ok' if diff < 1e-5 else 'WRONG'}")
