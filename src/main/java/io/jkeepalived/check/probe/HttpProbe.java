package io.jkeepalived.check.probe;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * HTTP_GET / SSL_GET for one {@code url}: the factory makes one probe per url and the checker
 * policy picks which one runs. The timeout is a deadline for the whole request.
 */
public final class HttpProbe implements Probe {

    private final HttpTarget target;
    private final HttpExpectation expect;

    HttpProbe(HttpTarget target, HttpExpectation expect) {
        this.target = target;
        this.expect = expect;
    }

    @Override
    public ProbeResult run(Duration timeout) {
        return Attempts.guard(timeout, d -> {
            expect.check(HttpFetcher.fetch(target, expect.needsBody(), d));
            return OptionalInt.empty();
        });
    }

    @Override
    public String dedupKey() {
        return (target.tls().isPresent() ? "SSL_GET " : "HTTP_GET ") + target.describe() + " " + expect.describe();
    }
}
