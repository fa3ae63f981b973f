package io.jkeepalived.os;

import java.net.InetAddress;

/**
 * One datagram read from a {@link VrrpSocket}. The VRRP message is {@code length} bytes at
 * {@code offset} in the caller's buffer: for IPv4 the kernel hands over the IP header too, which is
 * skipped; for IPv6 it starts at 0. {@code hopLimit} is the IPv4 TTL or IPv6 hop limit and
 * {@code trafficClass} the IPv4 TOS or IPv6 traffic class, both as received (RFC 5798 §7.1 checks
 * the first). {@code destination} tells a multicast advert from a unicast one.
 */
public record ReceivedPacket(
        int offset,
        int length,
        InetAddress source,
        InetAddress destination,
        int hopLimit,
        int trafficClass,
        int ifindex,
        boolean truncated) {
}
