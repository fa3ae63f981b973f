package io.jkeepalived.vrrp.wire;


/** VRRPv2 authentication types (RFC 3768 §5.3.6). VRRPv3 carries none. */
public enum AuthType {
    NONE(0),
    /** Simple cleartext password, 8 bytes, zero padded. */
    PASS(1),
    /** IPsec AH (IP protocol 51). Recognised on the wire, not implemented: such packets are rejected. */
    AH(2);

    private final int wire;

    AuthType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }
}
