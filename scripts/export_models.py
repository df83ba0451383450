#!/usr/bin/python3
"""Model zoo: exports the CNNs accel-opt is evaluated on to ONNX (opset 13).

Every model gets random weights (torchvision's weights=None, torch.manual_seed(0)
before each one); nothing is ever downloaded. Models are exported in eval()
mode with constant folding, so BatchNorm is folded into the convolutions where
torch's exporter does it.

    /usr/bin/python3 scripts/export_models.py [--out models/] [--only NAME,...]
                                              [--list] [--force]

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


def build(name):
    """The model (seeded weights) and its input."""
    constructor, shape = MODELS[name]
    torch.manual_seed(0)
    model = constructor().eval()
    return model, torch.randn(*shape)


def export(name, path):
    """Exports one model to path; returns the seconds it took."""
    model, x = build(name)
    start = time.perf_counter()
    with torch.no_grad():
        torch.onnx.export(model, x, path, opset_version=13,
                          input_names=["input"], output_names=["output"],
                          do_constant_folding=True)
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
    parser.add_argument("--list", action="store_true", help="list the models")
    parser.add_argument("--force", action="store_true",
                        help="overwrite existing files")
    args = parser.parse_args()

    if args.list:
        for name, (_, shape) in MODELS.items():
            print(f"{name:20} {'x'.join(map(str, shape))}")
        return 0

    names = list(MODELS)
    if args.only:
        names = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in names if n not in MODELS]
        if unknown:
            parser.error(f"unknown model(s): {', '.join(unknown)}; "
                         f"known: {', '.join(MODELS)}")

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
