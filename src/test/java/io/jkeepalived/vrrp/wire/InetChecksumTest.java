package io.jkeepalived.vrrp.wire;

import static io.jkeepalived.vrrp.wire.Golden.seg;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InetChecksumTest {

    @Test
    void rfc1071Example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (with end-around carry); the checksum is ~ddf2.
        byte[] data = HexFormat.of().parseHex("0001f203f4f5f6f7");
        assertThat(InetChecksum.finish(InetChecksum.add(0, seg(data), 0, data.length))).isEqualTo(~0xddf2 & 0xffff);
    }

    @Test
    void everyLengthAndAlignmentAgreesWithAWordByWordSum() {
        byte[] data = new byte[67];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        for (int offset = 0; offset < 5; offset++) {
            for (int length = 0; length + offset <= data.length; length++) {
                long naive = 0;
                for (int i = 0; i < length; i += 2) {
                    int hi = data[offset + i] & 0xff;
                    int lo = i + 1 < length ? data[offset + i + 1] & 0xff : 0;
                    naive += hi << 8 | lo;
                }
                assertThat(InetChecksum.finish(InetChecksum.add(0, seg(data), offset, length)))
                        .as("offset %d length %d", offset, length).isEqualTo(InetChecksum.finish(naive));
            }
        }
    }

    @Test
    void aMessageWithItsChecksumVerifies() {
        byte[] data = HexFormat.of().parseHex("45c0002c00010000ff700000c6120001e0000012");
        int c = InetChecksum.finish(InetChecksum.add(0, seg(data), 0, data.length));
        data[10] = (byte) (c >>> 8);
        data[11] = (byte) c;
        assertThat(c).isEqualTo(0x147b); // the header checksum in golden/v2-pass-advert.hex
        assertThat(InetChecksum.verifies(InetChecksum.add(0, seg(data), 0, data.length))).isTrue();
    }

    @Test
    void ipv6PseudoHeaderFromLongsMatchesFromBytes() {
        byte[] src = Golden.A6_LINK_LOCAL;
        byte[] dst = Golden.GROUP6;
        long fromBytes = InetChecksum.ipv6PseudoHeader(seg(src), 0, seg(dst), 0, 40, 112);
        long fromLongs = InetChecksum.ipv6PseudoHeader(seg(src).get(InetChecksum.U64, 0),
                seg(src).get(InetChecksum.U64, 8), seg(dst).get(InetChecksum.U64, 0),
                seg(dst).get(InetChecksum.U64, 8), 40, 112);
        assertThat(InetChecksum.finish(fromLongs)).isEqualTo(InetChecksum.finish(fromBytes));
    }
}
