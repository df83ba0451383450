#!/usr/bin/env bash
# For dse-slurm.test: starts a single-node Slurm in STATE, runs a 4-shard
# sweep through scripts/dse-slurm.sh into OUT, and stops Slurm whatever
# happens.
#   run-dse-slurm.sh SRC_ROOT ACCEL_DSE STATE OUT accel-dse arguments...
set -euo pipefail
root=$1 dse=$2 state=$3 out=$4
shift 4
trap '"$root/scripts/slurm-localhost.sh" stop "$state"' EXIT
"$root/scripts/slurm-localhost.sh" start "$state" >/dev/null
SLURM_CONF="$state/slurm.conf" ACCEL_DSE="$dse" ACCEL_SLURM_WAIT=1 \
  "$root/scripts/dse-slurm.sh" 4 "$out" "$@"
