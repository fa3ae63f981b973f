package io.jkeepalived.vrrp.wire;

/** The protocol version, as carried in the high nibble of the first VRRP byte. */
public enum VrrpVersion {
    /** RFC 3768: IPv4 only, adver int in seconds, 8-byte authentication trailer. */
    V2(2),
    /** RFC 5798: IPv4 and IPv6, 12-bit max adver int in centiseconds, pseudo-header checksum. */
    V3(3);

    private final int wire;

    VrrpVersion(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }
}
