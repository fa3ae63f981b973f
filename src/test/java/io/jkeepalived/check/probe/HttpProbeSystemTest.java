package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.expect;
import static io.jkeepalived.check.probe.HttpTestSupport.plain;
import static io.jkeepalived.check.probe.HttpTestSupport.readHead;
import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static io.jkeepalived.check.probe.HttpTestSupport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import io.jkeepalived.config.model.Url;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HTTP_GET against real servers in a namespace across a veth, IPv4 and IPv6 ({@link ProbeLab}). */
@Tag("system")
class HttpProbeSystemTest {

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

    private static HttpProbe probe(Endpoint e, String path, HttpExpectation x) {
        return new HttpProbe(HttpTestSupport.target(e, path, Optional.empty(), Optional.empty()), x);
    }

    private static ProbeResult run(LocalTcpServer s, HttpExpectation x, Duration timeout) throws Exception {
        return lab.run(probe(s.endpoint(), "/", x), timeout);
    }

    /** Answers every request with {@code status} and {@code body}, recording who asked and what. */
    private static LocalTcpServer serving(Family f, String status, String body) throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        self[0] = lab.tcp(f, s -> {
            self[0].seen.add("from " + s.getInetAddress().getHostAddress() + "\n" + readHead(s));
            respond(s, status, body);
        });
        return self[0];
    }

    private static LocalTcpServer raw(LocalTcpServer.Handler afterRequest) throws Exception {
        return lab.tcp(Family.V4, s -> {
            readHead(s);
            afterRequest.handle(s);
        });
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void upOn200AndSendsKeepalivedsRequestFromTheProbeSide(Family f) throws Exception {
        try (var s = serving(f, "HTTP/1.0 200 OK", "hello")) {
            assertThat(lab.run(probe(s.endpoint(), "/health", plain()), T)).isInstanceOf(ProbeResult.Up.class);
            String host = f == Family.V4 ? "198.18.77.2" : "[2001:db8:77::2]";
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("from " + ProbeLab.prober(f).getHostAddress()
                    + "\nGET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: " + host + ":" + s.port() + "\r\n\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void refusedWhenNothingListens(Family f) throws Exception {
        var e = Endpoint.to(ProbeLab.server(f), lab.closedTcpPort(f));
        assertThat(reasonOf(lab.run(probe(e, "/", plain()), T))).isEqualTo(FailureReason.REFUSED);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void timeoutWhenNoHostAnswers(Family f) throws Exception {
        var r = lab.run(probe(Endpoint.to(ProbeLab.silent(f), 80), "/", plain()), Duration.ofMillis(400));
        assertThat(reasonOf(r)).isEqualTo(FailureReason.TIMEOUT);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void wrongStatusFailsAndRangesAreHonoured(Family f) throws Exception {
        try (var s = serving(f, "HTTP/1.0 503 Unavailable", "busy")) {
            var r = run(s, plain(), T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.BAD_STATUS);
            assertThat(((ProbeResult.Down) r).detail()).contains("status 503");
            var ranges = expect(Optional.empty(), Optional.empty(), false, new Url.StatusRange(200, 200), new Url.StatusRange(500, 503));
            assertThat(run(s, ranges, T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void aServerThatSaysNothingTimesOut() throws Exception {
        try (var s = raw(sock -> Thread.sleep(10_000))) {
            assertThat(reasonOf(run(s, plain(), Duration.ofMillis(400)))).isEqualTo(FailureReason.TIMEOUT);
        }
    }

    @Test
    void digestIsTheMd5OfTheBody() throws Exception {
        try (var s = serving(Family.V4, "HTTP/1.0 200 OK", "hello")) {
            String md5 = "5d41402abc4b2a76b9719d911017c592"; // md5("hello")
            assertThat(run(s, expect(Optional.of(md5), Optional.empty(), false), T)).isInstanceOf(ProbeResult.Up.class);
            var wrong = run(s, expect(Optional.of("00000000000000000000000000000000"), Optional.empty(), false), T);
            assertThat(reasonOf(wrong)).isEqualTo(FailureReason.DIGEST_MISMATCH);
            assertThat(((ProbeResult.Down) wrong).detail()).contains(md5);
        }
    }

    @Test
    void regexMissAndRegexNoMatch() throws Exception {
        try (var s = serving(Family.V4, "HTTP/1.0 200 OK", "status: green")) {
            assertThat(run(s, expect(Optional.empty(), Optional.of("gre+n"), false), T)).isInstanceOf(ProbeResult.Up.class);
            var miss = run(s, expect(Optional.empty(), Optional.of("red"), false), T);
            assertThat(reasonOf(miss)).isEqualTo(FailureReason.REGEX_MISMATCH);
            assertThat(((ProbeResult.Down) miss).detail()).startsWith("regex miss");
            assertThat(reasonOf(run(s, expect(Optional.empty(), Optional.of("green"), true), T))).isEqualTo(FailureReason.REGEX_MISMATCH);
            assertThat(run(s, expect(Optional.empty(), Optional.of("red"), true), T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void http11SendsConnectionCloseAndTheVirtualhost() throws Exception {
        try (var s = serving(Family.V4, "HTTP/1.1 200 OK", "x")) {
            var t = new HttpTarget(s.endpoint(), "/", "www.example.test", HttpVersion.V1_1, Optional.empty(), Optional.empty());
            assertThat(lab.run(new HttpProbe(t, plain()), T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).contains("GET / HTTP/1.1\r\n").contains("Host: www.example.test\r\n")
                    .contains("Connection: close\r\n");
        }
    }

    @Test
    void chunkedBodyIsDecodedBeforeHashing() throws Exception {
        try (var s = raw(sock -> sock.getOutputStream().write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nhel\r\n2;ext=1\r\nlo\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)))) {
            var x = expect(Optional.of("5d41402abc4b2a76b9719d911017c592"), Optional.empty(), false);
            assertThat(run(s, x, T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        try (var s = raw(sock -> sock.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            var r = run(s, plain(), T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.PROTOCOL_ERROR);
            assertThat(((ProbeResult.Down) r).detail()).contains("not an HTTP response");
        }
    }

    @Test
    void aConnectionClosedBeforeAnyReplyIsAProtocolError() throws Exception {
        try (var s = raw(sock -> { })) {
            assertThat(reasonOf(run(s, plain(), T))).isEqualTo(FailureReason.PROTOCOL_ERROR);
        }
    }

    @Test
    void headersOver64KiBAreTooLarge() throws Exception {
        try (var s = raw(sock -> {
            OutputStream out = sock.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] h = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 100; i++) {
                out.write(h);
            }
        })) {
            var r = run(s, plain(), T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.TOO_LARGE);
            assertThat(((ProbeResult.Down) r).detail()).contains("headers over 65536");
        }
    }

    @Test
    void bodyOver16MiBIsTooLargeWithOrWithoutContentLength() throws Exception {
        byte[] mib = new byte[1024 * 1024];
        try (var streamed = raw(sock -> {
            OutputStream out = sock.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 17; i++) {
                out.write(mib);
            }
        }); var declared = raw(sock -> sock.getOutputStream().write(
                "HTTP/1.0 200 OK\r\nContent-Length: 20000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(reasonOf(run(streamed, plain(), Duration.ofSeconds(10)))).isEqualTo(FailureReason.TOO_LARGE);
            assertThat(reasonOf(run(declared, plain(), T))).isEqualTo(FailureReason.TOO_LARGE);
        }
    }

    @Test
    void aTrickleOfOneByteASecondIsCutAtTheDeadline() throws Exception {
        try (var s = raw(sock -> {
            OutputStream out = sock.getOutputStream();
            for (byte b : "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b); // each read returns well inside any per-read timeout: only the deadline ends it
                out.flush();
                Thread.sleep(1000);
            }
        })) {
            var r = run(s, plain(), Duration.ofMillis(2500));
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                assertThat(d.latency()).isLessThan(Duration.ofMillis(4000));
            });
        }
    }
}
