package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.Url;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code url} block accepts: a status in one of the ranges (default 200-299), the body's MD5
 * equal to {@code digest}, and the {@link BodyRegex} (when given) satisfied.
 */
record HttpExpectation(List<Url.StatusRange> statusCodes, Optional<String> digest, Optional<BodyRegex> regex) {

    HttpExpectation {
        statusCodes = statusCodes.isEmpty() ? List.of(new Url.StatusRange(200, 299)) : List.copyOf(statusCodes);
        digest = digest.map(d -> d.toLowerCase(java.util.Locale.ROOT));
    }

    /** @throws java.util.regex.PatternSyntaxException when the url's regex is not a Java regex */
    static HttpExpectation of(Url url) {
        return new HttpExpectation(url.statusCode(), url.digest(), url.regex().map(BodyRegex::of));
    }

    boolean needsBody() {
        return regex.isPresent();
    }

    void check(HttpResponse r) throws ProbeFailure {
        if (statusCodes.stream().noneMatch(s -> r.status() >= s.from() && r.status() <= s.to())) {
            throw new ProbeFailure(FailureReason.BAD_STATUS, "status " + r.status() + " not in " + statusCodes);
        }
        if (digest.isPresent() && !digest.get().equals(r.md5Hex())) {
            throw new ProbeFailure(FailureReason.DIGEST_MISMATCH, "MD5 " + r.md5Hex() + " != " + digest.get());
        }
        if (regex.isPresent()) {
            regex.get().check(r.body().orElse(new byte[0]));
        }
    }

    String describe() {
        return "codes " + statusCodes + digest.map(d -> " md5 " + d).orElse("") + regex.map(BodyRegex::describe).orElse("");
    }
}
