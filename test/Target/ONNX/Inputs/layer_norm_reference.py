"""Checks accel-run's output of a layer-norm fixture against numpy: the
mean and biased variance over the last axis, epsilon 1e-6, then the
model's scale (gamma) and shift (beta).
    layer_norm_reference.py MODEL.onnx X.npy Y.npy"""
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
init = {t.name: numpy_helper.to_array(t).astype(np.float64)
        for t in model.graph.initializer}
x = np.load(sys.argv[2]).astype(np.float64)
mean = x.mean(axis=-1, keepdims=True)
var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
ref = (x - mean) / np.sqrt(var + 1e-6) * init["gamma"] + init["beta"]
y = np.load(sys.argv[3])
diff = np.abs(y - ref).max() / np.abs(ref).max()
print(f"max relative difference {diff:.3g}: {'ok' if diff < 1e-5 else 'WRONG'}")
