#!/usr/bin/env bash
# Every zoo model from ONNX to an acmd program and run: imported in f32
# (weights in an .npz file, --onnx-weights=file), fused and mapped by --accel-pipeline (seed 1, the
# searches' default budgets unless ACCEL_LOWERING_OPTS says otherwise) at
# the accelerator's precision, converted to it (--accel-convert-precision:
# f16 on eyeriss-like) and lowered (--accel-lower-to-acmd), run by
# accel-run on the model's seeded input against PyTorch's f32 output (max
# |diff| / max |output| within accel-run's default tolerance: 1e-4 for f32
# data, 3.9e-3 for f16, 3.1e-2 for bf16). An accelerator given as NAME:ir
# keeps the IR's f32 (precision=ir): simba-like's 8-bit data needs a
# quantised model; NAME:bf16 stores 16-bit data as bfloat16 (the random-
# weight MobileNets' outputs, about 1e-9, underflow f16). The
# executor also checks, segment by segment, that the DRAM bytes the
# commands move equal the cost model's prediction and that a group's peak
# on-chip bytes equal its footprint; it fails otherwise. Prints one line
# per model and accelerator: segments (groups and layers alone), those
# whose prediction is the group model's (layers lowered as a group of one;
# concats and resizes alone, lowered in pieces), commands, the program's text without the weights' values, the
# run's seconds, DRAM MiB moved against the cost report's (the difference:
# biases, which the single-layer model leaves out, and the group model's
# segments: concats, which the cost report counts free),
# the output's difference. Fails if any model fails.
#
#   bench/lowering.sh [MODEL...]      (default: every zoo model)
#   ACCEL_LOWERING_ARCHS="eyeriss-like simba-like:ir" (default)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
models="$ACCEL_ROOT/models"
accel_install_packages python3-torch python3-torchvision python3-onnx python3-numpy
accel_configure
accel_build accel-opt accel-translate accel-run
names=${*:-$(/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --list | awk '{print $1}')}
archs=${ACCEL_LOWERING_ARCHS:-eyeriss-like simba-like:ir}
opts=${ACCEL_LOWERING_OPTS:-}
/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --out "$models" \
  --only "$(echo $names | tr ' ' ',')" >&2
bin="$ACCEL_BUILD_DIR/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
printf '%-20s %-13s %6s %5s %8s %9s %8s %15s %10s %s\n' model arch segments alone \
  commands 'KiB(text)' run-s 'DRAM-MiB(m/r)' rel-diff verdict
for n in $names; do
  # The weights' values in an .npz file the program names (accel-run binds
  # them from it).
  "$bin/accel-translate" --import-onnx "$models/$n.onnx" --onnx-weights=file \
    --onnx-weights-file="$work/$n.weights.npz" -o "$work/$n.mlir"
  for entry in $archs; do
    arch=${entry%%:*}
    precision=accel
    float=f16
    case $entry in
    *:ir) precision=ir ;;
    *:bf16) float=bf16 ;;
    esac
    # Fused and mapped, its cost report (the model's DRAM bytes for the
    # network), then lowered.
    if ! "$bin/accel-opt" "$work/$n.mlir" \
      --accel-pipeline="arch=$arch precision=$precision seed=1 stop-after=fuse $opts" \
      --mlir-print-op-on-diagnostic=false -o "$work/$n.fused.mlir" \
      2>"$work/$n.remarks" ||
      ! "$bin/accel-opt" "$work/$n.fused.mlir" \
        --accel-convert-precision="float-type=$float" \
        --accel-lower-to-acmd \
        --mlir-print-op-on-diagnostic=false -o "$work/$n.acmd.mlir" \
        2>>"$work/$n.remarks"; then
      grep error "$work/$n.remarks" | head -3 >&2
      printf '%-20s %-13s %s\n' "$n" "$arch" 'LOWERING FAILED'
      status=1
      continue
    fi
    reported=$("$bin/accel-opt" "$work/$n.fused.mlir" \
      --accel-cost-report=format=json -o /dev/null |
      /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["total"]["dram_bytes"])')
    fallbacks=$(grep -c "its DRAM traffic is the group model's" "$work/$n.remarks" || true)
    # The program without its constants' values: what a driver streams.
    size=$("$bin/accel-opt" "$work/$n.acmd.mlir" \
      --mlir-elide-elementsattrs-if-larger=16 | wc -c)
    if ! out=$("$bin/accel-run" "$work/$n.acmd.mlir" \
      --input="$models/$n.input.npy" --compare="$models/$n.output.npy" 2>&1); then
      echo "$out" | tail -3 >&2
      printf '%-20s %-13s %s\n' "$n" "$arch" 'RUN FAILED'
      status=1
      continue
    fi
    groups=$(echo "$out" | sed -n 's/^\([0-9]*\) segments:.*/\1/p')
    commands=$(echo "$out" | sed -n 's/^\([0-9]*\) commands;.*/\1/p')
    seconds=$(echo "$out" | sed -n 's/^ran @.* in \([0-9.]*\) s.*/\1/p')
    moved=$(echo "$out" | sed -n 's/.*(read \([0-9]*\) B, written \([0-9]*\) B).*/\1 \2/p' |
      awk '{print $1 + $2}')
    dram=$(awk -v m="$moved" -v r="$reported" \
      'BEGIN {printf "%.1f/%.1f", m / 1048576, r / 1048576}')
    rel=$(echo "$out" | sed -n 's/.*= \([0-9.e+-]*\) x max.*/\1/p')
    verdict=$(echo "$out" | sed -n 's/.*: \(match\|MISMATCH\) (tolerance.*/\1/p')
    [ "$verdict" = match ] || status=1
    printf '%-20s %-13s %6s %5s %8s %9s %8s %15s %10s %s\n' "$n" "$entry" \
      "$groups" "$fallbacks" "$commands" "$((size / 1024))" "$seconds" "$dram" \
      "$rel" "$verdict"
  done
done
exit $status
