package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SmtpProbeTest {

    private static final Duration T = Duration.ofSeconds(3);

    /** A tiny SMTP responder: {@code greeting}, then answers HELO with {@code heloReply}; records the commands. */
    private static LocalTcpServer smtp(String greeting, String heloReply) throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        self[0] = new LocalTcpServer((Socket s) -> {
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

    @Test
    void greetingHeloQuit() throws Exception {
        try (var s = smtp("220 mx.test ESMTP\r\n", "250-mx.test\r\n250 OK\r\n")) {
            assertThat(new SmtpProbe(List.of(s.endpoint()), "checker.test").run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("HELO checker.test");
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("QUIT");
        }
    }

    @Test
    void aRefusingGreetingIsABadStatus() throws Exception {
        try (var s = smtp("554 go away\r\n", "250 OK\r\n")) {
            assertThat(reasonOf(new SmtpProbe(List.of(s.endpoint()), "c").run(T))).isEqualTo(FailureReason.BAD_STATUS);
        }
    }

    @Test
    void aRejectedHeloIsABadStatus() throws Exception {
        try (var s = smtp("220 ok\r\n", "501 bad\r\n")) {
            assertThat(reasonOf(new SmtpProbe(List.of(s.endpoint()), "c").run(T))).isEqualTo(FailureReason.BAD_STATUS);
        }
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        try (var s = smtp("HTTP/1.0 400 nope\r\n", "")) {
            assertThat(reasonOf(new SmtpProbe(List.of(s.endpoint()), "c").run(T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void everyHostMustPass() throws Exception {
        try (var s = smtp("220 ok\r\n", "250 ok\r\n")) {
            var dead = Endpoint.to(InetAddress.getLoopbackAddress(), LocalTcpServer.closedPort());
            assertThat(reasonOf(new SmtpProbe(List.of(s.endpoint(), dead), "c").run(T))).isEqualTo(FailureReason.REFUSED);
        }
    }

    @Test
    void aSilentServerTimesOut() throws Exception {
        try (var s = new LocalTcpServer(sock -> Thread.sleep(10_000))) {
            assertThat(reasonOf(new SmtpProbe(List.of(s.endpoint()), "c").run(Duration.ofMillis(300))))
                    .isEqualTo(FailureReason.TIMEOUT);
        }
    }
}
