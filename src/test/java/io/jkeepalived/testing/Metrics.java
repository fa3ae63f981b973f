package io.jkeepalived.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * GET /metrics from jkeepalived's {@code metrics_listen} endpoint, from inside a namespace (the
 * endpoint listens on a namespace address), and reading one series out of the text.
 */
public final class Metrics {
    private Metrics() {
    }

    /** The whole /metrics body served at {@code address:port}, fetched from inside {@code ns}. */
    public static String scrape(NetNs ns, String address, int port) throws Exception {
        SocketChannel ch = ns.run(() -> SocketChannel.open(new InetSocketAddress(address, port)));
        try (ch) {
            ch.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            var text = new String(Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            return text;
        }
    }

    /** The value of {@code series} (name and labels exactly as printed), if present. */
    public static Optional<Double> sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst();
    }

    /** Scrapes until {@code series} reads {@code value}; fails with the last value after {@code timeout}. */
    public static void await(NetNs ns, String address, int port, String series, double value, Duration timeout)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Optional<Double> got = sample(scrape(ns, address, port), series);
        while (!got.equals(Optional.of(value)) && System.nanoTime() < end) {
            Thread.sleep(100); // nothing to wait on: the value is only visible by asking
            got = sample(scrape(ns, address, port), series);
        }
        assertThat(got).as(series).contains(value);
    }
}
