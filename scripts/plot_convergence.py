#!/usr/bin/env python3
"""Convergence plot (SVG, no plotting library needed) from the statistics
accel-bench-mapper writes with --stats=FILE.

    scripts/plot_convergence.py STATS.csv LAYER-SUBSTRING OUT.svg

One line per strategy: the best objective found so far after each generation
(or each budget slice of one population for the other strategies), relative
to the best any strategy found for that layer, on a log scale.
"""
import csv
import sys

import svgplot


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
    svgplot.convergence(
        series, f"{layer[0]} {layer[1]}: best so far / best found (log)",
        "generation (one population of evaluations each)", out)


if __name__ == "__main__":
    main()
