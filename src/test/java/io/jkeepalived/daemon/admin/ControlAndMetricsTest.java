package io.jkeepalived.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.cli.Main;
import io.jkeepalived.status.DaemonStatus;
import io.jkeepalived.status.GlobalView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket and /metrics with a fixed snapshot (the live daemon is the system test's). */
class ControlAndMetricsTest {

    @TempDir
    Path dir;

    private static final Supplier<CompletableFuture<DaemonStatus>> EMPTY = () -> CompletableFuture.completedFuture(
            new DaemonStatus("jkeepalived t", 1, "lb", 0, 1000, new GlobalView(Optional.empty(), "224.0.0.18",
                    "ff02::12", 2, false, false), List.of(), List.of()));

    private static String[] run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int rc = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void statusReadsTheSocketWhichIsRootOnly() throws Exception {
        Path sock = dir.resolve("sub/control.sock");
        try (ControlSocket cs = ControlSocket.open(sock, EMPTY).orElseThrow()) {
            assertThat(cs.path()).isEqualTo(sock);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sock))).isEqualTo("rw-------");
            String[] json = run("status", "--json", "--control-socket", sock.toString());
            assertThat(json[0]).isEqualTo("0");
            assertThat(json[1]).contains("\"router_id\" : \"lb\"").contains("\"instances\" : [ ]");
            String[] table = run("status", "--control-socket", sock.toString());
            assertThat(table[1]).startsWith("jkeepalived t, pid 1, router_id lb, up 1s\nINSTANCE");
            assertThat(ControlSocket.open(sock, EMPTY)).as("a second daemon on the same socket").isEmpty();
        }
        assertThat(sock).doesNotExist();
    }

    @Test
    void aStaleSocketIsReplacedAndNoDaemonIsExitThree() throws Exception {
        Path sock = dir.resolve("control.sock");
        String[] none = run("status", "--control-socket", sock.toString());
        assertThat(none[0]).isEqualTo("3");
        assertThat(none[2]).contains("cannot reach a daemon at " + sock);
        try (var stale = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            stale.bind(java.net.UnixDomainSocketAddress.of(sock));
        } // closed without unlinking: what a kill -9 leaves behind
        assertThat(sock).exists();
        try (ControlSocket cs = ControlSocket.open(sock, EMPTY).orElseThrow()) {
            assertThat(cs.path()).isEqualTo(sock);
            assertThat(run("status", "--control-socket", sock.toString())[0]).isEqualTo("0");
        }
    }

    @Test
    void unknownRequestsGetAnError() throws Exception {
        Path sock = dir.resolve("c.sock");
        try (ControlSocket cs = ControlSocket.open(sock, EMPTY).orElseThrow();
             var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock))) {
            assertThat(cs.path()).isEqualTo(sock);
            ch.write(java.nio.ByteBuffer.wrap("dance\n".getBytes(StandardCharsets.UTF_8)));
            ch.shutdownOutput();
            String reply = new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).contains("unknown request 'dance'");
        }
    }

    @Test
    void metricsServesPrometheusTextOnlyAtSlashMetrics() throws Exception {
        try (MetricsServer m = MetricsServer.start("127.0.0.1:0", EMPTY).orElseThrow()) {
            HttpClient http = HttpClient.newHttpClient();
            var ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(ok.body()).contains("jkeepalived_build_info{version=\"jkeepalived t\"} 1\n");
            var missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void listenAddressesParse() {
        assertThat(MetricsServer.parse("198.18.0.1:9650")).isPresent();
        assertThat(MetricsServer.parse("[2001:db8::1]:9650")).isPresent();
        assertThat(MetricsServer.parse("9650")).isEmpty();
        assertThat(MetricsServer.parse("host.example:9650")).as("literals only: no DNS at startup").isEmpty();
        assertThat(MetricsServer.parse("198.18.0.1:70000")).isEmpty();
        assertThat(MetricsServer.start("nonsense", EMPTY)).isEmpty();
    }
}
