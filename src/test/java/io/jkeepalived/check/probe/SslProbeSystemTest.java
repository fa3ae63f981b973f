package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.expect;
import static io.jkeepalived.check.probe.HttpTestSupport.plain;
import static io.jkeepalived.check.probe.HttpTestSupport.readHead;
import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static io.jkeepalived.check.probe.HttpTestSupport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.check.probe.ProbeLab.Family;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SSL_GET against a JDK TLS server with a self-signed certificate in a namespace ({@link ProbeLab}). */
@Tag("system")
class SslProbeSystemTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static SSLContext serverTls;
    private static ProbeLab lab;

    @BeforeAll
    static void setUp(@TempDir Path dir) throws Exception {
        serverTls = SelfSignedTls.serverContext(dir);
        lab = ProbeLab.create();
    }

    @AfterAll
    static void cleanUp() {
        lab.close();
    }

    /** An HTTPS server that records the SNI name the client sent, then the request. */
    private static LocalTcpServer https(Family f, String status, String body) throws Exception {
        LocalTcpServer[] self = new LocalTcpServer[1];
        self[0] = lab.tcp(f, serverTls.getServerSocketFactory(), s -> {
            self[0].seen.add(readHead(s));
            respond(s, status, body);
        });
        return self[0];
    }

    /** An HTTPS server whose SNI matcher records the name the client sent ("sni NAME"), then the request. */
    private static LocalTcpServer httpsWithSni(Family f) throws Exception {
        SSLServerSocket ss = (SSLServerSocket) lab.onServer(() ->
                serverTls.getServerSocketFactory().createServerSocket(0, 50, ProbeLab.server(f)));
        LocalTcpServer[] self = new LocalTcpServer[1];
        SSLParameters p = ss.getSSLParameters();
        p.setSNIMatchers(List.of(new SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName name) {
                self[0].seen.add("sni " + ((SNIHostName) name).getAsciiName());
                return true;
            }
        }));
        ss.setSSLParameters(p);
        self[0] = new LocalTcpServer(ss, s -> {
            self[0].seen.add(readHead(s));
            respond(s, "HTTP/1.0 200 OK", "secure");
        });
        return self[0];
    }

    private static HttpProbe probe(LocalTcpServer s, Optional<String> sni, HttpExpectation x) {
        return new HttpProbe(HttpTestSupport.target(s.endpoint(), "/", Optional.of(TlsContexts.defaults()), sni), x);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void upOverTlsWithTheSniNameTheServerSees(Family f) throws Exception {
        try (var s = httpsWithSni(f)) {
            assertThat(lab.run(probe(s, Optional.of("www.probe.test"), plain()), T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("sni www.probe.test");
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).startsWith("GET / HTTP/1.0\r\n");
        }
    }

    @Test
    void noSniUnlessEnabled() throws Exception {
        try (var s = httpsWithSni(Family.V4)) {
            assertThat(lab.run(probe(s, Optional.empty(), plain()), T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).startsWith("GET /"); // the matcher was never asked
        }
    }

    @Test
    void wrongStatusWrongDigestAndRegexMissOverTls() throws Exception {
        try (var busy = https(Family.V4, "HTTP/1.0 503 Busy", "status: red"); var ok = https(Family.V4, "HTTP/1.0 200 OK", "status: red")) {
            assertThat(reasonOf(lab.run(probe(busy, Optional.empty(), plain()), T))).isEqualTo(FailureReason.BAD_STATUS);
            var digest = expect(Optional.of("00000000000000000000000000000000"), Optional.empty(), false);
            assertThat(reasonOf(lab.run(probe(ok, Optional.empty(), digest), T))).isEqualTo(FailureReason.DIGEST_MISMATCH);
            var regex = expect(Optional.empty(), Optional.of("green"), false);
            assertThat(reasonOf(lab.run(probe(ok, Optional.empty(), regex), T))).isEqualTo(FailureReason.REGEX_MISMATCH);
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        var e = Endpoint.to(ProbeLab.server(Family.V4), lab.closedTcpPort(Family.V4));
        var p = new HttpProbe(HttpTestSupport.target(e, "/", Optional.of(TlsContexts.defaults()), Optional.empty()), plain());
        assertThat(reasonOf(lab.run(p, T))).isEqualTo(FailureReason.REFUSED);
    }

    @Test
    void aPlainHttpServerIsATlsFailure() throws Exception {
        try (var s = lab.tcp(Family.V4, sock -> sock.getOutputStream().write(
                "HTTP/1.0 400 Bad Request\r\n\r\nthis is not TLS\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            var r = lab.run(probe(s, Optional.empty(), plain()), T);
            assertThat(reasonOf(r)).isEqualTo(FailureReason.TLS_FAILURE);
        }
    }

    @Test
    void aHandshakeTrickleOfOneByteASecondIsCutAtTheDeadline() throws Exception {
        try (var s = lab.tcp(Family.V4, sock -> {
            OutputStream out = sock.getOutputStream();
            byte[] serverHelloStart = {0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03};
            for (byte b : serverHelloStart) {
                out.write(b);
                out.flush();
                Thread.sleep(1000);
            }
        })) {
            var r = lab.run(probe(s, Optional.empty(), plain()), Duration.ofMillis(2500));
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                assertThat(d.latency()).isLessThan(Duration.ofMillis(4000));
            });
        }
    }
}
