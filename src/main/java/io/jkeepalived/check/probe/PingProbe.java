package io.jkeepalived.check.probe;

import io.jkeepalived.os.OsException;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * PING_CHECK: one ICMP (IPv4) or ICMPv6 echo; up when the reply arrives before the deadline. The
 * echo is sent by {@link PingService}'s platform thread; this (virtual) thread only waits.
 * {@code bind_if} and {@code fwmark} are applied here (SO_BINDTODEVICE, SO_MARK).
 */
public final class PingProbe implements Probe {

    private final PingService service;
    private final Endpoint endpoint;
    private final PingService.SocketKey key;

    public PingProbe(PingService service, Endpoint endpoint) {
        this.service = service;
        this.endpoint = endpoint;
        this.key = new PingService.SocketKey(endpoint.remote().getAddress() instanceof Inet6Address,
                endpoint.local().map(a -> a.getAddress()), endpoint.bindIf(), endpoint.fwmark());
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, d -> {
            CompletableFuture<Void> reply = service.echo(key, endpoint.scopedRemote().getAddress());
            try {
                reply.get(Math.max(0, d.remainingNanos()), TimeUnit.NANOSECONDS);
                return OptionalInt.empty();
            } catch (TimeoutException e) {
                reply.cancel(false);
                throw new ProbeFailure(FailureReason.TIMEOUT, "no echo reply from " + endpoint.remote().getAddress().getHostAddress());
            } catch (InterruptedException e) {
                reply.cancel(false);
                Thread.currentThread().interrupt();
                throw new ProbeFailure(FailureReason.IO_ERROR, "interrupted");
            } catch (ExecutionException e) {
                FailureReason r = e.getCause() instanceof OsException o && (o.errno() == 101 || o.errno() == 113)
                        ? FailureReason.UNREACHABLE : FailureReason.IO_ERROR;
                throw new ProbeFailure(r, String.valueOf(e.getCause().getMessage()));
            }
        });
    }

    @Override
    public String dedupKey() {
        return "PING_CHECK " + endpoint.describe();
    }
}
