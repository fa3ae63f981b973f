package io.jkeepalived.check.probe;

import static io.jkeepalived.check.probe.HttpTestSupport.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jkeepalived.config.model.RegexOption;
import io.jkeepalived.config.model.Url;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts of HTTP_GET; against real servers see {@link HttpProbeSystemTest}. */
class HttpProbeTest {

    private static HttpProbe probe(String path) {
        var e = Endpoint.to(InetAddress.ofLiteral("198.18.77.2"), 80);
        return new HttpProbe(HttpTestSupport.target(e, path, Optional.empty(), Optional.empty()), plain());
    }

    private static FailureReason check(Url.Regex r, String body) {
        try {
            BodyRegex.of(r).check(body.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (ProbeFailure f) {
            return f.reason();
        }
    }

    @Test
    void identicalTargetsShareADedupKeyAndOthersDoNot() {
        assertThat(probe("/a").dedupKey()).isEqualTo(probe("/a").dedupKey()).isNotEqualTo(probe("/b").dedupKey());
    }

    @Test
    void regexOptionsBecomeJavaFlags() {
        var caseless = new Url.Regex("GREEN", false, Set.of(RegexOption.CASELESS), 0, OptionalLong.empty());
        assertThat(check(caseless, "status: green")).isNull();
        assertThat(check(Url.Regex.of("GREEN"), "status: green")).isEqualTo(FailureReason.REGEX_MISMATCH);
        var multiline = new Url.Regex("^ok$", false, Set.of(RegexOption.MULTILINE), 0, OptionalLong.empty());
        assertThat(check(multiline, "x\nok\ny")).isNull();
        assertThat(check(Url.Regex.of("^ok$"), "x\nok\ny")).isEqualTo(FailureReason.REGEX_MISMATCH);
    }

    @Test
    void theMatchMustStartInsideTheOffsetWindow() {
        var window = new Url.Regex("ab", false, Set.of(), 2, OptionalLong.of(4));
        assertThat(check(window, "ab")).isEqualTo(FailureReason.REGEX_MISMATCH); // starts before min
        assertThat(check(window, "xxab")).isNull();
        assertThat(check(window, "xxxxab")).isNull(); // starts at max: inclusive
        assertThat(check(window, "xxxxxab")).isEqualTo(FailureReason.REGEX_MISMATCH);
        assertThat(check(window, "x")).isEqualTo(FailureReason.REGEX_MISMATCH); // body shorter than min
        var noMatch = new Url.Regex("ab", true, Set.of(), 2, OptionalLong.of(4));
        assertThat(check(noMatch, "xxxxxab")).as("regex_no_match: outside the window is no match").isNull();
    }

    @Test
    void utfReadsTheBodyAsUtf8() {
        var utf = new Url.Regex("^gr.n$", false, Set.of(RegexOption.UTF), 0, OptionalLong.empty());
        assertThat(check(utf, "grün")).isNull();
        assertThat(check(Url.Regex.of("^gr.n$"), "grün")).as("one char per byte: ü is two").isEqualTo(FailureReason.REGEX_MISMATCH);
    }

    @Test
    void anInvalidJavaRegexIsRejectedWhenTheProbeIsMade() {
        assertThatThrownBy(() -> BodyRegex.of("(unclosed")).isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }
}
