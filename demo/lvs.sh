#!/usr/bin/env bash
# The LVS demo, the seed articles' topology: a jkeepalived pair (lb1 priority 150, lb2 100) holds the
# VIP 198.18.0.1 in front of three web servers, health-checked with HTTP_GET; a client sends a request
# every 100 ms. Shows the load-balancer table, a web server failing and coming back, and the master
# crashing while the backup takes over, with what the client saw at each step.
#
#   demo/lvs.sh         (./jk demo lvs builds first)
#
# This kernel may have no IPVS; the daemon then balances with nftables (one table of its own,
# `inet jkeepalived`). Root only. Everything is named jk-lvs-* and deleted on exit, Ctrl-C included.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

[ "$(id -u)" -eq 0 ] || { echo "demo: needs root (network namespaces)" >&2; exit 2; }
for tool in ip nft busybox curl awk; do command -v "$tool" >/dev/null || { echo "demo: $tool not found (./jk setup)" >&2; exit 2; }; done
ls target/jkeepalived-*.jar >/dev/null 2>&1 || [ -d lib ] || { echo "demo: not built; run ./jk demo lvs" >&2; exit 2; }

VIP=198.18.0.1
FRONT=jk-lvs-front BACK=jk-lvs-back CLIENT=jk-lvs-client
LBS=(jk-lvs-lb1 jk-lvs-lb2)
WEBS=(jk-lvs-web1 jk-lvs-web2 jk-lvs-web3)
ALL=("${LBS[@]}" "${WEBS[@]}" "$CLIENT" "$FRONT" "$BACK")
work=$(mktemp -d /tmp/jk-lvs.XXXXXX)
pids=() web_pids=()

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi
heading() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }

cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}" "${web_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 60); do
    alive=0; for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break; sleep 0.05
  done
  for p in "${pids[@]}" "${web_pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  for ns in "${ALL[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for ns in "${ALL[@]}"; do ip netns del "$ns" 2>/dev/null || true; done

heading "1. Two LANs in namespaces: the client's (198.18.0.0/24) and the web servers' (198.18.1.0/24)"
for hub in "$FRONT" "$BACK"; do ip netns add "$hub"; ip -n "$hub" link add br0 type bridge; ip -n "$hub" link set br0 up; done
plug() { # hub ns port ifname address
  ip -n "$1" link add "$3" type veth peer name "$4" netns "$2"
  ip -n "$1" link set "$3" master br0 up
  ip -n "$2" link set "$4" up
  ip -n "$2" addr add "$5/24" dev "$4"
}
ip netns add "$CLIENT"; ip -n "$CLIENT" link set lo up
plug "$FRONT" "$CLIENT" pc eth0 198.18.0.254
for i in 0 1; do
  ns=${LBS[$i]}; ip netns add "$ns"; ip -n "$ns" link set lo up
  plug "$FRONT" "$ns" "pl$((i + 1))" eth0 "198.18.0.1$((i + 1))"
  plug "$BACK" "$ns" "pl$((i + 1))" eth1 "198.18.1.1$((i + 1))"
  ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1
done
start_web() { # index
  local ns=${WEBS[$1]} name="web$(($1 + 1))"
  ip netns exec "$ns" busybox httpd -f -p 80 -h "$work/$name" & web_pids[$1]=$!; disown $!
}
for i in 0 1 2; do
  ns=${WEBS[$i]}; ip netns add "$ns"; ip -n "$ns" link set lo up
  plug "$BACK" "$ns" "pw$((i + 1))" eth0 "198.18.1.$((i + 1))"
  ip -n "$ns" route add default via 198.18.1.254
  mkdir -p "$work/web$((i + 1))"; echo "web$((i + 1))" >"$work/web$((i + 1))/index.html"
  start_web "$i"
done
echo "  client 198.18.0.254 -> VIP $VIP:80 -> lb1 (198.18.0.11) or lb2 (198.18.0.12), LVS-NAT"
echo "  web1..web3 198.18.1.1-3:80 (busybox httpd), default route via the back VIP 198.18.1.254"

heading "2. jkeepalived on lb1 and lb2 (one sync group holds both VIPs; the virtual server is the same)"
for i in 0 1; do
  dir="$work/lb$((i + 1))"; mkdir -p "$dir"
  cat >"$dir/keepalived.conf" <<EOF
global_defs {
    router_id lb$((i + 1))
}
vrrp_sync_group LB {
    group {
        FRONT
        BACK
    }
}
vrrp_instance FRONT {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $((i == 0 ? 150 : 100))
    advert_int 1
    virtual_ipaddress {
        $VIP/24
    }
}
vrrp_instance BACK {
    state BACKUP
    interface eth1
    virtual_router_id 52
    priority $((i == 0 ? 150 : 100))
    advert_int 1
    virtual_ipaddress {
        198.18.1.254/24
    }
}
virtual_server $VIP 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
$(for w in 1 2 3; do printf '    real_server 198.18.1.%s 80 {\n        HTTP_GET {\n            url {\n                path /\n            }\n            connect_timeout 1\n            retry 0\n        }\n    }\n' "$w"; done)
}
EOF
  ip netns exec "${LBS[$i]}" bin/jkeepalived -n -l -D -f "$dir/keepalived.conf" -p "$dir/keepalived.pid" -r "$dir/vrrp.pid" -c "$dir/checkers.pid" \
    --control-socket "$dir/control.sock" >"$dir/log" 2>&1 &
  pids+=($!); disown $!
  echo "  ${LBS[$i]}: pid $! (log $dir/log)"
done
await_log() { # lb-index regex timeout [from-line]
  local log="$work/lb$(($1 + 1))/log" end=$((SECONDS + $3)) from=${4:-0}
  until tail -n +$((from + 1)) "$log" 2>/dev/null | grep -E "$2" >/dev/null; do
    [ $SECONDS -lt $end ] || { echo "demo: lb$(($1 + 1)) did not log /$2/ in $3 s:" >&2; tail -n 30 "$log" >&2; exit 1; }
    sleep 0.05
  done
  tail -n +$((from + 1)) "$log" | grep -m1 -E "$2" | sed 's/^/  /'
}
await_log 0 '\(FRONT\) Entering MASTER STATE' 60
await_log 0 'Load balancer: ' 30
await_log 1 'Load balancer: ' 30

heading "3. The client sends GET / to $VIP every 100 ms (in the background)"
# one line per request: time and who answered (or "-" when nobody did within 1 s)
(
  while :; do
    r=$(ip netns exec "$CLIENT" curl -s -m 1 "http://$VIP/" 2>/dev/null) || r=-
    echo "$(date +%s.%N) $r"
    sleep 0.1
  done
) >"$work/client.log" & pids+=($!); disown $!
answers() { # the answers the client logged since line $1
  tail -n +$(($1 + 1)) "$work/client.log" | awk '{print $2}' | sort | uniq -c | awk '{printf "%s x%d  ", $2, $1}'; echo
}
sleep 2
echo "  answers so far: $(answers 0)"

heading "4. The load-balancer table (bin/jkeepalived status on lb1)"
bin/jkeepalived status --control-socket "$work/lb1/control.sock" | sed -n '/^virtual server/,$p' | sed 's/^/  /'
echo "  in the kernel: $(ip netns exec "${LBS[0]}" nft list tables | tr '\n' ' ')"

heading "5. web2 fails (its httpd is killed)"
kill "${web_pids[1]}"
mark=$(wc -l <"$work/client.log")
await_log 0 'real server 198.18.1.2:80 .* DOWN' 15
sleep 2
echo "  the client, since: $(answers "$mark")"

heading "6. web2 comes back"
start_web 1
from=$(wc -l <"$work/lb1/log")
await_log 0 'real server 198.18.1.2:80 .* UP' 15 "$from"
mark=$(wc -l <"$work/client.log"); sleep 2
echo "  the client, since: $(answers "$mark")"

heading "7. The master crashes: kill -9 of lb1's daemon, and its cables pulled"
before=$(wc -l <"$work/lb2/log")
mark=$(wc -l <"$work/client.log")
killed_at=$(date +%s.%N)
kill -9 "${pids[0]}"
ip -n "$FRONT" link set pl1 down; ip -n "$BACK" link set pl1 down
await_log 1 '\(FRONT\) Entering MASTER STATE' 15 "$before"
sleep 2
echo "  the client, since: $(answers "$mark")"
tail -n +$((mark + 1)) "$work/client.log" | awk -v killed="$killed_at" '
  $2 == "-" { failed = 1 }
  failed && $2 != "-" && !back { back = $1 - killed }
  END { printf "  answers resumed %.1f s after the crash (master_down_interval 3.6 s for priority 100, advert_int 1)\n", back }'

heading "8. lb2 serves now (bin/jkeepalived status on lb2)"
bin/jkeepalived status --control-socket "$work/lb2/control.sock" | sed -n '/^virtual server/,/^health/p' | sed 's/^/  /'

heading "9. Cleaning up (namespaces jk-lvs-*, processes, $work)"
