#!/usr/bin/env bash
# Checks a built .deb without installing it: extracts it into a temporary root and runs the
# extracted launcher, which must use the bundled runtime (not a JDK on this machine).
#   packaging/smoke-test.sh target/jkeepalived_*.deb
set -euo pipefail
deb=${1:?usage: smoke-test.sh PACKAGE.deb}
root=$(mktemp -d /tmp/jk-deb.XXXXXX)
trap 'rm -rf "$root"' EXIT
fail() { echo "smoke-test: FAIL: $*" >&2; exit 1; }

dpkg-deb -x "$deb" "$root"
[ "$(dpkg-deb -f "$deb" Package)" = jkeepalived ] || fail "package name"
for f in usr/sbin/jkeepalived usr/lib/jkeepalived/runtime/bin/java lib/systemd/system/jkeepalived.service \
         etc/default/jkeepalived; do
  [ -e "$root/$f" ] || fail "missing /$f"
done
dpkg-deb -I "$deb" conffiles | grep -qx /etc/default/jkeepalived || fail "/etc/default/jkeepalived is not a conffile"
grep -q '^Type=notify$' "$root/lib/systemd/system/jkeepalived.service" || fail "unit is not Type=notify"

# No other Java may be found: an empty PATH entry for java, and JAVA_HOME pointing nowhere.
run() { env -u JKEEPALIVED_JAVA_HOME JAVA_HOME=/nonexistent JKEEPALIVED_CACHE_DIR="$root/cache" \
  bash -x "$root/usr/sbin/jkeepalived" "$@" 2>"$root/trace"; }
v=$(run --version 2>&1; cat "$root/trace")
grep -q "exec .*$root/usr/lib/jkeepalived/runtime/bin/java" "$root/trace" || fail "did not exec the bundled runtime"
echo "$v" | grep -q 'jkeepalived [0-9]' || fail "--version: $v"
conf="$root/usr/share/doc/jkeepalived/keepalived.conf.sample"
run -t -f "$conf" || fail "-t on the sample config"
[ "$(run --signum=JSON)" = 36 ] || fail "--signum=JSON"
set +e; run status --control-socket "$root/none.sock" >/dev/null 2>&1; rc=$?; set -e
[ $rc -eq 3 ] || fail "status without a daemon: exit $rc, want 3"
run -t --dump-json -f "$conf" | grep -q '"vrrp_instances"' || fail "--dump-json"

# postinst's class-data archive, made as postinst makes it; the daemon below must map it
JKEEPALIVED_CDS_DUMP="$root/usr/lib/jkeepalived/jkeepalived.classlist" run >/dev/null 2>&1 || fail "static archive dump"
[ -s "$root/cache/jkeepalived-static.jsa" ] || fail "no static class-data archive from the shipped class list"

# The daemon itself, from the package, in a namespace of its own: MASTER, then status, then stop.
if [ "$(id -u)" -eq 0 ] && command -v ip >/dev/null; then
  ns=jk-pkg-$$
  cleanup() { if [ -n "${pid:-}" ]; then kill -9 "$pid" 2>/dev/null || true; fi; ip netns del "$ns" 2>/dev/null || true; rm -rf "$root"; }
  trap cleanup EXIT
  ip netns add "$ns"
  ip -n "$ns" link add eth0 type veth peer name peer0
  ip -n "$ns" link set eth0 up; ip -n "$ns" link set peer0 up
  ip -n "$ns" addr add 198.18.0.1/24 dev eth0
  sed 's|script "/usr/bin/systemctl is-active --quiet nginx"|script "/bin/true"|' "$conf" >"$root/k.conf"
  env -u JKEEPALIVED_JAVA_HOME JAVA_HOME=/nonexistent JKEEPALIVED_CACHE_DIR="$root/cache" \
    ip netns exec "$ns" "$root/usr/sbin/jkeepalived" -n -l -f "$root/k.conf" -p "$root/k.pid" -r "$root/v.pid" \
    --control-socket "$root/control.sock" >"$root/log" 2>&1 &
  pid=$!
  for _ in $(seq 200); do grep -q 'Entering MASTER STATE' "$root/log" && break; sleep 0.05; done
  grep -q 'Entering MASTER STATE' "$root/log" || { cat "$root/log" >&2; fail "the packaged daemon did not become MASTER"; }
  grep -q "$root/cache/jkeepalived-static.jsa" "/proc/$pid/maps" || fail "the daemon did not map its class-data archive"
  run status --json --control-socket "$root/control.sock" | grep -q '"state" : "MASTER"' || fail "status from the packaged daemon"
  kill -TERM "$pid"; set +e; wait "$pid"; rc=$?; set -e; pid=
  [ $rc -eq 0 ] || { tail -n 5 "$root/log" >&2; fail "daemon exit status $rc after SIGTERM"; }
  grep -q 'Stopped' "$root/log" || fail "no clean stop"
fi
echo "smoke-test: $deb OK ($(du -h "$deb" | cut -f1), runtime $(du -sh "$root/usr/lib/jkeepalived/runtime" | cut -f1))"
