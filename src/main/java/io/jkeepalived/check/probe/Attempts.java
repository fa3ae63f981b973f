package io.jkeepalived.check.probe;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import javax.net.ssl.SSLException;

/**
 * Runs one attempt body and turns everything it can end with into a {@link ProbeResult}: the
 * single place where exceptions stop, so no probe can let one escape.
 */
final class Attempts {

    private Attempts() {
    }

    /** An attempt body: returns the dynamic weight (empty for a plain success) or throws. */
    @FunctionalInterface
    interface Body {
        OptionalInt run(Deadline deadline) throws IOException, ProbeFailure;
    }

    static ProbeResult guard(Duration timeout, Body body) {
        Deadline deadline = Deadline.after(timeout);
        try {
            OptionalInt weight = body.run(deadline);
            return new ProbeResult.Up(deadline.elapsed(), weight);
        } catch (ProbeFailure f) {
            return new ProbeResult.Down(f.reason(), f.getMessage(), deadline.elapsed());
        } catch (IOException e) {
            // a socket closed by the watchdog fails with a plain SocketException: the deadline tells
            FailureReason r = deadline.remainingNanos() <= 0 ? FailureReason.TIMEOUT : classify(e);
            return new ProbeResult.Down(r, describe(e), deadline.elapsed());
        } catch (RuntimeException e) {
            return new ProbeResult.Down(FailureReason.IO_ERROR, "internal: " + describe(e), deadline.elapsed());
        }
    }

    /** Maps a JDK I/O exception to the reason a user can act on. */
    static FailureReason classify(IOException e) {
        String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return switch (e) {
            case SocketTimeoutException t -> FailureReason.TIMEOUT;
            case PortUnreachableException p -> FailureReason.REFUSED;
            case NoRouteToHostException n -> FailureReason.UNREACHABLE;
            case BindException b -> FailureReason.UNREACHABLE;
            case UnknownHostException u -> FailureReason.UNREACHABLE;
            case SSLException s -> FailureReason.TLS_FAILURE;
            case ConnectException c when msg.contains("refused") -> FailureReason.REFUSED;
            case ConnectException c when msg.contains("timed out") -> FailureReason.TIMEOUT;
            case ConnectException c -> FailureReason.UNREACHABLE;
            default -> msg.contains("unreachable") ? FailureReason.UNREACHABLE : FailureReason.IO_ERROR;
        };
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
