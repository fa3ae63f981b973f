package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class DnsProbeTest {

    private static final Duration T = Duration.ofSeconds(2);

    /** Answers a query with the query itself turned into a response and then edited by {@code edit}. */
    private static LocalUdpServer dns(UnaryOperator<byte[]> edit) throws Exception {
        return new LocalUdpServer(q -> {
            byte[] r = Arrays.copyOf(q, q.length);
            r[2] |= (byte) 0x80; // QR
            return List.of(edit.apply(r));
        });
    }

    @Test
    void upOnAMatchingReplyAndTheQueryIsWellFormed() throws Exception {
        var queries = new LinkedBlockingQueue<byte[]>();
        try (var s = new LocalUdpServer(q -> {
            queries.add(q);
            byte[] r = Arrays.copyOf(q, q.length);
            r[2] |= (byte) 0x80;
            return List.of(r);
        })) {
            assertThat(new DnsProbe(s.endpoint(), "A", "www.example.test").run(T)).isInstanceOf(ProbeResult.Up.class);
            byte[] q = queries.poll(5, TimeUnit.SECONDS);
            // header (12) + 3www 7example 4test 0 + type A + class IN
            assertThat(Arrays.copyOfRange(q, 12, q.length)).containsExactly(3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
                    4, 't', 'e', 's', 't', 0, 0, 1, 0, 1);
            assertThat(q[2]).isEqualTo((byte) 0x01); // RD
        }
    }

    @Test
    void rootSoaByDefault() {
        assertThat(DnsMessages.query(0x1234, ".", 6)).containsExactly(0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1);
    }

    @Test
    void aReplyWithAnotherIdIsIgnoredAndFailsAtTheDeadline() throws Exception {
        try (var s = dns(r -> {
            r[0] ^= 0x55;
            return r;
        })) {
            var r = new DnsProbe(s.endpoint(), "SOA", ".").run(Duration.ofMillis(400));
            assertThat(reasonOf(r)).isEqualTo(FailureReason.DNS_ERROR);
            assertThat(((ProbeResult.Down) r).detail()).contains("wrong ID");
        }
    }

    @Test
    void aStrayReplyBeforeTheRealOneIsSkipped() throws Exception {
        try (var s = new LocalUdpServer(q -> {
            byte[] good = Arrays.copyOf(q, q.length);
            good[2] |= (byte) 0x80;
            byte[] stray = Arrays.copyOf(good, good.length);
            stray[1] ^= 1;
            return List.of(stray, good);
        })) {
            assertThat(new DnsProbe(s.endpoint(), "SOA", ".").run(T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void aNonZeroRcodeFails() throws Exception {
        try (var s = dns(r -> {
            r[3] = 3; // NXDOMAIN
            return r;
        })) {
            assertThat(reasonOf(new DnsProbe(s.endpoint(), "A", "nx.test").run(T))).isEqualTo(FailureReason.DNS_ERROR);
        }
    }

    @Test
    void truncatedAndMalformedRepliesAreProtocolErrors() throws Exception {
        try (var tc = dns(r -> {
            r[2] |= 0x02;
            return r;
        }); var shortOne = dns(r -> Arrays.copyOf(r, 14)); var tiny = dns(r -> Arrays.copyOf(r, 5))) {
            assertThat(reasonOf(new DnsProbe(tc.endpoint(), "A", "a.test").run(T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
            assertThat(reasonOf(new DnsProbe(shortOne.endpoint(), "A", "a.test").run(T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
            // 5 bytes cannot even hold an ID match check: it is garbage, not a stray
            assertThat(reasonOf(new DnsProbe(tiny.endpoint(), "A", "a.test").run(T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        var e = Endpoint.to(InetAddress.getLoopbackAddress(), LocalUdpServer.closedPort());
        assertThat(reasonOf(new DnsProbe(e, "A", "a.test").run(T))).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void silenceTimesOut() throws Exception {
        try (var s = new LocalUdpServer(q -> List.of())) {
            assertThat(reasonOf(new DnsProbe(s.endpoint(), "A", "a.test").run(Duration.ofMillis(300)))).isEqualTo(FailureReason.TIMEOUT);
        }
    }
}
