package io.jkeepalived.vrrp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeighbourClaimTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 2};
    private final MemorySegment buf = Arena.ofAuto().allocate(256);
    private final NeighbourClaim view = new NeighbourClaim();

    private static int v4(String a) throws Exception {
        return ByteBuffer.wrap(((Inet4Address) InetAddress.getByName(a)).getAddress()).getInt();
    }

    @Test
    void gratuitousArpIsAClaimOfItsAddress() throws Exception {
        byte[] g = GratuitousArp.build(MAC, (Inet4Address) InetAddress.getByName("198.18.0.100"));
        MemorySegment.copy(MemorySegment.ofArray(g), 0, buf, 0, g.length);
        assertThat(view.wrap(buf, g.length)).isTrue();
        assertThat(view.kind()).isEqualTo(NeighbourClaim.Kind.GRATUITOUS_ARP);
        assertThat(view.ipv4()).isEqualTo(v4("198.18.0.100"));
        assertThat(NeighbourClaim.macText(view.mac())).isEqualTo("02:00:00:00:00:02");
    }

    @Test
    void ourProbeIsNotAClaim_butTheReplyIs() throws Exception {
        int n = ArpRequest.build(MAC, v4("198.18.0.1"), v4("198.18.0.100"), buf, 0);
        assertThat(view.wrap(buf, n)).isFalse();
        // turn it into the reply a holder sends: oper 2, sender = VIP with its MAC, target = us
        byte[] other = {2, 0, 0, 0, 0, 3};
        buf.set(InetChecksum.U16, 20, (short) 2);
        MemorySegment.copy(MemorySegment.ofArray(other), 0, buf, 22, 6);
        buf.set(InetChecksum.U32, 28, v4("198.18.0.100"));
        buf.set(InetChecksum.U32, 38, v4("198.18.0.1"));
        assertThat(view.wrap(buf, n)).isTrue();
        assertThat(view.kind()).isEqualTo(NeighbourClaim.Kind.ARP_REPLY);
        assertThat(view.ipv4()).isEqualTo(v4("198.18.0.100"));
        assertThat(NeighbourClaim.macText(view.mac())).isEqualTo("02:00:00:00:00:03");
    }

    @Test
    void unsolicitedNaIsAClaimWithTheTargetLinkLayerAddress() throws Exception {
        var vip = (Inet6Address) InetAddress.getByName("2001:db8::100");
        byte[] na = UnsolicitedNeighbourAdvert.build(MAC, vip, false);
        MemorySegment.copy(MemorySegment.ofArray(na), 0, buf, 0, na.length);
        assertThat(view.wrap(buf, na.length)).isTrue();
        assertThat(view.kind()).isEqualTo(NeighbourClaim.Kind.NEIGHBOUR_ADVERT);
        ByteBuffer b = ByteBuffer.wrap(vip.getAddress());
        assertThat(view.ipv6High()).isEqualTo(b.getLong());
        assertThat(view.ipv6Low()).isEqualTo(b.getLong());
        assertThat(view.mac()).isEqualTo(NeighbourClaim.macBits(MAC));
    }

    @Test
    void solicitationChecksumVerifiesAndIsNotAClaim() throws Exception {
        byte[] target = InetAddress.getByName("2001:db8::100").getAddress();
        byte[] ll = InetAddress.getByName("fe80::1").getAddress();
        int n = NeighbourSolicitation.build(MAC, ll, target, buf, 0);
        assertThat(n).isEqualTo(86);
        long sum = InetChecksum.ipv6PseudoHeader(buf, 22, buf, 38, 32, 58);
        assertThat(InetChecksum.verifies(InetChecksum.add(sum, buf, 54, 32))).isTrue();
        assertThat(buf.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 2)).isEqualTo((byte) 0xff);
        assertThat(view.wrap(buf, n)).isFalse();
        assertThat(NeighbourSolicitation.build(MAC, new byte[16], target, buf, 0)).isEqualTo(78);
    }

    @Test
    void noInputThrows() {
        Random r = new Random(15);
        for (int i = 0; i < 20_000; i++) {
            int len = r.nextInt(200);
            for (int k = 0; k < len; k++) {
                buf.set(java.lang.foreign.ValueLayout.JAVA_BYTE, k, (byte) r.nextInt());
            }
            if (r.nextBoolean()) {
                buf.set(InetChecksum.U16, 12, (short) (r.nextBoolean() ? 0x0806 : 0x86DD));
            }
            view.wrap(buf, len);
        }
        assertThat(view.wrap(buf, 300)).isFalse();
    }
}
