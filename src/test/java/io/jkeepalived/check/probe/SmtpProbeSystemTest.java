package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SMTP_CHECK against a tiny SMTP responder in a namespace ({@link ProbeLab}). */
@Tag("system")
class SmtpProbeSystemTest {

    private static final Duration T = Duration.ofSeconds(3);
    private static ProbeLab lab;

    @BeforeAll
    static void namespaces() {
        lab = ProbeLab.create();
    }

    @AfterAll
    static void cleanUp() {
        lab.close();
    }

    /** Sends {@code greeting}, answers HELO with {@code heloReply} and QUIT with 221; records the commands. */
    private static LocalTcpServer smtp(Family f, String greeting, String heloReply) throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        self[0] = lab.tcp(f, s -> {
            OutputStream out = s.getOutputStream();
            var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out.write(greeting.getBytes(StandardCharsets.US_ASCII));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                self[0].seen.add(line);
                if (line.startsWith("HELO")) {
                    out.write(heloReply.getBytes(StandardCharsets.US_ASCII));
                } else if (line.equals("QUIT")) {
                    out.write("221 bye\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
            }
        });
        return self[0];
    }

    private static ProbeResult run(LocalTcpServer s, Duration timeout) throws Exception {
        return lab.run(new SmtpProbe(List.of(s.endpoint()), "checker.test"), timeout);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void greetingHeloQuit(Family f) throws Exception {
        try (var s = smtp(f, "220 mx.test ESMTP\r\n", "250-mx.test\r\n250 OK\r\n")) {
            assertThat(run(s, T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("HELO checker.test");
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("QUIT");
        }
    }

    @Test
    void aRefusingGreetingOrARejectedHeloIsABadStatus() throws Exception {
        try (var greeting = smtp(Family.V4, "554 go away\r\n", "250 OK\r\n"); var helo = smtp(Family.V4, "220 ok\r\n", "501 bad\r\n")) {
            assertThat(reasonOf(run(greeting, T))).isEqualTo(FailureReason.BAD_STATUS);
            assertThat(reasonOf(run(helo, T))).isEqualTo(FailureReason.BAD_STATUS);
        }
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        try (var s = smtp(Family.V4, "HTTP/1.0 400 nope\r\n", "")) {
            assertThat(reasonOf(run(s, T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void refusedAndEveryHostMustPass() throws Exception {
        try (var s = smtp(Family.V4, "220 ok\r\n", "250 ok\r\n")) {
            var dead = Endpoint.to(ProbeLab.server(Family.V4), lab.closedTcpPort(Family.V4));
            assertThat(reasonOf(lab.run(new SmtpProbe(List.of(dead), "c"), T))).isEqualTo(FailureReason.REFUSED);
            assertThat(reasonOf(lab.run(new SmtpProbe(List.of(s.endpoint(), dead), "c"), T))).isEqualTo(FailureReason.REFUSED);
        }
    }

    @Test
    void aSilentServerOrHostTimesOut() throws Exception {
        try (var s = lab.tcp(Family.V4, sock -> Thread.sleep(10_000))) {
            assertThat(reasonOf(run(s, Duration.ofMillis(400)))).isEqualTo(FailureReason.TIMEOUT);
        }
        var nobody = new SmtpProbe(List.of(Endpoint.to(ProbeLab.silent(Family.V4), 25)), "c");
        assertThat(reasonOf(lab.run(nobody, Duration.ofMillis(400)))).isEqualTo(FailureReason.TIMEOUT);
    }

    @Test
    void aGreetingTrickleOfOneByteASecondIsCutAtTheDeadline() throws Exception {
        try (var s = lab.tcp(Family.V4, sock -> {
            for (byte b : "220 slow.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII)) {
                sock.getOutputStream().write(b);
                sock.getOutputStream().flush();
                Thread.sleep(1000);
            }
        })) {
            var r = run(s, Duration.ofMillis(2500));
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                assertThat(d.latency()).isLessThan(Duration.ofMillis(4000));
            });
        }
    }
}
