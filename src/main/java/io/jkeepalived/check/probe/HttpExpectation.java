package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.Url;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code url} block accepts: a status in one of the ranges (default 200-299), the body's MD5
 * equal to {@code digest}, and {@code regex} found in the body ({@code regex_no_match}: not found).
 * The regex is Java's, not PCRE2; the body is matched as ISO-8859-1 so every byte is one char.
 */
record HttpExpectation(List<Url.StatusRange> statusCodes, Optional<String> digest, Optional<Pattern> regex,
                       boolean regexNoMatch) {

    HttpExpectation {
        statusCodes = statusCodes.isEmpty() ? List.of(new Url.StatusRange(200, 299)) : List.copyOf(statusCodes);
        digest = digest.map(d -> d.toLowerCase(java.util.Locale.ROOT));
    }

    static HttpExpectation of(Url url) {
        return new HttpExpectation(url.statusCode(), url.digest(), url.regex().map(Pattern::compile), url.regexNoMatch());
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
            String body = new String(r.body().orElse(new byte[0]), StandardCharsets.ISO_8859_1);
            boolean found = regex.get().matcher(body).find();
            if (found == regexNoMatch) {
                throw new ProbeFailure(FailureReason.REGEX_MISMATCH,
                        (found ? "body matches " : "body does not match ") + regex.get().pattern());
            }
        }
    }

    String describe() {
        return "codes " + statusCodes + digest.map(d -> " md5 " + d).orElse("")
                + regex.map(p -> (regexNoMatch ? " !~ " : " ~ ") + p.pattern()).orElse("");
    }
}
