#!/usr/bin/python3
"""CiMNet's comparison on an accel-dse sweep with a network axis
(--network-axis --strategy=exhaustive): for each accuracy target, the
lowest latency that

  * joint search finds (any hardware point within the budget, any network
    at least as accurate),
  * network search alone finds on a fixed accelerator (the preset),
  * network search then hardware search finds (the network chosen on the
    preset, then the best hardware for it),
  * hardware search alone finds for a fixed reference network (when it is
    accurate enough),

and the speedups of joint search over each; then, as CiMNet reports it,
each search's speedup over the reference network on the preset at the
reference's accuracy. The budget is the template's constraints
(infeasible points are left out).

    /usr/bin/python3 scripts/dse_compare.py DIR --preset ARCH
                                            --reference NETWORK
                                            [--targets 67,70,72,74,76,77]
"""

import argparse
import csv
import os


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir")
    parser.add_argument("--preset", required=True,
                        help="the fixed accelerator (an `arch` of points.csv)")
    parser.add_argument("--reference", required=True,
                        help="the network hardware search alone is for")
    parser.add_argument("--targets", default="67,70,72,74,76,77")
    args = parser.parse_args()
    with open(os.path.join(args.dir, "points.csv"), newline="") as f:
        points = [r for r in csv.DictReader(f) if r["feasible"] == "1"]
    if not points or "accuracy" not in points[0]:
        raise SystemExit(f"{args.dir}: not a sweep with a network axis")
    for p in points:
        p["ms"] = float(p["seconds"]) * 1e3
        p["acc"] = float(p["accuracy"])

    def best(candidates):
        return min(candidates, key=lambda p: p["ms"], default=None)

    def cell(p):
        return (f"{p['ms']:.2f} ms ({p['network_name']}, {p['arch']})"
                if p else "-")

    print("| top-1 target | joint search | network search on the preset | "
          "network, then hardware | hardware search for "
          f"{args.reference} | joint vs network only | joint vs sequential | "
          f"joint vs hardware only |")
    print("|---|---|---|---|---|---|---|---|")
    for target in [float(t) for t in args.targets.split(",")]:
        ok = [p for p in points if p["acc"] >= target]
        joint = best(ok)
        network = best(p for p in ok if p["arch"] == args.preset)
        sequential = best(p for p in ok if network and
                          p["network_name"] == network["network_name"])
        hardware = best(p for p in ok if p["network_name"] == args.reference)

        def ratio(p):
            return f"{p['ms'] / joint['ms']:.2f}x" if p and joint else "-"

        print(f"| {target:g}% | {cell(joint)} | {cell(network)} | "
              f"{cell(sequential)} | {cell(hardware)} | {ratio(network)} | "
              f"{ratio(sequential)} | {ratio(hardware)} |")


    base = [p for p in points
            if p["network_name"] == args.reference and p["arch"] == args.preset]
    if base:
        base = base[0]
        ok = [p for p in points if p["acc"] >= base["acc"]]
        joint = best(ok)
        network = best(p for p in ok if p["arch"] == args.preset)
        hardware = best(p for p in ok if p["network_name"] == args.reference)
        print(f"\n{args.reference} on {args.preset}: {base['ms']:.2f} ms at "
              f"{base['acc']:g}%; at that accuracy, network search alone "
              f"{base['ms'] / network['ms']:.2f}x faster, hardware search "
              f"alone {base['ms'] / hardware['ms']:.2f}x, joint search "
              f"{base['ms'] / joint['ms']:.2f}x")


if __name__ == "__main__":
    main()
