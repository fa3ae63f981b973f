package io.jkeepalived.bench;

import io.jkeepalived.os.ReceivedPacket;
import io.jkeepalived.os.VrrpSocket;
import io.jkeepalived.testing.NetNs;
import io.jkeepalived.vrrp.wire.AddressList;
import io.jkeepalived.vrrp.wire.AdvertEncoder;
import io.jkeepalived.vrrp.wire.Advertisement;
import io.jkeepalived.vrrp.wire.ChecksumMode;
import io.jkeepalived.vrrp.wire.IpFamily;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One VRRP advert sent on a raw socket in one namespace and received on the raw socket in another,
 * over a veth: the per-advert cost of the OS layer, and (with {@code -prof gc}) its allocation.
 * Needs root. Run from the test classpath:
 * {@code java --enable-native-access=ALL-UNNAMED -cp ... org.openjdk.jmh.Main VrrpSocketBench -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class VrrpSocketBench {

    @Param({"ipv4", "ipv6"})
    public String family;

    private NetNs a;
    private NetNs b;
    private VrrpSocket tx;
    private VrrpSocket rx;
    private Arena arena;
    private MemorySegment payload;
    private MemorySegment buffer;
    private InetAddress group;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        a = NetNs.create("jk-os");
        b = NetNs.create("jk-os");
        NetNs.veth(a, "a0", b, "b0");
        a.ip("addr", "add", "198.18.200.1/24", "dev", "a0");
        b.ip("addr", "add", "198.18.200.2/24", "dev", "b0");
        boolean v6 = family.equals("ipv6");
        tx = a.run(() -> v6 ? VrrpSocket.openIpv6("a0") : VrrpSocket.openIpv4("a0"));
        rx = b.run(() -> v6 ? VrrpSocket.openIpv6("b0") : VrrpSocket.openIpv4("b0"));
        group = InetAddress.getByName(v6 ? "ff02::12" : "224.0.0.18");
        rx.joinGroup(group);
        arena = Arena.ofShared();
        if (v6) {
            payload = arena.allocate(24, 8);
            payload.set(ValueLayout.JAVA_BYTE, 0, (byte) 0x31);
        } else {
            // IPv4 adverts go out whole, header included (IP_HDRINCL), as the daemon sends them
            var ad = Advertisement.v3(1, 100, 100, AddressList.parse(IpFamily.IPV4, "198.18.200.100"),
                    ChecksumMode.PSEUDO_HEADER);
            payload = arena.allocate(AdvertEncoder.ipv4PacketLength(ad), 8);
            AdvertEncoder.encodeIpv4(ad, 0xC612C801, 0xE0000012, 255, 1, payload, 0);
        }
        buffer = arena.allocate(2048, 8);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        tx.close();
        rx.close();
        arena.close();
        a.close();
        b.close();
    }

    @Benchmark
    public ReceivedPacket sendAndReceiveMulticast() throws Exception {
        if (tx.isIpv6()) {
            tx.sendIpv6(payload, Optional.empty(), group, 255);
        } else {
            tx.sendIpv4(payload);
        }
        return rx.receive(buffer, 1000).orElseThrow();
    }
}
