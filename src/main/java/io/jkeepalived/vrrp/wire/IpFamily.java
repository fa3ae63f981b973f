package io.jkeepalived.vrrp.wire;

/** The address family of a virtual router: decides address size and how the packet is framed. */
public enum IpFamily {
    IPV4(4),
    IPV6(16);

    private final int addressBytes;

    IpFamily(int addressBytes) {
        this.addressBytes = addressBytes;
    }

    public int addressBytes() {
        return addressBytes;
    }
}
