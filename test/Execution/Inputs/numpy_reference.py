#!/usr/bin/python3
"""numpy twin of net.mlir, written from the operators' definitions
independently of the C++ kernels (the transposed convolution scatters where
the kernel gathers; pooling pads explicitly). Writes the network's
arguments (seeded) and its output as .npy files into OUT_DIR:
arg0.npy ... arg6.npy, expected.npy.

    numpy_reference.py OUT_DIR
"""
import os
import sys

import numpy as np


def conv2d(x, w, b, stride=1, pad=0, dil=1, groups=1):
    n, c, h, wd = x.shape
    k, cg, r, s = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    p = (h + 2 * pad - dil * (r - 1) - 1) // stride + 1
    q = (wd + 2 * pad - dil * (s - 1) - 1) // stride + 1
    out = np.zeros((n, k, p, q))
    kg = k // groups
    for g in range(groups):
        xs = xp[:, g * cg:(g + 1) * cg]
        for i in range(p):
            for j in range(q):
                patch = xs[:, :, i * stride:i * stride + dil * (r - 1) + 1:dil,
                           j * stride:j * stride + dil * (s - 1) + 1:dil]
                out[:, g * kg:(g + 1) * kg, i, j] = np.einsum(
                    "ncrs,kcrs->nk", patch, w[g * kg:(g + 1) * kg])
    if b is not None:
        out += b[None, :, None, None]
    return out


def conv_transpose2d(x, w, stride, pad, out_pad):
    # Scatter every input pixel times the filter into the uncropped output.
    n, c, h, wd = x.shape
    _, k, r, s = w.shape
    full_h = (h - 1) * stride + r + out_pad
    full_w = (wd - 1) * stride + s + out_pad
    full = np.zeros((n, k, full_h, full_w))
    for i in range(h):
        for j in range(wd):
            full[:, :, i * stride:i * stride + r, j * stride:j * stride + s] += \
                np.einsum("nc,ckrs->nkrs", x[:, :, i, j], w)
    return full[:, :, pad:full_h - pad, pad:full_w - pad]


def pool(x, kernel, stride, pad, kind, ceil=False):
    n, c, h, w = x.shape
    size = h + 2 * pad - kernel
    p = (-(-size // stride) if ceil else size // stride) + 1
    if ceil and (p - 1) * stride >= h + pad:
        p -= 1
    extra = max(0, (p - 1) * stride + kernel - (h + 2 * pad))
    fill = -np.inf if kind == "max" else np.nan
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad + extra), (pad, pad + extra)),
                constant_values=fill)
    out = np.zeros((n, c, p, p))
    for i in range(p):
        for j in range(p):
            win = xp[:, :, i * stride:i * stride + kernel,
                     j * stride:j * stride + kernel]
            out[:, :, i, j] = (win.max(axis=(2, 3)) if kind == "max"
                               else np.nanmean(win, axis=(2, 3)))
    return out


def bilinear(x, scale):
    n, c, h, w = x.shape

    def axis(length):
        dst = np.arange(length * scale)
        src = np.maximum(0, (dst + 0.5) / scale - 0.5)
        lo = np.minimum(np.floor(src).astype(int), length - 1)
        hi = np.minimum(lo + 1, length - 1)
        return lo, hi, src - lo

    y0, y1, ly = axis(h)
    x0, x1, lx = axis(w)
    top = x[:, :, y0][:, :, :, x0] * (1 - lx) + x[:, :, y0][:, :, :, x1] * lx
    bottom = x[:, :, y1][:, :, :, x0] * (1 - lx) + x[:, :, y1][:, :, :, x1] * lx
    return top * (1 - ly)[:, None] + bottom * ly[:, None]


def main():
    out_dir = sys.argv[1]
    rng = np.random.default_rng(11)
    shapes = [(1, 4, 9, 9), (6, 2, 3, 3), (6,), (6, 1, 3, 3), (12, 3, 2, 2),
              (5, 48), (5,)]
    args = [rng.uniform(-1, 1, s).astype(np.float32) for s in shapes]
    for i, a in enumerate(args):
        np.save(os.path.join(out_dir, f"arg{i}.npy"), a)
    x, w1, b1, w2, wt, fc, bfc = [a.astype(np.float64) for a in args]

    y0 = np.maximum(0, conv2d(x, w1, b1, stride=2, pad=1, groups=2))
    y1 = conv2d(y0, w2, None, pad=2, dil=2, groups=6)
    y1 = np.where(y1 < 0, 0.1 * y1, y1)
    se = np.clip(0.2 * y1.mean(axis=(2, 3), keepdims=True) + 0.5, 0, 1)
    y5 = np.tanh(y1 * se + y0)
    y6 = pool(y5, 3, 2, 1, "max", ceil=True)
    up = np.concatenate([bilinear(y6, 2), y6.repeat(2, 2).repeat(2, 3)], 1)
    y10 = conv_transpose2d(up, wt, stride=2, pad=1, out_pad=1)
    y11 = pool(y10, 3, 3, 1, "avg")
    z = y11.reshape(1, 48) @ fc.T + bfc
    out = z * np.clip(z + 3, 0, 6) / 6
    np.save(os.path.join(out_dir, "expected.npy"), out)


if __name__ == "__main__":
    main()
