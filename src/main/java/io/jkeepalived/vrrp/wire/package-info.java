/**
 * VRRP wire formats as pure code: the advertisement codec (VRRPv2, RFC 3768 and VRRPv3, RFC 5798, over IPv4
 * and IPv6), receive validation in keepalived's order, and builders for gratuitous ARP and unsolicited Neighbour
 * Advertisement frames.
 *
 * <p>Nothing here opens a socket or reads a clock. Encoders write into a caller-provided {@link
 * java.lang.foreign.MemorySegment} without allocating, so the daemon can reuse one buffer per socket; decoding is a
 * reusable flyweight ({@link io.jkeepalived.vrrp.wire.AdvertView}) followed by {@link
 * io.jkeepalived.vrrp.wire.AdvertValidator#validate}, and no input, however malformed, makes either throw.
 */
package io.jkeepalived.vrrp.wire;
