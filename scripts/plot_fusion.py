#!/usr/bin/env python3
"""Plots (SVG, no plotting library needed) of the fusion search from the
files accel-bench-fusion writes.

    scripts/plot_fusion.py convergence STATS.csv MODEL OUT.svg
    scripts/plot_fusion.py segments SEGMENTS.csv MODEL STRATEGY OUT.svg

convergence: per strategy, the best score found so far after each
generation (or budget slice), relative to the best any strategy found for
MODEL, on a log scale.

segments: for each segment of MODEL's plan under STRATEGY, in execution
order, the EDP of its layers run one by one over the EDP of the segment (a
fused group's gain; 1 for a layer on its own), after seed 000's per-layer
figure.
"""
import csv
import math
import sys

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
W, H, LEFT, TOP, RIGHT, BOTTOM = 720, 400, 70, 40, 150, 60


def header(title):
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{W}" height="{H}" fill="white"/>',
        f'<text x="{LEFT}" y="20">{title}</text>',
        f'<line x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" '
        f'y2="{H - BOTTOM}" stroke="black"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}" '
        'stroke="black"/>',
    ]


def write(out, lines):
    lines.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def convergence(path, model, out):
    series = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["model"] == model:
                series.setdefault(row["strategy"], []).append(
                    float(row["best"]))
    if not series:
        sys.exit(f"no model '{model}' in {path}")
    best = min(v for s in series.values() for v in s if math.isfinite(v))
    ratios = [v / best for s in series.values() for v in s if math.isfinite(v)]
    ymax = max(math.log10(max(ratios)), 0.01)
    gens = max(len(s) for s in series.values())

    def x(g):
        return LEFT + (W - LEFT - RIGHT) * g / max(1, gens - 1)

    def y(r):
        return TOP + (H - TOP - BOTTOM) * (1 - math.log10(r) / ymax)

    lines = header(f"{model}: best EDP so far / best found (log)")
    lines.append(f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 20}" '
                 'text-anchor="middle">generation (one population of plans '
                 'each)</text>')
    ticks = sorted({1.0, 10 ** (ymax / 4), 10 ** (ymax / 2),
                    10 ** (3 * ymax / 4), 10 ** ymax})
    for r in ticks:
        lines.append(f'<text x="{LEFT - 8}" y="{y(r) + 4}" '
                     f'text-anchor="end">{r:.3g}x</text>')
    for g in range(0, gens, 5):
        lines.append(f'<text x="{x(g)}" y="{H - BOTTOM + 16}" '
                     f'text-anchor="middle">{g}</text>')
    for i, (name, values) in enumerate(sorted(series.items())):
        color = COLORS[i % len(COLORS)]
        pts = [f"{x(g):.1f},{y(v / best):.1f}"
               for g, v in enumerate(values) if math.isfinite(v)]
        if pts:
            lines.append(f'<polyline fill="none" stroke="{color}" '
                         f'stroke-width="2" points="{" ".join(pts)}"/>')
        lines.append(f'<text x="{W - RIGHT + 10}" y="{TOP + 18 * i + 10}" '
                     f'fill="{color}">{name}</text>')
    write(out, lines)


def segments(path, model, strategy, out):
    rows = []
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["model"] == model and row["strategy"] == strategy:
                rows.append(row)
    if not rows:
        sys.exit(f"no segments of '{model}' / '{strategy}' in {path}")
    gains = []
    for r in rows:
        fused = float(r["energy_pj"]) * float(r["cycles"])
        alone = float(r["alone_energy_pj"]) * float(r["alone_cycles"])
        gains.append((alone / fused if fused > 0 else 1.0,
                      r["fused"] == "1", r["layers"].count("+") + 1))
    ymax = max(2.0, max(g for g, _, _ in gains) * 1.1)
    n = len(gains)
    step = (W - LEFT - RIGHT) / n

    def y(v):
        return TOP + (H - TOP - BOTTOM) * (1 - v / ymax)

    lines = header(f"{model} ({strategy}): EDP of the layers one by one / "
                   "EDP of the segment")
    for v in range(0, int(ymax) + 1):
        lines.append(f'<text x="{LEFT - 8}" y="{y(v) + 4}" '
                     f'text-anchor="end">{v}x</text>')
    lines.append(f'<line x1="{LEFT}" y1="{y(1)}" x2="{W - RIGHT}" '
                 f'y2="{y(1)}" stroke="#999" stroke-dasharray="4"/>')
    for i, (gain, fused, size) in enumerate(gains):
        color = COLORS[0] if fused else "#bbbbbb"
        x0 = LEFT + i * step + 0.1 * step
        lines.append(f'<rect x="{x0:.1f}" y="{y(gain):.1f}" '
                     f'width="{0.8 * step:.1f}" '
                     f'height="{y(0) - y(gain):.1f}" fill="{color}">'
                     f'<title>segment {i}: {size} layers, '
                     f'{gain:.2f}x</title></rect>')
    lines.append(f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 20}" '
                 'text-anchor="middle">segments in execution order</text>')
    lines.append(f'<text x="{W - RIGHT + 10}" y="{TOP + 10}" '
                 f'fill="{COLORS[0]}">fused group</text>')
    lines.append(f'<text x="{W - RIGHT + 10}" y="{TOP + 28}" '
                 'fill="#999">layer alone</text>')
    write(out, lines)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "convergence":
        convergence(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "segments":
        segments(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
