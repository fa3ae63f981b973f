package io.jkeepalived.check.probe;

import io.jkeepalived.config.model.RegexOption;
import io.jkeepalived.config.model.Url;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A url's {@code regex}, compiled: found in the body (or, with {@code regex_no_match}, not found)
 * with its match starting within [{@code regex_min_offset}, {@code regex_max_offset}]. The body is
 * read one char per byte (ISO-8859-1), so offsets count bytes; with the {@code utf} option it is
 * read as UTF-8 and offsets count chars. The dialect is Java's, not PCRE2's.
 */
record BodyRegex(Pattern pattern, boolean noMatch, Charset charset, long minOffset, OptionalLong maxOffset) {

    /** @throws java.util.regex.PatternSyntaxException when the pattern is not a Java regex */
    static BodyRegex of(Url.Regex r) {
        int flags = r.options().stream().mapToInt(o -> o.javaFlags).reduce(0, (a, b) -> a | b);
        Charset cs = r.options().contains(RegexOption.UTF) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        return new BodyRegex(Pattern.compile(r.pattern(), flags), r.noMatch(), cs, r.minOffset(), r.maxOffset());
    }

    static BodyRegex of(String pattern) {
        return of(Url.Regex.of(pattern));
    }

    void check(byte[] body) throws ProbeFailure {
        String text = new String(body, charset);
        boolean found = false;
        if (minOffset <= text.length()) {
            Matcher m = pattern.matcher(text);
            // find() returns the earliest match, so a later start cannot rescue one past the window
            found = m.find((int) minOffset) && (maxOffset.isEmpty() || m.start() <= maxOffset.getAsLong());
        }
        if (found == noMatch) {
            throw new ProbeFailure(FailureReason.REGEX_MISMATCH, "regex miss: body " + (found ? "matches " : "does not match ")
                    + pattern.pattern() + window());
        }
    }

    private String window() {
        if (minOffset == 0 && maxOffset.isEmpty()) {
            return "";
        }
        return " at offsets " + minOffset + ".." + (maxOffset.isPresent() ? Long.toString(maxOffset.getAsLong()) : "");
    }

    String describe() {
        return (noMatch ? " !~ " : " ~ ") + pattern.pattern() + (pattern.flags() != 0 ? "/" + pattern.flags() : "")
                + (charset == StandardCharsets.UTF_8 ? " utf" : "") + window();
    }
}
