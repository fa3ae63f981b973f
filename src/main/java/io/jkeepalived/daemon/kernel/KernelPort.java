package io.jkeepalived.daemon.kernel;

import io.jkeepalived.netlink.AddressSpec;
import io.jkeepalived.netlink.RouteSpec;
import io.jkeepalived.netlink.RuleSpec;
import io.jkeepalived.os.OsException;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kernel as the action executor uses it. {@link LinuxKernel} is the real one (raw sockets,
 * AF_PACKET, rtnetlink); unit tests substitute a recorder because a real kernel needs root.
 */
public interface KernelPort {

    /**
     * Sends one advert on the socket of (family, interface). IPv4: {@code packet} is the whole datagram,
     * header included ({@code AdvertEncoder.encodeIpv4}), sent as it is with IP_HDRINCL; {@code source} and
     * {@code ttl} are already in that header. IPv6: {@code packet} is the VRRP message and the kernel builds the
     * header from {@code source}, {@code destination} and {@code ttl}.
     */
    void sendAdvert(String ifname, boolean ipv6, MemorySegment packet, Optional<InetAddress> source,
                    InetAddress destination, int ttl) throws OsException;

    /**
     * Sends the IPv4 adverts queued in {@code batch} from {@code from} on, on the IPv4 socket of
     * {@code ifname}, in order; returns how many were sent (at least one). When the first of them is
     * refused, throws: the caller counts that one and calls again from the next. This default sends
     * them one by one through {@link #sendAdvert}.
     */
    default int sendAdverts(String ifname, io.jkeepalived.os.Ipv4Batch batch, int from) throws OsException {
        MemorySegment d = batch.datagram(from);
        InetAddress source = ipv4(d, 12);
        sendAdvert(ifname, false, d, Optional.of(source), ipv4(d, 16), Byte.toUnsignedInt(d.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 8)));
        return 1;
    }

    private static InetAddress ipv4(MemorySegment header, long at) {
        byte[] a = header.asSlice(at, 4).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        try {
            return InetAddress.getByAddress(a);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    /** Sends a complete Ethernet frame (gratuitous ARP, unsolicited NA) on {@code ifname}. */
    void sendFrame(String ifname, MemorySegment frame) throws OsException;

    OptionalInt ifindex(String ifname);

    /**
     * The kernel said ENODEV for an index {@link #ifindex} returned: that interface is gone or was
     * re-created, so the next lookup must ask the kernel again (for a port that caches indexes).
     */
    default void indexStale(String ifname) {}

    Optional<byte[]> hardwareAddress(String ifname);

    /** Whether the interface forwards IPv6 (unsolicited NAs then carry the Router flag, as keepalived's). */
    default boolean forwardsIpv6(String ifname) {
        return false;
    }

    void addAddress(AddressSpec a) throws OsException;

    void deleteAddress(AddressSpec a) throws OsException;

    void addRoute(RouteSpec r) throws OsException;

    void deleteRoute(RouteSpec r) throws OsException;

    void addRule(RuleSpec r) throws OsException;

    void deleteRule(RuleSpec r) throws OsException;
}
