package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.Url;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** Request reading, canned responses and targets for the HTTP probe tests. */
final class HttpTestSupport {

    private HttpTestSupport() {
    }

    /** Reads the request head (up to the blank line). */
    static String readHead(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    static void respond(Socket s, String statusLine, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write((statusLine + "\r\nContent-Length: " + b.length + "\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
    }

    static HttpTarget target(Endpoint e, String path, Optional<SSLContext> tls, Optional<String> sni) {
        return new HttpTarget(e, path, Endpoint.hostPort(e.remote()), HttpVersion.V1_0, tls, sni);
    }

    static HttpExpectation expect(Optional<String> digest, Optional<String> regex, boolean noMatch, Url.StatusRange... codes) {
        return new HttpExpectation(List.of(codes), digest, regex.map(r -> BodyRegex.of(
                new Url.Regex(r, noMatch, java.util.Set.of(), 0, java.util.OptionalLong.empty()))));
    }

    static HttpExpectation plain() {
        return expect(Optional.empty(), Optional.empty(), false);
    }

    static FailureReason reasonOf(ProbeResult r) {
        return r instanceof ProbeResult.Down d ? d.reason() : null;
    }
}
