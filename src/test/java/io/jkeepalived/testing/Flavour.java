package io.jkeepalived.testing;

import io.jkeepalived.testing.Lan.Host;

/** The VRRP set-ups interop and benchmarks run in: version, family, authentication, transport. */
public enum Flavour {
    /** VRRPv2, IPv4, PASS authentication, advert_int 1. */
    V2_PASS,
    /** VRRPv3 over IPv4, advert_int 0.5. */
    V3_IPV4,
    /** VRRPv3 over IPv6 (adverts from link-local to ff02::12), advert_int 0.5. */
    V3_IPV6,
    /** VRRPv2 unicast between the two nodes' addresses. */
    UNICAST;

    public static final String PASS = "s3cret";
    public static final String INSTANCE = "VI_1";
    public static final int VRID = 51;

    /** The instance for node {@code node} of a two-node pair on {@code lan}. */
    public VrrpInstanceConf instance(Lan lan, int node, int priority) {
        return instance(lan.node(node).ipv4(), lan.node(1 - node).ipv4(), priority);
    }

    /** The instance for a node with IPv4 address {@code self} whose peer is {@code peer}. */
    public VrrpInstanceConf instance(String self, String peer, int priority) {
        return switch (this) {
            case V2_PASS -> VrrpInstanceConf.v2(INSTANCE, VRID, priority, vip() + "/24").withPass(PASS);
            case V3_IPV4 -> VrrpInstanceConf.v3(INSTANCE, VRID, priority, "0.5", vip() + "/24");
            case V3_IPV6 -> VrrpInstanceConf.v3(INSTANCE, VRID, priority, "0.5", vip() + "/64");
            case UNICAST -> VrrpInstanceConf.v2(INSTANCE, VRID, priority, vip() + "/24")
                    .withUnicast(self, peer);
        };
    }

    public String vip() {
        return this == V3_IPV6 ? Lan.VIP6 : Lan.VIP4;
    }

    /** The source address of {@code h}'s adverts. */
    public String source(Lan lan, Host h) {
        return this == V3_IPV6 ? lan.linkLocal(h) : h.ipv4();
    }

    public int version() {
        return this == V3_IPV4 || this == V3_IPV6 ? 3 : 2;
    }
}
