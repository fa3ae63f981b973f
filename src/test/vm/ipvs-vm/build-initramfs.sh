#!/bin/bash
# Builds vmlinux (uncompressed, PVH-bootable) + initramfs.cpio.gz from Debian packages into
# $RUNVM_DIR (default: a cache folder under /var/tmp), where run-in-vm.sh looks for them.
# Needs (host): apt-get install --no-install-recommends qemu-system-x86 busybox-static ipvsadm kmod cpio xz-utils
set -euo pipefail
S=$(cd "$(dirname "$0")" && pwd)
D=${RUNVM_DIR:-/var/tmp/jk-ipvs-vm}
mkdir -p "$D"; D=$(cd "$D" && pwd)
cd "$D"

# 1. kernel + modules from the Debian linux-image package (not installed on the host)
KPKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
KVER=${KPKG#linux-image-}
if [ ! -d kernel/lib/modules/$KVER ]; then
  mkdir -p dl && (cd dl && apt-get download "$KPKG")
  rm -rf kernel && dpkg -x dl/${KPKG}_*.deb kernel
fi
cp kernel/boot/vmlinuz-$KVER vmlinuz
# uncompressed ELF vmlinux: qemu boots it through the PVH entry point, which skips the
# in-guest XZ decompression (about 4 s under TCG emulation)
off=$(perl -0777 -ne 'print index($_, "\xfd7zXZ\x00")' vmlinuz)
tail -c +$((off+1)) vmlinuz > vmlinux.xz && xz -dc --single-stream vmlinux.xz > vmlinux && rm vmlinux.xz
echo "$KVER" > kver

# 2. modules we want, plus their dependencies (resolved with depmod/modprobe on the extracted tree)
WANT="virtio_pci virtio_mmio virtio_console 9pnet_virtio 9p overlay
      ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_sh ip_vs_dh ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_lblc ip_vs_lblcr ip_vs_mh ip_vs_pe_sip
      dummy veth virtio_net"
depmod -b "$D/kernel" "$KVER"
MODS=$(for m in $WANT; do modprobe -d "$D/kernel" -S "$KVER" --show-depends "$m"; done | awk '$1=="insmod"{print $2}' | awk '!s[$0]++')

R=$D/initramfs
rm -rf "$R"
mkdir -p "$R"/{bin,sbin,dev,proc,sys,tmp,run,mnt/host,mnt/run,mnt/rw,newroot,lib/modules/$KVER,lib64,lib/x86_64-linux-gnu}
for f in $MODS; do
  rel=${f#$D/kernel/lib/modules/$KVER/}
  mkdir -p "$R/lib/modules/$KVER/$(dirname "$rel")"
  cp "$f" "$R/lib/modules/$KVER/$rel"
done
cp kernel/lib/modules/$KVER/modules.order kernel/lib/modules/$KVER/modules.builtin* "$R/lib/modules/$KVER/"
depmod -b "$R" "$KVER"

# 3. busybox (static) + ipvsadm with its shared libs
cp /bin/busybox "$R/bin/busybox"
for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -sf busybox "$R/bin/$a"; done
ln -sf ../bin/busybox "$R/sbin/modprobe"   # kernel request_module() runs /sbin/modprobe
cp /usr/sbin/ipvsadm "$R/sbin/"
for l in $(ldd /usr/sbin/ipvsadm | awk '/=>/{print $3} /ld-linux/{print $1}'); do
  mkdir -p "$R$(dirname "$l")"; cp -L "$l" "$R$l"
done

# 4. /init
cp "$S/init" "$R/init"; chmod 755 "$R/init"

(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) > initramfs.cpio.gz
echo "built $D/initramfs.cpio.gz ($(du -h initramfs.cpio.gz | cut -f1)), kernel $KVER, $(echo "$MODS" | wc -l) modules"
