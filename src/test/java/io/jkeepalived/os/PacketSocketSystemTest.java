package io.jkeepalived.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.testing.NetNs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A gratuitous ARP sent over AF_PACKET in namespace A arrives intact in namespace B. */
@Tag("system")
class PacketSocketSystemTest {

    /** Ethernet broadcast + ARP request, sender IP = target IP = VIP (keepalived's GARP shape). */
    static byte[] garp(MacAddress src, InetAddress vip) {
        var b = ByteBuffer.allocate(42);
        b.put(MacAddress.BROADCAST.bytes()).put(src.bytes()).putShort((short) Linux.ETH_P_ARP);
        b.putShort((short) 1).putShort((short) Linux.ETH_P_IP).put((byte) 6).put((byte) 4).putShort((short) 1);
        b.put(src.bytes()).put(vip.getAddress()).put(MacAddress.BROADCAST.bytes()).put(vip.getAddress());
        return b.array();
    }

    @Test
    void garpSentInOneNamespaceIsReceivedInTheOther() throws Exception {
        try (var a = NetNs.create("jk-os"); var b = NetNs.create("jk-os"); var arena = Arena.ofConfined()) {
            NetNs.veth(a, "a0", b, "b0");
            var mac = a.run(() -> Interfaces.hardwareAddress("a0"));
            var vip = InetAddress.getByName("198.18.9.9");
            var frame = garp(mac, vip);
            try (var rx = b.run(() -> PacketSocket.openReceiver("b0", Linux.ETH_P_ARP));
                    var tx = a.run(() -> PacketSocket.openSender("a0"))) {
                var native_ = arena.allocate(frame.length, 8);
                MemorySegment.copy(frame, 0, native_, ValueLayout.JAVA_BYTE, 0, frame.length);
                tx.send(native_);
                tx.send(MemorySegment.ofArray(frame)); // heap frames are copied

                var buf = arena.allocate(2048, 8);
                for (int i = 0; i < 2; i++) {
                    int n = rx.receive(buf, 5000).orElseThrow();
                    assertThat(n).isGreaterThanOrEqualTo(42);
                    assertThat(buf.asSlice(0, 42).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(frame);
                }
            }
        }
    }

    @Test
    void tcpdumpDecodesTheGarp() throws Exception {
        try (var a = NetNs.create("jk-os"); var b = NetNs.create("jk-os")) {
            NetNs.veth(a, "a0", b, "b0");
            var out = Files.createTempFile("jk-os-tcpdump", ".txt");
            try {
                // -l and --immediate-mode: print each packet at once; -c 1: exit after the first.
                var dump = b.spawn(java.lang.ProcessBuilder.Redirect.to(out.toFile()), "tcpdump", "-l",
                        "--immediate-mode", "-n", "-e", "-c", "1", "-i", "b0", "arp");
                awaitText(out, "listening on", dump);
                var mac = a.run(() -> Interfaces.hardwareAddress("a0"));
                try (var tx = a.run(() -> PacketSocket.openSender("a0"))) {
                    tx.send(MemorySegment.ofArray(garp(mac, InetAddress.getByName("198.18.9.9"))));
                }
                assertThat(dump.waitFor(10, TimeUnit.SECONDS)).as("tcpdump saw a packet").isTrue();
                var text = Files.readString(out);
                assertThat(text).contains(mac + " > ff:ff:ff:ff:ff:ff")
                        .contains("ethertype ARP (0x0806), length 42: Request who-has 198.18.9.9 (ff:ff:ff:ff:ff:ff) tell 198.18.9.9");
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    /** Waits (bounded) until tcpdump announces it is capturing; the process exit ends the wait too. */
    private static void awaitText(Path file, String text, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.readString(file).contains(text)) {
                return;
            }
            if (p.waitFor(20, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("tcpdump exited: " + Files.readString(file));
            }
        }
        throw new AssertionError("tcpdump did not start: " + Files.readString(file));
    }
}
