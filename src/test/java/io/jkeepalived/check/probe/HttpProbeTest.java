package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.expect;
import static io.jkeepalived.check.probe.HttpTestSupport.plain;
import static io.jkeepalived.check.probe.HttpTestSupport.readHead;
import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static io.jkeepalived.check.probe.HttpTestSupport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Url;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

    private static final Duration T = Duration.ofSeconds(3);

    private static HttpProbe probe(LocalTcpServer s, String path, HttpExpectation e) {
        return new HttpProbe(HttpTestSupport.target(s.endpoint(), path, Optional.empty(), Optional.empty()), e);
    }

    private static LocalTcpServer serving(String status, String body) throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        self[0] = new LocalTcpServer(s -> {
            self[0].seen.add(readHead(s));
            respond(s, status, body);
        });
        return self[0];
    }

    @Test
    void upOn200AndSendsKeepalivedsRequest() throws Exception {
        try (var s = serving("HTTP/1.0 200 OK", "hello")) {
            assertThat(probe(s, "/health", plain()).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("GET /health HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\n"
                    + "Host: 127.0.0.1:" + s.port() + "\r\n\r\n");
        }
    }

    @Test
    void http11SendsConnectionClose() throws Exception {
        try (var s = serving("HTTP/1.1 200 OK", "x")) {
            var t = new HttpTarget(s.endpoint(), "/", "www.example.test", HttpVersion.V1_1, Optional.empty(), Optional.empty());
            assertThat(new HttpProbe(t, plain()).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).contains("GET / HTTP/1.1\r\n").contains("Host: www.example.test\r\n")
                    .contains("Connection: close\r\n");
        }
    }

    @Test
    void wrongStatusFailsAndRangesAreHonoured() throws Exception {
        try (var s = serving("HTTP/1.0 503 Unavailable", "busy")) {
            assertThat(reasonOf(probe(s, "/", plain()).run(T))).isEqualTo(FailureReason.BAD_STATUS);
            var e = expect(Optional.empty(), Optional.empty(), false, new Url.StatusRange(200, 200), new Url.StatusRange(500, 503));
            assertThat(probe(s, "/", e).run(T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void digestIsTheMd5OfTheBody() throws Exception {
        try (var s = serving("HTTP/1.0 200 OK", "hello")) {
            String md5 = "5d41402abc4b2a76b9719d911017c592"; // md5("hello")
            assertThat(probe(s, "/", expect(Optional.of(md5), Optional.empty(), false)).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(probe(s, "/", expect(Optional.of("00000000000000000000000000000000"), Optional.empty(), false))
                    .run(T))).isEqualTo(FailureReason.DIGEST_MISMATCH);
        }
    }

    @Test
    void chunkedBodyIsDecodedBeforeHashing() throws Exception {
        try (var s = new LocalTcpServer(sock -> {
            readHead(sock);
            sock.getOutputStream().write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nhel\r\n2;ext=1\r\nlo\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        })) {
            var e = expect(Optional.of("5d41402abc4b2a76b9719d911017c592"), Optional.empty(), false);
            assertThat(probe(s, "/", e).run(T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void regexAndRegexNoMatch() throws Exception {
        try (var s = serving("HTTP/1.0 200 OK", "status: green")) {
            assertThat(probe(s, "/", expect(Optional.empty(), Optional.of("gre+n"), false)).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(reasonOf(probe(s, "/", expect(Optional.empty(), Optional.of("red"), false)).run(T)))
                    .isEqualTo(FailureReason.REGEX_MISMATCH);
            assertThat(reasonOf(probe(s, "/", expect(Optional.empty(), Optional.of("green"), true)).run(T)))
                    .isEqualTo(FailureReason.REGEX_MISMATCH);
            assertThat(probe(s, "/", expect(Optional.empty(), Optional.of("red"), true)).run(T)).isInstanceOf(ProbeResult.Up.class);
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        var t = HttpTestSupport.target(Endpoint.to(InetAddress.getLoopbackAddress(), LocalTcpServer.closedPort()), "/",
                Optional.empty(), Optional.empty());
        assertThat(reasonOf(new HttpProbe(t, plain()).run(T))).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void garbageIsAProtocolError() throws Exception {
        try (var s = new LocalTcpServer(sock -> {
            readHead(sock);
            sock.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            var r = probe(s, "/", plain()).run(T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.PROTOCOL_ERROR);
            assertThat(((ProbeResult.Down) r).detail()).contains("not an HTTP response");
        }
    }

    @Test
    void headersOver64KiBAreTooLarge() throws Exception {
        try (var s = new LocalTcpServer(sock -> {
            readHead(sock);
            OutputStream out = sock.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            String h = "X-Filler: " + "a".repeat(1000) + "\r\n";
            for (int i = 0; i < 100; i++) {
                out.write(h.getBytes(StandardCharsets.US_ASCII));
            }
        })) {
            assertThat(reasonOf(probe(s, "/", plain()).run(T))).isEqualTo(FailureReason.TOO_LARGE);
        }
    }

    @Test
    void bodyOver16MiBIsTooLargeWithOrWithoutContentLength() throws Exception {
        byte[] mib = new byte[1024 * 1024];
        try (var s = new LocalTcpServer(sock -> {
            readHead(sock);
            OutputStream out = sock.getOutputStream();
            out.write("HTTP/1.0 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 17; i++) {
                out.write(mib);
            }
        }); var declared = new LocalTcpServer(sock -> {
            readHead(sock);
            sock.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Length: 20000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            assertThat(reasonOf(probe(s, "/", plain()).run(Duration.ofSeconds(10)))).isEqualTo(FailureReason.TOO_LARGE);
            assertThat(reasonOf(probe(declared, "/", plain()).run(T))).isEqualTo(FailureReason.TOO_LARGE);
        }
    }

    @Test
    void aTrickleIsCutAtTheDeadline() throws Exception {
        try (var s = new LocalTcpServer(sock -> {
            readHead(sock);
            OutputStream out = sock.getOutputStream();
            byte[] reply = "HTTP/1.0 200 OK\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (byte b : reply) { // one byte every 250 ms: each read returns well inside a socket timeout
                out.write(b);
                out.flush();
                Thread.sleep(250);
            }
        })) {
            var r = probe(s, "/", plain()).run(Duration.ofMillis(1500));
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                assertThat(d.latency()).isLessThan(Duration.ofMillis(2500));
            });
        }
    }

    @Test
    void aServerThatSaysNothingTimesOut() throws Exception {
        try (var s = new LocalTcpServer(sock -> {
            readHead(sock);
            Thread.sleep(10_000);
        })) {
            assertThat(reasonOf(probe(s, "/", plain()).run(Duration.ofMillis(300)))).isEqualTo(FailureReason.TIMEOUT);
        }
    }

    @Test
    void identicalTargetsShareADedupKeyAndOthersDoNot() throws Exception {
        try (var s = serving("HTTP/1.0 200 OK", "")) {
            assertThat(probe(s, "/a", plain()).dedupKey()).isEqualTo(probe(s, "/a", plain()).dedupKey())
                    .isNotEqualTo(probe(s, "/b", plain()).dedupKey());
        }
    }
}
