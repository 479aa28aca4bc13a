#!/usr/bin/env bash
# Starts or stops a single-node Ceph cluster (one mon, one memstore OSD, one RGW) on 127.0.0.1,
# the recipe of ../shared/research/evidence-signing-storage.md §4.7. Idempotent and self-cleaning:
# `start` first stops whatever an earlier run left in the same directory.
#
#   ceph-rgw.sh start DIR MON_PORT RGW_PORT ACCESS_KEY SECRET_KEY   prints "ready <seconds>"
#   ceph-rgw.sh stop DIR
set -euo pipefail

action=${1:?usage: ceph-rgw.sh start|stop DIR ...}
dir=${2:?missing DIR}

# A zombie (state Z) has exited; only its parent can reap it.
alive() { [ -r "/proc/$1/stat" ] && ! awk '{ exit ($3 == "Z") ? 0 : 1 }' "/proc/$1/stat"; }

stop_daemons() {
  # Only the PIDs this script recorded, never by name.
  if [ -d "$dir/pids" ]; then
    for name in rgw osd mon; do
      f="$dir/pids/$name.pid"
      [ -e "$f" ] || continue
      pid=$(cat "$f")
      if [ -n "$pid" ] && grep -qa -- "$dir/ceph.conf" "/proc/$pid/cmdline" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$f"
    done
  fi
}

stop_cluster() {
  stop_daemons
  rm -rf "$dir"
}

if [ "$action" = stop ]; then
  stop_cluster
  exit 0
fi
[ "$action" = start ] || { echo "unknown action $action" >&2; exit 2; }

mon_port=${3:?missing MON_PORT}
rgw_port=${4:?missing RGW_PORT}
access_key=${5:?missing ACCESS_KEY}
secret_key=${6:?missing SECRET_KEY}

for bin in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool; do
  command -v "$bin" >/dev/null || { echo "ceph-rgw: \`$bin\` not found; run .ci/install-services.sh (apt-get install ceph-mon ceph-osd radosgw ceph-common)" >&2; exit 3; }
done

started=$(date +%s.%N)
stop_cluster
mkdir -p "$dir/pids" "$dir/mon" "$dir/osd" "$dir/run" "$dir/log"
# A start that fails stops the daemons it started (their logs stay for the error message).
ready=0
trap '[ "$ready" = 1 ] || stop_daemons' EXIT
fsid=$(cat /proc/sys/kernel/random/uuid)
conf="$dir/ceph.conf"
cat >"$conf" <<EOF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
mon initial members = a
public addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
ms bind msgr2 = false
osd objectstore = memstore
memstore device bytes = 1073741824
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd pool default pg autoscale mode = off
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
run dir = $dir/run
admin socket = $dir/run/\$name.asok
log file = $dir/log/\$name.log
mon cluster log file = $dir/log/cluster.log
mon data = $dir/mon/\$cluster-\$id
osd data = $dir/osd/\$cluster-\$id
keyring = $dir/keyring
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgw_port
rgw dns name = 127.0.0.1
EOF
export CEPH_CONF="$conf"
c=(--conf "$conf")

fail() {
  echo "ceph-rgw: $1; logs in $dir/log" >&2
  tail -n 5 "$dir"/log/*.out >&2 2>/dev/null || true
  exit 1
}

wait_for() { # seconds, description, command...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 4))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  fail "timed out after ${limit}s waiting for $what"
}

ceph-authtool --create-keyring "$dir/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
monmaptool --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon "${c[@]}" --mkfs -i a --monmap "$dir/monmap" --keyring "$dir/keyring" >/dev/null 2>&1 || fail "ceph-mon --mkfs failed"
ceph-mon "${c[@]}" -i a -f >"$dir/log/mon.out" 2>&1 &
echo $! >"$dir/pids/mon.pid"
wait_for 30 "monitor quorum" timeout 5 ceph "${c[@]}" quorum_status

osd_uuid=$(cat /proc/sys/kernel/random/uuid)
# Right after quorum the monitor may still refuse commands (`EPERM: problem getting command
# descriptions`, seen under load); `osd new` is idempotent for one uuid, so it is retried.
new_osd() { osd_id=$(timeout 20 ceph "${c[@]}" osd new "$osd_uuid"); }
wait_for 60 "the monitor to accept commands" new_osd
mkdir -p "$dir/osd/ceph-$osd_id"
ceph-osd "${c[@]}" -i "$osd_id" --mkfs --osd-uuid "$osd_uuid" >/dev/null 2>&1 || fail "ceph-osd --mkfs failed"
start_osd() {
  ceph-osd "${c[@]}" -i "$osd_id" -f >>"$dir/log/osd.out" 2>&1 &
  echo $! >"$dir/pids/osd.pid"
}
start_osd
# The first boot of a fresh memstore OSD sometimes exits silently (observed once); start it again.
osd_up() {
  alive "$(cat "$dir/pids/osd.pid")" || { echo "ceph-rgw: the OSD exited, starting it again" >&2; start_osd; }
  timeout 5 ceph "${c[@]}" osd stat | grep -q '1 up'
}
wait_for 60 "the OSD to come up" osd_up

radosgw "${c[@]}" -n client.rgw -f >"$dir/log/rgw.out" 2>&1 &
echo $! >"$dir/pids/rgw.pid"
wait_for 90 "RGW on 127.0.0.1:$rgw_port" curl -sf -o /dev/null "http://127.0.0.1:$rgw_port/"

timeout 30 radosgw-admin "${c[@]}" user create --uid=cavra-ci --display-name=cavra-ci \
  --access-key="$access_key" --secret-key="$secret_key" >/dev/null || fail "radosgw-admin user create failed"

ready=1
echo "ready $(echo "$(date +%s.%N) - $started" | bc)"
