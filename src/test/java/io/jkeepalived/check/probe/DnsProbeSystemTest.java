package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DNS_CHECK against a UDP responder in a namespace ({@link ProbeLab}). */
@Tag("system")
class DnsProbeSystemTest {

    private static final Duration T = Duration.ofSeconds(2);
    private static ProbeLab lab;

    @BeforeAll
    static void namespaces() {
        lab = ProbeLab.create();
    }

    @AfterAll
    static void cleanUp() {
        lab.close();
    }

    /** Answers a query with the query itself turned into a response and then edited by {@code edit}. */
    private static LocalUdpServer dns(UnaryOperator<byte[]> edit) throws Exception {
        return lab.udp(Family.V4, q -> {
            byte[] r = Arrays.copyOf(q, q.length);
            r[2] |= (byte) 0x80; // QR
            return List.of(edit.apply(r));
        });
    }

    private static ProbeResult run(LocalUdpServer s, Duration timeout) throws Exception {
        return lab.run(new DnsProbe(s.endpoint(), "A", "www.example.test"), timeout);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void upOnAMatchingReplyAndTheQueryIsWellFormed(Family f) throws Exception {
        var queries = new LinkedBlockingQueue<byte[]>();
        try (var s = lab.udp(f, q -> {
            queries.add(q);
            byte[] r = Arrays.copyOf(q, q.length);
            r[2] |= (byte) 0x80;
            return List.of(r);
        })) {
            assertThat(run(s, T)).isInstanceOf(ProbeResult.Up.class);
            byte[] q = queries.poll(5, TimeUnit.SECONDS);
            // header (12) + 3www 7example 4test 0 + type A + class IN
            assertThat(Arrays.copyOfRange(q, 12, q.length)).containsExactly(3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e',
                    4, 't', 'e', 's', 't', 0, 0, 1, 0, 1);
            assertThat(q[2]).isEqualTo((byte) 0x01); // RD
        }
    }

    @Test
    void aReplyWithTheWrongIdIsIgnoredAndFailsAtTheDeadline() throws Exception {
        try (var s = dns(r -> {
            r[0] ^= 0x55;
            return r;
        })) {
            var r = run(s, Duration.ofMillis(400));
            assertThat(reasonOf(r)).isEqualTo(FailureReason.DNS_ERROR);
            assertThat(((ProbeResult.Down) r).detail()).contains("wrong ID");
        }
    }

    @Test
    void aStrayReplyBeforeTheRealOneIsSkipped() throws Exception {
        try (var s = lab.udp(Family.V4, q -> {
            byte[] good = Arrays.copyOf(q, q.length);
            good[2] |= (byte) 0x80;
            byte[] stray = Arrays.copyOf(good, good.length);
            stray[1] ^= 1;
            return List.of(stray, good);
        })) {
            assertThat(run(s, T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void aNonZeroRcodeFails() throws Exception {
        try (var s = dns(r -> {
            r[3] = 3; // NXDOMAIN
            return r;
        })) {
            assertThat(reasonOf(run(s, T))).isEqualTo(FailureReason.DNS_ERROR);
        }
    }

    @Test
    void truncatedMalformedAndGarbageRepliesAreProtocolErrors() throws Exception {
        try (var tc = dns(r -> {
            r[2] |= 0x02;
            return r;
        }); var shortOne = dns(r -> Arrays.copyOf(r, 14)); var tiny = dns(r -> Arrays.copyOf(r, 5))) {
            assertThat(reasonOf(run(tc, T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
            assertThat(reasonOf(run(shortOne, T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
            // 5 bytes cannot even hold an ID match check: it is garbage, not a stray
            assertThat(reasonOf(run(tiny, T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void aClosedPortIsRefused(Family f) throws Exception {
        var e = Endpoint.to(ProbeLab.server(f), lab.closedUdpPort(f));
        assertThat(reasonOf(lab.run(new DnsProbe(e, "A", "a.test"), T))).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void silenceTimesOut() throws Exception {
        try (var s = lab.udp(Family.V4, q -> List.of())) {
            assertThat(reasonOf(run(s, Duration.ofMillis(300)))).isEqualTo(FailureReason.TIMEOUT);
        }
    }
}
