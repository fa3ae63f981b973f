#!/usr/bin/env bash
# Side-by-side benchmarks of jkeepalived and Debian's C keepalived, written into docs/benchmarks.md.
#
#   bench/run.sh [all|failover|jitter|scale|daytwo|checkers|lvs|soak|config|jmh|footprint]...
#   (default: all; soak, about 15 minutes, and footprint, about 6, are not in all)
#
# Expects a built tree (./jk bench builds first). failover, jitter, scale, daytwo and checkers need root:
# they run the daemons in network namespaces named jk-h-b*. Knobs (environment):
#   BENCH_RUNS=5        failover runs per setup and implementation; daytwo reloads per config
#   BENCH_SECONDS=60    jitter, scale, daytwo (tracking scripts) and checkers measurement windows
#   BENCH_IMPLS=C,J     implementations to measure
#   BENCH_SOAK_SECONDS=300  length of soak's busy-daemon run (20 instances at advert_int 0.01)
# Each part replaces only its own section of docs/benchmarks.md; sections written by others
# are left alone.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
export JAVA_HOME="${JAVA_HOME_25:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}"
out=target/bench
doc=docs/benchmarks.md
mkdir -p "$out"

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(all)
[ "${parts[0]}" = all ] && parts=(failover jitter scale daytwo checkers lvs config jmh)

need_root() { [ "$(id -u)" -eq 0 ] || { echo "bench: $1 needs root (network namespaces)" >&2; exit 2; }; }

machine() {
  local cpu kernel jvm ka
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  kernel=$(uname -r)
  jvm=$("$JAVA_HOME/bin/java" -version 2>&1 | sed -n 1p)
  ka=$(keepalived -v 2>&1 | sed -n 1p || true)
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB, Linux $kernel;"\
       "$ka; jkeepalived $(git rev-parse --short HEAD 2>/dev/null || echo '?') on $jvm;"\
       "load average when the part started: ${load_before:-?}"
}

# Replaces the text between <!-- bench:PART --> and <!-- /bench:PART --> in docs/benchmarks.md.
splice() { # part title body-file
  local part=$1 title=$2 body=$3 tmp
  [ -f "$doc" ] || printf '# Benchmarks: jkeepalived beside C keepalived\n\nWritten by `bench/run.sh` (`./jk bench`); each section says when and where it was measured.\n' >"$doc"
  tmp=$(mktemp)
  {
    printf '<!-- bench:%s -->\n## %s\n\n_Measured: %s._\n\n' "$part" "$title" "$(machine)"
    cat "$body"
    printf '<!-- /bench:%s -->\n' "$part"
  } >"$tmp.section"
  if grep -q "<!-- bench:$part -->" "$doc"; then
    awk -v start="<!-- bench:$part -->" -v end="<!-- /bench:$part -->" -v file="$tmp.section" '
      $0 == start { while ((getline line < file) > 0) print line; skip = 1; next }
      $0 == end { skip = 0; next }
      !skip { print }' "$doc" >"$tmp"
    mv "$tmp" "$doc"; chmod 644 "$doc"
  else
    { echo; cat "$tmp.section"; } >>"$doc"
  fi
  rm -f "$tmp" "$tmp.section"
}

scenario() { # part TestClass[,TestClass...] title
  need_root "$1"
  rm -f "$out/$1.md" "$out/$1"-*.md
  # The bench's JVM pre-touches a fixed heap: in this VM the first touch of a page costs microseconds,
  # and a JVM still spreading its allocations over never-used heap ran allocating code (the nftables
  # backend's changes) two to four times slower for seconds at a time (docs/benchmarks.md).
  mvn -B -q test -Dgroups=bench -DexcludedGroups= -Dtest="$(sed 's/[^,]*/io.jkeepalived.bench.&/g' <<<"$2")" \
    -Dsurefire.failIfNoSpecifiedTests=false -Djk.test.jvm="${BENCH_JVM:--Xms2g -Xmx2g -XX:+AlwaysPreTouch}" \
    -Djk.packaged=true -Djk.bench.out="$PWD/$out" -Djk.bench.runs="${BENCH_RUNS:-5}" \
    -Djk.bench.seconds="${BENCH_SECONDS:-60}" -Djk.bench.impls="${BENCH_IMPLS:-C,J}" \
    -Djk.bench.soakSeconds="${BENCH_SOAK_SECONDS:-300}" >"$out/$1.log" 2>&1 || true
  # a part backed by several classes gets one fragment per class (PART-NAME.md), joined in name order
  if compgen -G "$out/$1-*.md" >/dev/null; then cat "$out/$1"-*.md >"$out/$1.md"; fi
  if [ -s "$out/$1.md" ]; then
    splice "$1" "$3" "$out/$1.md"
    echo "bench: $1 written to $doc"
  else
    echo "bench: $1 failed; see $out/$1.log" >&2; tail -n 20 "$out/$1.log" >&2; return 1
  fi
}

config_check() {
  # the config-parsing owner's script: hyperfine of keepalived -t and jkeepalived -t on a generated
  # 111,812-line config (1,000 instances, 10,000 real servers), in a namespace with its interfaces
  need_root config
  src/test/bench/config-parse.sh "$PWD/$out/config-hyperfine.md" >"$out/config.log" 2>&1 || {
    echo "bench: config failed; see $out/config.log" >&2; return 1; }
  {
    echo 'Cold `-t` of the generated 111,812-line configuration of the "Config parsing" section'
    echo '(`src/test/bench/config-parse.sh`: hyperfine, 2 warm-ups, 10 runs; the JVM starts every time).'
    echo
    cat "$out/config-hyperfine.md"
    echo
  } >"$out/config.md"
  splice config "Configuration check time (cold -t)" "$out/config.md"
  echo "bench: config written to $doc"
}

jmh() {
  mvn -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/test.cp" >"$out/jmh-build.log" 2>&1
  local cp="target/test-classes:target/classes:$(cat "$out/test.cp")"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main \
    -f 1 -wi 2 -w 1 -i 3 -r 1 -rf text -rff "$PWD/$out/jmh.txt" ${BENCH_JMH_ARGS:-} >"$out/jmh.log" 2>&1
  {
    echo 'Every JMH benchmark in src/test/java/io/jkeepalived/bench (1 fork, 2×1 s warm-up, 3×1 s measurement:'
    echo 'short runs for a side-by-side overview; the owning docs have the careful numbers). No C counterpart.'
    echo
    echo '```'
    cat "$out/jmh.txt"
    echo '```'
  } >"$out/jmh.md"
  splice jmh "JMH micro-benchmarks" "$out/jmh.md"
  echo "bench: jmh written to $doc"
}

footprint() {
  # issue 14's table for both implementations in one run, and where the JVM's memory goes
  need_root footprint
  bench/footprint.sh "$PWD/$out/footprint-now.md" "$out/footprint" >"$out/footprint.log" 2>&1 || {
    echo "bench: footprint failed; see $out/footprint.log" >&2; tail -n 20 "$out/footprint.log" >&2; return 1; }
  {
    cat "$out/footprint-now.md"
    echo
    cat bench/footprint-before.md
  } >"$out/footprint.md"
  splice footprint "Footprint and start-up (issue 14)" "$out/footprint.md"
  echo "bench: footprint written to $doc"
}

status=0
for part in "${parts[@]}"; do
  load_before=$(cut -d" " -f1-3 /proc/loadavg)
  case "$part" in
    failover) scenario failover FailoverBench "Failover time after kill -9 and SIGTERM" || status=1 ;;
    jitter)   scenario jitter JitterBench "Advert interval jitter at 50 ms and 10 ms" || status=1 ;;
    scale)    scenario scale ScaleBench "1,000 instances as MASTER in one process" || status=1 ;;
    daytwo)   scenario daytwo ReloadBench,TrackScriptBench "Day-two operations: reload and tracking scripts" \
                || status=1 ;;
    checkers) scenario checkers CheckerBench "Health checker: 10,000 real servers, detection, shared checkers" \
                || status=1 ;;
    lvs)      scenario lvs IpvsBench,NftBench "Load balancing in the kernel: IPVS (QEMU guest) and nftables (host)" \
                || status=1 ;;
    soak)     scenario soak DaemonSoakBench,ReloadSoakBench "Soak: memory and file descriptors over time" \
                || status=1 ;;
    config)   config_check || status=1 ;;
    jmh)      jmh || status=1 ;;
    footprint) footprint || status=1 ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
done
exit $status
