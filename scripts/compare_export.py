#!/usr/bin/env python3
"""Compares accel-opt's costs with Timeloop's or MAESTRO's for an export.

    accel-translate --export-timeloop mapped.mlir --export-dir=DIR
    DIR/run-timeloop.sh            # timeloop-model on every layer
    scripts/compare_export.py DIR

    accel-translate --export-maestro mapped.mlir --export-dir=DIR
    DIR/run-maestro.sh             # maestro on every layer
    scripts/compare_export.py DIR

Reads each layer file's "accel-opt: M MACs, C cycles, E pJ" comment and the
tool's results (Timeloop: the "Summary Stats" of timeloop-model.stats.txt in
the layer's run directory; MAESTRO: "Num MACs" and "Runtime" of the layer's
log, summed over a grouped layer's groups; its energies are in units of a
MAC's and are not compared); prints a row per layer (the tool's over ours)
and the medians. A layer the tool rejected is listed with its error. Needs
only the Python standard library.
"""
import glob
import os
import re
import statistics
import sys


def maestro_rows(root):
    rows, rejected = [], []
    for path in sorted(glob.glob(os.path.join(root, "L*.m"))):
        if path.endswith(".hw.m"):
            continue
        name = os.path.basename(path)[:-2]
        ours = re.search(r"// accel-opt: (\d+) MACs, (\d+) cycles, (\d+) pJ",
                         open(path).read())
        log = path + ".log"
        text = open(log).read() if os.path.exists(log) else ""
        # one per layer (a grouped layer is a layer per group)
        runtimes = [int(x) for x in re.findall(
            r"^\[Performance Analysis\]\nRuntime: (\d+)", text, re.M)]
        macs = [int(x) for x in re.findall(r"^Num MACs: (\d+)", text, re.M)]
        if not ours:
            continue
        if not runtimes or "Error" in text:
            err = next((l.strip() for l in text.splitlines() if "rror" in l),
                       "no results")
            rejected.append((name, err))
            continue
        rows.append((name, int(ours.group(1)), sum(macs), int(ours.group(2)),
                     sum(runtimes)))
    return rows, rejected


def report(tool, rows, rejected):
    """Prints a row per layer (name, MACs ours and the tool's, cycles ours
    and the tool's, optionally energies ours and the tool's), the medians of
    the tool's over ours, and the rejected layers."""
    energy = rows and len(rows[0]) == 7
    head = (f"{'layer':40} {'MACs':>11} {'cycles ours':>12} {tool:>10}"
            f" {'ratio':>6}")
    print(head + (f" {'energy uJ':>10} {tool:>10} {'ratio':>6}"
                  if energy else ""))
    for name, m, tm, c, tc, *e in rows:
        line = f"{name[:40]:40} {m:>11} {c:>12} {tc:>10} {tc / c:>6.3f}"
        if e:
            line += f" {e[0]:>10.2f} {e[1]:>10.2f} {e[1] / e[0]:>6.3f}"
        print(line + ("" if m == tm else f"  ({tool} counts {tm} MACs)"))
    if rows:
        medians = f"cycles {statistics.median(r[4] / r[3] for r in rows):.3f}"
        if energy:
            medians += (", energy "
                        f"{statistics.median(r[6] / r[5] for r in rows):.3f}")
        print(f"{len(rows)} layers accepted, {len(rejected)} rejected; "
              f"median {tool}/ours: {medians}; MACs equal in "
              f"{sum(r[1] == r[2] for r in rows)}")
    for name, err in rejected:
        print(f"rejected {name}: {err}")


def timeloop_rows(root):
    rows, rejected = [], []
    for path in sorted(glob.glob(os.path.join(root, "L*.yaml"))):
        name = os.path.basename(path)[:-5]
        ours = re.search(r"# accel-opt: (\d+) MACs, (\d+) cycles, (\d+) pJ",
                         open(path).read())
        stats = os.path.join(root, name, "timeloop-model.stats.txt")
        if not ours:
            continue
        if not os.path.exists(stats):
            log = os.path.join(root, name, "timeloop.log")
            err = ""
            if os.path.exists(log):
                err = next((l.strip() for l in open(log) if "ERROR" in l), "")
            rejected.append((name, err or "no statistics"))
            continue
        text = open(stats).read()
        summary = text[text.index("Summary Stats"):]
        cycles = int(re.search(r"^Cycles: (\d+)", summary, re.M).group(1))
        energy = float(re.search(r"^Energy: ([\d.e+]+) uJ", summary,
                                 re.M).group(1))
        macs = int(re.search(r"^Computes = (\d+)", summary, re.M).group(1))
        rows.append((name, int(ours.group(1)), macs, int(ours.group(2)),
                     cycles, int(ours.group(3)) * 1e-6, energy))
    return rows, rejected


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = sys.argv[1]
    if os.path.exists(os.path.join(root, "run-maestro.sh")):
        report("MAESTRO", *maestro_rows(root))
    else:
        report("Timeloop", *timeloop_rows(root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
