#!/usr/bin/python3
"""Model zoo: exports the CNNs accel-opt is evaluated on to ONNX (opset 13).

Every model gets random weights (torchvision's weights=None, torch.manual_seed(0)
before each one); nothing is ever downloaded. Models are exported in eval()
mode with constant folding, so BatchNorm is folded into the convolutions where
torch's exporter does it.

    /usr/bin/python3 scripts/export_models.py [--out models/] [--only NAME,...]
                                              [--set core|extended|all]
                                              [--list] [--force]

The core set is what the benchmarks fuse, lower and run; the extended set
(torchvision families the importer must also take: ShuffleNet, DenseNet,
Inception, EfficientNet, ConvNeXt, RegNet, ...) is imported and costed by
bench/zoo.sh, each checked against the MACs torchvision publishes for it.

Needs Debian's python3-torch, python3-torchvision and python3-onnx (use
/usr/bin/python3, not a pyenv python). Existing files are skipped unless
--force. The generated .onnx files are not committed (models/ and *.onnx are
in .gitignore): regenerate them with this script.
"""

import argparse
import os
import sys
import time

import torch
import torch.nn as nn
import torchvision.models as tvm
import torchvision.models.segmentation as tvseg


# --------------------------------------------------------------------------
# U-Net

def double_conv(cin, cout):
    """Two 3x3 conv + BatchNorm + ReLU."""
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


def upsampler(cin, cout, resize):
    """2x upsampling from cin to cout channels: a transposed convolution, or
    (resize=True) a bilinear resize followed by a 1x1 conv."""
    if resize:
        return nn.Sequential(
            nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
            nn.Conv2d(cin, cout, 1),
        )
    return nn.ConvTranspose2d(cin, cout, kernel_size=2, stride=2)


class UNet(nn.Module):
    """Standard U-Net: 4 down stages (double conv then 2x2 max pooling), a
    bottleneck, 4 up stages (2x upsampling, concatenation with the skip
    connection, double conv) and a 1x1 conv to the classes."""

    def __init__(self, in_channels=3, num_classes=2, base=32, resize=False):
        super().__init__()
        widths = [base * 2 ** i for i in range(4)]  # 32, 64, 128, 256
        self.downs = nn.ModuleList()
        cin = in_channels
        for w in widths:
            self.downs.append(double_conv(cin, w))
            cin = w
        self.pool = nn.MaxPool2d(2, 2)
        self.bottleneck = double_conv(widths[-1], widths[-1] * 2)  # 512
        self.ups = nn.ModuleList()
        self.up_convs = nn.ModuleList()
        cin = widths[-1] * 2
        for w in reversed(widths):
            self.ups.append(upsampler(cin, w, resize))
            self.up_convs.append(double_conv(2 * w, w))
            cin = w
        self.head = nn.Conv2d(widths[0], num_classes, 1)

    def forward(self, x):
        skips = []
        for down in self.downs:
            x = down(x)
            skips.append(x)
            x = self.pool(x)
        x = self.bottleneck(x)
        for up, conv, skip in zip(self.ups, self.up_convs, reversed(skips)):
            x = conv(torch.cat([up(x), skip], dim=1))
        return self.head(x)


# --------------------------------------------------------------------------
# The zoo: name -> (constructor, input shape)

IMAGENET = (1, 3, 224, 224)
MODELS = {
    "resnet18": (lambda: tvm.resnet18(weights=None), IMAGENET),
    "resnet50": (lambda: tvm.resnet50(weights=None), IMAGENET),
    "vgg16": (lambda: tvm.vgg16(weights=None), IMAGENET),
    "mobilenet_v2": (lambda: tvm.mobilenet_v2(weights=None), IMAGENET),
    "mobilenet_v3_small": (lambda: tvm.mobilenet_v3_small(weights=None), IMAGENET),
    "mobilenet_v3_large": (lambda: tvm.mobilenet_v3_large(weights=None), IMAGENET),
    "mnasnet1_0": (lambda: tvm.mnasnet1_0(weights=None), IMAGENET),
    "unet": (lambda: UNet(resize=False), (1, 3, 256, 256)),
    "unet_resize": (lambda: UNet(resize=True), (1, 3, 256, 256)),
}

# Families beyond the core set. Inception-v3 takes 299x299; DeepLab-v3
# returns a dict, of which its "out" map is the network's output.
class SegmentationOut(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def quantized_qdq(constructor, shape):
    """The model with its batch norms folded, quantised as PyTorch's
    quantisation-aware training does (per-channel int8 weights, uint8
    activations), calibrated on 4 seeded random inputs and frozen: its
    fake quantisation exports as QuantizeLinear/DequantizeLinear pairs (the
    QDQ format)."""
    from torch.ao.quantization import QConfigMapping, get_default_qat_qconfig
    from torch.ao.quantization import disable_observer
    from torch.ao.quantization.quantize_fx import prepare_qat_fx
    from torch.fx.experimental.optimization import fuse
    model = fuse(constructor().eval())
    # (Version 0: FakeQuantize modules, which export; the fused observers
    # of later versions do not.)
    mapping = QConfigMapping().set_global(get_default_qat_qconfig("fbgemm", 0))
    model.train()
    prepared = prepare_qat_fx(model, mapping, (torch.zeros(*shape),))
    prepared.eval()
    generator = torch.Generator().manual_seed(1)
    with torch.no_grad():
        for _ in range(4):
            prepared(torch.randn(*shape, generator=generator))
    prepared.apply(disable_observer)
    return prepared


EXTENDED = {
    "shufflenet_v2_x1_0": (lambda: tvm.shufflenet_v2_x1_0(weights=None), IMAGENET),
    "deeplabv3_mobilenet_v3_large": (
        lambda: SegmentationOut(tvseg.deeplabv3_mobilenet_v3_large(
            weights=None, weights_backbone=None, aux_loss=False)), IMAGENET),
    "densenet121": (lambda: tvm.densenet121(weights=None), IMAGENET),
    "inception_v3": (lambda: tvm.inception_v3(
        weights=None, aux_logits=False, init_weights=False), (1, 3, 299, 299)),
    "efficientnet_b0": (lambda: tvm.efficientnet_b0(weights=None), IMAGENET),
    "convnext_tiny": (lambda: tvm.convnext_tiny(weights=None), IMAGENET),
    "regnet_y_400mf": (lambda: tvm.regnet_y_400mf(weights=None), IMAGENET),
    "googlenet": (lambda: tvm.googlenet(
        weights=None, aux_logits=False, init_weights=False), IMAGENET),
    "squeezenet1_1": (lambda: tvm.squeezenet1_1(weights=None), IMAGENET),
    "alexnet": (lambda: tvm.alexnet(weights=None), IMAGENET),
    "resnext50_32x4d": (lambda: tvm.resnext50_32x4d(weights=None), IMAGENET),
    "efficientnet_v2_s": (lambda: tvm.efficientnet_v2_s(weights=None), IMAGENET),
    # 68.9 M parameters: the model the weights-file measurements use.
    "wide_resnet50_2": (lambda: tvm.wide_resnet50_2(weights=None), IMAGENET),
    "resnet18_qdq": (lambda: quantized_qdq(
        lambda: tvm.resnet18(weights=None), IMAGENET), IMAGENET),
    # The same network in onnxruntime's integer-operator form (ConvInteger,
    # MatMulInteger): the QDQ export rewritten by integer_operators.
    "resnet18_integer": (lambda: quantized_qdq(
        lambda: tvm.resnet18(weights=None), IMAGENET), IMAGENET),
}
ALL = {**MODELS, **EXTENDED}

# The multiply-accumulates of convolutions and linear layers torchvision
# publishes for each model (its model documentation's "GFLOPS", the weights'
# meta["_ops"] from torchvision 0.15 on, which count one multiply-add as
# one operation), at the input size each is listed with here. Debian's
# torchvision predates the field. EfficientNet-v2-S is published at
# 384x384 (8.37) and DeepLab-v3 at 520x520 (10.45): scaled by the pixel
# count to 224x224 (every layer's work scales with it).
PUBLISHED_GMACS = {
    "resnet18": 1.81, "resnet50": 4.09, "vgg16": 15.47,
    "mobilenet_v2": 0.30, "mobilenet_v3_small": 0.06,
    "mobilenet_v3_large": 0.22, "mnasnet1_0": 0.31,
    "shufflenet_v2_x1_0": 0.14, "deeplabv3_mobilenet_v3_large": 10.45 * (224 / 520) ** 2,
    "densenet121": 2.83, "inception_v3": 5.71, "efficientnet_b0": 0.39,
    "convnext_tiny": 4.46, "regnet_y_400mf": 0.40, "googlenet": 1.50,
    "squeezenet1_1": 0.35, "alexnet": 0.71, "resnext50_32x4d": 4.23,
    "efficientnet_v2_s": 8.37 * (224 / 384) ** 2, "wide_resnet50_2": 11.40,
    "resnet18_qdq": 1.81, "resnet18_integer": 1.81,
}


# The torchvision weights whose published ImageNet top-1 accuracy stands for
# each architecture (the original recipe, IMAGENET1K_V1; read from the
# weights' own metadata, offline): the accuracy axis of accel-dse.
WEIGHTS = {
    "resnet18": "ResNet18_Weights", "resnet50": "ResNet50_Weights",
    "vgg16": "VGG16_Weights", "mobilenet_v2": "MobileNet_V2_Weights",
    "mobilenet_v3_small": "MobileNet_V3_Small_Weights",
    "mobilenet_v3_large": "MobileNet_V3_Large_Weights",
    "mnasnet1_0": "MNASNet1_0_Weights",
    "shufflenet_v2_x1_0": "ShuffleNet_V2_X1_0_Weights",
    "densenet121": "DenseNet121_Weights", "inception_v3": "Inception_V3_Weights",
    "efficientnet_b0": "EfficientNet_B0_Weights",
    "convnext_tiny": "ConvNeXt_Tiny_Weights",
    "regnet_y_400mf": "RegNet_Y_400MF_Weights", "googlenet": "GoogLeNet_Weights",
    "squeezenet1_1": "SqueezeNet1_1_Weights", "alexnet": "AlexNet_Weights",
    "resnext50_32x4d": "ResNeXt50_32X4D_Weights",
    "efficientnet_v2_s": "EfficientNet_V2_S_Weights",
    "wide_resnet50_2": "Wide_ResNet50_2_Weights",
}


def integer_operators(model):
    """A QDQ model rewritten as onnxruntime writes integer operators: each
    Conv (Gemm) on a DequantizeLinear input and DequantizeLinear weights
    becomes ConvInteger (MatMulInteger, on the transposed weights) of the
    quantized input and the int8 weights, whose int32 result is cast to
    float, multiplied by the input and weight scales and added its float
    bias. Nodes left unused are dropped."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    producer = {o: n for n in g.node for o in n.output}

    def array(name):
        """An initializer's values, through Identity and Constant nodes."""
        if name in inits:
            return numpy_helper.to_array(inits[name])
        node = producer[name]
        if node.op_type == "Identity":
            return array(node.input[0])
        value = [a for a in node.attribute if a.name == "value"]
        return numpy_helper.to_array(value[0].t)

    def add(name, a):
        g.initializer.append(numpy_helper.from_array(a, name))
        return name

    nodes = []
    for n in g.node:
        dx = producer.get(n.input[0]) if n.input else None
        dw = producer.get(n.input[1]) if len(n.input) > 1 else None
        qw = producer.get(dw.input[0]) if dw is not None else None
        if (n.op_type not in ("Conv", "Gemm") or dx is None or dw is None
                or dx.op_type != "DequantizeLinear" or qw is None
                or dw.op_type != "DequantizeLinear"
                or qw.op_type != "QuantizeLinear"
                or qw.input[0] not in inits):
            nodes.append(n)
            continue
        conv = n.op_type == "Conv"
        # (What torch exports: a Gemm of transB with alpha = beta = 1, and
        # weights quantized per output channel, axis 0. Anything else would
        # need its own rewrite.)
        attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
        axis = {a.name: helper.get_attribute_value(a)
                for a in qw.attribute}.get("axis", 1)
        assert conv or (attrs.get("transB") == 1 and
                        attrs.get("alpha", 1.0) == 1.0 and
                        attrs.get("beta", 1.0) == 1.0), n.name
        w, sw, zw = array(qw.input[0]), array(qw.input[1]), array(qw.input[2])
        assert sw.size == 1 or axis == 0, qw.name
        k = w.shape[0]
        per = (-1,) + (1,) * (w.ndim - 1)
        wq = np.clip(np.rint(w / sw.reshape(per)) + zw.reshape(per),
                     -128, 127).astype(np.int8)
        sx = array(dx.input[1]).astype(np.float64).reshape(-1)[0]
        scale = (sx * sw.astype(np.float64)).astype(np.float32)
        base = n.name
        if conv:
            wname = add(base + ".weight_int8", wq)
            layer = helper.make_node(
                "ConvInteger", [dx.input[0], wname, dx.input[2], qw.input[2]],
                [base + ".int32"], base)
            layer.attribute.extend(n.attribute)
            shape = (1, k, 1, 1)
        else:
            wname = add(base + ".weight_int8", np.ascontiguousarray(wq.T))
            layer = helper.make_node(
                "MatMulInteger", [dx.input[0], wname, dx.input[2], qw.input[2]],
                [base + ".int32"], base)
            shape = (1, k)
        cast = helper.make_node("Cast", [base + ".int32"], [base + ".float"],
                                base + "/cast", to=TensorProto.FLOAT)
        sname = add(base + ".scale", scale.reshape(shape))
        has_bias = len(n.input) > 2 and n.input[2]
        mul = helper.make_node(
            "Mul", [base + ".float", sname],
            [base + ".scaled" if has_bias else n.output[0]], base + "/scale")
        nodes += [layer, cast, mul]
        if has_bias:
            bname = add(base + ".bias", array(n.input[2]).reshape(shape))
            nodes.append(helper.make_node(
                "Add", [base + ".scaled", bname], [n.output[0]], base + "/bias"))
    # Drop what nothing reads any more (the weights' quantization, the
    # dequantizations the layers no longer take).
    outputs = {o.name for o in g.output}
    while True:
        read = {i for n in nodes for i in n.input} | outputs
        kept = [n for n in nodes if any(o in read for o in n.output)]
        if len(kept) == len(nodes):
            break
        nodes = kept
    del g.node[:]
    g.node.extend(nodes)
    read = {i for n in nodes for i in n.input}
    live = [t for t in g.initializer if t.name in read]
    del g.initializer[:]
    g.initializer.extend(live)
    del g.value_info[:]
    return model


# Models exported as another's ONNX rewritten.
REWRITES = {"resnet18_integer": integer_operators}


def top1(name):
    """The published ImageNet top-1 accuracy (%) of a model, or None."""
    weights = WEIGHTS.get(name)
    if not weights:
        return None
    meta = getattr(tvm, weights).IMAGENET1K_V1.meta
    return meta["_metrics"]["ImageNet-1K"]["acc@1"]


def build(name):
    """The model (seeded weights) and its input."""
    constructor, shape = ALL[name]
    torch.manual_seed(0)
    model = constructor().eval()
    return model, torch.randn(*shape)


def export(name, path):
    """Exports one model to path; returns the seconds it took."""
    model, x = build(name)
    start = time.perf_counter()
    # (Written aside and renamed: a failed export leaves no file behind
    # that a later run would take as done.)
    partial = path + ".partial"
    with torch.no_grad():
        torch.onnx.export(model, x, partial, opset_version=13,
                          input_names=["input"], output_names=["output"],
                          do_constant_folding=True)
    if name in REWRITES:
        import onnx
        model = REWRITES[name](onnx.load(partial))
        model = onnx.shape_inference.infer_shapes(model)
        onnx.checker.check_model(model)
        onnx.save(model, partial)
    os.replace(partial, path)
    return time.perf_counter() - start


def write_reference(name, out):
    """Writes the model's input and PyTorch's output on it as .npy
    (<name>.input.npy, <name>.output.npy): what accel-run's result is
    compared with."""
    import numpy
    model, x = build(name)
    with torch.no_grad():
        y = model(x)
    numpy.save(os.path.join(out, name + ".input.npy"), x.numpy())
    numpy.save(os.path.join(out, name + ".output.npy"), y.numpy())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="models", help="output directory")
    parser.add_argument("--only", help="comma-separated model names")
    parser.add_argument("--list", action="store_true",
                        help="list the models: name, input shape, published "
                             "GMACs")
    parser.add_argument("--accuracy", action="store_true",
                        help="list name and published ImageNet top-1 accuracy "
                             "(torchvision's weights metadata)")
    parser.add_argument("--set", default="core",
                        choices=["core", "extended", "all"],
                        help="which models (default: core)")
    parser.add_argument("--force", action="store_true",
                        help="overwrite existing files")
    args = parser.parse_args()

    chosen = {"core": MODELS, "extended": EXTENDED, "all": ALL}[args.set]
    if args.accuracy:
        for name in chosen:
            if top1(name) is not None:
                print(f"{name:20} {top1(name)}")
        return 0
    if args.list:
        for name, (_, shape) in chosen.items():
            published = PUBLISHED_GMACS.get(name)
            print(f"{name:20} {'x'.join(map(str, shape))}"
                  + (f" {published:.3f}" if published else ""))
        return 0

    names = list(chosen)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in ALL]
        if unknown:
            parser.error(f"unknown model(s): {', '.join(unknown)}; "
                         f"known: {', '.join(ALL)}")

    os.makedirs(args.out, exist_ok=True)
    for name in names:
        path = os.path.join(args.out, name + ".onnx")
        reference = os.path.join(args.out, name + ".output.npy")
        if not os.path.exists(reference) or args.force:
            write_reference(name, args.out)
        if os.path.exists(path) and not args.force:
            size = os.path.getsize(path) / 1e6
            print(f"{name:20} {path:36} {size:8.1f} MB   (exists, skipped)")
            continue
        seconds = export(name, path)
        size = os.path.getsize(path) / 1e6
        print(f"{name:20} {path:36} {size:8.1f} MB {seconds:6.1f} s",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
