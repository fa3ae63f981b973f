package io.jkeepalived.testing;

import io.jkeepalived.os.OsException;
import io.jkeepalived.os.VrrpSocket;
import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.IpFamily;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

/**
 * An attacker on the LAN: a raw VRRP socket (IP_HDRINCL) in a host's namespace that sends whatever
 * IPv4 datagrams the test builds (forged adverts, truncated packets, bad checksums) to 224.0.0.18,
 * at a paced rate.
 */
public final class AdvertForger implements AutoCloseable {
    private static final int GROUP = 0xE0000012;

    private final VrrpSocket socket;
    private final int source;
    private final Arena arena = Arena.ofShared();

    private AdvertForger(VrrpSocket socket, int source) {
        this.socket = socket;
        this.source = source;
    }

    /** Opens the raw socket on the host's LAN interface; packets carry the host's address. */
    public static AdvertForger on(Lan.Host host) throws Exception {
        VrrpSocket s = host.ns().run(() -> VrrpSocket.openIpv4(host.iface()));
        return new AdvertForger(s, ByteBuffer.wrap(InetAddress.ofLiteral(host.ipv4()).getAddress()).getInt());
    }

    /** A well-formed VRRPv2 advert (no authentication, advert_int 1). */
    public MemorySegment advert(int vrid, int priority, String... vips) {
        Advertisement ad = Advertisement.v2(vrid, priority, 1, AddressList.parse(IpFamily.IPV4, vips));
        MemorySegment out = arena.allocate(AdvertEncoder.ipv4PacketLength(ad));
        AdvertEncoder.encodeIpv4(ad, source, GROUP, 255, 1, out, 0);
        return out;
    }

    /** The same advert with its VRRP checksum broken. */
    public MemorySegment badChecksum(int vrid, int priority, String... vips) {
        MemorySegment p = advert(vrid, priority, vips);
        long at = 20 + 6;
        p.set(ValueLayout.JAVA_BYTE, at, (byte) (p.get(ValueLayout.JAVA_BYTE, at) ^ 0x5a));
        return p;
    }

    /** An IPv4 header for VRRP followed by only 4 bytes: shorter than a VRRP header. */
    public MemorySegment truncated(int vrid) {
        MemorySegment full = advert(vrid, 100, Lan.VIP4);
        return full.asSlice(0, 24);
    }

    /** Sends {@code packet} {@code count} times at about {@code perSecond}. */
    public void send(MemorySegment packet, int count, int perSecond) throws OsException {
        long gap = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            socket.sendIpv4Datagram(packet);
            next += gap;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing a load generator, not waiting for an event
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        arena.close();
    }
}
