package io.jkeepalived.check.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Our own small HTTP/1.x client over a plain or TLS socket, so that the limits (deadline, header
 * and body size) are ours: one GET, one response, then close.
 */
final class HttpFetcher {

    private HttpFetcher() {
    }

    static HttpResponse fetch(HttpTarget t, boolean keepBody, Deadline deadline) throws IOException, ProbeFailure {
        Socket raw = t.endpoint().connect(deadline);
        Watchdog.Guard guard = Watchdog.closeAt(deadline, raw);
        Socket s = raw;
        try {
            if (t.tls().isPresent()) {
                s = tls(raw, t, deadline);
            }
            OutputStream out = s.getOutputStream();
            out.write(t.request());
            out.flush();
            return new HttpResponseReader(new DeadlineInput(s, deadline)).read(keepBody, false);
        } finally {
            guard.close();
            s.close(); // a TLS socket sends close_notify, then closes the raw one
            raw.close();
        }
    }

    private static SSLSocket tls(Socket raw, HttpTarget t, Deadline deadline) throws IOException {
        var factory = t.tls().orElseThrow().getSocketFactory();
        var peer = t.endpoint().remote();
        SSLSocket s = (SSLSocket) factory.createSocket(raw, peer.getAddress().getHostAddress(), peer.getPort(), true);
        SSLParameters p = s.getSSLParameters();
        List<SNIServerName> names;
        try {
            names = t.sniName().<List<SNIServerName>>map(n -> List.of(new SNIHostName(n))).orElse(List.of());
        } catch (IllegalArgumentException e) {
            throw new javax.net.ssl.SSLException("SNI name " + t.sniName().orElse("") + " is not a host name");
        }
        p.setServerNames(names);
        s.setSSLParameters(p);
        s.setSoTimeout(deadline.socketTimeoutMillis());
        s.startHandshake();
        return s;
    }
}
