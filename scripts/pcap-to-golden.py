#!/usr/bin/env python3
"""Turns one capture of scripts/capture-golden.sh into annotated hex files (one packet per file).

Usage: pcap-to-golden.py CAPTURE.pcap CASE OUTDIR CONFIG
Writes OUTDIR/CASE-advert.hex, CASE-prio0.hex and, when present, CASE-garp.hex / CASE-na.hex.
Lines starting with '#' are comments; everything else is hex bytes of the full Ethernet frame.
"""
import struct
import sys

KEEPALIVED_MAC = bytes.fromhex("026a6b000001")


def frames(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    if linktype != 1:
        sys.exit(f"expected Ethernet link type, got {linktype}")
    off, n = 24, 0
    while off + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[off:off + 16])
        n += 1
        yield n, data[off + 16:off + 16 + incl]
        off += 16 + incl


def classify(frame):
    etype = struct.unpack(">H", frame[12:14])[0]
    if etype == 0x0806 and frame[22:28] == KEEPALIVED_MAC and frame[28:32] == frame[38:42]:
        return "garp", [("ethernet", 14), ("arp", 28)]
    if etype == 0x0800 and frame[23] == 112:
        ihl = (frame[14] & 0x0F) * 4
        kind = "prio0" if frame[14 + ihl + 2] == 0 else "advert"
        return kind, [("ethernet", 14), ("ipv4 header", ihl), ("vrrp", None)]
    if etype == 0x86DD:
        nh = frame[20]
        if nh == 112:
            kind = "prio0" if frame[54 + 2] == 0 else "advert"
            return kind, [("ethernet", 14), ("ipv6 header", 40), ("vrrp", None)]
        if nh == 58 and frame[54] == 136 and frame[6:12] == KEEPALIVED_MAC:
            return "na", [("ethernet", 14), ("ipv6 header", 40), ("icmpv6 neighbour advertisement", None)]
    return None, None


def hexlines(b):
    return [" ".join(f"{x:02x}" for x in b[i:i + 16]) for i in range(0, len(b), 16)]


def main():
    pcap, case, outdir, conf = sys.argv[1:5]
    config = [l.rstrip() for l in open(conf) if l.strip()]
    seen = {}
    for n, frame in frames(pcap):
        kind, layers = classify(frame)
        if kind is None or kind in seen:
            continue
        seen[kind] = True
        name = f"{case}-{kind}"
        out = [f"# {name}: captured from Debian keepalived 2.2.7 by scripts/capture-golden.sh",
               f"# frame {n} of {case}.pcap, {len(frame)} bytes, on the peer veth (jkwb0)",
               "# keepalived.conf used:"]
        out += [f"#   {l}" for l in config]
        off = 0
        for label, size in layers:
            part = frame[off:] if size is None else frame[off:off + size]
            out.append(f"# {label} (offset {off}, {len(part)} bytes)")
            out += hexlines(part)
            off += len(part)
        with open(f"{outdir}/{name}.hex", "w") as f:
            f.write("\n".join(out) + "\n")
        print(f"wrote {outdir}/{name}.hex ({len(frame)} bytes)")
    for want in ("advert", "prio0"):
        if want not in seen:
            sys.exit(f"{case}: no {want} packet captured")


if __name__ == "__main__":
    main()
