"""SVG line and bar plots without a plotting library, shared by
plot_convergence.py (mapping searches) and plot_fusion.py (fusion searches).
"""
import math

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
          "#e377c2"]


def header(w, h, left, top, right, bottom, title):
    """The opening of an SVG of w x h with its title and axes."""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="white"/>',
        f'<text x="{left}" y="20">{title}</text>',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" '
        f'y2="{h - bottom}" stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" '
        'stroke="black"/>',
    ]


def write(out, lines):
    lines.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def convergence(series, title, xlabel, out, tick_every=10):
    """One line per strategy of `series` (name -> best so far per
    generation): each value over the best of all, on a log scale."""
    best = min(v for s in series.values() for v in s if math.isfinite(v))
    w, h, left, top, right, bottom = 640, 400, 70, 40, 150, 50
    gens = max(len(s) for s in series.values())
    ratios = [v / best for s in series.values() for v in s if math.isfinite(v)]
    ymax = math.log10(max(ratios)) if max(ratios) > 1 else 0.1

    def x(g):
        return left + (w - left - right) * g / max(1, gens - 1)

    def y(r):
        return top + (h - top - bottom) * (1 - math.log10(r) / ymax)

    lines = header(w, h, left, top, right, bottom, title)
    lines.append(f'<text x="{(left + w - right) / 2}" y="{h - 15}" '
                 f'text-anchor="middle">{xlabel}</text>')
    ticks = [m * 10 ** e for e in range(0, int(math.ceil(ymax)) + 1)
             for m in (1, 1.5, 2, 3, 5)]
    for r in ticks:
        if math.log10(r) <= ymax:
            lines.append(f'<text x="{left - 8}" y="{y(r) + 4}" '
                         f'text-anchor="end">{r:g}x</text>')
    for g in range(0, gens, tick_every):
        lines.append(f'<text x="{x(g)}" y="{h - bottom + 16}" '
                     f'text-anchor="middle">{g}</text>')
    for i, (name, values) in enumerate(sorted(series.items())):
        color = COLORS[i % len(COLORS)]
        pts = [f"{x(g):.1f},{y(v / best):.1f}"
               for g, v in enumerate(values) if math.isfinite(v)]
        if pts:
            lines.append(f'<polyline fill="none" stroke="{color}" '
                         f'stroke-width="2" points="{" ".join(pts)}"/>')
        lines.append(f'<text x="{w - right + 10}" y="{top + 18 * i + 10}" '
                     f'fill="{color}">{name}</text>')
    write(out, lines)
