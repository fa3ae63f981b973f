package io.jkeepalived.check.probe;

import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * One GET to make: where, which path, the Host header, and for SSL_GET the TLS context and the SNI
 * name (empty: no SNI, as keepalived without {@code enable_sni}).
 */
public record HttpTarget(Endpoint endpoint, String path, String hostHeader, HttpVersion version,
                         Optional<SSLContext> tls, Optional<String> sniName) {

    byte[] request() {
        StringBuilder b = new StringBuilder()
                .append("GET ").append(path).append(' ').append(version.token).append("\r\n")
                .append("User-Agent: KeepAliveClient\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        if (version.connectionClose) {
            b.append("Connection: close\r\n");
        }
        return b.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    String describe() {
        return (tls.isPresent() ? "https " : "http ") + endpoint.describe() + " " + hostHeader + path + " "
                + version + sniName.map(n -> " sni " + n).orElse("");
    }
}
