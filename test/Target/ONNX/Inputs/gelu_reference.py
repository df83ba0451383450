"""Checks accel-run's output of gelu_matmul4d.onnx against numpy:
GELU(x @ w) with GELU(v) = v (1 + erf(v / sqrt 2)) / 2.
    gelu_reference.py MODEL.onnx X.npy Y.npy"""
import math
import sys

import numpy as np
import onnx
from onnx import numpy_helper

model = onnx.load(sys.argv[1])
w = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}["w"]
x = np.load(sys.argv[2]).astype(np.float64)
v = x @ w.astype(np.float64)
erf = np.vectorize(math.erf)
ref = v * (1 + erf(v / math.sqrt(2))) / 2
y = np.load(sys.argv[3])
diff = np.abs(y - ref).max() / np.abs(ref).max()
print(f"max relative difference {diff:.3g}: {'ok' if diff < 1e-5 else 'WRONG'}")
