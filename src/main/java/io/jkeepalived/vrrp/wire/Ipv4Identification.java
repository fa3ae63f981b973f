package io.jkeepalived.vrrp.wire;

/**
 * The IPv4 identification sequence of one VRRP instance, as keepalived 2.2.7 numbers its adverts: 1 for the
 * first round, one more for every later round, and the same number on every copy of one round (each unicast
 * peer gets a copy). After 65535 it starts again at 1: 0 is never used, because an IP_HDRINCL header with ID 0
 * asks the kernel to choose one, and the daemon wants the number it wrote on the wire.
 *
 * <p>Not thread-safe; the event loop owns one per instance.
 */
public final class Ipv4Identification {
    private int last;

    /** The ID for the next advertisement round. */
    public int next() {
        last = last == 0xFFFF ? 1 : last + 1;
        return last;
    }
}
