package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.Golden.A4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdvertisementTest {
    private static final AddressList V4 = AddressList.parse(IpFamily.IPV4, "198.18.0.100");
    private static final AddressList V6 = AddressList.parse(IpFamily.IPV6, "2001:db8::1");

    @Test
    void passwordIsTruncatedAndZeroPaddedToEightBytes() {
        assertThat(Advertisement.password("secret12345")).isEqualTo(0x7365637265743132L);
        assertThat(Advertisement.password("ab")).isEqualTo(0x6162000000000000L);
        assertThat(Advertisement.password("")).isZero();
    }

    @Test
    void lengthsFollowVersionAndFamily() {
        assertThat(Advertisement.v2(1, 100, 1, V4).vrrpLength()).isEqualTo(8 + 4 + 8);
        assertThat(Advertisement.v3(1, 100, 100, V4, ChecksumMode.PSEUDO_HEADER).vrrpLength()).isEqualTo(12);
        assertThat(Advertisement.v3(1, 100, 100, V6, ChecksumMode.PSEUDO_HEADER).vrrpLength()).isEqualTo(24);
        assertThat(AdvertEncoder.ipv4PacketLength(Advertisement.v2(1, 100, 1, V4))).isEqualTo(40);
    }

    @Test
    void combinationsKeepalivedNeverSendsAreRefused() {
        assertThatThrownBy(() -> Advertisement.v2(0, 100, 1, V4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Advertisement.v2(256, 100, 1, V4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Advertisement.v2(1, 256, 1, V4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Advertisement.v2(1, 100, 0, V4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Advertisement.v3(1, 100, 4096, V4, ChecksumMode.PSEUDO_HEADER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Advertisement(VrrpVersion.V2, IpFamily.IPV6, 1, 100, 100, AuthType.NONE, 0, V6,
                ChecksumMode.PSEUDO_HEADER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Advertisement(VrrpVersion.V3, IpFamily.IPV4, 1, 100, 100, AuthType.PASS, 1, V4,
                ChecksumMode.PSEUDO_HEADER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Advertisement(VrrpVersion.V2, IpFamily.IPV4, 1, 100, 100, AuthType.AH, 0, V4,
                ChecksumMode.PSEUDO_HEADER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressList.parse(IpFamily.IPV4, "2001:db8::1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoHundredFiftyFiveAddressesRoundTrip() {
        List<InetAddress> many = new ArrayList<>();
        for (int i = 0; i < 255; i++) {
            many.add(InetAddress.ofLiteral("198.18." + (i / 250) + "." + (i % 250 + 1)));
        }
        AddressList list = AddressList.of(IpFamily.IPV4, many);
        Advertisement ad = Advertisement.v3(9, 100, 100, list, ChecksumMode.PSEUDO_HEADER);
        ByteBuffer buffer = ByteBuffer.allocate(2048);
        buffer.position(3);
        int n = AdvertEncoder.encodeIpv4(ad, A4, VrrpHeader.GROUP_V4, 255, 1, buffer.slice());
        assertThat(n).isEqualTo(20 + 8 + 255 * 4);
        AdvertView view = new AdvertView();
        assertThat(view.wrapIpv4(Golden.seg(buffer.array()), 3, n)).isEmpty();
        assertThat(AdvertValidator.validate(view, ReceiveProfile.matching(ad))).isEqualTo(new Verdict.Accepted(0));
        assertThat(view.count()).isEqualTo(255);
        assertThat(view.address(254)).isEqualTo(many.get(254));
        assertThat(view.addressIpv4(0)).isEqualTo(Golden.ipv4("198.18.0.1"));
    }

    @Test
    void byteBufferOverloadAdvancesThePosition() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        buffer.position(5);
        int n = AdvertEncoder.encodeIpv4(Advertisement.v2(1, 100, 1, V4), A4, VrrpHeader.GROUP_V4, 255, 1, buffer);
        assertThat(n).isEqualTo(40);
        assertThat(buffer.position()).isEqualTo(45);
        assertThat(buffer.get(5)).isEqualTo((byte) 0x45);
        assertThat(buffer.get(4)).isZero();
    }
}
