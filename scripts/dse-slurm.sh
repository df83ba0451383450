#!/usr/bin/env bash
# An exhaustive accel-dse sweep as a Slurm job array (docs/DSE.md, "On a
# cluster"): N shards (`accel-dse --shard=I/N`, each writing OUT/shard-I),
# then, once every shard succeeded, one job merging them into OUT
# (`accel-dse merge`): the same files a single run writes.
#
#   scripts/dse-slurm.sh N OUT --template=T.yaml NETWORK... [accel-dse options]
#
# Environment: ACCEL_DSE (the accel-dse binary; default: this checkout's
# build), ACCEL_SBATCH_ARGS (extra sbatch options: partition, account,
# time limit...), ACCEL_SLURM_WAIT=1 to wait for the merge (sbatch --wait)
# and fail if it fails. Prints the two job ids.
set -euo pipefail
shards=${1:?number of shards}
out=$(realpath -m "${2:?output directory}")
shift 2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dse=$(realpath -m "${ACCEL_DSE:-$root/build/bin/accel-dse}")
[ -x "$dse" ] || { echo "no accel-dse at $dse (set ACCEL_DSE)" >&2; exit 1; }
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "N must be >= 1" >&2; exit 1; }
template=
args=()
for a in "$@"; do
  case $a in
  --template=*) template=$(realpath -m "${a#--template=}"); a="--template=$template" ;;
  --shard=* | --out=* | --strategy=*)
    echo "dse-slurm.sh sets $a itself" >&2
    exit 1
    ;;
  -*) ;;
  *) a=$(realpath -m "$a") ;; # networks: jobs may run elsewhere
  esac
  args+=("$a")
done
[ -n "$template" ] || { echo "--template=T.yaml is required" >&2; exit 1; }
mkdir -p "$out/slurm"
quoted=$(printf '%q ' "${args[@]}")
# shellcheck disable=SC2086
array=$(sbatch --parsable ${ACCEL_SBATCH_ARGS:-} --job-name=accel-dse \
  --array="0-$((shards - 1))" --output="$out/slurm/shard-%a.log" \
  --wrap="$(printf '%q' "$dse") $quoted --strategy=exhaustive \
--shard=\$SLURM_ARRAY_TASK_ID/$shards --out=$(printf '%q' "$out")/shard-\$SLURM_ARRAY_TASK_ID")
dirs=$(for i in $(seq 0 $((shards - 1))); do printf '%q ' "$out/shard-$i"; done)
wait=()
[ "${ACCEL_SLURM_WAIT:-0}" = 1 ] && wait=(--wait)
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${ACCEL_SBATCH_ARGS:-} "${wait[@]}" \
  --job-name=accel-dse-merge --dependency="afterok:${array%%;*}" \
  --kill-on-invalid-dep=yes --output="$out/slurm/merge.log" \
  --wrap="$(printf '%q' "$dse") merge --template=$(printf '%q' "$template") \
--out=$(printf '%q' "$out") $dirs")
echo "shards: job $array; merge: job $merge"
