package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.plain;
import static io.jkeepalived.check.probe.HttpTestSupport.readHead;
import static io.jkeepalived.check.probe.HttpTestSupport.reasonOf;
import static io.jkeepalived.check.probe.HttpTestSupport.respond;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SslProbeTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static SSLContext serverTls;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        serverTls = SelfSignedTls.serverContext(dir);
    }

    /** An HTTPS server that records the SNI name the client sent ("-" for none). */
    private static LocalTcpServer https(String body) throws Exception {
        SSLServerSocket ss = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
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
            respond(s, "HTTP/1.0 200 OK", body);
        });
        return self[0];
    }

    private static HttpProbe probe(LocalTcpServer s, Optional<String> sni) {
        return new HttpProbe(HttpTestSupport.target(s.endpoint(), "/", Optional.of(TlsContexts.defaults()), sni), plain());
    }

    @Test
    void upOverTlsWithTheSniNameTheServerSees() throws Exception {
        try (var s = https("secure")) {
            assertThat(probe(s, Optional.of("www.probe.test")).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).isEqualTo("sni www.probe.test");
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).startsWith("GET / HTTP/1.0\r\n");
        }
    }

    @Test
    void noSniUnlessEnabled() throws Exception {
        try (var s = https("secure")) {
            assertThat(probe(s, Optional.empty()).run(T)).isInstanceOf(ProbeResult.Up.class);
            assertThat(s.seen.poll(5, TimeUnit.SECONDS)).startsWith("GET /"); // the matcher was never asked
        }
    }

    @Test
    void aPlainServerIsATlsFailure() throws Exception {
        try (var s = new LocalTcpServer(sock -> sock.getOutputStream().write(
                "HTTP/1.0 400 Bad Request\r\n\r\nthis is not TLS\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            assertThat(reasonOf(probe(s, Optional.empty()).run(T))).isEqualTo(FailureReason.TLS_FAILURE);
        }
    }

    @Test
    void aHandshakeTrickleIsCutAtTheDeadline() throws Exception {
        try (var s = new LocalTcpServer(sock -> {
            var out = sock.getOutputStream();
            byte[] serverHelloStart = {0x16, 0x03, 0x03, 0x00, 0x7a, 0x02, 0x00, 0x00, 0x76, 0x03, 0x03};
            for (byte b : serverHelloStart) {
                out.write(b);
                out.flush();
                Thread.sleep(300);
            }
            Thread.sleep(10_000);
        })) {
            var r = probe(s, Optional.empty()).run(Duration.ofMillis(1200));
            assertThat(r).isInstanceOfSatisfying(ProbeResult.Down.class, d -> {
                assertThat(d.reason()).isEqualTo(FailureReason.TIMEOUT);
                assertThat(d.latency()).isLessThan(Duration.ofMillis(2500));
            });
        }
    }
}
