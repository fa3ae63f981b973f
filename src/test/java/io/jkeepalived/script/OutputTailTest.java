package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    /** Hands out {@code data} in chunks of random sizes, as a pipe does. */
    private static InputStream chunked(byte[] data, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(300)));
            }
        };
    }

    @Test
    void keepsExactlyTheLastBytesWhateverTheChunking() {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        for (long seed = 0; seed < 50; seed++) {
            OutputTail t = new OutputTail(97);
            t.drain(chunked(data, seed));
            assertThat(t.totalBytes()).isEqualTo(data.length);
            assertThat(t.tail()).isEqualTo(new String(data, data.length - 97, 97, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shortOutputIsKeptWhole() {
        OutputTail t = new OutputTail(4096);
        t.drain(new ByteArrayInputStream("one\ntwo\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(t.tail()).isEqualTo("one\ntwo\n");
        assertThat(t.lastLine(80)).isEqualTo("two");
    }

    @Test
    void lastLineIsCut() {
        OutputTail t = new OutputTail(4096);
        t.drain(new ByteArrayInputStream("x".repeat(300).getBytes(StandardCharsets.UTF_8)));
        assertThat(t.lastLine(10)).isEqualTo("xxxxxxxxxx…");
        assertThat(new OutputTail(16).lastLine(10)).isEmpty();
    }
}
