package io.jkeepalived.daemon.kernel;

import io.jkeepalived.daemon.stats.InstanceCounters;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.vrrp.engine.Event;
import io.jkeepalived.vrrp.engine.IpAddr;
import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.ChecksumMode;
import io.jkeepalived.vrrp.wire.IpFamily;
import io.jkeepalived.vrrp.wire.ReceiveProfile;
import io.jkeepalived.vrrp.wire.RejectReason;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvertDispatcherTest {
    static final int SRC = 0xC6120002; // 198.18.0.2
    static final int GROUP = 0xE0000012; // 224.0.0.18

    record Got(String instance, Event.AdvertReceived advert) {}

    final List<Got> got = new ArrayList<>();
    final AdvertSink sink = (i, a) -> got.add(new Got(i, a));
    final MemorySegment buf = Arena.ofAuto().allocate(2048);

    static Advertisement v2(int vrid, int prio, String pass, String... vips) {
        return Advertisement.v2Pass(vrid, prio, 1, pass, AddressList.parse(IpFamily.IPV4, vips));
    }

    int encode(Advertisement ad, int ttl) {
        return AdvertEncoder.encodeIpv4(ad, SRC, GROUP, ttl, 1, buf, 0);
    }

    @Test
    void dispatchesByVridAndValidatesAgainstTheInstanceProfile() {
        var d = new AdvertDispatcher(IpFamily.IPV4, "eth0");
        var c1 = new InstanceCounters();
        var c2 = new InstanceCounters();
        assertThat(d.register(51, "VI_1", ReceiveProfile.matching(v2(51, 100, "secret", "198.18.0.100")), c1)).isTrue();
        assertThat(d.register(52, "VI_2", ReceiveProfile.matching(v2(52, 100, "other", "198.18.0.101")), c2)).isTrue();
        assertThat(d.register(52, "DUP", ReceiveProfile.matching(v2(52, 100, "x", "198.18.0.101")), c2)).isFalse();

        int n = encode(v2(51, 150, "secret", "198.18.0.100"), 255);
        assertThat(d.dispatchIpv4(buf, 0, n, sink)).isEmpty();
        assertThat(got).containsExactly(new Got("VI_1", new Event.AdvertReceived(IpAddr.v4(198, 18, 0, 2), 150, 100)));
        assertThat(c1.advertsReceived()).isEqualTo(1);

        // the same VRID 52 packet with VI_1's password: rejected and counted on VI_2 only
        n = encode(v2(52, 150, "secret", "198.18.0.101"), 255);
        assertThat(d.dispatchIpv4(buf, 0, n, sink)).contains(RejectReason.AUTH_FAILURE);
        assertThat(c2.rejected(RejectReason.AUTH_FAILURE)).isEqualTo(1);
        assertThat(c1.rejected(RejectReason.AUTH_FAILURE)).isZero();

        // TTL 254 in multicast mode
        n = encode(v2(51, 150, "secret", "198.18.0.100"), 254);
        assertThat(d.dispatchIpv4(buf, 0, n, sink)).contains(RejectReason.BAD_TTL);
        assertThat(c1.rejected(RejectReason.BAD_TTL)).isEqualTo(1);
        assertThat(c1.snapshot().rejected(io.jkeepalived.vrrp.wire.RejectReason.BAD_TTL)).isEqualTo(1L);
        assertThat(c1.snapshot().advertsReceived()).isEqualTo(2L);
        assertThat(got).hasSize(1);
    }

    @Test
    void unknownVridAndGarbageAreCountedOnTheSocket() {
        var d = new AdvertDispatcher(IpFamily.IPV4, "eth0");
        int n = encode(v2(9, 150, "secret", "198.18.0.100"), 255);
        assertThat(d.dispatchIpv4(buf, 0, n, sink)).contains(RejectReason.UNKNOWN_VRID);
        assertThat(d.socketRejects(RejectReason.UNKNOWN_VRID)).isEqualTo(1);
        assertThat(d.dispatchIpv4(buf, 0, 10, sink)).isPresent();
        buf.fill((byte) 0x55);
        assertThat(d.dispatchIpv4(buf, 0, 200, sink)).isPresent();
        assertThat(got).isEmpty();
        d.unregister(9);
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void ipv6AdvertsUseTheAncillaryAddresses() {
        var d = new AdvertDispatcher(IpFamily.IPV6, "eth0");
        var c = new InstanceCounters();
        Advertisement ad = Advertisement.v3(52, 200, 100, AddressList.parse(IpFamily.IPV6, "2001:db8::100"),
                ChecksumMode.PSEUDO_HEADER);
        d.register(52, "VI_6", ReceiveProfile.matching(ad), c);
        InetAddress src = InetAddress.ofLiteral("fe80::2");
        InetAddress dst = InetAddress.ofLiteral("ff02::12");
        MemorySegment s = Arena.ofAuto().allocate(16);
        MemorySegment t = Arena.ofAuto().allocate(16);
        MemorySegment.copy(src.getAddress(), 0, s, ValueLayout.JAVA_BYTE, 0, 16);
        MemorySegment.copy(dst.getAddress(), 0, t, ValueLayout.JAVA_BYTE, 0, 16);
        int n = AdvertEncoder.encodeIpv6(ad, s, t, buf, 0);

        assertThat(d.dispatchIpv6(buf, 0, n, src, dst, 255, sink)).isEmpty();
        assertThat(got).containsExactly(new Got("VI_6",
                new Event.AdvertReceived(IpAddr.parse("fe80::2").orElseThrow(), 200, 100)));
        assertThat(d.dispatchIpv6(buf, 0, n, src, dst, 64, sink)).isEqualTo(Optional.of(RejectReason.BAD_TTL));
        assertThat(c.rejected(RejectReason.BAD_TTL)).isEqualTo(1);
    }

    @Test
    void sourcesPrintAsKeepalivedLogsThem() {
        assertThat(IpAddr.parse("fe80::c0cf:9fff:fe37:1c6d").orElseThrow()).hasToString("fe80::c0cf:9fff:fe37:1c6d");
        assertThat(IpAddr.parse("2001:db8:0:0:1:0:0:1").orElseThrow()).hasToString("2001:db8::1:0:0:1");
        assertThat(IpAddr.parse("2001:db8:0:1:1:1:1:1").orElseThrow()).hasToString("2001:db8:0:1:1:1:1:1");
        assertThat(IpAddr.parse("::").orElseThrow()).hasToString("::");
        assertThat(IpAddr.parse("ff02::12").orElseThrow()).hasToString("ff02::12");
        assertThat(IpAddr.parse("::1").orElseThrow()).hasToString("::1");
        assertThat(IpAddr.v4(198, 18, 0, 2)).hasToString("198.18.0.2");
    }
}
