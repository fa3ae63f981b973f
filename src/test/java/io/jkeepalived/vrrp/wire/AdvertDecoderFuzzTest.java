package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.Golden.seg;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Malformed input must never throw out of the decoder: random bytes and mutated golden packets go through the
 * header parse, validation against several profiles, and every accessor that is documented as safe.
 */
class AdvertDecoderFuzzTest {
    private static final long SEED = 0x6a6b_7769_7265L; // "jkwire"
    private static final int ITERATIONS = 150_000;

    private static final List<String> IPV4_GOLDEN = List.of("v2-pass-advert", "v2-pass-prio0", "v3-ipv4-advert",
            "v3-ipv4-prio0", "v2-unicast-advert", "v3-unicast-advert");
    private static final List<String> IPV6_GOLDEN = List.of("v3-ipv6-advert", "v3-ipv6-prio0");

    @Test
    void decoderNeverThrows() {
        System.out.println("AdvertDecoderFuzzTest seed " + SEED + ", " + ITERATIONS + " iterations");
        Random random = new Random(SEED);
        List<byte[]> v4 = IPV4_GOLDEN.stream().map(Golden::ipv4Packet).toList();
        List<byte[]> v6 = IPV6_GOLDEN.stream().map(Golden::ipv6Payload).toList();
        List<ReceiveProfile> v4Profiles = List.of(
                ReceiveProfile.matching(Advertisement.v2Pass(51, 150, 1, "secret12",
                        AddressList.parse(IpFamily.IPV4, "198.18.0.100", "198.18.0.101"))),
                ReceiveProfile.matching(Advertisement.v3(52, 200, 50,
                        AddressList.parse(IpFamily.IPV4, "198.18.0.110", "198.18.0.111", "198.18.0.112"),
                        ChecksumMode.PSEUDO_HEADER)).withAddressMismatch(AddressMismatchPolicy.WARN),
                ReceiveProfile.matching(Advertisement.v2(54, 100, 1, AddressList.parse(IpFamily.IPV4,
                        "198.18.0.120"))).withUnicastPeers(UnicastPeers.of(AddressList.parse(IpFamily.IPV4,
                        "198.18.0.1")).withTtlWindow(1, 255)),
                ReceiveProfile.matching(Advertisement.v3(55, 254, 100, AddressList.parse(IpFamily.IPV4,
                        "198.18.0.130"), ChecksumMode.OLD_UNICAST))
                        .withUnicastPeers(AddressList.parse(IpFamily.IPV4, "198.18.0.1")));
        ReceiveProfile v6Profile = ReceiveProfile.matching(Advertisement.v3(53, 120, 100,
                AddressList.parse(IpFamily.IPV6, "2001:db8::100", "2001:db8::101"), ChecksumMode.PSEUDO_HEADER));

        AdvertView view = new AdvertView();
        Map<RejectReason, Integer> seen = new EnumMap<>(RejectReason.class);
        int accepted = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            boolean ipv6 = random.nextInt(4) == 0;
            byte[] packet = random.nextInt(5) == 0
                    ? randomBytes(random)
                    : mutate(random, (ipv6 ? v6 : v4).get(random.nextInt((ipv6 ? v6 : v4).size())));
            int offset = random.nextInt(8) == 0 ? random.nextInt(4) : 0;
            int length = random.nextInt(10) == 0 ? random.nextInt(packet.length + 8) - 2 : packet.length - offset;
            MemorySegment segment = seg(packet);
            try {
                var parse = ipv6
                        ? view.wrapIpv6(segment, offset, length, seg(Golden.A6_LINK_LOCAL), seg(Golden.GROUP6),
                                random.nextBoolean() ? 255 : random.nextInt(256))
                        : view.wrapIpv4(segment, offset, length);
                if (parse.isPresent()) {
                    seen.merge(parse.get(), 1, Integer::sum);
                    continue;
                }
                touchHeader(view);
                for (ReceiveProfile profile : ipv6 ? List.of(v6Profile) : v4Profiles) {
                    switch (AdvertValidator.validate(view, profile, random.nextBoolean())) {
                        case Verdict.Accepted a -> {
                            accepted++;
                            for (int k = 0; k < view.count(); k++) {
                                assertThat(view.address(k)).isNotNull();
                            }
                        }
                        case Verdict.Rejected r -> seen.merge(r.reason(), 1, Integer::sum);
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + i + " (seed " + SEED + ") threw on "
                        + java.util.HexFormat.of().formatHex(packet) + " offset " + offset + " length " + length, e);
            }
        }
        System.out.println("AdvertDecoderFuzzTest accepted " + accepted + ", rejected " + seen);
        assertThat(seen).containsKeys(RejectReason.TOO_SHORT, RejectReason.BAD_LENGTH, RejectReason.BAD_CHECKSUM);
    }

    private static void touchHeader(AdvertView view) {
        view.versionNumber();
        view.type();
        view.vrid();
        view.priority();
        view.authTypeNumber();
        view.adverIntCentis();
        view.checksum();
        view.source();
        view.destination();
        view.destinationIsMulticast();
        for (int k = 0; k < view.addressesPresent(); k++) {
            view.address(k);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(120)];
        random.nextBytes(b);
        if (b.length > 9 && random.nextBoolean()) {
            b[0] = (byte) (0x40 | random.nextInt(16));
            b[9] = 112;
        }
        return b;
    }

    private static byte[] mutate(Random random, byte[] golden) {
        byte[] p = Arrays.copyOf(golden, golden.length);
        switch (random.nextInt(5)) {
            case 0 -> p = Arrays.copyOf(p, random.nextInt(p.length + 1));
            case 1 -> p = Arrays.copyOf(p, p.length + 1 + random.nextInt(40));
            case 2 -> p[Math.min(p.length - 1, random.nextInt(28))] = (byte) random.nextInt(256);
            default -> {
                int flips = 1 + random.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
        }
        return p;
    }
}
