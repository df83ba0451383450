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
import sys

import svgplot

W, H, LEFT, TOP, RIGHT, BOTTOM = 720, 400, 70, 40, 150, 60


def convergence(path, model, out):
    series = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["model"] == model:
                series.setdefault(row["strategy"], []).append(
                    float(row["best"]))
    if not series:
        sys.exit(f"no model '{model}' in {path}")
    svgplot.convergence(series, f"{model}: best EDP so far / best found (log)",
                        "generation (one population of plans each)", out,
                        tick_every=5)


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

    lines = svgplot.header(W, H, LEFT, TOP, RIGHT, BOTTOM,
                           f"{model} ({strategy}): EDP of the layers one by "
                           "one / EDP of the segment")
    for v in range(0, int(ymax) + 1):
        lines.append(f'<text x="{LEFT - 8}" y="{y(v) + 4}" '
                     f'text-anchor="end">{v}x</text>')
    lines.append(f'<line x1="{LEFT}" y1="{y(1)}" x2="{W - RIGHT}" '
                 f'y2="{y(1)}" stroke="#999" stroke-dasharray="4"/>')
    for i, (gain, fused, size) in enumerate(gains):
        color = svgplot.COLORS[0] if fused else "#bbbbbb"
        x0 = LEFT + i * step + 0.1 * step
        lines.append(f'<rect x="{x0:.1f}" y="{y(gain):.1f}" '
                     f'width="{0.8 * step:.1f}" '
                     f'height="{y(0) - y(gain):.1f}" fill="{color}">'
                     f'<title>segment {i}: {size} layers, '
                     f'{gain:.2f}x</title></rect>')
    lines.append(f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 20}" '
                 'text-anchor="middle">segments in execution order</text>')
    lines.append(f'<text x="{W - RIGHT + 10}" y="{TOP + 10}" '
                 f'fill="{svgplot.COLORS[0]}">fused group</text>')
    lines.append(f'<text x="{W - RIGHT + 10}" y="{TOP + 28}" '
                 'fill="#999">layer alone</text>')
    svgplot.write(out, lines)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "convergence":
        convergence(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "segments":
        segments(*sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
