package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.Golden.A4;
import static io.jkeepalived.vrrp.wire.Golden.A6_LINK_LOCAL;
import static io.jkeepalived.vrrp.wire.Golden.B4;
import static io.jkeepalived.vrrp.wire.Golden.GROUP6;
import static io.jkeepalived.vrrp.wire.Golden.MAC_A;
import static io.jkeepalived.vrrp.wire.Golden.seg;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packets captured from Debian's keepalived 2.2.7 (scripts/capture-golden.sh): our encoder must produce them byte
 * for byte from the same configuration, and our decoder must accept them. The IPv4 header checked here is the one
 * the daemon sends ({@code VrrpSocket.sendIpv4} passes the encoder's datagram to an IP_HDRINCL socket as it is);
 * {@code GoldenOnTheWireSystemTest} compares the captured packets of the running daemon with the same files.
 */
class GoldenPacketsTest {
    private static final AddressList V2_PASS_VIPS = AddressList.parse(IpFamily.IPV4, "198.18.0.100", "198.18.0.101");
    private static final AddressList V3_V4_VIPS =
            AddressList.parse(IpFamily.IPV4, "198.18.0.110", "198.18.0.111", "198.18.0.112");
    private static final AddressList V3_V6_VIPS = AddressList.parse(IpFamily.IPV6, "2001:db8::100", "2001:db8::101");
    private static final AddressList PEER_OF_B = AddressList.parse(IpFamily.IPV4, "198.18.0.1");

    /** Take the IP ID from the capture: it counts every packet sent, so it depends on when SIGTERM came. */
    private static final int ID_FROM_CAPTURE = -1;

    /** name, advertisement, destination, IP ID (keepalived's first packet has 1), unicast. */
    static Stream<Arguments> ipv4Cases() {
        Advertisement v2pass = Advertisement.v2Pass(51, 150, 1, "secret12345", V2_PASS_VIPS);
        Advertisement v3 = Advertisement.v3(52, 200, 50, V3_V4_VIPS, ChecksumMode.PSEUDO_HEADER);
        Advertisement v2uni = Advertisement.v2(54, 100, 1, AddressList.parse(IpFamily.IPV4, "198.18.0.120"));
        Advertisement v3uni = Advertisement.v3(55, 254, 100, AddressList.parse(IpFamily.IPV4, "198.18.0.130"),
                ChecksumMode.PSEUDO_HEADER);
        return Stream.of(
                Arguments.of("v2-pass-advert", v2pass, VrrpHeader.GROUP_V4, 1, false),
                Arguments.of("v2-pass-prio0", v2pass.withPriority(0), VrrpHeader.GROUP_V4, ID_FROM_CAPTURE, false),
                Arguments.of("v3-ipv4-advert", v3, VrrpHeader.GROUP_V4, 1, false),
                Arguments.of("v3-ipv4-prio0", v3.withPriority(0), VrrpHeader.GROUP_V4, ID_FROM_CAPTURE, false),
                Arguments.of("v2-unicast-advert", v2uni, B4, 1, true),
                Arguments.of("v2-unicast-prio0", v2uni.withPriority(0), B4, ID_FROM_CAPTURE, true),
                Arguments.of("v3-unicast-advert", v3uni, B4, 1, true),
                Arguments.of("v3-unicast-prio0", v3uni.withPriority(0), B4, ID_FROM_CAPTURE, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv4Cases")
    void encoderReproducesKeepalivedIpv4PacketByteForByte(String name, Advertisement ad, int dst, int ipId,
                                                          boolean unicast) {
        byte[] expected = Golden.ipv4Packet(name);
        int id = ipId == ID_FROM_CAPTURE ? (expected[4] & 0xff) << 8 | (expected[5] & 0xff) : ipId;
        assertThat(id).isPositive();
        byte[] out = new byte[128];
        int n = AdvertEncoder.encodeIpv4(ad, A4, dst, 255, id, seg(out), 0);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(out, n))).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv4Cases")
    void decoderAcceptsKeepalivedIpv4Packet(String name, Advertisement ad, int dst, int ipId, boolean unicast) {
        byte[] packet = Golden.ipv4Packet(name);
        AdvertView view = new AdvertView();
        assertThat(view.wrapIpv4(seg(packet), 0, packet.length)).isEmpty();
        ReceiveProfile profile = ReceiveProfile.matching(ad);
        if (unicast) {
            profile = profile.withUnicastPeers(PEER_OF_B).withCheckUnicastSource(true);
        }
        assertThat(AdvertValidator.validate(view, profile)).isEqualTo(new Verdict.Accepted(0));
        assertThat(view.versionNumber()).isEqualTo(ad.version().wire());
        assertThat(view.vrid()).isEqualTo(ad.vrid());
        assertThat(view.priority()).isEqualTo(ad.priority());
        assertThat(view.count()).isEqualTo(ad.addresses().count());
        assertThat(view.adverIntCentis()).isEqualTo(ad.adverIntCentis());
        assertThat(view.authTypeNumber() & (ad.version() == VrrpVersion.V2 ? 0xff : 0)).isEqualTo(
                ad.version() == VrrpVersion.V2 ? ad.authType().wire() : 0);
        assertThat(view.source()).isEqualTo(InetAddress.ofLiteral("198.18.0.1"));
        for (int i = 0; i < view.count(); i++) {
            assertThat(view.address(i)).isEqualTo(ad.addresses().get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv4Cases")
    void decoderReadsNativeMemoryAtAnOffsetAsTheDaemonWill(String name, Advertisement ad, int dst, int ipId,
                                                           boolean unicast) {
        byte[] packet = Golden.ipv4Packet(name);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(2048);
            MemorySegment.copy(packet, 0, buffer, ValueLayout.JAVA_BYTE, 7, packet.length);
            AdvertView view = new AdvertView();
            assertThat(view.wrapIpv4(buffer, 7, packet.length)).isEmpty();
            ReceiveProfile profile = ReceiveProfile.matching(ad);
            Verdict verdict = AdvertValidator.validate(view, unicast ? profile.withUnicastPeers(PEER_OF_B) : profile);
            assertThat(verdict).isEqualTo(new Verdict.Accepted(0));
            assertThat(view.priority()).isEqualTo(ad.priority());

            MemorySegment out = arena.allocate(2048);
            int id = (packet[4] & 0xff) << 8 | (packet[5] & 0xff);
            int n = AdvertEncoder.encodeIpv4(ad, A4, dst, 255, id, out, 13);
            assertThat(out.asSlice(13, n).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(packet);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v3-ipv6-advert", "v3-ipv6-prio0"})
    void ipv6PayloadAndKernelChecksumReproduced(String name) {
        Advertisement ad = Advertisement.v3(53, 120, 100, V3_V6_VIPS, ChecksumMode.PSEUDO_HEADER);
        if (name.endsWith("prio0")) {
            ad = ad.withPriority(0);
        }
        byte[] frame = Golden.frame(name);
        // The kernel builds the IPv6 header: traffic class 0xC0 (IPV6_TCLASS) and hop limit 255.
        assertThat(((frame[14] & 0x0f) << 4) | ((frame[15] & 0xf0) >>> 4)).isEqualTo(0xC0);
        assertThat(frame[21] & 0xff).isEqualTo(255);

        byte[] out = new byte[64];
        int n = AdvertEncoder.encodeIpv6(ad, seg(A6_LINK_LOCAL), seg(GROUP6), seg(out), 0);
        assertThat(HexFormat.of().formatHex(Arrays.copyOf(out, n)))
                .isEqualTo(HexFormat.of().formatHex(Golden.ipv6Payload(name)));

        // Without addresses the checksum is left zero for IPV6_CHECKSUM; everything else is identical.
        byte[] forKernel = new byte[64];
        AdvertEncoder.encodeIpv6(ad, seg(forKernel), 0);
        assertThat(forKernel[6]).isZero();
        assertThat(forKernel[7]).isZero();
        assertThat(Arrays.copyOfRange(forKernel, 8, n)).isEqualTo(Arrays.copyOfRange(out, 8, n));

        AdvertView view = new AdvertView();
        byte[] payload = Golden.ipv6Payload(name);
        assertThat(view.wrapIpv6(seg(payload), 0, payload.length, seg(A6_LINK_LOCAL), seg(GROUP6), 255)).isEmpty();
        assertThat(AdvertValidator.validate(view, ReceiveProfile.matching(ad))).isEqualTo(new Verdict.Accepted(0));
        assertThat(view.address(1)).isEqualTo(InetAddress.ofLiteral("2001:db8::101"));
        assertThat(view.source()).isEqualTo(InetAddress.ofLiteral("fe80::6a:6bff:fe00:1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2-pass-garp:198.18.0.100", "v3-ipv4-garp:198.18.0.110",
        "v2-unicast-garp:198.18.0.120", "v3-unicast-garp:198.18.0.130"})
    void gratuitousArpReproduced(String spec) {
        String[] parts = spec.split(":");
        byte[] built = GratuitousArp.build(MAC_A, (Inet4Address) InetAddress.ofLiteral(parts[1]));
        assertThat(HexFormat.of().formatHex(built)).isEqualTo(HexFormat.of().formatHex(Golden.frame(parts[0])));
    }

    @ParameterizedTest(name = "router flag {0}")
    @ValueSource(booleans = {false, true})
    void unsolicitedNeighbourAdvertReproduced(boolean router) {
        byte[] built = UnsolicitedNeighbourAdvert.build(MAC_A,
                (Inet6Address) InetAddress.ofLiteral("2001:db8::100"), router);
        byte[] expected = Golden.frame("v3-ipv6-na");
        if (router) {
            // Not captured (forwarding was off): the same frame with R set, so flags and checksum change.
            assertThat(built[58] & 0xff).isEqualTo(0xA0);
            long sum = InetChecksum.ipv6PseudoHeader(seg(built), 22, seg(built), 38, 32, 58);
            assertThat(InetChecksum.verifies(InetChecksum.add(sum, seg(built), 54, 32))).isTrue();
            return;
        }
        assertThat(HexFormat.of().formatHex(built)).isEqualTo(HexFormat.of().formatHex(expected));
    }
}
