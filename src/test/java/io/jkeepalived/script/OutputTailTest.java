package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    /** Appends {@code data} in chunks of random sizes, as reads from a pipe return it. */
    private static void appendChunked(OutputTail t, byte[] data, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, 1 + r.nextInt(300));
            t.append(Arrays.copyOfRange(data, at, at + n), n);
            at += n;
        }
    }

    private static void append(OutputTail t, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        t.append(b, b.length);
    }

    @Test
    void keepsExactlyTheLastBytesWhateverTheChunking() {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        for (long seed = 0; seed < 50; seed++) {
            OutputTail t = new OutputTail(97);
            appendChunked(t, data, seed);
            assertThat(t.totalBytes()).isEqualTo(data.length);
            assertThat(t.tail()).isEqualTo(new String(data, data.length - 97, 97, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shortOutputIsKeptWhole() {
        OutputTail t = new OutputTail(4096);
        append(t, "one\ntwo\n");
        assertThat(t.tail()).isEqualTo("one\ntwo\n");
        assertThat(t.lastLine(80)).isEqualTo("two");
    }

    @Test
    void lastLineIsCut() {
        OutputTail t = new OutputTail(4096);
        append(t, "x".repeat(300));
        assertThat(t.lastLine(10)).isEqualTo("xxxxxxxxxx…");
        assertThat(new OutputTail(16).lastLine(10)).isEmpty();
    }
}
