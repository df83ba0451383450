#!/usr/bin/env bash
# A single-node Slurm on this machine, for testing scripts/dse-slurm.sh
# (Debian's slurm-wlm and munge; as root, no systemd needed):
#
#   scripts/slurm-localhost.sh start DIR   # munged, slurmctld, slurmd; prints
#                                          # the SLURM_CONF to export
#   scripts/slurm-localhost.sh stop DIR
#
# Everything Slurm writes (configuration, state, logs, pid files) lives in
# DIR; munged is started only when none runs, and stopped only if started
# here. Not for production: one node, the machine's cores, no accounting.
set -euo pipefail
action=${1:?start|stop}
dir=$(realpath -m "${2:?state directory}")
conf="$dir/slurm.conf"

stop() {
  for pid in "$dir"/slurmd.pid "$dir"/slurmctld.pid "$dir"/munged.started; do
    [ -f "$pid" ] || continue
    if [ "$(basename "$pid")" = munged.started ]; then
      pkill -x munged || true
    else
      # Wait for it to save its state and release its port.
      p=$(cat "$pid")
      kill "$p" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pid"
  done
}

case $action in
stop)
  stop
  exit 0
  ;;
start) ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac

for tool in munged slurmctld slurmd sinfo; do
  command -v "$tool" >/dev/null ||
    { echo "$tool not found: apt-get install slurm-wlm munge" >&2; exit 1; }
done
mkdir -p "$dir/state" "$dir/spool"

if ! pgrep -x munged >/dev/null; then
  [ -f /etc/munge/munge.key ] || mungekey --create --keyfile /etc/munge/munge.key
  chown munge:munge /etc/munge/munge.key
  chmod 600 /etc/munge/munge.key
  install -d -o munge -g munge -m 0755 /run/munge
  runuser -u munge -- munged
  touch "$dir/munged.started"
fi

host=$(hostname -s)
cpus=$(nproc)
cat >"$conf" <<EOF
ClusterName=accel-local
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF

export SLURM_CONF=$conf
slurmctld -c
slurmd
# Up when the node is idle.
for _ in $(seq 60); do
  if sinfo -h -o %t 2>/dev/null | grep -qx idle; then
    echo "SLURM_CONF=$conf"
    exit 0
  fi
  sleep 0.5
done
echo "slurm did not come up; logs in $dir" >&2
tail -5 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
stop
exit 1
