package io.jkeepalived.check.probe;

import java.net.Socket;
import java.time.Duration;
import java.util.OptionalInt;

/** TCP_CHECK: the server is up when a TCP connection completes within the timeout. */
public final class TcpProbe implements Probe {

    private final Endpoint endpoint;

    public TcpProbe(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Where it connects: the daemon's scheduler runs TCP checks as non-blocking connects ({@link TcpConnects}). */
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, d -> {
            Socket s = endpoint.connect(d);
            s.close();
            return OptionalInt.empty();
        });
    }

    @Override
    public String dedupKey() {
        return "TCP_CHECK " + endpoint.describe();
    }
}
