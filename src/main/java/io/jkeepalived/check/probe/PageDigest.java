package io.jkeepalived.check.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One page fetched for {@code genhash}: the same client, limits and deadline as HTTP_GET, but the
 * response is handed back instead of judged.
 */
public final class PageDigest {

    private PageDigest() {
    }

    /** The outcome of {@link #fetch}. */
    public sealed interface Outcome {}

    public record Page(String statusLine, List<String> headers, long bodyLength, String md5Hex) implements Outcome {
        public Page {
            headers = List.copyOf(headers);
        }
    }

    public record Failed(FailureReason reason, String detail) implements Outcome {}

    public static Outcome fetch(HttpTarget target, Duration timeout) {
        Deadline d = Deadline.after(timeout);
        try {
            HttpResponse r = HttpFetcher.fetch(target, false, d);
            return new Page(r.statusLine(), r.headers(), r.bodyLength(), r.md5Hex());
        } catch (ProbeFailure f) {
            return new Failed(f.reason(), f.getMessage());
        } catch (IOException e) {
            return new Failed(d.remainingNanos() <= 0 ? FailureReason.TIMEOUT : Attempts.classify(e), Attempts.describe(e));
        } catch (RuntimeException e) {
            return new Failed(FailureReason.IO_ERROR, Attempts.describe(e));
        }
    }
}
