#!/usr/bin/env python3
"""Convergence plot (SVG, no plotting library needed) from the statistics
accel-bench-mapper writes with --stats=FILE.

    scripts/plot_convergence.py STATS.csv LAYER-SUBSTRING OUT.svg

One line per strategy: the best objective found so far after each generation
(or each budget slice of one population for the other strategies), relative
to the best any strategy found for that layer, on a log scale.
"""
import csv
import math
import sys

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
          "#e377c2"]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    path, needle, out = sys.argv[1:]
    series = {}
    layer = None
    with open(path) as f:
        for row in csv.DictReader(f):
            if needle not in row["layer"]:
                continue
            if layer is None:
                layer = (row["model"], row["layer"])
            if (row["model"], row["layer"]) != layer:
                continue
            series.setdefault(row["strategy"], []).append(float(row["best"]))
    if not series:
        sys.exit(f"no layer matching '{needle}' in {path}")
    best = min(v for s in series.values() for v in s if math.isfinite(v))
    w, h, left, top, right, bottom = 640, 400, 70, 40, 150, 50
    gens = max(len(s) for s in series.values())
    ratios = [v / best for s in series.values() for v in s if math.isfinite(v)]
    ymax = math.log10(max(ratios)) if max(ratios) > 1 else 0.1
    def x(g):
        return left + (w - left - right) * g / max(1, gens - 1)
    def y(r):
        return top + (h - top - bottom) * (1 - math.log10(r) / ymax)
    out_lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{left}" y="20">{layer[0]} {layer[1]}: best so far / '
        'best found (log)</text>',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" '
        f'y2="{h - bottom}" stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" '
        'stroke="black"/>',
        f'<text x="{(left + w - right) / 2}" y="{h - 15}" '
        'text-anchor="middle">generation (one population of evaluations '
        'each)</text>',
    ]
    ticks = [m * 10 ** e for e in range(0, int(math.ceil(ymax)) + 1)
             for m in (1, 1.5, 2, 3, 5)]
    for r in ticks:
        if math.log10(r) <= ymax:
            out_lines.append(f'<text x="{left - 8}" y="{y(r) + 4}" '
                             f'text-anchor="end">{r:g}x</text>')
    for g in range(0, gens, 10):
        out_lines.append(f'<text x="{x(g)}" y="{h - bottom + 16}" '
                         f'text-anchor="middle">{g}</text>')
    for i, (name, values) in enumerate(sorted(series.items())):
        color = COLORS[i % len(COLORS)]
        pts = [f"{x(g):.1f},{y(v / best):.1f}"
               for g, v in enumerate(values) if math.isfinite(v)]
        if pts:
            out_lines.append(f'<polyline fill="none" stroke="{color}" '
                             f'stroke-width="2" points="{" ".join(pts)}"/>')
        out_lines.append(f'<text x="{w - right + 10}" y="{top + 18 * i + 10}" '
                         f'fill="{color}">{name}</text>')
    out_lines.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(out_lines) + "\n")


if __name__ == "__main__":
    main()
