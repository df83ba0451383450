#!/usr/bin/python3
"""Plots an accel-dse run: latency against energy for every feasible point
(grey), the Pareto front (coloured by area), and named points (e.g. the
preset the template is built around) as stars.

    /usr/bin/python3 scripts/plot_dse.py DIR OUT.svg [--title T]
                                         [--mark NAME=ARCH]...

DIR is accel-dse's --out directory (points.csv, front.csv); ARCH an
accelerator name from its `arch` column. Needs Debian's python3-matplotlib.
"""

import argparse
import csv
import os

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402


def rows(path):
    with open(path, newline="") as f:
        return [r for r in csv.DictReader(f)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("out")
    parser.add_argument("--title", default="")
    parser.add_argument("--mark", action="append", default=[],
                        help="NAME=ARCH: a point to label")
    args = parser.parse_args()
    points = [r for r in rows(os.path.join(args.dir, "points.csv"))
              if r["feasible"] == "1"]
    front = rows(os.path.join(args.dir, "front.csv"))

    def xy(rs):
        return ([float(r["seconds"]) * 1e3 for r in rs],
                [float(r["energy_pj"]) * 1e-6 for r in rs])

    plt.rcParams["svg.hashsalt"] = "accel-dse"  # reproducible ids
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(6.4, 4.4))
    x, y = xy(points)
    ax.scatter(x, y, s=10, c="#bbbbbb", label=f"feasible points ({len(points)})")
    fx, fy = xy(front)
    sc = ax.scatter(fx, fy, s=28, c=[float(r["area_mm2"]) for r in front],
                    cmap="viridis", edgecolors="black", linewidths=0.4,
                    label=f"Pareto front ({len(front)})", zorder=3)
    fig.colorbar(sc, ax=ax, label="area (mm$^2$, 45 nm)")
    by_arch = {r["arch"]: r for r in points}
    for mark in args.mark:
        name, arch = mark.split("=", 1)
        if arch not in by_arch:
            raise SystemExit(f"{arch}: not a feasible point of {args.dir}")
        mx, my = xy([by_arch[arch]])
        ax.scatter(mx, my, marker="*", s=160, c="red", edgecolors="black",
                   linewidths=0.5, zorder=4)
        ax.annotate(name, (mx[0], my[0]), textcoords="offset points",
                    xytext=(6, 6), fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("latency (ms)")
    ax.set_ylabel("energy (uJ)")
    ax.set_title(args.title, fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(args.out, metadata={"Date": None})


if __name__ == "__main__":
    main()
