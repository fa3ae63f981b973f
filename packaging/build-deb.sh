#!/usr/bin/env bash
# Builds target/jkeepalived_VERSION_amd64.deb from the packaged jar (./jk build first): the jar and
# its dependencies, a jlink'ed Java 25 runtime (no JDK needed on the target), the launcher, the
# systemd unit and /etc/default/jkeepalived. Prints the path of the .deb.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
export JAVA_HOME="${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}"

jar=$(compgen -G "target/jkeepalived-*.jar" | head -n1 || true)
[ -n "$jar" ] && [ -d target/lib ] || { echo "build-deb: no target/jkeepalived-*.jar; run ./jk build" >&2; exit 2; }
pom_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n1)
version=${pom_version/-SNAPSHOT/~snapshot}    # ~ sorts before the release, as Debian wants

stage=$(mktemp -d target/deb.XXXXXX)
trap 'rm -rf "$stage"' EXIT
lib="$stage/usr/lib/jkeepalived"
mkdir -p "$lib/bin" "$lib/lib" "$stage/usr/sbin" "$stage/lib/systemd/system" "$stage/etc/default" \
  "$stage/usr/share/doc/jkeepalived" "$stage/DEBIAN"

cp "$jar" target/lib/*.jar "$lib/lib/"
install -m 0755 bin/jkeepalived "$lib/bin/jkeepalived"
# The classes a daemon start loads (`./jk build` records them): postinst makes the daemon's static
# class-data archive from this list for the installed runtime and class path.
[ -s target/jkeepalived.classlist ] || { echo "build-deb: no target/jkeepalived.classlist; run ./jk build as root" >&2; exit 2; }
install -m 0644 target/jkeepalived.classlist "$lib/jkeepalived.classlist"
ln -s ../lib/jkeepalived/bin/jkeepalived "$stage/usr/sbin/jkeepalived"

# Only the modules the code needs (jdeps), without debug data, headers or man pages. jdeps cannot
# see reflective use: sun.misc.Signal (SIGHUP/SIGTERM handling) is in jdk.unsupported.
modules=$("$JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
  --class-path "target/lib/*" "$jar"),jdk.unsupported
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$lib/runtime" --strip-debug --no-header-files \
  --no-man-pages --compress=zip-6

install -m 0644 packaging/jkeepalived.service "$stage/lib/systemd/system/jkeepalived.service"
install -m 0644 packaging/jkeepalived.default "$stage/etc/default/jkeepalived"
install -m 0644 README.md "$stage/usr/share/doc/jkeepalived/README.md"
install -m 0644 packaging/keepalived.conf.sample "$stage/usr/share/doc/jkeepalived/keepalived.conf.sample"

size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: jkeepalived
Version: $version
Architecture: amd64
Maintainer: jkeepalived developers <jkeepalived@example.invalid>
Installed-Size: $size
Depends: libc6, perl-base, iproute2
Suggests: keepalived
Section: admin
Priority: optional
Homepage: https://example.invalid/jkeepalived
Description: keepalived-compatible VRRP daemon, in Java
 jkeepalived reads keepalived.conf unchanged, speaks VRRP v2/v3 so that a C
 keepalived node can be its peer, takes keepalived's flags and signals and
 runs the same notify and track scripts. It adds clear config errors, a live
 'jkeepalived status' and Prometheus metrics. It ships its own Java runtime.
CONTROL
echo /etc/default/jkeepalived >"$stage/DEBIAN/conffiles"
cat >"$stage/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
# Not enabled or started here: it shares keepalived.conf with keepalived.service, and the operator
# chooses which one runs (systemctl enable --now jkeepalived).
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
# -t's own class cache (docs/daemon.md, "JVM options"), trained once on the sample config: a few
# seconds here, and then -t costs about half the CPU. Without it -t still works, just slower.
mkdir -p /var/cache/jkeepalived
# The daemon's static class-data archive (docs/daemon.md): its classes parsed and verified once, here.
JKEEPALIVED_CDS_DUMP=/usr/lib/jkeepalived/jkeepalived.classlist /usr/sbin/jkeepalived >/dev/null 2>&1 || true
JKEEPALIVED_AOT_TRAIN=/var/cache/jkeepalived/jkeepalived-check.aot /usr/sbin/jkeepalived -t \
  -f /usr/share/doc/jkeepalived/keepalived.conf.sample >/dev/null 2>&1 || true
POSTINST
cat >"$stage/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
if [ "$1" = purge ]; then rm -rf /var/cache/jkeepalived; fi
if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
POSTRM
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"

out="target/jkeepalived_${version}_amd64.deb"
dpkg-deb --root-owner-group --build "$stage" "$out" >/dev/null
echo "$out"
