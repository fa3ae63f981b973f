#!/usr/bin/env bash
# Captures golden VRRP / GARP / NA packets from the real C keepalived (Debian 2.2.7) and stores them
# as annotated hex files in src/test/resources/golden/. Needs root, iproute2, tcpdump, keepalived, python3.
#
# Topology: two namespaces joined by one veth pair, fixed MACs so every byte is reproducible.
#   jk-wire-a  jkwa0  02:6a:6b:00:00:01  198.18.0.1/24  2001:db8::1/64  fe80::6a:6bff:fe00:1   (keepalived)
#   jk-wire-b  jkwb0  02:6a:6b:00:00:02  198.18.0.2/24  2001:db8::2/64  fe80::6a:6bff:fe00:2   (tcpdump)
# Everything is cleaned up on exit (trap), and only the keepalived/tcpdump this script started is killed.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$HERE/../src/test/resources/golden}
NS_A=jk-wire-a
NS_B=jk-wire-b
TMP=$(mktemp -d /tmp/jk-wire-golden.XXXXXX)
KA_PID=""
KA_VRRP_PIDFILE=""
TD_PID=""

# Stops the keepalived this script started: SIGTERM (it sends priority 0 and exits), SIGKILL after 5 s, and its
# VRRP child by the pid file we gave it (checked to be our keepalived before it is signalled).
stop_keepalived() {
  [[ -n "$KA_PID" ]] || return 0
  kill -TERM "$KA_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$KA_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$KA_PID" 2>/dev/null || true
  if [[ -f "$KA_VRRP_PIDFILE" ]]; then
    local child
    child=$(cat "$KA_VRRP_PIDFILE")
    if grep -qs "$TMP" "/proc/$child/cmdline"; then kill -KILL "$child" 2>/dev/null || true; fi
  fi
  KA_PID=""
}

cleanup() {
  set +e
  stop_keepalived
  if [[ -n "$TD_PID" ]] && kill -0 "$TD_PID" 2>/dev/null; then kill -KILL "$TD_PID"; fi
  ip netns del "$NS_A" 2>/dev/null
  ip netns del "$NS_B" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

setup_net() {
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  for ns in "$NS_A" "$NS_B"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.accept_dad=0
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0
    ip -n "$ns" link set lo up
  done
  ip -n "$NS_A" link add jkwa0 address 02:6a:6b:00:00:01 type veth peer name jkwb0 address 02:6a:6b:00:00:02 netns "$NS_B"
  ip netns exec "$NS_A" sysctl -qw net.ipv6.conf.jkwa0.accept_dad=0
  ip netns exec "$NS_B" sysctl -qw net.ipv6.conf.jkwb0.accept_dad=0
  ip -n "$NS_A" addr add 198.18.0.1/24 dev jkwa0
  ip -n "$NS_B" addr add 198.18.0.2/24 dev jkwb0
  ip -n "$NS_A" addr add 2001:db8::1/64 dev jkwa0 nodad
  ip -n "$NS_B" addr add 2001:db8::2/64 dev jkwb0 nodad
  ip -n "$NS_A" link set jkwa0 up
  ip -n "$NS_B" link set jkwb0 up
}

# run_case NAME SECONDS CONFIG-TEXT: runs keepalived with CONFIG for SECONDS, then SIGTERM (priority 0),
# capturing everything on the peer side into $TMP/NAME.pcap.
run_case() {
  local name=$1 secs=$2 conf=$TMP/$1.conf
  cat > "$conf"
  setup_net
  ip netns exec "$NS_B" tcpdump -q -U -n -i jkwb0 -w "$TMP/$name.pcap" 2>"$TMP/$name.tcpdump.log" &
  TD_PID=$!
  # wait until tcpdump is listening
  for _ in $(seq 50); do grep -q listening "$TMP/$name.tcpdump.log" 2>/dev/null && break; sleep 0.1; done
  ip netns exec "$NS_A" /usr/sbin/keepalived -n -l -D -f "$conf" \
      -p "$TMP/$name.pid" -r "$TMP/$name.vrrp.pid" -c "$TMP/$name.check.pid" --vrrp \
      >"$TMP/$name.keepalived.log" 2>&1 &
  KA_PID=$!
  KA_VRRP_PIDFILE=$TMP/$name.vrrp.pid
  sleep "$secs"
  kill -0 "$KA_PID" || { echo "keepalived exited early:"; cat "$TMP/$name.keepalived.log"; exit 1; }
  stop_keepalived
  sleep 0.5
  kill -INT "$TD_PID"; wait "$TD_PID" || true
  TD_PID=""
  echo "== $name: keepalived log tail"; tail -n 5 "$TMP/$name.keepalived.log"
  python3 "$HERE/pcap-to-golden.py" "$TMP/$name.pcap" "$name" "$OUT" "$conf"
}

mkdir -p "$OUT"

run_case v2-pass 6 <<'CONF'
global_defs { router_id jkwire }
vrrp_instance V2PASS {
    state MASTER
    interface jkwa0
    virtual_router_id 51
    priority 150
    advert_int 1
    garp_master_delay 0
    authentication {
        auth_type PASS
        auth_pass secret12345
    }
    virtual_ipaddress {
        198.18.0.100
        198.18.0.101
    }
}
CONF

run_case v3-ipv4 4 <<'CONF'
global_defs { router_id jkwire }
vrrp_instance V3IPV4 {
    state MASTER
    interface jkwa0
    version 3
    virtual_router_id 52
    priority 200
    advert_int 0.5
    garp_master_delay 0
    virtual_ipaddress {
        198.18.0.110
        198.18.0.111
        198.18.0.112
    }
}
CONF

run_case v3-ipv6 6 <<'CONF'
global_defs { router_id jkwire }
vrrp_instance V3IPV6 {
    state MASTER
    interface jkwa0
    version 3
    virtual_router_id 53
    priority 120
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        2001:db8::100/64
        2001:db8::101/64
    }
}
CONF

run_case v2-unicast 6 <<'CONF'
global_defs { router_id jkwire }
vrrp_instance V2UNI {
    state MASTER
    interface jkwa0
    virtual_router_id 54
    priority 100
    advert_int 1
    garp_master_delay 0
    unicast_src_ip 198.18.0.1
    unicast_peer {
        198.18.0.2
    }
    virtual_ipaddress {
        198.18.0.120
    }
}
CONF

run_case v3-unicast 6 <<'CONF'
global_defs { router_id jkwire }
vrrp_instance V3UNI {
    state MASTER
    interface jkwa0
    version 3
    virtual_router_id 55
    priority 254
    advert_int 1
    garp_master_delay 0
    unicast_src_ip 198.18.0.1
    unicast_peer {
        198.18.0.2
    }
    virtual_ipaddress {
        198.18.0.130
    }
}
CONF

echo "golden files written to $OUT"
