package io.jkeepalived.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** /metrics rendered into native memory: the same text as the String rendering, and little heap for 10,000 real servers. */
class MetricsTextNativeTest {

    private static byte[] bytes(NativeBytes b) {
        ByteBuffer v = b.view();
        byte[] out = new byte[v.remaining()];
        v.get(out);
        return out;
    }

    @Test
    void theSameTextAsTheStringRendering() {
        for (DaemonStatus s : java.util.List.of(StatusSamples.captured(), LvsFormatsTest.withLvs(true),
                StatusJsonStreamTest.tenThousand())) {
            try (NativeBytes b = PrometheusText.renderNative(s)) {
                assertThat(bytes(b)).isEqualTo(PrometheusText.render(s).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void tenThousandRealServersNeverSitInTheHeapWhole() {
        DaemonStatus s = StatusJsonStreamTest.tenThousand();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long size;
        try (NativeBytes b = PrometheusText.renderNative(s)) {
            size = b.size();
        }
        // the least of a few runs: class loading, JIT and deoptimisation allocate too, now and then
        long allocated = Long.MAX_VALUE;
        for (int run = 0; run < 4; run++) {
            long before = threads.getThreadAllocatedBytes(tid);
            PrometheusText.renderNative(s).close();
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        // the labels and numbers of each line are short-lived Strings (3.4x the text, none larger than
        // a line); the whole text in a StringBuilder, then a String, then bytes cost 6.5x, much of it
        // arrays of megabytes
        assertThat(allocated).as("heap bytes allocated for %d bytes of text", size).isLessThan(9 * size / 2);
    }
}
