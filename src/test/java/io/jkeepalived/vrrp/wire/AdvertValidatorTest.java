package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.Golden.A4;
import static io.jkeepalived.vrrp.wire.Golden.B4;
import static io.jkeepalived.vrrp.wire.Golden.seg;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every rejection reason and warning, each reached by breaking exactly one thing in a valid packet. */
class AdvertValidatorTest {
    private static final AddressList VIPS = AddressList.parse(IpFamily.IPV4, "198.18.0.100", "198.18.0.101");
    private static final AddressList PEERS = AddressList.parse(IpFamily.IPV4, "198.18.0.1");
    private static final Advertisement V2 = Advertisement.v2Pass(51, 100, 1, "secret", VIPS);
    private static final Advertisement V3 = Advertisement.v3(52, 100, 100, VIPS, ChecksumMode.PSEUDO_HEADER);
    private static final ReceiveProfile V2_PROFILE = ReceiveProfile.matching(V2);
    private static final ReceiveProfile V3_PROFILE = ReceiveProfile.matching(V3);

    private static byte[] encode(Advertisement ad, int dst, int ttl) {
        byte[] out = new byte[AdvertEncoder.ipv4PacketLength(ad)];
        AdvertEncoder.encodeIpv4(ad, A4, dst, ttl, 1, seg(out), 0);
        return out;
    }

    private static byte[] multicast(Advertisement ad) {
        return encode(ad, VrrpHeader.GROUP_V4, 255);
    }

    /** Applies {@code change} to a copy and recomputes the VRRP checksum, so only the intended rule breaks. */
    private static byte[] mutated(byte[] packet, boolean v3, Consumer<byte[]> change) {
        byte[] p = Arrays.copyOf(packet, packet.length);
        change.accept(p);
        MemorySegment s = seg(p);
        int vrrpLength = (s.get(InetChecksum.U16, 2) & 0xffff) - 20;
        s.set(InetChecksum.U16, 26, (short) 0);
        long sum = InetChecksum.add(0, s, 20, Math.min(vrrpLength, p.length - 20));
        if (v3) {
            sum += InetChecksum.ipv4PseudoHeader(s.get(InetChecksum.U32, 12), s.get(InetChecksum.U32, 16), 112,
                    vrrpLength);
        }
        s.set(InetChecksum.U16, 26, (short) InetChecksum.finish(sum));
        return p;
    }

    private static Verdict check(byte[] packet, int length, ReceiveProfile profile) {
        AdvertView view = new AdvertView();
        return view.wrapIpv4(seg(packet), 0, length).<Verdict>map(RejectReason::verdict)
                .orElseGet(() -> AdvertValidator.validate(view, profile));
    }

    private static Verdict check(byte[] packet, ReceiveProfile profile) {
        return check(packet, packet.length, profile);
    }

    private static Verdict rejected(RejectReason reason) {
        return new Verdict.Rejected(reason);
    }

    private static Verdict accepted(AdvertWarning... warnings) {
        int bits = 0;
        for (AdvertWarning w : warnings) {
            bits |= w.bit();
        }
        return new Verdict.Accepted(bits);
    }

    @Test
    void validPacketsAreAccepted() {
        assertThat(check(multicast(V2), V2_PROFILE)).isEqualTo(accepted());
        assertThat(check(multicast(V3), V3_PROFILE)).isEqualTo(accepted());
    }

    @Test
    void headerParseRejectsWhatCannotBeRead() {
        byte[] p = multicast(V3);
        assertThat(check(p, 10, V3_PROFILE)).isEqualTo(rejected(RejectReason.TOO_SHORT));
        assertThat(check(p, 27, V3_PROFILE)).isEqualTo(rejected(RejectReason.TOO_SHORT));
        assertThat(check(mutated(p, true, b -> b[0] = 0x65), V3_PROFILE))
                .isEqualTo(rejected(RejectReason.BAD_IP_HEADER));
        assertThat(check(mutated(p, true, b -> b[0] = 0x44), V3_PROFILE))
                .isEqualTo(rejected(RejectReason.BAD_IP_HEADER));
        assertThat(check(mutated(p, true, b -> b[9] = 17), V3_PROFILE)).isEqualTo(rejected(RejectReason.NOT_VRRP));
        assertThat(check(mutated(p, true, b -> b[9] = 51), V3_PROFILE))
                .isEqualTo(rejected(RejectReason.AH_UNSUPPORTED));
        AdvertView view = new AdvertView();
        assertThat(view.wrapIpv4(seg(p), 0, p.length + 1)).contains(RejectReason.TOO_SHORT);
        assertThat(AdvertValidator.validate(view, V3_PROFILE)).isEqualTo(rejected(RejectReason.TOO_SHORT));
    }

    @Test
    void lengthMustMatchCountAllowingEthernetPadding() {
        Advertisement one = Advertisement.v3(52, 100, 100, AddressList.parse(IpFamily.IPV4, "198.18.0.100"),
                ChecksumMode.PSEUDO_HEADER);
        ReceiveProfile profile = ReceiveProfile.matching(one);
        byte[] p = multicast(one); // 32 bytes: a 46-byte frame, padded to 60 on Ethernet
        byte[] padded = Arrays.copyOf(p, 64);
        assertThat(check(padded, 46, profile)).as("padded to 60").isEqualTo(accepted());
        assertThat(check(padded, 42, profile)).as("padded with one VLAN tag").isEqualTo(accepted());
        assertThat(check(padded, 38, profile)).as("two VLAN tags").isEqualTo(accepted());
        assertThat(check(padded, 45, profile)).isEqualTo(rejected(RejectReason.BAD_LENGTH));
        assertThat(check(padded, 50, profile)).isEqualTo(rejected(RejectReason.BAD_LENGTH));
        assertThat(check(p, 31, profile)).isEqualTo(rejected(RejectReason.BAD_LENGTH));
        byte[] v2 = multicast(V2); // 44 bytes: 58-byte frame; only 60 - 14 = 46 is a legal padded size
        assertThat(check(Arrays.copyOf(v2, 46), V2_PROFILE)).isEqualTo(accepted());
        assertThat(check(Arrays.copyOf(v2, 48), V2_PROFILE)).isEqualTo(rejected(RejectReason.BAD_LENGTH));
        assertThat(check(mutated(multicast(V3), true, b -> b[23] = 3), V3_PROFILE))
                .as("count says 3, two present").isEqualTo(rejected(RejectReason.BAD_LENGTH));
        assertThat(check(mutated(multicast(V3), true, b -> b[3] = 29), V3_PROFILE))
                .as("total length disagrees").isEqualTo(rejected(RejectReason.BAD_LENGTH));
    }

    @Test
    void ttlMustBe255InMulticastAndWithinWindowInUnicast() {
        assertThat(check(encode(V3, VrrpHeader.GROUP_V4, 254), V3_PROFILE)).isEqualTo(rejected(RejectReason.BAD_TTL));
        ReceiveProfile unicast = V3_PROFILE.withUnicastPeers(PEERS);
        assertThat(check(encode(V3, B4, 64), unicast)).isEqualTo(accepted());
        ReceiveProfile window = V3_PROFILE.withUnicastPeers(UnicastPeers.of(IpFamily.IPV4, List.of(
                new UnicastPeers.Peer(InetAddress.ofLiteral("198.18.0.1"), 250, 255),
                new UnicastPeers.Peer(InetAddress.ofLiteral("198.18.0.9")))));
        assertThat(check(encode(V3, B4, 64), window)).isEqualTo(rejected(RejectReason.BAD_TTL));
        assertThat(check(encode(V3, B4, 251), window)).isEqualTo(accepted());
        assertThat(window.checksUnicastSource()).as("a TTL window implies check_unicast_src").isTrue();
        ReceiveProfile otherPeersWindow = V3_PROFILE.withUnicastPeers(UnicastPeers.of(IpFamily.IPV4, List.of(
                new UnicastPeers.Peer(InetAddress.ofLiteral("198.18.0.1")),
                new UnicastPeers.Peer(InetAddress.ofLiteral("198.18.0.9"), 250, 255))));
        assertThat(check(encode(V3, B4, 64), otherPeersWindow)).as("the window is the sending peer's")
                .isEqualTo(accepted());
        ReceiveProfile strangersWindow = V3_PROFILE.withUnicastPeers(UnicastPeers.of(IpFamily.IPV4, List.of(
                new UnicastPeers.Peer(InetAddress.ofLiteral("198.18.0.9"), 250, 255))));
        assertThat(check(encode(V3, B4, 64), strangersWindow)).as("not a peer: rejected by the source check")
                .isEqualTo(rejected(RejectReason.UNICAST_SRC_NOT_PEER));
    }

    @Test
    void versionMustMatch() {
        assertThat(check(multicast(V3), V2_PROFILE)).isEqualTo(rejected(RejectReason.BAD_VERSION));
        assertThat(check(multicast(V2), V3_PROFILE)).isEqualTo(rejected(RejectReason.BAD_VERSION));
    }

    @Test
    void v2AuthenticationAndIntervalAreChecked() {
        byte[] p = multicast(V2);
        assertThat(check(mutated(p, false, b -> b[24] = 7), V2_PROFILE))
                .isEqualTo(rejected(RejectReason.INVALID_AUTH_TYPE));
        assertThat(check(mutated(p, false, b -> b[24] = 2), V2_PROFILE))
                .isEqualTo(rejected(RejectReason.AH_UNSUPPORTED));
        assertThat(check(multicast(Advertisement.v2(51, 100, 1, VIPS)), V2_PROFILE))
                .isEqualTo(rejected(RejectReason.AUTH_TYPE_MISMATCH));
        assertThat(check(multicast(Advertisement.v2Pass(51, 100, 1, "secreT", VIPS)), V2_PROFILE))
                .isEqualTo(rejected(RejectReason.AUTH_FAILURE));
        assertThat(check(multicast(Advertisement.v2Pass(51, 100, 1, "secret12", VIPS)),
                V2_PROFILE.withAuth(AuthType.PASS, Advertisement.password("secret123456"))))
                .as("both truncated to 8").isEqualTo(accepted());
        assertThat(check(multicast(Advertisement.v2Pass(51, 100, 2, "secret", VIPS)), V2_PROFILE))
                .isEqualTo(rejected(RejectReason.INTERVAL_MISMATCH));
    }

    @Test
    void typeMustBeAdvertisement() {
        assertThat(check(mutated(multicast(V3), true, b -> b[20] = 0x32), V3_PROFILE))
                .isEqualTo(rejected(RejectReason.BAD_TYPE));
    }

    @Test
    void v3IntervalMismatchIsOnlyAWarning() {
        assertThat(check(multicast(Advertisement.v3(52, 100, 50, VIPS, ChecksumMode.PSEUDO_HEADER)), V3_PROFILE))
                .isEqualTo(accepted(AdvertWarning.INTERVAL_MISMATCH));
    }

    @Test
    void checksumMustVerify() {
        byte[] bad = multicast(V3);
        bad[27] ^= 1;
        assertThat(check(bad, V3_PROFILE)).isEqualTo(rejected(RejectReason.BAD_CHECKSUM));
        byte[] badV2 = multicast(V2);
        badV2[27] ^= 1;
        assertThat(check(badV2, V2_PROFILE)).isEqualTo(rejected(RejectReason.BAD_CHECKSUM));
    }

    @Test
    void v3ChecksumModes() {
        ReceiveProfile unicast = V3_PROFILE.withUnicastPeers(PEERS);
        Advertisement old = Advertisement.v3(52, 100, 100, VIPS, ChecksumMode.OLD_UNICAST);
        Advertisement asV2 = Advertisement.v3(52, 100, 100, VIPS, ChecksumMode.AS_V2);
        assertThat(check(encode(old, B4, 255), unicast)).as("auto-detected like keepalived")
                .isEqualTo(accepted(AdvertWarning.OLD_UNICAST_CHECKSUM));
        assertThat(check(encode(old, B4, 255), unicast.withChecksumMode(ChecksumMode.OLD_UNICAST)))
                .isEqualTo(accepted());
        assertThat(check(encode(V3, B4, 255), unicast.withChecksumMode(ChecksumMode.OLD_UNICAST)))
                .isEqualTo(rejected(RejectReason.BAD_CHECKSUM));
        assertThat(check(encode(asV2, B4, 255), unicast.withChecksumMode(ChecksumMode.AS_V2)))
                .isEqualTo(accepted());
        assertThat(check(encode(asV2, B4, 255), unicast)).isEqualTo(rejected(RejectReason.BAD_CHECKSUM));
        assertThat(check(multicast(old), V3_PROFILE)).as("same bytes as RFC mode when multicast")
                .isEqualTo(accepted());
    }

    @Test
    void destinationMustMatchMode() {
        assertThat(check(encode(V3, B4, 255), V3_PROFILE)).isEqualTo(rejected(RejectReason.NOT_MULTICAST_DEST));
        assertThat(check(multicast(V3), V3_PROFILE.withUnicastPeers(PEERS)))
                .isEqualTo(rejected(RejectReason.NOT_UNICAST_DEST));
    }

    @Test
    void ownerIgnoringAdvertsDropsThem() {
        assertThat(check(multicast(V3), V3_PROFILE.withIgnoreAdverts(true)))
                .isEqualTo(rejected(RejectReason.OWNER_IGNORES_ADVERTS));
    }

    @Test
    void addressListMismatchDropsIn227AndWarnsAsIn233() {
        AddressList other = AddressList.parse(IpFamily.IPV4, "198.18.0.100", "198.18.0.102");
        byte[] p = multicast(Advertisement.v3(52, 100, 100, other, ChecksumMode.PSEUDO_HEADER));
        assertThat(check(p, V3_PROFILE)).isEqualTo(rejected(RejectReason.ADDRESS_LIST_MISMATCH));
        assertThat(check(p, V3_PROFILE.withAddressMismatch(AddressMismatchPolicy.WARN)))
                .isEqualTo(accepted(AdvertWarning.ADDRESS_LIST_MISMATCH));
        AdvertView view = new AdvertView();
        view.wrapIpv4(seg(p), 0, p.length);
        assertThat(AdvertValidator.validate(view, V3_PROFILE.withSkipCheckAdvAddr(true), true))
                .as("skip_check_adv_addr, same master").isEqualTo(accepted());
        assertThat(AdvertValidator.validate(view, V3_PROFILE.withSkipCheckAdvAddr(true), false))
                .isEqualTo(rejected(RejectReason.ADDRESS_LIST_MISMATCH));
        AddressList reordered = AddressList.parse(IpFamily.IPV4, "198.18.0.101", "198.18.0.100");
        assertThat(check(multicast(Advertisement.v3(52, 100, 100, reordered, ChecksumMode.PSEUDO_HEADER)),
                V3_PROFILE)).as("order does not matter").isEqualTo(accepted());
        AddressList fewer = AddressList.parse(IpFamily.IPV4, "198.18.0.100");
        assertThat(check(multicast(Advertisement.v3(52, 100, 100, fewer, ChecksumMode.PSEUDO_HEADER)),
                V3_PROFILE)).isEqualTo(rejected(RejectReason.ADDRESS_LIST_MISMATCH));
    }

    @Test
    void unicastSourceMustBeAPeerWhenChecked() {
        ReceiveProfile strangers = V3_PROFILE.withUnicastPeers(AddressList.parse(IpFamily.IPV4, "198.18.0.9"));
        assertThat(check(encode(V3, B4, 255), strangers)).isEqualTo(accepted());
        assertThat(check(encode(V3, B4, 255), strangers.withCheckUnicastSource(true)))
                .isEqualTo(rejected(RejectReason.UNICAST_SRC_NOT_PEER));
        assertThat(check(encode(V3, B4, 255), V3_PROFILE.withUnicastPeers(PEERS).withCheckUnicastSource(true)))
                .isEqualTo(accepted());
    }

    @Test
    void firstFailingRuleWins() {
        byte[] p = encode(V3, VrrpHeader.GROUP_V4, 1);
        p[27] ^= 1;
        assertThat(check(p, V3_PROFILE)).as("TTL is checked before the checksum")
                .isEqualTo(rejected(RejectReason.BAD_TTL));
    }

    @Test
    void ipv6RulesApply() {
        AddressList v6 = AddressList.parse(IpFamily.IPV6, "2001:db8::100");
        Advertisement ad = Advertisement.v3(53, 100, 100, v6, ChecksumMode.PSEUDO_HEADER);
        byte[] src = Golden.A6_LINK_LOCAL;
        byte[] group = Golden.GROUP6;
        byte[] payload = new byte[ad.vrrpLength()];
        AdvertEncoder.encodeIpv6(ad, seg(src), seg(group), seg(payload), 0);
        ReceiveProfile profile = ReceiveProfile.matching(ad);
        AdvertView view = new AdvertView();
        view.wrapIpv6(seg(payload), 0, payload.length, seg(src), seg(group), 255);
        assertThat(AdvertValidator.validate(view, profile)).isEqualTo(accepted());
        assertThat(view.destinationIsMulticast()).isTrue();
        view.wrapIpv6(seg(payload), 0, payload.length, seg(src), seg(group), 64);
        assertThat(AdvertValidator.validate(view, profile)).isEqualTo(rejected(RejectReason.BAD_TTL));
        byte[] otherSrc = src.clone();
        otherSrc[15] ^= 1;
        view.wrapIpv6(seg(payload), 0, payload.length, seg(otherSrc), seg(group), 255);
        assertThat(AdvertValidator.validate(view, profile)).isEqualTo(rejected(RejectReason.BAD_CHECKSUM));
        view.wrapIpv6(seg(payload), 0, payload.length - 1, seg(src), seg(group), 255);
        assertThat(AdvertValidator.validate(view, profile)).isEqualTo(rejected(RejectReason.BAD_LENGTH));
        assertThat(view.wrapIpv6(seg(payload), 0, 7, seg(src), seg(group), 255)).contains(RejectReason.TOO_SHORT);
    }
}
