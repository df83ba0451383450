#!/usr/bin/env bash
# The fusion experiments of docs/Fusion.md and the README's fusion table,
# with accel-bench-fusion (seed 0, every budget at its default unless said):
#   seed000    ResNet-50, MobileNet-v3 large/small, U-Net (both variants) on
#              simba-like (8-bit) and eyeriss-like (16-bit): GA, greedy and
#              random against layer by layer, objective EDP;
#   split      the same models on eyeriss-partitioned: the preset's split of
#              the global buffer kept vs searched;
#   hwff       HW-Flow-Fusion's setting: the first 5 layers of VGG-16 and
#              ResNet-18, halos kept (no recomputation), each execution mode;
#   dp         GA, greedy and random against dp (the optimum) on VGG-16,
#              ResNet-18 and MobileNet-v2 in their graph's order, objectives
#              energy and latency (and the GA with 200 x 100 plans);
#   speed      ResNet-50, and chains of 100, 300 and 1,000 convolutions;
#   zoo        accel-opt --accel-fuse on every zoo model on every preset (at
#              its precision), on 2 threads and on 1: the same output.
# Then the SVG plots (scripts/plot_fusion.py) into docs/img.
#
#   scripts/fusion-experiments.sh [OUT] [EXPERIMENT...]
#     OUT defaults to build/fusion-results; experiments default to all.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
out=${1:-$ACCEL_BUILD_DIR/fusion-results}
shift || true
experiments=${*:-seed000 split hwff dp speed zoo}
models="$ACCEL_ROOT/models"
mkdir -p "$out"

accel_install_packages "${ACCEL_PACKAGES[@]}" python3-torch python3-torchvision
accel_configure
accel_build accel-bench-fusion accel-opt accel-translate
bench="$ACCEL_BUILD_DIR/bench/accel-bench-fusion"
/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --out "$models" \
  --only resnet50,mobilenet_v3_large,mobilenet_v3_small,unet,unet_resize,vgg16,resnet18,mobilenet_v2 >&2
m() { for n in "$@"; do printf '%s ' "$models/$n.onnx"; done; }
seed000=$(m resnet50 mobilenet_v3_large mobilenet_v3_small unet unet_resize)

for e in $experiments; do
  log "$e"
  case $e in
  seed000)
    # shellcheck disable=SC2086
    "$bench" --arch=simba-like --precision=8 --stats="$out/simba.stats.csv" \
      --segments="$out/simba.segments.csv" $seed000 | tee "$out/simba.txt"
    # shellcheck disable=SC2086
    "$bench" --arch=eyeriss-like --precision=16 --stats="$out/eyeriss.stats.csv" \
      --segments="$out/eyeriss.segments.csv" $seed000 | tee "$out/eyeriss.txt"
    ;;
  split)
    for split in false true; do
      # shellcheck disable=SC2086
      "$bench" --arch="$ACCEL_ROOT/examples/arch/eyeriss-partitioned.yaml" \
        --precision=16 --strategies=ga --search-split=$split $seed000 |
        tee "$out/split.$split.txt"
    done
    ;;
  hwff)
    for arch in eyeriss-like gamma-edge gamma-cloud; do
      for modes in depth_first pipelined; do
        # shellcheck disable=SC2046
        "$bench" --arch=$arch --precision=16 --strategies=ga --recompute=false \
          --modes=$modes --first=5 $(m vgg16 resnet18) |
          tee "$out/hwff.$arch.$modes.txt"
      done
    done
    ;;
  dp)
    for objective in energy latency; do
      # shellcheck disable=SC2046
      "$bench" --arch=eyeriss-like --precision=16 --objective=$objective \
        --fixed-order --strategies=dp,ga,greedy,random \
        $(m vgg16 resnet18 mobilenet_v2) | tee "$out/dp.$objective.txt"
      # shellcheck disable=SC2046
      "$bench" --arch=eyeriss-like --precision=16 --objective=$objective \
        --fixed-order --strategies=ga --population=200 --generations=100 \
        $(m vgg16 resnet18 mobilenet_v2) | tee "$out/dp.$objective.200x100.txt"
    done
    ;;
  speed)
    "$bench" --arch=eyeriss-like --precision=16 --strategies=ga \
      "$models/resnet50.onnx" --chain=100 --chain=300 --chain=1000 |
      tee "$out/speed.txt"
    ;;
  zoo)
    # At each accelerator's precision (Arch::precision: 8-bit data and
    # 24-bit partial sums on simba-like, 16-bit on the others), from the
    # f32 exports.
    opt="$ACCEL_BUILD_DIR/bin/accel-opt"
    names=$(/usr/bin/python3 "$ACCEL_ROOT/scripts/export_models.py" --list |
      awk '{print $1}')
    presets=$("$opt" --accel-list-arch </dev/null | awk 'NF {print $1}')
    for n in $names; do
      "$ACCEL_BUILD_DIR/bin/accel-translate" --import-onnx "$models/$n.onnx" \
        -o "$out/$n.mlir"
      for a in $presets; do
        in="$out/$n.mlir"
        for t in 2 1; do
          "$opt" "$in" --accel-fuse="arch=$a threads=$t" \
            --mlir-print-op-on-diagnostic=false \
            -o "$out/$n.$a.t$t.mlir" 2>"$out/$n.$a.t$t.log" ||
            { echo "$n on $a: failed"; cat "$out/$n.$a.t$t.log"; exit 1; }
        done
        cmp -s "$out/$n.$a.t2.mlir" "$out/$n.$a.t1.mlir" ||
          { echo "$n on $a: 1 and 2 threads differ"; exit 1; }
        echo "$n on $a: $(grep -o 'fusion (.*' "$out/$n.$a.t2.log")"
        rm "$out/$n.$a.t1.mlir" "$out/$n.$a.t2.mlir"
      done
    done | tee "$out/zoo.txt"
    ;;
  *)
    echo "unknown experiment $e" >&2
    exit 2
    ;;
  esac
done

if [[ " $experiments " == *" seed000 "* ]]; then
  plot="/usr/bin/python3 $ACCEL_ROOT/scripts/plot_fusion.py"
  $plot convergence "$out/simba.stats.csv" mobilenet_v3_large \
    "$ACCEL_ROOT/docs/img/fusion-convergence.svg"
  $plot segments "$out/simba.segments.csv" resnet50 ga \
    "$ACCEL_ROOT/docs/img/fusion-segments.svg"
  $plot segments "$out/simba.segments.csv" mobilenet_v3_large ga \
    "$ACCEL_ROOT/docs/img/fusion-segments-mbv3.svg"
fi
log "results in $out"
