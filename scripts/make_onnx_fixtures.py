#!/usr/bin/python3
"""Small ONNX test fixtures for the ONNX importer's lit tests.

Builds each model by hand with onnx.helper (no torch): float32, NCHW, small
initializers drawn from numpy with a fixed seed per file, so the output is the
same on every run. Every node has a name unless a fixture says otherwise.
Opset 13 except activations.onnx (14: HardSwish is opset 14) and
upsample.onnx (9). All fixtures but no_value_info.onnx carry value_info for
their intermediates (from onnx shape inference); truncated.onnx and the
BAD_FIXTURES (a stride of 0, a node without outputs, negative dimensions,
BatchNormalization of integers or with a negative variance, a ConvInteger
with fewer weight zero points than channels) are malformed
on purpose.

    /usr/bin/python3 scripts/make_onnx_fixtures.py OUT_DIR

Needs Debian's python3-onnx and python3-numpy (use /usr/bin/python3). The
generated files are not committed (*.onnx is in .gitignore): tests generate
them with this script.
"""

import os
import sys
import zlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FLOAT = TensorProto.FLOAT


class Graph:
    """Collects nodes and initializers of one fixture."""

    def __init__(self, name):
        self.name = name
        self.nodes = []
        self.inits = []
        # A fixed seed per file: adding a fixture does not change the others.
        self.rng = np.random.default_rng(zlib.crc32(name.encode()))

    def node(self, op, inputs, outputs, name, **attrs):
        self.nodes.append(helper.make_node(op, inputs, outputs, name=name,
                                           **attrs))
        return outputs[0]

    def const(self, name, array):
        self.inits.append(numpy_helper.from_array(array, name))
        return name

    def rand(self, name, *shape, low=-0.5, high=0.5):
        a = self.rng.uniform(low, high, size=shape).astype(np.float32)
        return self.const(name, a)

    def model(self, inputs, outputs, opset=13, value_info=True):
        """inputs, outputs: lists of (name, shape)."""
        graph = helper.make_graph(
            self.nodes, self.name,
            [helper.make_tensor_value_info(n, FLOAT, s) for n, s in inputs],
            [helper.make_tensor_value_info(n, FLOAT, s) for n, s in outputs],
            initializer=self.inits)
        opsets = [helper.make_opsetid("", opset)]
        model = helper.make_model(
            graph, opset_imports=opsets,
            ir_version=helper.find_min_ir_version_for(opsets),
            producer_name="accel-opt make_onnx_fixtures")
        if value_info:
            model = onnx.shape_inference.infer_shapes(model, strict_mode=True)
        onnx.checker.check_model(model, full_check=True)
        return model


def conv():
    # 1x3x16x16 -> conv_pad (3x3 s2 p1, bias) 1x8x8x8
    #  -> conv_same (3x3 s2 SAME_UPPER: pads 0 begin, 1 end) 1x8x4x4
    #  -> conv_dw (depthwise 3x3, dilation 2, pads 2, no bias) 1x8x4x4
    g = Graph("conv")
    x = g.node("Conv", ["input", g.rand("conv_pad.w", 8, 3, 3, 3),
                        g.rand("conv_pad.b", 8)], ["conv_pad.out"], "conv_pad",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2], group=1)
    x = g.node("Conv", [x, g.rand("conv_same.w", 8, 8, 3, 3),
                        g.rand("conv_same.b", 8)], ["conv_same.out"],
               "conv_same", kernel_shape=[3, 3], strides=[2, 2],
               auto_pad="SAME_UPPER")
    g.node("Conv", [x, g.rand("conv_dw.w", 8, 1, 3, 3)], ["output"], "conv_dw",
           kernel_shape=[3, 3], pads=[2, 2, 2, 2], dilations=[2, 2], group=8)
    return g.model([("input", [1, 3, 16, 16])], [("output", [1, 8, 4, 4])])


def bn_fold():
    # 1x3x8x8 -> conv (3x3 p1, no bias) -> bn -> relu 1x4x8x8
    g = Graph("bn_fold")
    x = g.node("Conv", ["input", g.rand("conv.w", 4, 3, 3, 3)], ["conv.out"],
               "conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = g.node("BatchNormalization",
               [x, g.rand("bn.scale", 4, low=0.5, high=1.5),
                g.rand("bn.B", 4), g.rand("bn.mean", 4),
                g.rand("bn.var", 4, low=0.5, high=1.5)],
               ["bn.out"], "bn", epsilon=1e-5)
    g.node("Relu", [x], ["output"], "relu")
    return g.model([("input", [1, 3, 8, 8])], [("output", [1, 4, 8, 8])])


def activations():
    # A chain on 1x4x8x8. clip: min/max from initializers (opset 13 style);
    # clip6: ReLU6 as torch exports it (min/max from Constant nodes);
    # clip_min: only the min input. HardSwish needs opset 14.
    g = Graph("activations")
    x = g.node("Relu", ["input"], ["relu.out"], "relu")
    x = g.node("Clip", [x, g.const("clip.min", np.array(-0.25, np.float32)),
                        g.const("clip.max", np.array(0.75, np.float32))],
               ["clip.out"], "clip")
    x = g.node("Sigmoid", [x], ["sigmoid.out"], "sigmoid")
    x = g.node("HardSigmoid", [x], ["hardsigmoid.out"], "hardsigmoid",
               alpha=0.2, beta=0.5)
    x = g.node("HardSwish", [x], ["hardswish.out"], "hardswish")
    x = g.node("LeakyRelu", [x], ["leakyrelu.out"], "leakyrelu", alpha=0.1)
    x = g.node("Tanh", [x], ["tanh.out"], "tanh")
    lo = g.node("Constant", [], ["clip6.min"], "clip6.min",
                value=numpy_helper.from_array(np.array(0.0, np.float32)))
    hi = g.node("Constant", [], ["clip6.max"], "clip6.max",
                value=numpy_helper.from_array(np.array(6.0, np.float32)))
    x = g.node("Clip", [x, lo, hi], ["clip6.out"], "clip6")
    g.node("Clip", [x, g.const("clip_min.min", np.array(0.1, np.float32))],
           ["output"], "clip_min")
    return g.model([("input", [1, 4, 8, 8])], [("output", [1, 4, 8, 8])],
                   opset=14)


def pool():
    # 1x4x16x16 -> maxpool (3, s2, p1) 1x4x8x8
    #  -> avgpool (2, s2, p1, count_include_pad) 1x4x5x5 -> gap 1x4x1x1
    g = Graph("pool")
    x = g.node("MaxPool", ["input"], ["maxpool.out"], "maxpool",
               kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
               ceil_mode=0)
    x = g.node("AveragePool", [x], ["avgpool.out"], "avgpool",
               kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1],
               count_include_pad=1)
    g.node("GlobalAveragePool", [x], ["output"], "gap")
    return g.model([("input", [1, 4, 16, 16])], [("output", [1, 4, 1, 1])])


def gemm():
    # 1x4x2x2 -> flatten 1x16 -> gemm (transB) 1x10  = output
    #                         -> matmul + add   1x10  = output_matmul
    g = Graph("gemm")
    x = g.node("Flatten", ["input"], ["flatten.out"], "flatten", axis=1)
    g.node("Gemm", [x, g.rand("fc.w", 10, 16), g.rand("fc.b", 10)],
           ["output"], "fc", transB=1)
    y = g.node("MatMul", [x, g.rand("matmul.w", 16, 10)], ["matmul.out"],
               "matmul")
    g.node("Add", [y, g.rand("matmul.b", 10)], ["output_matmul"], "bias_add")
    return g.model([("input", [1, 4, 2, 2])],
                   [("output", [1, 10]), ("output_matmul", [1, 10])])


def elementwise():
    # 1x8x8x8: conv+relu, residual add with the input, squeeze-excite
    # (gap -> 1x1 conv -> hardsigmoid, Mul broadcasting 1x8x1x1 over
    # 1x8x8x8), concat with the input on channels -> 1x16x8x8
    g = Graph("elementwise")
    x = g.node("Conv", ["input", g.rand("conv.w", 8, 8, 3, 3),
                        g.rand("conv.b", 8)], ["conv.out"], "conv",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = g.node("Relu", [x], ["relu.out"], "relu")
    x = g.node("Add", [x, "input"], ["add.out"], "add")
    s = g.node("GlobalAveragePool", [x], ["se_pool.out"], "se_pool")
    s = g.node("Conv", [s, g.rand("se_fc.w", 8, 8, 1, 1),
                        g.rand("se_fc.b", 8)], ["se_fc.out"], "se_fc",
               kernel_shape=[1, 1])
    s = g.node("HardSigmoid", [s], ["se_gate.out"], "se_gate",
               alpha=1.0 / 6, beta=0.5)
    x = g.node("Mul", [x, s], ["se_mul.out"], "se_mul")
    g.node("Concat", [x, "input"], ["output"], "concat", axis=1)
    return g.model([("input", [1, 8, 8, 8])], [("output", [1, 16, 8, 8])])


def resize():
    # 1x4x8x8 -> nearest, scales [1,1,2,2] (roi ""), 1x4x16x16
    #  -> linear half_pixel, sizes [1,4,32,32] (roi "", scales ""), 1x4x32x32
    g = Graph("resize")
    x = g.node("Resize", ["input", "", g.const(
        "nearest.scales", np.array([1, 1, 2, 2], np.float32))],
        ["nearest.out"], "nearest", mode="nearest")
    g.node("Resize", [x, "", "", g.const(
        "linear.sizes", np.array([1, 4, 32, 32], np.int64))],
        ["output"], "linear", mode="linear",
        coordinate_transformation_mode="half_pixel")
    return g.model([("input", [1, 4, 8, 8])], [("output", [1, 4, 32, 32])])


def upsample():
    # Opset 9: Upsample with scales as an input. 1x4x8x8 -> 1x4x16x16
    g = Graph("upsample")
    g.node("Upsample", ["input", g.const(
        "upsample.scales", np.array([1, 1, 2, 2], np.float32))],
        ["output"], "upsample", mode="nearest")
    return g.model([("input", [1, 4, 8, 8])], [("output", [1, 4, 16, 16])],
                   opset=9)


def conv_transpose():
    # 1x8x4x4 -> deconv (k2 s2, bias) 1x4x8x8
    #  -> deconv_op (k3 s2 p1 output_padding 1, no bias) 1x4x16x16
    # Weights are [C_in, C_out/group, kH, kW].
    g = Graph("conv_transpose")
    x = g.node("ConvTranspose", ["input", g.rand("deconv.w", 8, 4, 2, 2),
                                 g.rand("deconv.b", 4)], ["deconv.out"],
               "deconv", kernel_shape=[2, 2], strides=[2, 2])
    g.node("ConvTranspose", [x, g.rand("deconv_op.w", 4, 4, 3, 3)],
           ["output"], "deconv_op", kernel_shape=[3, 3], strides=[2, 2],
           pads=[1, 1, 1, 1], output_padding=[1, 1])
    return g.model([("input", [1, 8, 4, 4])], [("output", [1, 4, 16, 16])])


def reshape():
    # 1x4x4x4 -> reshape to [0,-1,2,2] (0: copy the dim, -1: inferred)
    #  1x16x2x2 -> identity -> dropout (ratio input) -> add a Constant
    g = Graph("reshape")
    x = g.node("Reshape", ["input", g.const(
        "reshape.shape", np.array([0, -1, 2, 2], np.int64))],
        ["reshape.out"], "reshape")
    x = g.node("Identity", [x], ["identity.out"], "identity")
    x = g.node("Dropout", [x, g.const("dropout.ratio",
                                      np.array(0.5, np.float32))],
               ["dropout.out"], "dropout")
    c = g.node("Constant", [], ["bias"], "bias", value=numpy_helper.from_array(
        g.rng.uniform(-0.5, 0.5, (1, 16, 1, 1)).astype(np.float32)))
    g.node("Add", [x, c], ["output"], "add")
    return g.model([("input", [1, 4, 4, 4])], [("output", [1, 16, 2, 2])])


def opaque():
    # conv (supported) -> softmax (unsupported) -> relu (supported, and the
    # one node without a name). 1x4x8x8 -> 1x4x8x8
    g = Graph("opaque")
    x = g.node("Conv", ["input", g.rand("conv.w", 4, 4, 3, 3),
                        g.rand("conv.b", 4)], ["conv.out"], "conv",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = g.node("Softmax", [x], ["softmax.out"], "softmax", axis=1)
    g.nodes.append(helper.make_node("Relu", [x], ["output"]))
    return g.model([("input", [1, 4, 8, 8])], [("output", [1, 4, 8, 8])])


def multibranch():
    #            input 1x8x16x16
    #                 conv1, relu1
    #        /          |               \
    #   dw (3x3, g=8)   |            branch (1x1)
    #   pw (1x1)        |               |
    #      add (residual with relu1)    |
    #                concat (axis 1) 1x16x16x16
    g = Graph("multibranch")
    x = g.node("Conv", ["input", g.rand("conv1.w", 8, 8, 3, 3),
                        g.rand("conv1.b", 8)], ["conv1.out"], "conv1",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    x = g.node("Relu", [x], ["relu1.out"], "relu1")
    y = g.node("Conv", [x, g.rand("dw.w", 8, 1, 3, 3), g.rand("dw.b", 8)],
               ["dw.out"], "dw", kernel_shape=[3, 3], pads=[1, 1, 1, 1],
               group=8)
    y = g.node("Conv", [y, g.rand("pw.w", 8, 8, 1, 1), g.rand("pw.b", 8)],
               ["pw.out"], "pw", kernel_shape=[1, 1])
    y = g.node("Add", [y, x], ["add.out"], "add")
    z = g.node("Conv", [x, g.rand("branch.w", 8, 8, 1, 1),
                        g.rand("branch.b", 8)], ["branch.out"], "branch",
               kernel_shape=[1, 1])
    g.node("Concat", [y, z], ["output"], "concat", axis=1)
    return g.model([("input", [1, 8, 16, 16])], [("output", [1, 16, 16, 16])])


def no_value_info():
    # 1x4x8x8 -> conv1 (3x3 s2 p1) -> conv2 (3x3 p1) 1x8x4x4, with no
    # value_info for conv1.out: the importer must infer shapes itself.
    g = Graph("no_value_info")
    x = g.node("Conv", ["input", g.rand("conv1.w", 8, 4, 3, 3),
                        g.rand("conv1.b", 8)], ["conv1.out"], "conv1",
               kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2])
    g.node("Conv", [x, g.rand("conv2.w", 8, 8, 3, 3), g.rand("conv2.b", 8)],
           ["output"], "conv2", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    return g.model([("input", [1, 4, 8, 8])], [("output", [1, 8, 4, 4])],
                   value_info=False)


def dynamic_batch():
    """A convolution whose batch dimension is dynamic ("N")."""
    g = Graph("dynamic_batch")
    w = g.rand("w", 4, 3, 3, 3)
    g.node("Conv", ["x", w], ["y"], "conv0", pads=[1, 1, 1, 1])
    return g.model([("x", ["N", 3, 8, 8])], [("y", ["N", 4, 8, 8])])


def bn_identity():
    """BatchNormalization whose statistics come through Identity nodes (as
    torchvision's DenseNet exports them)."""
    g = Graph("bn_identity")
    w = g.rand("w", 4, 3, 3, 3)
    c = g.node("Conv", ["x", w], ["c"], "conv0", pads=[1, 1, 1, 1])
    stats = []
    for name in ("scale", "bias", "mean", "var"):
        low = 0.5 if name in ("scale", "var") else -0.5
        src = g.rand(name + "_src", 4, low=low, high=1.0)
        stats.append(g.node("Identity", [src], [name], name + "_id"))
    g.node("BatchNormalization", [c] + stats, ["y"], "bn0")
    return g.model([("x", [1, 3, 8, 8])], [("y", [1, 4, 8, 8])])


def bn_identity_preact():
    """A BatchNormalization no convolution feeds (DenseNet's pre-activation
    blocks), its statistics through Identity nodes."""
    g = Graph("bn_identity_preact")
    stats = []
    for name in ("scale", "bias", "mean", "var"):
        low = 0.5 if name in ("scale", "var") else -0.5
        src = g.rand(name + "_src", 4, low=low, high=1.0)
        stats.append(g.node("Identity", [src], [name], name + "_id"))
    g.node("BatchNormalization", ["x"] + stats, ["y"], "bn0")
    return g.model([("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])])


def spelled_gelu(g, x, out):
    """GELU as torch exports it at opset 13: (x * (erf(x / sqrt 2) + 1)) *
    0.5, its result named `out`."""
    s2 = g.const("sqrt2", np.array(1.4142135381698608, np.float32))
    one = g.const("one", np.array(1.0, np.float32))
    half = g.const("half", np.array(0.5, np.float32))
    d = g.node("Div", [x, s2], ["gelu_div"], "gelu_div")
    e = g.node("Erf", [d], ["gelu_erf"], "gelu_erf")
    a = g.node("Add", [e, one], ["gelu_add"], "gelu_add")
    m = g.node("Mul", [x, a], ["gelu_mul"], "gelu_mul")
    return g.node("Mul", [m, half], [out], "gelu")


def gelu_matmul4d():
    """ConvNeXt's block tail as torch exports it at opset 13: a rank-4
    MatMul on NHWC activations (a linear layer), then GELU spelled out as
    (x * (erf(x / sqrt 2) + 1)) * 0.5."""
    g = Graph("gelu_matmul4d")
    w = g.rand("w", 8, 16)
    y = g.node("MatMul", ["x", w], ["mm"], "linear")
    spelled_gelu(g, y, "out")
    return g.model([("x", [1, 4, 4, 8])], [("out", [1, 4, 4, 16])])


def layer_norm():
    """ConvNeXt's LayerNorm as torch exports it before opset 17: mean and
    biased variance over the last axis spelled out (ReduceMean, Sub, Pow,
    ReduceMean, Add, Sqrt, Div), then its scale and shift."""
    g = Graph("layer_norm")
    m = g.node("ReduceMean", ["x"], ["m"], "ln_mean", axes=[-1])
    d = g.node("Sub", ["x", m], ["d"], "ln_sub")
    two = g.const("two", np.array(2.0, np.float32))
    p = g.node("Pow", [d, two], ["p"], "ln_pow")
    v = g.node("ReduceMean", [p], ["v"], "ln_var", axes=[-1])
    eps = g.const("eps", np.array(1e-6, np.float32))
    a = g.node("Add", [v, eps], ["a"], "ln_add")
    s = g.node("Sqrt", [a], ["s"], "ln_sqrt")
    n = g.node("Div", [d, s], ["n"], "ln")
    gamma = g.rand("gamma", 8, low=0.5, high=1.5)
    beta = g.rand("beta", 8)
    y = g.node("Mul", [n, gamma], ["ny"], "ln_scale")
    g.node("Add", [y, beta], ["y"], "ln_shift")
    return g.model([("x", [1, 4, 4, 8])], [("y", [1, 4, 4, 8])])


def layer_norm17():
    """ONNX's own LayerNormalization (opset 17) over the last axis, with
    its scale and bias."""
    g = Graph("layer_norm17")
    gamma = g.rand("gamma", 8, low=0.5, high=1.5)
    beta = g.rand("beta", 8)
    g.node("LayerNormalization", ["x", gamma, beta], ["y"], "ln",
           epsilon=1e-6)
    return g.model([("x", [1, 4, 4, 8])], [("y", [1, 4, 4, 8])], opset=17)


def convnext_block():
    """ConvNeXt as torch exports it: a depthwise convolution on NCHW, a
    Transpose to NHWC, a LayerNorm over the channels (opset 17), two linear
    layers (rank-4 MatMuls with their biases added, GELU spelled out
    between them), the layer scale, a Transpose back, the residual add;
    then a LayerNorm2d (Transpose, LayerNorm, Transpose), and a Transpose
    to NHWC that nothing undoes (the output)."""
    g = Graph("convnext_block")
    c, k = 8, 16
    dw = g.node("Conv", ["x", g.rand("dw.w", c, 1, 3, 3), g.rand("dw.b", c)],
                ["dw"], "dwconv", pads=[1, 1, 1, 1], group=c)
    t = g.node("Transpose", [dw], ["t"], "to_nhwc", perm=[0, 2, 3, 1])
    n = g.node("LayerNormalization",
               [t, g.rand("ln.g", c, low=0.5, high=1.5), g.rand("ln.b", c)],
               ["n"], "norm", epsilon=1e-6)
    h = g.node("MatMul", [n, g.rand("fc1.w", c, k)], ["h"], "fc1")
    h = g.node("Add", [g.rand("fc1.b", k), h], ["hb"], "fc1_bias")
    m = spelled_gelu(g, h, "gelu")
    o = g.node("MatMul", [m, g.rand("fc2.w", k, c)], ["o"], "fc2")
    o = g.node("Add", [g.rand("fc2.b", c), o], ["ob"], "fc2_bias")
    o = g.node("Mul", [o, g.rand("scale", c)], ["os"], "layer_scale")
    back = g.node("Transpose", [o], ["back"], "to_nchw", perm=[0, 3, 1, 2])
    r = g.node("Add", [back, "x"], ["r"], "residual")
    t2 = g.node("Transpose", [r], ["t2"], "ln2d_in", perm=[0, 2, 3, 1])
    n2 = g.node("LayerNormalization",
                [t2, g.rand("ln2.g", c, low=0.5, high=1.5),
                 g.rand("ln2.b", c)], ["n2"], "ln2d", epsilon=1e-6)
    y = g.node("Transpose", [n2], ["y"], "ln2d_out", perm=[0, 3, 1, 2])
    g.node("Transpose", [y], ["out"], "to_nhwc_out", perm=[0, 2, 3, 1])
    return g.model([("x", [1, c, 5, 6])], [("out", [1, 5, 6, c])], opset=17)


def qdq_conv():
    """A QDQ-quantised convolution as PyTorch's fake quantization exports
    it: uint8 activations (QuantizeLinear, a Clip to the quant range,
    DequantizeLinear), int8 weights per output channel (QuantizeLinear of
    the float weights with axis 0, DequantizeLinear), a float bias, ReLU,
    and the output quantized again."""
    g = Graph("qdq_conv")
    sx = g.const("sx", np.array([0.02], np.float32))
    zx = g.const("zx", np.array([60], np.uint8))
    top = g.const("top", np.array(127, np.uint8))
    q = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    c = g.node("Clip", [q, "", top], ["xc"], "x_clip")
    xd = g.node("DequantizeLinear", [c, sx, zx], ["xd"], "x_dequant")
    w = g.rand("w", 4, 3, 3, 3)
    sw = g.const("sw", (np.abs(g.rng.uniform(0.3, 0.5, 4)) / 127)
                 .astype(np.float32))
    zw = g.const("zw", np.zeros(4, np.int8))
    wq = g.node("QuantizeLinear", [w, sw, zw], ["wq"], "w_quant", axis=0)
    wd = g.node("DequantizeLinear", [wq, sw, zw], ["wd"], "w_dequant", axis=0)
    b = g.rand("b", 4, low=-0.1, high=0.1)
    y = g.node("Conv", [xd, wd, b], ["y"], "conv", pads=[1, 1, 1, 1])
    r = g.node("Relu", [y], ["r"], "relu")
    sy = g.const("sy", np.array([0.01], np.float32))
    zy = g.const("zy", np.array([0], np.uint8))
    yq = g.node("QuantizeLinear", [r, sy, zy], ["yq"], "y_quant")
    g.node("DequantizeLinear", [yq, sy, zy], ["out"], "y_dequant")
    return g.model([("x", [1, 3, 8, 8])], [("out", [1, 4, 8, 8])])


def qdq_gemm():
    """A QDQ-quantised classifier: the quantized activation flattened, then
    a Gemm (transB) on int8 weights per output row, with a float bias."""
    g = Graph("qdq_gemm")
    sx = g.const("sx", np.array([0.03], np.float32))
    zx = g.const("zx", np.array([100], np.uint8))
    q = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    xd = g.node("DequantizeLinear", [q, sx, zx], ["xd"], "x_dequant")
    f = g.node("Flatten", [xd], ["f"], "flatten")
    w = g.rand("w", 5, 16)
    sw = g.const("sw", (g.rng.uniform(0.3, 0.5, 5) / 127).astype(np.float32))
    zw = g.const("zw", np.zeros(5, np.int8))
    wq = g.node("QuantizeLinear", [w, sw, zw], ["wq"], "w_quant", axis=0)
    wd = g.node("DequantizeLinear", [wq, sw, zw], ["wd"], "w_dequant", axis=0)
    b = g.rand("b", 5, low=-0.1, high=0.1)
    g.node("Gemm", [f, wd, b], ["out"], "fc", transB=1)
    return g.model([("x", [1, 4, 2, 2])], [("out", [1, 5])])


def qlinear():
    """onnxruntime's QOperator format: a QLinearConv (uint8 activations,
    int8 weights per output channel, an int32 bias in accumulator units),
    a Flatten of its quantized output, and a QLinearMatMul (int8 weights
    per column) whose result is dequantized."""
    g = Graph("qlinear")
    rng = g.rng
    sx = g.const("sx", np.array(0.02, np.float32))
    zx = g.const("zx", np.array(60, np.uint8))
    xq = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    sw = (rng.uniform(0.3, 0.5, 4) / 127).astype(np.float32)
    g.const("sw", sw)
    g.const("w", rng.integers(-127, 128, (4, 3, 3, 3)).astype(np.int8))
    g.const("zw", np.zeros(4, np.int8))
    g.const("b", rng.integers(-2000, 2000, 4).astype(np.int32))
    sy = g.const("sy", np.array(0.05, np.float32))
    zy = g.const("zy", np.array(10, np.uint8))
    y = g.node("QLinearConv", [xq, sx, zx, "w", "sw", "zw", sy, zy, "b"],
               ["y"], "qconv", pads=[1, 1, 1, 1])
    f = g.node("Flatten", [y], ["f"], "flatten")
    g.const("m", rng.integers(-127, 128, (4 * 4 * 4, 5)).astype(np.int8))
    g.const("sm", (rng.uniform(0.3, 0.5, 5) / 127).astype(np.float32))
    g.const("zm", np.zeros(5, np.int8))
    so = g.const("so", np.array(0.1, np.float32))
    zo = g.const("zo", np.array(-3, np.int8))
    o = g.node("QLinearMatMul", [f, sy, zy, "m", "sm", "zm", so, zo], ["o"],
               "qfc")
    g.node("DequantizeLinear", [o, so, zo], ["out"], "out_dequant")
    return g.model([("x", [1, 3, 4, 4])], [("out", [1, 5])])


def pad_fold():
    """Zero Pads before a Conv and an AveragePool (Inception, DenseNet),
    and one before a MaxPool, which stays opaque (its padding is -inf)."""
    g = Graph("pad_fold")
    pads = g.const("pads", np.array([0, 0, 1, 1, 0, 0, 1, 0], np.int64))
    p0 = g.node("Pad", ["x", pads], ["p0"], "pad0")
    w = g.rand("w", 4, 3, 3, 3)
    c = g.node("Conv", [p0, w], ["c"], "conv0")
    p1 = g.node("Pad", [c, pads], ["p1"], "pad1")
    a = g.node("AveragePool", [p1], ["a"], "avg0", kernel_shape=[2, 2])
    p2 = g.node("Pad", [a, pads], ["p2"], "pad2")
    g.node("MaxPool", [p2], ["y"], "max0", kernel_shape=[2, 2])
    return g.model([("x", [1, 3, 8, 8])], [("y", [1, 4, 10, 7])])


def shape_chain():
    """A Resize whose sizes and a Reshape whose shape are computed from
    Shape nodes (as DeepLab's and many exporters' graphs are): constant once
    folded, though ONNX shape inference alone cannot see it."""
    g = Graph("shape_chain")
    w = g.rand("w", 4, 3, 3, 3)
    c = g.node("Conv", ["x", w], ["c"], "conv0", pads=[1, 1, 1, 1])
    s = g.node("Shape", [c], ["s"], "shape0")
    starts = g.const("starts", np.array([0], np.int64))
    two = g.const("two", np.array([2], np.int64))
    nc = g.node("Slice", [s, starts, two], ["nc"], "slice0")
    hw = g.const("hw", np.array([16, 16], np.int64))
    sizes = g.node("Concat", [nc, hw], ["sizes"], "concat0", axis=0)
    r = g.node("Resize", [c, "", "", sizes], ["r"], "resize0", mode="nearest")
    s2 = g.node("Shape", [r], ["s2"], "shape1")
    zero = g.const("zero", np.array(0, np.int64))
    n = g.node("Gather", [s2, zero], ["n"], "gather0")
    n1 = g.node("Unsqueeze", [n, g.const("axes", np.array([0], np.int64))],
                ["n1"], "unsqueeze0")
    minus = g.const("minus", np.array([-1], np.int64))
    shape = g.node("Concat", [n1, minus], ["shape"], "concat1", axis=0)
    g.node("Reshape", [r, shape], ["y"], "reshape0")
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 1024])])

def conv_integer():
    """onnxruntime's integer format: a ConvInteger (uint8 activations with
    a zero point, int8 weights with per-channel zero points of 0) whose
    int32 result is cast to float and multiplied by the input and weight
    scales (one Mul by their per-channel products), a float bias, ReLU;
    then its output quantized again, viewed as [1, 4, 16] and multiplied by
    uint8 weights (zero point 128, read through an Identity) with
    MatMulInteger, cast and scaled by per-column products."""
    g = Graph("conv_integer")
    rng = g.rng
    sx = g.const("sx", np.array(0.02, np.float32))
    zx = g.const("zx", np.array(60, np.uint8))
    xq = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    w = g.const("w", rng.integers(-127, 128, (4, 3, 3, 3)).astype(np.int8))
    zw = g.const("zw", np.zeros(4, np.int8))
    y = g.node("ConvInteger", [xq, w, zx, zw], ["y"], "conv", pads=[1, 1, 1, 1])
    yc = g.node("Cast", [y], ["yc"], "conv_cast", to=TensorProto.FLOAT)
    sw = rng.uniform(0.3, 0.5, 4) / 127
    s1 = g.const("s1", (0.02 * sw).astype(np.float32).reshape(1, 4, 1, 1))
    ys = g.node("Mul", [yc, s1], ["ys"], "conv_scale")
    b = g.const("b", rng.uniform(-0.1, 0.1, (1, 4, 1, 1)).astype(np.float32))
    yb = g.node("Add", [ys, b], ["yb"], "conv_bias")
    r = g.node("Relu", [yb], ["r"], "relu")
    sy = g.const("sy", np.array(0.05, np.float32))
    zy = g.const("zy", np.array(10, np.uint8))
    rq = g.node("QuantizeLinear", [r, sy, zy], ["rq"], "r_quant")
    shape = g.const("shape", np.array([1, 4, 16], np.int64))
    rv = g.node("Reshape", [rq, shape], ["rv"], "rows")
    g.const("m", rng.integers(0, 256, (16, 5)).astype(np.uint8))
    g.const("zm", np.array(128, np.uint8))
    # (A zero point through an Identity, as PyTorch's exporter shares them.)
    zm = g.node("Identity", ["zm"], ["zm_shared"], "zm_identity")
    o = g.node("MatMulInteger", [rv, "m", zy, zm], ["o"], "fc")
    oc = g.node("Cast", [o], ["oc"], "fc_cast", to=TensorProto.FLOAT)
    sm = rng.uniform(0.3, 0.5, 5) / 127
    s2 = g.const("s2", (0.05 * sm).astype(np.float32).reshape(1, 1, 5))
    g.node("Mul", [oc, s2], ["out"], "fc_scale")
    return g.model([("x", [1, 3, 4, 4])], [("out", [1, 4, 5])])


def conv_integer_kept():
    """A ConvInteger whose int32 result is read as integers (a Cast to
    int64), which the importer cannot make a float layer: it stays opaque."""
    g = Graph("conv_integer_kept")
    sx = g.const("sx", np.array(0.02, np.float32))
    zx = g.const("zx", np.array(60, np.uint8))
    xq = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    w = g.const("w", g.rng.integers(-127, 128, (4, 3, 1, 1)).astype(np.int8))
    y = g.node("ConvInteger", [xq, w, zx], ["y"], "conv")
    y64 = g.node("Cast", [y], ["y64"], "to_int64", to=TensorProto.INT64)
    g.node("Cast", [y64], ["out"], "to_float", to=TensorProto.FLOAT)
    return g.model([("x", [1, 3, 4, 4])], [("out", [1, 4, 4, 4])])


def integer_conv_graph(name, zw):
    """A quantized input into a 1x1 ConvInteger with weight zero points
    `zw`, cast to float."""
    g = Graph(name)
    sx = g.const("sx", np.array(0.02, np.float32))
    zx = g.const("zx", np.array(60, np.uint8))
    xq = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    w = g.const("w", g.rng.integers(-127, 128, (4, 3, 1, 1)).astype(np.int8))
    zw = g.const("zw", zw)
    y = g.node("ConvInteger", [xq, w, zx, zw], ["y"], "conv")
    g.node("Cast", [y], ["out"], "conv_cast", to=TensorProto.FLOAT)
    return g


def conv_integer_asymmetric():
    """A ConvInteger whose int8 weights have a zero point of 3: it runs in
    float on the integers, with a warning."""
    g = integer_conv_graph("conv_integer_asymmetric", np.full(4, 3, np.int8))
    return g.model([("x", [1, 3, 4, 4])], [("out", [1, 4, 4, 4])])


def matmul_integer_row_zero_points():
    """A MatMulInteger with a zero point per row of its input, which no
    dequantization takes: it stays opaque and says why."""
    g = Graph("matmul_integer_row_zero_points")
    sx = g.const("sx", np.array(0.02, np.float32))
    zx = g.const("zx", np.array(60, np.uint8))
    xq = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    g.const("m", g.rng.integers(0, 256, (4, 5)).astype(np.uint8))
    g.const("za", np.full(3, 60, np.uint8))
    y = g.node("MatMulInteger", [xq, "m", "za"], ["y"], "fc")
    g.node("Cast", [y], ["out"], "fc_cast", to=TensorProto.FLOAT)
    return g.model([("x", [3, 4])], [("out", [3, 5])])


def matmul_integer_batched_weights():
    """A MatMulInteger of a batch of matrices by a batch of int8 weights
    with one zero point per column: not a matrix the rewrite can
    dequantize along its columns, so it stays opaque and says why."""
    g = Graph("matmul_integer_batched_weights")
    sx = g.const("sx", np.array(0.02, np.float32))
    zx = g.const("zx", np.array(60, np.uint8))
    xq = g.node("QuantizeLinear", ["x", sx, zx], ["xq"], "x_quant")
    g.const("m", g.rng.integers(-127, 128, (2, 4, 5)).astype(np.int8))
    g.const("zm", np.zeros(5, np.int8))
    y = g.node("MatMulInteger", [xq, "m", zx, "zm"], ["y"], "fc")
    g.node("Cast", [y], ["out"], "fc_cast", to=TensorProto.FLOAT)
    return g.model([("x", [2, 3, 4])], [("out", [2, 3, 5])])


FIXTURES = {
    "conv": conv,
    "bn_fold": bn_fold,
    "activations": activations,
    "pool": pool,
    "gemm": gemm,
    "elementwise": elementwise,
    "resize": resize,
    "upsample": upsample,
    "conv_transpose": conv_transpose,
    "reshape": reshape,
    "opaque": opaque,
    "multibranch": multibranch,
    "no_value_info": no_value_info,
    "dynamic_batch": dynamic_batch,
    "bn_identity": bn_identity,
    "bn_identity_preact": bn_identity_preact,
    "gelu_matmul4d": gelu_matmul4d,
    "layer_norm": layer_norm,
    "layer_norm17": layer_norm17,
    "convnext_block": convnext_block,
    "qdq_conv": qdq_conv,
    "qdq_gemm": qdq_gemm,
    "qlinear": qlinear,
    "pad_fold": pad_fold,
    "conv_integer": conv_integer,
    "conv_integer_kept": conv_integer_kept,
    "conv_integer_asymmetric": conv_integer_asymmetric,
    "matmul_integer_row_zero_points": matmul_integer_row_zero_points,
    "matmul_integer_batched_weights": matmul_integer_batched_weights,
}


def raw_model(g, inputs, outputs, in_type=FLOAT):
    """A model as given, unchecked (for the importer's error tests)."""
    graph = helper.make_graph(
        g.nodes, g.name,
        [helper.make_tensor_value_info(n, in_type, s) for n, s in inputs],
        [helper.make_tensor_value_info(n, FLOAT, s) for n, s in outputs],
        initializer=g.inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)],
                             ir_version=7,
                             producer_name="accel-opt make_onnx_fixtures")


def bad_stride():
    """A convolution with a stride of 0 (ONNX shape inference divides by
    it)."""
    g = Graph("bad_stride")
    w = g.rand("w", 4, 3, 3, 3)
    g.node("Conv", ["x", w], ["y"], "conv0", strides=[0, 1])
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 4, 6, 6])])


def bad_pool_stride():
    g = Graph("bad_pool_stride")
    g.node("MaxPool", ["x"], ["y"], "pool0", kernel_shape=[2, 2],
           strides=[0, 0])
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 3, 4, 4])])


def no_outputs():
    """A node that produces nothing."""
    g = Graph("no_outputs")
    g.node("Relu", ["x"], ["y"], "relu0")
    g.nodes.append(helper.make_node("Relu", ["y"], [], name="dangling"))
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])


def negative_dims():
    """An initializer whose dimensions are negative."""
    g = Graph("negative_dims")
    t = onnx.TensorProto()
    t.name = "w"
    t.data_type = FLOAT
    t.dims.extend([-10, -16])
    g.inits.append(t)
    g.node("MatMul", ["x", "w"], ["y"], "mm0")
    return raw_model(g, [("x", [1, 10])], [("y", [1, 16])])


def bn_int():
    """BatchNormalization of an integer tensor."""
    g = Graph("bn_int")
    stats = [g.const(n, np.ones(3, np.float32)) for n in
             ("scale", "bias", "mean", "var")]
    g.node("BatchNormalization", ["x"] + stats, ["y"], "bn0")
    return raw_model(g, [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])],
                     in_type=TensorProto.INT32)


def bn_negative_var():
    """BatchNormalization whose variance + epsilon is negative."""
    g = Graph("bn_negative_var")
    w = g.rand("w", 3, 3, 1, 1)
    c = g.node("Conv", ["x", w], ["c"], "conv0")
    stats = [g.const("scale", np.ones(3, np.float32)),
             g.const("bias", np.zeros(3, np.float32)),
             g.const("mean", np.zeros(3, np.float32)),
             g.const("var", np.array([1, -2, 1], np.float32))]
    g.node("BatchNormalization", [c] + stats, ["y"], "bn0")
    return raw_model(g, [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])])


def clip_inverted():
    """Clip whose min is above its max."""
    g = Graph("clip_inverted")
    lo = g.const("lo", np.array(2.0, np.float32))
    hi = g.const("hi", np.array(1.0, np.float32))
    g.node("Clip", ["x", lo, hi], ["y"], "clip0")
    return raw_model(g, [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])])


def clip_nan():
    """Clip with a NaN bound."""
    g = Graph("clip_nan")
    lo = g.const("lo", np.array(np.nan, np.float32))
    hi = g.const("hi", np.array(1.0, np.float32))
    g.node("Clip", ["x", lo, hi], ["y"], "clip0")
    return raw_model(g, [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])])


def bad_initializer_data():
    """A Clip bound whose raw data is 3 bytes for a float (the importer
    reports it and must fail, not keep the node as opaque)."""
    g = Graph("bad_initializer_data")
    t = onnx.TensorProto()
    t.name = "lo"
    t.data_type = FLOAT
    t.raw_data = b"\x00\x00\x80"
    g.inits.append(t)
    hi = g.const("hi", np.array(1.0, np.float32))
    g.node("Clip", ["x", "lo", hi], ["y"], "clip0")
    return raw_model(g, [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])])


# Built unchecked (raw_model), but valid: what shape inference cannot see
# through.
UNCHECKED_FIXTURES = {
    "shape_chain": shape_chain,
}

def conv_rank3_input():
    """A Conv whose input has rank 3 and its weights rank 4 (found by
    accel-fuzz: it crashed ONNX's convPoolShapeInference)."""
    g = Graph("conv_rank3_input")
    w = g.rand("w", 3, 3, 1, 1)
    g.node("Conv", ["x", w], ["y"], "conv0")
    return raw_model(g, [("x", [1, 4, 4])], [("y", [1, 3, 4, 4])])


def qlinearconv_rank2_input():
    """A QLinearConv whose input is a rank-2 initializer (found by
    accel-fuzz on qlinear.onnx: rewritten to QDQ before the graph was
    validated, its Conv crashed ONNX's convPoolShapeInference)."""
    g = Graph("qlinearconv_rank2_input")
    g.const("m", np.zeros((4, 3), np.uint8))
    g.const("s", np.array(0.1, np.float32))
    g.const("z", np.array(0, np.uint8))
    g.const("w", np.zeros((2, 3, 1, 1), np.int8))
    g.const("zw", np.array(0, np.int8))
    g.node("QLinearConv", ["m", "s", "z", "w", "s", "zw", "s", "z"], ["y"],
           "qconv0")
    g.node("DequantizeLinear", ["y", "s", "z"], ["out"], "dq")
    return raw_model(g, [], [("out", [1, 2, 4, 3])])


def short_raw_data():
    """Pad amounts whose raw data is 25 bytes for 8 int64 values (found by
    accel-fuzz: ONNX's shape inference read past them and corrupted the
    heap)."""
    g = Graph("short_raw_data")
    t = onnx.TensorProto()
    t.name = "pads"
    t.data_type = TensorProto.INT64
    t.dims.extend([8])
    t.raw_data = np.zeros(8, np.int64).tobytes()[:25]
    g.inits.append(t)
    g.node("Pad", ["x", "pads"], ["y"], "pad0")
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])


def duplicate_output():
    """Two nodes that define the same value (found by accel-fuzz: the
    importer read the wrong node's operands and crashed)."""
    g = Graph("duplicate_output")
    w = g.rand("w", 4, 3, 3, 3)
    c = g.node("Conv", ["x", w], ["c"], "conv0", pads=[1, 1, 1, 1])
    g.node("Relu", [c], ["y"], "relu0")
    g.node("Conv", ["x", w], ["c"], "conv1", pads=[1, 1, 1, 1])
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 4, 8, 8])])


def unsorted_nodes():
    """A node listed before the node that produces its input."""
    g = Graph("unsorted_nodes")
    g.nodes.append(helper.make_node("Relu", ["r"], ["y"], name="relu1"))
    g.node("Relu", ["x"], ["r"], "relu0")
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])


def negative_input_dim():
    """A graph input with a negative dimension (found by accel-fuzz)."""
    g = Graph("negative_input_dim")
    g.node("Relu", ["x"], ["y"], "relu0")
    return raw_model(g, [("x", [1, 3, -2147483649, 8])], [("y", [1, 3, 8, 8])])


def shape_no_input():
    """A Shape node without its input (found by accel-fuzz: the folding of
    shape computations read the missing input)."""
    g = Graph("shape_no_input")
    g.nodes.append(helper.make_node("Shape", [], ["s"], name="shape0"))
    g.node("Reshape", ["x", "s"], ["y"], "reshape0")
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])


def huge_input_dim():
    """A graph input with a dimension of 2^63 - 1 (the sanitizer campaign
    found signed overflows in the shape arithmetic behind it)."""
    g = Graph("huge_input_dim")
    g.node("MaxPool", ["x"], ["y"], "pool0", kernel_shape=[2, 2])
    return raw_model(g, [("x", [1, 3, 2**63 - 1, 8])], [("y", [1, 3, 4, 4])])


def reshape_huge():
    """A Reshape to a dimension beyond int64 (a double converted to int64,
    undefined before it was checked)."""
    g = Graph("reshape_huge")
    shape = g.const("shape", np.array([1, 2**62 * 2 - 1], np.int64))
    g.node("Reshape", ["x", shape], ["y"], "reshape0")
    return raw_model(g, [("x", [1, 3, 8, 8])], [("y", [1, 192])])


def conv_integer_bad_zero_points():
    """A ConvInteger with 3 weight zero points for 4 output channels."""
    g = integer_conv_graph("conv_integer_bad_zero_points", np.zeros(3, np.int8))
    return raw_model(g, [("x", [1, 3, 4, 4])], [("out", [1, 4, 4, 4])])


BAD_FIXTURES = {
    "huge_input_dim": huge_input_dim,
    "reshape_huge": reshape_huge,
    "shape_no_input": shape_no_input,
    "conv_rank3_input": conv_rank3_input,
    "qlinearconv_rank2_input": qlinearconv_rank2_input,
    "short_raw_data": short_raw_data,
    "duplicate_output": duplicate_output,
    "unsorted_nodes": unsorted_nodes,
    "negative_input_dim": negative_input_dim,
    "bad_initializer_data": bad_initializer_data,
    "clip_inverted": clip_inverted,
    "clip_nan": clip_nan,
    "bad_stride": bad_stride,
    "bad_pool_stride": bad_pool_stride,
    "no_outputs": no_outputs,
    "negative_dims": negative_dims,
    "bn_int": bn_int,
    "bn_negative_var": bn_negative_var,
    "conv_integer_bad_zero_points": conv_integer_bad_zero_points,
}


def main():
    if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for name, build in (list(FIXTURES.items()) + list(UNCHECKED_FIXTURES.items())
                        + list(BAD_FIXTURES.items())):
        path = os.path.join(out_dir, name + ".onnx")
        onnx.save(build(), path)
        written.append(path)
    # A malformed file: the first half of conv.onnx.
    with open(os.path.join(out_dir, "conv.onnx"), "rb") as f:
        data = f.read()
    path = os.path.join(out_dir, "truncated.onnx")
    with open(path, "wb") as f:
        f.write(data[:len(data) // 2])
    written.append(path)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
