#!/usr/bin/env bash
# Times `keepalived -t` and `jkeepalived -t` (cold JVM) on the generated benchmark config, inside a
# namespace that has the config's interfaces (eth0..eth3). Needs root, hyperfine and `mvn test-compile`.
# Usage: src/test/bench/config-parse.sh [RESULTS.md]
set -euo pipefail
cd "$(dirname "$0")/../../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
NS=jk-cfg-bench
OUT=${1:-target/config-parse-hyperfine.md}
CPF=$(mktemp)
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CPF" -Dmdep.includeScope=test >/dev/null 2>&1 || { echo "mvn failed"; exit 1; }
CP=$PWD/target/test-classes:$PWD/target/classes:$(cat "$CPF")
CONF=$PWD/target/bench-keepalived.conf
"$JAVA_HOME/bin/java" -cp "$CP" io.jkeepalived.bench.BigConfigGenerator "$CONF" >/dev/null
cleanup() { ip netns del "$NS" 2>/dev/null || true; rm -f "$CPF"; }
trap cleanup EXIT
ip netns del "$NS" 2>/dev/null || true
ip netns add "$NS"
for i in 0 1 2 3; do
  ip -n "$NS" link add "eth$i" type veth peer name "jkb$i"
  ip -n "$NS" link set "eth$i" up
done
# what operators run: the launcher, with its AOT cache and one-shot JIT settings (./jk build makes both)
J="ip netns exec $NS $PWD/bin/jkeepalived -t -f $CONF"
K="ip netns exec $NS keepalived -t -f $CONF"
$K && k=0 || k=$?; echo "keepalived -t exit $k"
$J && j=0 || j=$?; echo "jkeepalived -t exit $j"
hyperfine -N --warmup 2 --runs 10 --export-markdown "$OUT" -n "keepalived -t" "$K" -n "bin/jkeepalived -t (cold JVM)" "$J"
cat "$OUT"
