package io.jkeepalived.bench;

import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.AdvertValidator;
import io.jkeepalived.vrrp.wire.AdvertView;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.ChecksumMode;
import io.jkeepalived.vrrp.wire.IpFamily;
import io.jkeepalived.vrrp.wire.ReceiveProfile;
import io.jkeepalived.vrrp.wire.Verdict;
import io.jkeepalived.vrrp.wire.VrrpHeader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The advert hot path: header parse + validation of a received advert, and encoding one, in native memory as the
 * daemon's socket buffers are. Run from the test classpath:
 * {@code java -cp ... org.openjdk.jmh.Main VrrpWireBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VrrpWireBenchmark {
    private static final int SRC = 0xC6120001;
    private static final int PEER = 0xC6120002;

    private final AdvertView view = new AdvertView();
    private MemorySegment v2Packet;
    private int v2Length;
    private ReceiveProfile v2Profile;
    private MemorySegment v3Packet;
    private int v3Length;
    private ReceiveProfile v3Profile;
    private MemorySegment v6Payload;
    private int v6Length;
    private MemorySegment v6Source;
    private MemorySegment v6Group;
    private ReceiveProfile v6Profile;
    private Advertisement v2Advert;
    private Advertisement v3Advert;
    private MemorySegment sendBuffer;
    private int ipId;

    @Setup
    public void setUp() {
        Arena arena = Arena.ofAuto();
        AddressList vips = AddressList.parse(IpFamily.IPV4, "198.18.0.100", "198.18.0.101");
        v2Advert = Advertisement.v2Pass(51, 150, 1, "secret12", vips);
        v3Advert = Advertisement.v3(52, 200, 100, vips, ChecksumMode.PSEUDO_HEADER);
        v2Packet = arena.allocate(128);
        v2Length = AdvertEncoder.encodeIpv4(v2Advert, SRC, VrrpHeader.GROUP_V4, 255, 1, v2Packet, 0);
        v2Profile = ReceiveProfile.matching(v2Advert);
        v3Packet = arena.allocate(128);
        v3Length = AdvertEncoder.encodeIpv4(v3Advert, SRC, PEER, 255, 1, v3Packet, 0);
        v3Profile = ReceiveProfile.matching(v3Advert)
                .withUnicastPeers(AddressList.parse(IpFamily.IPV4, "198.18.0.1")).withCheckUnicastSource(true);

        Advertisement v6Advert = Advertisement.v3(53, 120, 100,
                AddressList.parse(IpFamily.IPV6, "2001:db8::100", "2001:db8::101"), ChecksumMode.PSEUDO_HEADER);
        v6Source = arena.allocate(16);
        v6Source.copyFrom(MemorySegment.ofArray(InetAddress.ofLiteral("fe80::6a:6bff:fe00:1").getAddress()));
        v6Group = arena.allocate(16);
        v6Group.copyFrom(MemorySegment.ofArray(InetAddress.ofLiteral("ff02::12").getAddress()));
        v6Payload = arena.allocate(128);
        v6Length = AdvertEncoder.encodeIpv6(v6Advert, v6Source, v6Group, v6Payload, 0);
        v6Profile = ReceiveProfile.matching(v6Advert);
        sendBuffer = arena.allocate(128);
        requireAccepted(decodeValidateV2());
        requireAccepted(decodeValidateV3Unicast());
        requireAccepted(decodeValidateV3Ipv6());
    }

    private static void requireAccepted(Verdict v) {
        if (!(v instanceof Verdict.Accepted)) {
            throw new IllegalStateException("benchmark packet rejected: " + v);
        }
    }

    @Benchmark
    public Verdict decodeValidateV2() {
        if (view.wrapIpv4(v2Packet, 0, v2Length).isPresent()) {
            throw new IllegalStateException();
        }
        return AdvertValidator.validate(view, v2Profile);
    }

    @Benchmark
    public Verdict decodeValidateV3Unicast() {
        if (view.wrapIpv4(v3Packet, 0, v3Length).isPresent()) {
            throw new IllegalStateException();
        }
        return AdvertValidator.validate(view, v3Profile);
    }

    @Benchmark
    public Verdict decodeValidateV3Ipv6() {
        if (view.wrapIpv6(v6Payload, 0, v6Length, v6Source, v6Group, 255).isPresent()) {
            throw new IllegalStateException();
        }
        return AdvertValidator.validate(view, v6Profile);
    }

    @Benchmark
    public int encodeV2() {
        return AdvertEncoder.encodeIpv4(v2Advert, SRC, VrrpHeader.GROUP_V4, 255, ++ipId | 1, sendBuffer, 0);
    }

    @Benchmark
    public int encodeV3() {
        return AdvertEncoder.encodeIpv4(v3Advert, SRC, VrrpHeader.GROUP_V4, 255, ++ipId | 1, sendBuffer, 0);
    }
}
