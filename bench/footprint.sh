#!/usr/bin/env bash
# Footprint and start-up of jkeepalived beside C keepalived (issue 14's table), plus where the
# JVM's memory, threads and start-up time go. Needs root (network namespaces jk-h-bfp*), hyperfine,
# a built tree (bin/jkeepalived as shipped, with its AOT cache) and /usr/sbin/keepalived.
#
#   bench/footprint.sh OUT.md [WORKDIR]
#
# Both daemons run as Debian's keepalived would be compared: `-n -G` (foreground, no syslog), VRRP
# only, in a namespace with four veth interfaces. Knobs: BENCH_SECONDS (CPU window, default 60),
# BENCH_RUNS (start-up repetitions, default 3), BENCH_IMPLS (default C,J).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
out=${1:?usage: bench/footprint.sh OUT.md [WORKDIR]}
work=${2:-target/bench/footprint}
seconds=${BENCH_SECONDS:-60}
runs=${BENCH_RUNS:-3}
impls=${BENCH_IMPLS:-C,J}
jdk=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
ns=jk-h-bfp
peer=jk-h-bfpp
rm -rf "$work"; mkdir -p "$work"; work=$(readlink -f "$work")

cleanup() { # every process in the namespace is one this script started
  local p; for p in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
  ip netns del "$ns" 2>/dev/null || true
  ip netns del "$peer" 2>/dev/null || true
}
trap cleanup EXIT
cleanup
ip netns add "$ns"; ip netns add "$peer"
ip -n "$ns" link set lo up
for k in 0 1 2 3; do
  ip link add "eth$k" netns "$ns" type veth peer name "p$k" netns "$peer"
  ip -n "$ns" link set "eth$k" up; ip -n "$peer" link set "p$k" up
  ip -n "$ns" addr add "198.18.$((2 + k)).1/24" dev "eth$k"
done

# 4 interfaces × 250 VRIDs, one VIP each, advert_int 1, priority 100 (master-down 3.61 s)
config() { # instances-per-interface interfaces
  printf 'global_defs {\n    router_id fp\n}\n'
  local k v
  for ((k = 0; k < $2; k++)); do
    for ((v = 1; v <= $1; v++)); do
      printf 'vrrp_instance VI_%d_%d {\n    state MASTER\n    interface eth%d\n    virtual_router_id %d\n    priority 100\n    advert_int 1\n    virtual_ipaddress {\n        198.18.%d.%d/32\n    }\n}\n' \
        "$k" "$v" "$k" "$v" "$((10 + k))" "$v"
    done
  done
}
config 1 1 >"$work/one.conf"
config 250 4 >"$work/thousand.conf"

vips() { ip -n "$ns" -4 -o addr show | grep -c ' 198\.18\.1[0-3]\.' || true; }
tree() { echo "$1"; pgrep -P "$1" 2>/dev/null | while read -r c; do tree "$c"; done; }
ticks() { # utime+stime of a process tree, clock ticks
  local sum=0 p f
  for p in $(tree "$1"); do
    f=$(cut -d')' -f2 "/proc/$p/stat" 2>/dev/null) || continue
    # shellcheck disable=SC2086
    set -- $f; sum=$((sum + ${12} + ${13}))
  done
  echo $sum
}
rss_kb() { local sum=0 p; for p in $(tree "$1"); do sum=$((sum + $(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo $sum; }
threads() { local sum=0 p; for p in $(tree "$1"); do sum=$((sum + $(ls "/proc/$p/task" | wc -l))); done; echo $sum; }

# start IMPL CONF DIR [java options]: the daemon's PID (ip netns exec and the launcher both exec)
start() {
  local impl=$1 conf=$2 d=$3; mkdir -p "$d"
  if [ "$impl" = C ]; then
    TMPDIR=$d ip netns exec "$ns" /usr/sbin/keepalived -n -G -f "$conf" --vrrp -p "$d/k.pid" -r "$d/v.pid" -c "$d/c.pid" \
      >"$d/log" 2>&1 &
  elif [ -n "${4:-}" ]; then
    TMPDIR=$d JKEEPALIVED_JAVA_OPTS="$(jopts | sed 's/ -Xrs//; s/ -XX:+DisableAttachMechanism//') $4" ip netns exec "$ns" bin/jkeepalived -n -G "${@:5}" -f "$conf" --vrrp \
      -p "$d/k.pid" -r "$d/v.pid" --control-socket "$d/control.sock" >"$d/log" 2>&1 &
  else
    TMPDIR=$d ip netns exec "$ns" bin/jkeepalived -n -G -f "$conf" --vrrp -p "$d/k.pid" -r "$d/v.pid" \
      --control-socket "$d/control.sock" >"$d/log" 2>&1 &
  fi
  echo "$!"
}
stop() { kill -TERM "$1" 2>/dev/null || true; local i; for i in $(seq 100); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done; kill -KILL "$1" 2>/dev/null || true; }
# the launcher's own defaults, so that a breakdown run adds to them instead of replacing them (less
# -Xrs and -XX:+DisableAttachMechanism there: jcmd attaches only without them)
jopts() { sed -n 's/.*JKEEPALIVED_JAVA_OPTS:-\([^}]*\)}.*/\1/p' bin/jkeepalived; }

# await_up PID N T0: seconds from T0 until N VIPs are present, and the CPU ticks used until then
await_up() {
  local pid=$1 n=$2 t0=$3 deadline=$((SECONDS + 120))
  while [ "$(vips)" -lt "$n" ]; do
    kill -0 "$pid" 2>/dev/null || { echo "daemon $pid exited" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "timeout: $(vips) of $n VIPs" >&2; return 1; }
    sleep 0.05
  done
  local t1; t1=$(date +%s.%N)
  echo "$(echo "$t1 - $t0" | bc) $(ticks "$pid")"
}
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

declare -A R
for impl in ${impls//,/ }; do
  # row 1: one idle MASTER, RSS and threads after 15 s
  pid=$(start "$impl" "$work/one.conf" "$work/$impl-one")
  read -r _ _ < <(await_up "$pid" 1 "$(date +%s.%N)")
  sleep 15
  R[$impl,rss1]=$(echo "scale=1; $(rss_kb "$pid") / 1024" | bc); R[$impl,thr1]=$(threads "$pid")
  if [ "$impl" = J ]; then
    for t in /proc/"$pid"/task/*; do cat "$t/comm"; done | sort | uniq -c | sort -rn >"$work/threads-one.txt"
  fi
  stop "$pid"

  # rows 2-5: 1,000 MASTERs; start-up (median of runs), then RSS and CPU over the window
  ups=(); cpus=()
  for ((r = 1; r <= runs; r++)); do
    t0=$(date +%s.%N)
    pid=$(start "$impl" "$work/thousand.conf" "$work/$impl-k$r")
    read -r up tk < <(await_up "$pid" 1000 "$t0")
    ups+=("$(printf '%.2f' "$up")"); cpus+=("$(echo "scale=2; $tk / 100" | bc)")
    if [ "$r" -lt "$runs" ]; then stop "$pid"; fi
  done
  R[$impl,up]=$(printf '%s\n' "${ups[@]}" | median); R[$impl,upcpu]=$(printf '%s\n' "${cpus[@]}" | median)
  R[$impl,ups]="${ups[*]}"; R[$impl,upcpus]="${cpus[*]}"
  sleep 10
  c0=$(ticks "$pid"); w0=$(date +%s.%N); sleep "$seconds"; c1=$(ticks "$pid"); w1=$(date +%s.%N)
  R[$impl,cpu]=$(echo "scale=2; ($c1 - $c0) / ($w1 - $w0)" | bc)
  R[$impl,rssk]=$(echo "scale=1; $(rss_kb "$pid") / 1024" | bc); R[$impl,thrk]=$(threads "$pid")
  stop "$pid"

  # row 6: -t on the 1,000-instance config, whole process (hyperfine, cold every time)
  if [ "$impl" = C ]; then cmd="ip netns exec $ns /usr/sbin/keepalived -t -f $work/thousand.conf"
  else cmd="ip netns exec $ns $PWD/bin/jkeepalived -t -f $work/thousand.conf"; fi
  hyperfine -N --warmup 2 --runs 10 --export-json "$work/t-$impl.json" "$cmd" >/dev/null 2>&1
  R[$impl,t]=$(python3 -c "import json,sys; print('%.3f' % json.load(open(sys.argv[1]))['results'][0]['mean'])" "$work/t-$impl.json")
done

# The JVM's own accounting (NMT adds a little memory itself, so it runs apart from the rows above)
nmt_of() { # conf n tag
  local pid
  pid=$(start J "$1" "$work/nmt-$3" "-XX:NativeMemoryTracking=summary -Xlog:class+load=info:file=$work/classes-$3.txt -Xlog:startuptime=info:file=$work/startuptime-$3.txt")
  read -r _ _ < <(await_up "$pid" "$2" "$(date +%s.%N)")
  sleep 15
  "$jdk/bin/jcmd" "$pid" VM.native_memory summary >"$work/nmt-$3.txt" 2>&1 || true
  awk '/^[0-9a-f]+-[0-9a-f]+ / {n = $6; if (n == "") n = "anonymous"; sub(/.*\//, "", n)} /^Rss:/ {r[n] += $2}
       END {for (n in r) if (r[n] >= 512) printf "%s %.1f\n", n, r[n] / 1024}' "/proc/$pid/smaps" | sort -k2 -rn >"$work/maps-$3.txt"
  echo "$(rss_kb "$pid")" >"$work/rss-$3.txt"
  stop "$pid"
}
if [[ $impls == *J* ]]; then nmt_of "$work/one.conf" 1 one; nmt_of "$work/thousand.conf" 1000 thousand; fi

nmt_rows() { # committed KB per NMT category, as "| name | one | thousand |"
  python3 - "$work/nmt-one.txt" "$work/nmt-thousand.txt" <<'EOF'
import re, sys
def parse(p):
    out = {}
    try:
        for m in re.finditer(r'^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB', open(p).read(), re.M):
            out[m.group(1).strip()] = int(m.group(2))
    except OSError:
        pass
    return out
a, b = parse(sys.argv[1]), parse(sys.argv[2])
for k in sorted(set(a) | set(b), key=lambda k: -max(a.get(k, 0), b.get(k, 0))):
    if max(a.get(k, 0), b.get(k, 0)) >= 256:
        print("| %s | %.1f | %.1f |" % (k, a.get(k, 0) / 1024, b.get(k, 0) / 1024))
EOF
}
map_rows() {
  join -a1 -a2 -e 0 -o 0,1.2,2.2 <(sort "$work/maps-one.txt") <(sort "$work/maps-thousand.txt") | sort -k3 -rn |
    awk '{printf "| %s | %s | %s |\n", $1, $2, $3}'
}
classes() { grep -c . "$1" 2>/dev/null || echo 0; }
ratio() { python3 -c "import sys; a, b = float(sys.argv[1] or 'nan'), float(sys.argv[2] or 'nan'); print('–' if b != b or a != a or b == 0 else '%.2f' % (a / b))" "${1:-nan}" "${2:-nan}"; }
v() { echo "${R[$1]:-–}"; }

{
  echo "Issue 14's table, both implementations in one run (\`bench/footprint.sh\`): \`-n -G --vrrp\`, one veth per"
  echo "interface, 4 × 250 VRIDs at advert_int 1 for 1,000 instances. Start-up is from exec until every VIP is on"
  echo "its interface (polled every 50 ms; master-down is 3.61 s), median of $runs runs; CPU % over $seconds s once"
  echo "all are MASTER (100 % = one core); RSS and threads summed over the process tree. The machine's 2 cores"
  echo "are shared with other work: timings move by ±10–20 % between runs. jkeepalived: \`$(jopts)\`."
  echo
  echo "| measure | keepalived | jkeepalived | J/C | target |"
  echo "|---|---|---|---|---|"
  echo "| RSS, 1 instance, idle MASTER (MB) | $(v C,rss1) | $(v J,rss1) | $(ratio "${R[J,rss1]:-}" "${R[C,rss1]:-}") | ≤ 48 |"
  echo "| threads, 1 instance | $(v C,thr1) | $(v J,thr1) | | ≤ 8 |"
  echo "| RSS, 1,000 instances MASTER (MB) | $(v C,rssk) | $(v J,rssk) | $(ratio "${R[J,rssk]:-}" "${R[C,rssk]:-}") | ≤ 64 |"
  echo "| CPU, 1,000 instances MASTER (% of one core) | $(v C,cpu) | $(v J,cpu) | $(ratio "${R[J,cpu]:-}" "${R[C,cpu]:-}") | ≤ C |"
  echo "| start until all 1,000 VIPs are up (s) | $(v C,up) | $(v J,up) | $(ratio "${R[J,up]:-}" "${R[C,up]:-}") | ≤ 3.8 |"
  echo "| CPU used until all 1,000 VIPs are up (s) | $(v C,upcpu) | $(v J,upcpu) | $(ratio "${R[J,upcpu]:-}" "${R[C,upcpu]:-}") | ≤ 1 |"
  echo "| \`-t\` on the 1,000-instance config (s, hyperfine mean) | $(v C,t) | $(v J,t) | $(ratio "${R[J,t]:-}" "${R[C,t]:-}") | ≤ 0.21 |"
  echo
  echo "Every start-up run (s until up / CPU s): C $(v C,ups) / $(v C,upcpus); J $(v J,ups) / $(v J,upcpus)."
  if [[ $impls == *J* ]]; then
    echo
    echo "Where jkeepalived's memory goes (a separate run with \`-XX:NativeMemoryTracking=summary\`, 15 s after"
    echo "all are MASTER). Resident memory by mapping, from /proc/PID/smaps (MB; RSS of that run: $(( $(cat "$work/rss-one.txt") / 1024 )) and"
    echo "$(( $(cat "$work/rss-thousand.txt") / 1024 )) MB):"
    echo
    echo "| mapping | 1 instance | 1,000 instances |"
    echo "|---|---|---|"
    map_rows
    echo
    echo "The JVM's committed memory by NMT category (\`jcmd PID VM.native_memory summary\`, MB; committed is"
    echo "an upper bound of what is resident; the class-data archives are \"Shared class space\"):"
    echo
    echo "| category | 1 instance | 1,000 instances |"
    echo "|---|---|---|"
    nmt_rows
    echo
    echo "Classes loaded (\`-Xlog:class+load\`, AOT cache included): $(classes "$work/classes-one.txt") for 1 instance,"
    echo "$(classes "$work/classes-thousand.txt") for 1,000. Threads of the 1-instance daemon (/proc/PID/task/*/comm):"
    echo
    echo '```'
    cat "$work/threads-one.txt"
    echo '```'
  fi
} >"$out"
cat "$out"
