#!/usr/bin/env bash
# The failover demo: three VRRP nodes (priorities 150/100/50) share the VIP 198.18.0.100 on a LAN
# built from network namespaces; a client pings the VIP while the master crashes. Shows who holds
# the VIP before and after, and how long the client's pings went unanswered.
#
#   demo/run.sh [--impl=j|c]     j: jkeepalived (default, needs ./jk build), c: Debian's keepalived
#
# Root only. Everything it creates is named jk-demo-* and deleted on exit, Ctrl-C included.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

impl=j
for arg in "$@"; do
  case "$arg" in
    --impl=j|--impl=J) impl=j ;;
    --impl=c|--impl=C) impl=c ;;
    *) sed -n '2,8p' "$0"; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "demo: needs root (network namespaces)" >&2; exit 2; }
for tool in ip ping awk; do command -v "$tool" >/dev/null || { echo "demo: $tool not found" >&2; exit 2; }; done
if [ "$impl" = c ]; then
  daemon=(/usr/sbin/keepalived); [ -x "${daemon[0]}" ] || { echo "demo: /usr/sbin/keepalived not installed" >&2; exit 2; }
  name="C keepalived ($(keepalived -v 2>&1 | sed -n 1p))"
else
  daemon=("$PWD/bin/jkeepalived"); name="jkeepalived"
  ls target/jkeepalived-*.jar >/dev/null 2>&1 || [ -d lib ] || { echo "demo: not built; run ./jk demo" >&2; exit 2; }
fi

VIP=198.18.0.100
PRIO=(150 100 50)
HUB=jk-demo-br
CLIENT=jk-demo-c
NODES=(jk-demo-n1 jk-demo-n2 jk-demo-n3)
work=$(mktemp -d /tmp/jk-demo.XXXXXX)
pids=()

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi
heading() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }

cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 60); do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break; sleep 0.05
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for ns in "${NODES[@]}" "$CLIENT" "$HUB"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# leftovers of an interrupted earlier run (same names, so ours)
for ns in "${NODES[@]}" "$CLIENT" "$HUB"; do ip netns del "$ns" 2>/dev/null || true; done

heading "1. A LAN: a switch (bridge in $HUB), three nodes and a client, in network namespaces"
ip netns add "$HUB"
ip -n "$HUB" link add br0 type bridge
ip -n "$HUB" link set br0 up
plug() { # ns port address
  ip netns add "$1"
  ip -n "$1" link set lo up
  ip -n "$HUB" link add "$2" type veth peer name eth0 netns "$1"
  ip -n "$HUB" link set "$2" master br0 up
  ip -n "$1" link set eth0 up
  ip -n "$1" addr add "$3/24" dev eth0
}
for i in 0 1 2; do plug "${NODES[$i]}" "p$((i + 1))" "198.18.0.$((i + 1))"; done
plug "$CLIENT" pc 198.18.0.254
for i in 0 1 2; do echo "  ${NODES[$i]}  198.18.0.$((i + 1))  priority ${PRIO[$i]}"; done
echo "  $CLIENT   198.18.0.254"
echo "  VIP        $VIP (VRRPv2, advert_int 1 s)"

heading "2. Starting $name on each node"
start_node() { # index
  local ns=${NODES[$1]} dir="$work/n$(($1 + 1))"
  mkdir -p "$dir"
  cat >"$dir/keepalived.conf" <<EOF
global_defs {
    router_id demo_n$(($1 + 1))
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${PRIO[$1]}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass demo
    }
    virtual_ipaddress {
        $VIP/24
    }
}
EOF
  local args=(-n -l -D -f "$dir/keepalived.conf" --vrrp -p "$dir/keepalived.pid" -r "$dir/vrrp.pid")
  if [ "$impl" = c ]; then args+=(-c "$dir/checkers.pid"); else args+=(--control-socket "$dir/control.sock"); fi
  ip netns exec "$ns" "${daemon[@]}" "${args[@]}" >"$dir/log" 2>&1 &
  pids+=($!); disown $!
  echo "  ${NODES[$1]}: pid $! (log $dir/log)"
}
for i in 0 1 2; do start_node "$i"; done

await_log() { # index regex timeout-seconds [from-line]: waits for a matching line after from-line
  local log="$work/n$(($1 + 1))/log" end=$((SECONDS + $3)) from=${4:-0}
  until tail -n +$((from + 1)) "$log" 2>/dev/null | grep -E "$2" >/dev/null; do
    if [ $SECONDS -ge $end ]; then
      echo "demo: ${NODES[$1]} did not log /$2/ within $3 s; its log:" >&2; tail -n 30 "$log" >&2; exit 1
    fi
    sleep 0.05
  done
  tail -n +$((from + 1)) "$log" | grep -m1 -E "$2"
}
last_state() { # index: the last state the node logged
  grep -oE 'Entering (MASTER|BACKUP|FAULT) STATE' "$work/n$(($1 + 1))/log" | tail -n1 | awk '{print $2}'
}
show_vip() {
  for i in 0 1 2; do
    local state=down
    if ip -n "${NODES[$i]}" -br addr show dev eth0 | grep -w "$VIP" >/dev/null; then state="holds the VIP"; else state="-"; fi
    printf '  %-11s %-14s %s\n' "${NODES[$i]}" "$state" "$(ip -n "${NODES[$i]}" -br addr show dev eth0 | awk '{$1=$1; print}')"
  done
}
line=$(await_log 0 '\(VI_1\) Entering MASTER STATE' 60)
echo "  ${NODES[0]} logged: $line"
# nodes that timed out at start-up together settle within an advert interval or two
end=$((SECONDS + 15))
until [ "$(last_state 0)" = MASTER ] && [ "$(last_state 1)" = BACKUP ] && [ "$(last_state 2)" = BACKUP ]; do
  [ $SECONDS -lt $end ] || { echo "demo: the election did not settle" >&2; exit 1; }
  sleep 0.05
done

heading "3. Who holds the VIP (ip -br addr on each node)"
show_vip

heading "4. The client pings $VIP every 50 ms"
ip netns exec "$CLIENT" ping -D -n -i 0.05 -W 1 "$VIP" >"$work/ping.log" 2>&1 &
pids+=($!); disown $!
until grep -q 'bytes from' "$work/ping.log"; do sleep 0.05; done
sleep 1
echo "  $(grep -c 'bytes from' "$work/ping.log") replies so far"

heading "5. The master crashes: kill -9 of ${NODES[0]}'s daemon, and its cable pulled"
echo "  (a killed daemon leaves the VIP on the host, whose kernel would go on answering: so the host goes too)"
before=$(wc -l <"$work/n2/log")
killed_at=$(date +%s.%N)
if [ "$impl" = c ]; then
  kill -STOP "${pids[0]}"                              # freeze the parent so it does not restart its child
  kill -9 "$(cat "$work/n1/vrrp.pid")" "${pids[0]}"
else
  kill -9 "${pids[0]}"
fi
ip -n "$HUB" link set p1 down
echo "  killed at $(date -d "@$killed_at" +%T.%3N)"
line=$(await_log 1 'Entering MASTER STATE' 30 "$before")
echo "  ${NODES[1]} logged: $line"
n=$(grep -c 'bytes from' "$work/ping.log")
until [ "$(grep -c 'bytes from' "$work/ping.log")" -gt $((n + 20)) ]; do sleep 0.05; done

heading "6. Who holds the VIP now"
show_vip
echo "  (${NODES[0]} still shows it: kill -9 gives a daemon no chance to clean up, and its cable is out)"

if [ "$impl" = j ]; then
  heading "6b. ${NODES[1]} as its daemon reports it (bin/jkeepalived status)"
  bin/jkeepalived status --control-socket "$work/n2/control.sock" | sed 's/^/  /'
fi

heading "7. The client's view"
kill "${pids[3]}" 2>/dev/null || true
awk -v killed="$killed_at" '
  /bytes from/ { t = substr($1, 2, length($1) - 2) + 0; if (prev && t - prev > gap) { gap = t - prev }; prev = t; n++ }
  END {
    mdi = 3 * 1 + (256 - 100) / 256
    printf "  %d replies; ping gap: %.2f s (master_down_interval %.2f s: 3 x advert_int + skew for priority 100)\n", n, gap, mdi
  }' "$work/ping.log"

heading "8. Cleaning up (namespaces jk-demo-*, processes, $work)"
