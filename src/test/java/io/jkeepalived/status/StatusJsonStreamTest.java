package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The status document is written as a stream: byte for byte what the tree-building version wrote
 * (the golden files were rendered by it), and with 10,000 real servers it allocates a small
 * multiple of its own size, not a tree of tens of megabytes.
 */
class StatusJsonStreamTest {

    private static String golden(String name) throws IOException {
        try (var in = StatusJsonStreamTest.class.getResourceAsStream("/status/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDocumentIsTheOneTheTreeVersionWrote() throws IOException {
        assertThat(StatusJson.render(StatusSamples.captured())).isEqualTo(golden("status-vrrp.json"));
        assertThat(StatusJson.render(StatusSamples.backupWithDrops())).isEqualTo(golden("status-drops.json"));
        assertThat(StatusJson.render(LvsFormatsTest.withLvs(true))).isEqualTo(golden("status-lvs.json"));
    }

    @Test
    void theBytesSentAreTheDocumentInUtf8() {
        DaemonStatus s = LvsFormatsTest.withLvs(false);
        ByteBuffer b = StatusJson.renderUtf8(s);
        byte[] sent = new byte[b.remaining()];
        b.get(sent);
        assertThat(sent).isEqualTo(StatusJson.render(s).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tenThousandRealServersCostAboutTheDocumentNotATree() {
        DaemonStatus s = tenThousand();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        int size = StatusJson.renderUtf8(s).remaining();
        // the least of a few runs: class loading, JIT and deoptimisation allocate too, now and then
        long allocated = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long before = threads.getThreadAllocatedBytes(tid);
            StatusJson.renderUtf8(s);
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        // one buffer sized from the previous document and a few short strings per real server; the
        // tree version allocated 10x (83 MB for 8.2 MB: its nodes, a String, then the bytes), the
        // stream into a buffer grown by doubling 3.1x; this way 1.5-2.2x
        assertThat(allocated).as("bytes allocated for a %d-byte document", size).isLessThan(5L * size / 2);
    }

    @Test
    void theNativeRenderingIsTheSameDocumentAndLeavesOnlyShortStringsOnTheHeap() {
        DaemonStatus s = tenThousand();
        byte[] expected = StatusJson.render(s).getBytes(StandardCharsets.UTF_8);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long allocated = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) { // the least of a few runs, as above
            long before = threads.getThreadAllocatedBytes(tid);
            StatusJson.renderNative(s).close();
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        try (NativeBytes b = StatusJson.renderNative(s)) {
            ByteBuffer view = b.view();
            byte[] sent = new byte[view.remaining()];
            view.get(sent);
            assertThat(sent).isEqualTo(expected);
            // into a heap buffer the same document cost 1.5-2.2x its size
            assertThat(allocated).as("heap bytes allocated for a %d-byte document", sent.length)
                    .isLessThan(sent.length);
        }
    }

    @Test
    void nativeBytesGrowKeepWhatWasWrittenAndCloseOnce() {
        var out = new NativeBytes(4);
        out.write('{');
        byte[] middle = "\"a\": 1".getBytes(StandardCharsets.UTF_8);
        out.write(middle, 0, middle.length);
        out.write('}');
        ByteBuffer v = out.view();
        byte[] got = new byte[v.remaining()];
        v.get(got);
        assertThat(new String(got, StandardCharsets.UTF_8)).isEqualTo("{\"a\": 1}");
        out.close();
        out.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> out.view().get())
                .isInstanceOf(IllegalStateException.class);
    }

    /** 100 virtual servers x 100 real servers, one TCP_CHECK each, all in the table. */
    static DaemonStatus tenThousand() {
        long at = StatusSamples.T / 1000;
        List<LvsStatus.VirtualServer> servers = new ArrayList<>();
        List<LvsStatus.TableService> table = new ArrayList<>();
        for (int v = 0; v < 100; v++) {
            List<LvsStatus.RealServer> reals = new ArrayList<>();
            List<LvsStatus.Destination> dests = new ArrayList<>();
            for (int r = 0; r < 100; r++) {
                String address = "198.18.1." + (r + 1);
                int port = 10_000 + v;
                var c = new LvsStatus.Checker("TCP_CHECK " + address + ":" + port, true, false, false, "UP",
                        Optional.empty(), "", Optional.of(0.0004), at, 600, 0, 0.24, 600, 1);
                reals.add(new LvsStatus.RealServer(address, port, 1, true, true, at, List.of(c)));
                dests.add(new LvsStatus.Destination(address, port, 1, "NAT"));
            }
            servers.add(new LvsStatus.VirtualServer("[198.18.0.1]:tcp:" + (10_000 + v), true, false, 100, 0, 0, at, reals));
            table.add(new LvsStatus.TableService("TCP 198.18.0.1:" + (10_000 + v), "rr", Optional.empty(), dests));
        }
        var lvs = new LvsStatus(false, new LvsStatus.Totals(10_000, 6_000_000, 0, 0, 0, 0, 10_000, 0), servers, table,
                new LvsStatus.Kernel("nftables", Optional.empty(), table, List.of(), List.of(), 10_000, 0, 0));
        DaemonStatus c = StatusSamples.captured();
        return new DaemonStatus(c.version(), c.pid(), c.routerId(), c.startedEpochMillis(), c.takenEpochMillis(),
                c.globals(), c.instances(), c.scripts(), c.interfaces(), c.endpoints(), Optional.of(lvs));
    }
}
