package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jkeepalived.testing.NetNs;
import io.jkeepalived.testing.OpenDescriptors;
import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.ChecksumMode;
import io.jkeepalived.vrrp.wire.IpFamily;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Raw VRRP sockets between two namespaces joined by a veth pair (a0 in A, b0 in B). */
@Tag("system")
class VrrpSocketSystemTest {

    private static NetNs a;
    private static NetNs b;
    private static int b0Index;
    private static InetAddress aLinkLocal;

    @BeforeAll
    static void lab() throws Exception {
        a = NetNs.create("jk-os");
        b = NetNs.create("jk-os");
        NetNs.veth(a, "a0", b, "b0");
        a.ip("addr", "add", "198.18.0.1/24", "dev", "a0");
        b.ip("addr", "add", "198.18.0.2/24", "dev", "b0");
        a.ip("addr", "add", "2001:db8::1/64", "dev", "a0", "nodad");
        b.ip("addr", "add", "2001:db8::2/64", "dev", "b0", "nodad");
        b0Index = b.run(() -> Interfaces.indexOf("b0").orElseThrow());
        var ll = a.ip("-6", "-o", "addr", "show", "dev", "a0", "scope", "link").split("\\s+");
        for (int i = 0; i < ll.length; i++) {
            if (ll[i].equals("inet6")) {
                aLinkLocal = InetAddress.getByName(ll[i + 1].split("/")[0]);
            }
        }
        assertThat(aLinkLocal).isNotNull();
    }

    @AfterAll
    static void cleanUp() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    /** A VRRPv3-shaped payload; bytes 6-7 (checksum) left zero. */
    private static MemorySegment payload(Arena arena, int vrid, int addrLen) {
        var p = arena.allocate(8 + addrLen, 8);
        p.set(ValueLayout.JAVA_BYTE, 0, (byte) 0x31);
        p.set(ValueLayout.JAVA_BYTE, 1, (byte) vrid);
        p.set(ValueLayout.JAVA_BYTE, 2, (byte) 100);
        p.set(ValueLayout.JAVA_BYTE, 3, (byte) 1);
        p.set(ValueLayout.JAVA_BYTE, 5, (byte) 100);
        for (int i = 0; i < addrLen; i++) {
            p.set(ValueLayout.JAVA_BYTE, 8 + i, (byte) (0x40 + i));
        }
        return p;
    }

    /** An IPv4 advert for {@code vrid} with its header, as the daemon builds it (the one IPv4 header writer). */
    private static MemorySegment datagram(Arena arena, int vrid, String src, InetAddress dst, int ttl, int ipId) {
        var ad = Advertisement.v3(vrid, 100, 100, AddressList.parse(IpFamily.IPV4, "198.18.0.100"),
                ChecksumMode.PSEUDO_HEADER);
        var out = arena.allocate(AdvertEncoder.ipv4PacketLength(ad), 8);
        AdvertEncoder.encodeIpv4(ad, ipv4(InetAddress.ofLiteral(src)), ipv4(dst), ttl, ipId, out, 0);
        return out;
    }

    private static int ipv4(InetAddress a) {
        return java.nio.ByteBuffer.wrap(a.getAddress()).getInt();
    }

    @Test
    void ipv4MulticastAndUnicast() throws Exception {
        try (var tx = a.run(() -> VrrpSocket.openIpv4("a0"));
                var rx = b.run(() -> VrrpSocket.openIpv4("b0"));
                var arena = Arena.ofConfined()) {
            var group = InetAddress.getByName("224.0.0.18");
            rx.joinGroup(group);
            var buf = arena.allocate(2048, 8);

            var sent = datagram(arena, 7, "198.18.0.1", group, 255, 1);
            tx.sendIpv4(sent);
            var mc = rx.receive(buf, 5000).orElseThrow();
            assertThat(mc.source()).isEqualTo(InetAddress.getByName("198.18.0.1"));
            assertThat(mc.destination()).isEqualTo(group);
            assertThat(mc.hopLimit()).isEqualTo(255);
            assertThat(mc.trafficClass()).isEqualTo(0xC0);
            assertThat(mc.ifindex()).isEqualTo(b0Index);
            assertThat(mc.offset()).isEqualTo(20);
            assertThat(mc.length()).isEqualTo(12);
            // The whole datagram arrives as written: the kernel's length and checksum equal the encoder's, the
            // ID is ours (not one the kernel picked), DF stays clear.
            assertThat(hex(buf, 0, 32)).isEqualTo(hex(sent, 0, 32));
            assertThat(buf.get(ValueLayout.JAVA_BYTE, 6) & 0x40).as("DF bit").isZero();

            var peer = InetAddress.getByName("198.18.0.2");
            var unicast = datagram(arena, 8, "198.18.0.1", peer, 64, 0xFFFF);
            tx.sendIpv4(unicast);
            var uc = rx.receive(buf, 5000).orElseThrow();
            assertThat(uc.destination()).isEqualTo(peer);
            assertThat(uc.hopLimit()).isEqualTo(64);
            assertThat(uc.trafficClass()).isEqualTo(0xC0);
            assertThat(hex(buf, 0, 32)).isEqualTo(hex(unicast, 0, 32));

            assertThat(rx.receive(buf)).as("nothing else queued").isEmpty();
        }
    }

    @Test
    void aBatchOfIpv4AdvertsGoesOutInOneCallEachAsWritten() throws Exception {
        try (var tx = a.run(() -> VrrpSocket.openIpv4("a0"));
                var rx = b.run(() -> VrrpSocket.openIpv4("b0"));
                var arena = Arena.ofConfined()) {
            var group = InetAddress.getByName("224.0.0.18");
            rx.joinGroup(group);
            var peer = InetAddress.getByName("198.18.0.2");
            var batch = new Ipv4Batch();
            List<MemorySegment> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 300 && batch.fits(datagram(arena, 1 + i % 250, "198.18.0.1", group, 255, 1 + i)); i++) {
                var d = datagram(arena, 1 + i % 250, "198.18.0.1", i % 3 == 0 ? peer : group, 255, 1 + i);
                assertThat(batch.add(d)).isTrue();
                sent.add(d);
            }
            assertThat(sent).as("the batch stops at its capacity").hasSize(Ipv4Batch.CAPACITY);
            int from = 0;
            while (from < batch.size()) from += tx.sendIpv4(batch, from);
            var buf = arena.allocate(2048, 8);
            for (MemorySegment d : sent) {
                var got = rx.receive(buf, 5000).orElseThrow();
                assertThat(got.destination()).isEqualTo(InetAddress.getByAddress(d.asSlice(16, 4).toArray(ValueLayout.JAVA_BYTE)));
                assertThat(hex(buf, 0, 32)).isEqualTo(hex(d, 0, 32));
            }
            assertThat(rx.receive(buf)).as("nothing else queued").isEmpty();
            batch.clear();
            assertThat(batch.size()).isZero();
        }
    }

    @Test
    void ipv6MulticastAndUnicastWithKernelChecksum() throws Exception {
        try (var tx = a.run(() -> VrrpSocket.openIpv6("a0"));
                var rx = b.run(() -> VrrpSocket.openIpv6("b0"));
                var arena = Arena.ofConfined()) {
            var group = InetAddress.getByName("ff02::12");
            rx.joinGroup(group);
            var buf = arena.allocate(2048, 8);

            tx.sendIpv6(payload(arena, 9, 16), Optional.empty(), group, 255);
            var mc = rx.receive(buf, 5000).orElseThrow();
            assertThat(mc.source()).isEqualTo(aLinkLocal);
            assertThat(mc.destination()).isEqualTo(group);
            assertThat(mc.hopLimit()).isEqualTo(255);
            assertThat(mc.trafficClass()).isEqualTo(0xC0);
            assertThat(mc.ifindex()).isEqualTo(b0Index);
            assertThat(mc.offset()).isZero();
            assertThat(mc.length()).isEqualTo(24);
            assertThat(buf.get(ValueLayout.JAVA_SHORT, 6)).as("kernel filled the checksum").isNotZero();
            assertThat(checksumValid(mc, buf)).isTrue();

            var src = InetAddress.getByName("2001:db8::1");
            var peer = InetAddress.getByName("2001:db8::2");
            tx.sendIpv6(payload(arena, 10, 16), Optional.of(src), peer, 64);
            var uc = rx.receive(buf, 5000).orElseThrow();
            assertThat(uc.source()).isEqualTo(src);
            assertThat(uc.destination()).isEqualTo(peer);
            assertThat(uc.hopLimit()).isEqualTo(64);
            assertThat(uc.trafficClass()).isEqualTo(0xC0);
            assertThat(checksumValid(uc, buf)).isTrue();
        }
    }

    /**
     * The kernel loops a multicast copy back synchronously inside the send call, before the frame
     * reaches the veth; so once the peer has the packet, any local copy would already be queued.
     */
    @Test
    void multicastIsNotLoopedBackToTheSender() throws Exception {
        for (var v6 : new boolean[] {false, true}) {
            var group = InetAddress.getByName(v6 ? "ff02::12" : "224.0.0.18");
            try (var tx = a.run(() -> v6 ? VrrpSocket.openIpv6("a0") : VrrpSocket.openIpv4("a0"));
                    var local = a.run(() -> v6 ? VrrpSocket.openIpv6("a0") : VrrpSocket.openIpv4("a0"));
                    var rx = b.run(() -> v6 ? VrrpSocket.openIpv6("b0") : VrrpSocket.openIpv4("b0"));
                    var arena = Arena.ofConfined()) {
                local.joinGroup(group);
                rx.joinGroup(group);
                var buf = arena.allocate(2048, 8);
                if (v6) {
                    tx.sendIpv6(payload(arena, 12, 16), Optional.empty(), group, 255);
                } else {
                    tx.sendIpv4(datagram(arena, 12, "198.18.0.1", group, 255, 1));
                }
                assertThat(rx.receive(buf, 5000)).as("peer receives").isPresent();
                assertThat(local.receive(buf)).as("no loopback copy (IPv6: %s)", v6).isEmpty();
            }
        }
    }

    /** VRRP over a VMAC: frames leave with the virtual router MAC as Ethernet source. */
    @Test
    void advertsSentOnAVmacCarryTheVirtualMac() throws Exception {
        try (var rt = a.run(io.jkeepalived.netlink.RtNetlink::open); var arena = Arena.ofConfined()) {
            int parent = a.run(() -> Interfaces.indexOf("a0").orElseThrow());
            int vmac = rt.createMacvlan(io.jkeepalived.netlink.MacvlanSpec.vmac("vrrp.5", parent, false, 5));
            try {
                rt.setLinkUp(vmac, true);
                a.ip("addr", "add", "198.18.0.5/24", "dev", "vrrp.5");
                try (var tx = a.run(() -> VrrpSocket.openIpv4("vrrp.5"));
                        var sniff = b.run(() -> PacketSocket.openReceiver("b0", Linux.ETH_P_IP))) {
                    tx.sendIpv4(datagram(arena, 5, "198.18.0.5", InetAddress.getByName("224.0.0.18"), 255, 1));
                    var frame = arena.allocate(2048, 8);
                    // Skip other IPv4 frames (IGMP reports, also outgoing ones, reach packet sockets too).
                    int n;
                    do {
                        n = sniff.receive(frame, 5000).orElseThrow();
                    } while (frame.get(ValueLayout.JAVA_BYTE, 14 + 9) != 112);
                    assertThat(n).isGreaterThanOrEqualTo(14 + 20 + 12);
                    assertThat(MacAddress.of(bytes(frame, 6, 6))).isEqualTo(MacAddress.vrrp(false, 5));
                    assertThat(MacAddress.of(bytes(frame, 0, 6))).hasToString("01:00:5e:00:00:12");
                    assertThat(frame.get(ValueLayout.JAVA_BYTE, 14 + 9)).as("protocol").isEqualTo((byte) 112);
                }
            } finally {
                rt.deleteLink(vmac);
            }
        }
    }

    @Test
    void heapPayloadIsCopiedAndWrongFamilyIsRefused() throws Exception {
        try (var tx = a.run(() -> VrrpSocket.openIpv4("a0"));
                var rx = b.run(() -> VrrpSocket.openIpv4("b0"));
                var arena = Arena.ofConfined()) {
            var heap = MemorySegment.ofArray(bytes(datagram(arena, 11, "198.18.0.1",
                    InetAddress.getByName("198.18.0.2"), 255, 1), 0, 32));
            tx.sendIpv4(heap);
            var got = rx.receive(arena.allocate(2048, 8), 5000).orElseThrow();
            assertThat(got.length()).isEqualTo(12);
            assertThatThrownBy(() -> tx.sendIpv6(heap, Optional.empty(), InetAddress.getByName("2001:db8::2"), 255))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sendIpv6 on an IPv4 socket");
            assertThatThrownBy(() -> tx.sendIpv4(MemorySegment.ofArray(new byte[32])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv4 header");
        }
        try (var tx6 = a.run(() -> VrrpSocket.openIpv6("a0"))) {
            assertThatThrownBy(() -> tx6.sendIpv6(MemorySegment.ofArray(new byte[24]), Optional.empty(),
                    InetAddress.getByName("198.18.0.2"), 255))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv6 address");
        }
    }

    @Test
    void errnoIsNamedAndExplained() throws Exception {
        assertThatThrownBy(() -> b.run(() -> VrrpSocket.openIpv4("nosuch0")))
                .isInstanceOf(OsException.class)
                .hasMessage("if_nametoindex(nosuch0): ENODEV (No such device)");
        try (var rx = b.run(() -> VrrpSocket.openIpv4("b0"))) {
            var group = InetAddress.getByName("224.0.0.18");
            rx.joinGroup(group);
            assertThatThrownBy(() -> rx.joinGroup(group))
                    .isInstanceOf(OsException.class)
                    .hasMessage("setsockopt(IP_ADD_MEMBERSHIP 224.0.0.18) on b0: EADDRINUSE (Address already in use)")
                    .satisfies(e -> assertThat(((OsException) e).errnoName()).isEqualTo("EADDRINUSE"));
            rx.leaveGroup(group);
        }
    }

    @Test
    void descriptorsAreClosed() throws Exception {
        Set<String> before = OpenDescriptors.now();
        for (int i = 0; i < 20; i++) {
            try (var s4 = b.run(() -> VrrpSocket.openIpv4("b0"));
                    var s6 = b.run(() -> VrrpSocket.openIpv6("b0"));
                    var w = WakeUpFd.open();
                    var p = b.run(() -> PacketSocket.openReceiver("b0", Linux.ETH_P_ARP))) {
                assertThat(s4.fd()).isNotEqualTo(s6.fd());
                assertThat(p.fd()).isNotEqualTo(w.fd());
                w.signal();
            }
            assertThatThrownBy(() -> b.run(() -> VrrpSocket.openIpv4("nosuch0"))).isInstanceOf(OsException.class);
        }
        assertThat(OpenDescriptors.openedSince(before)).as("descriptors opened and not closed").isEmpty();
    }

    private static String hex(MemorySegment seg, int offset, int length) {
        return java.util.HexFormat.ofDelimiter(" ").formatHex(bytes(seg, offset, length));
    }

    private static byte[] bytes(MemorySegment seg, int offset, int length) {
        return seg.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE);
    }

    /** RFC 8200 §8.1 pseudo-header sum over the received payload must fold to 0xFFFF. */
    private static boolean checksumValid(ReceivedPacket p, MemorySegment buf) {
        var pseudo = new byte[40 + p.length() + 1];
        System.arraycopy(p.source().getAddress(), 0, pseudo, 0, 16);
        System.arraycopy(p.destination().getAddress(), 0, pseudo, 16, 16);
        pseudo[34] = (byte) (p.length() >> 8);
        pseudo[35] = (byte) p.length();
        pseudo[39] = 112;
        System.arraycopy(bytes(buf, p.offset(), p.length()), 0, pseudo, 40, p.length());
        long sum = 0;
        for (int i = 0; i + 1 < pseudo.length; i += 2) {
            sum += ((pseudo[i] & 0xff) << 8) | (pseudo[i + 1] & 0xff);
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return sum == 0xffff;
    }
}
