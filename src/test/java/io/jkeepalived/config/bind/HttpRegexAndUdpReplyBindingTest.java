package io.jkeepalived.config.bind;

import static io.jkeepalived.config.bind.Load.config;
import static io.jkeepalived.config.bind.Load.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.model.Checker;
import io.jkeepalived.config.model.RegexOption;
import io.jkeepalived.config.model.Url;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code url { regex ... }} and UDP_CHECK's hex strings, from config text to the model. */
class HttpRegexAndUdpReplyBindingTest {

    private static String rs(String checker) {
        return LvsBindingTest.vs("198.18.0.1 80", "lb_kind NAT\n protocol TCP\n real_server 198.18.0.2 80 {\n" + checker + "\n }");
    }

    private static String url(String lines) {
        return rs("HTTP_GET {\n url {\n path /health\n" + lines + "\n }\n }");
    }

    private static List<Checker> checkers(String conf) {
        return config(conf).virtualServers().getFirst().realServers().getFirst().checkers();
    }

    private static Url.Regex regexOf(String conf) {
        return ((Checker.HttpGet) checkers(conf).getFirst()).urls().getFirst().regex().orElseThrow();
    }

    @Test
    void regexWithEveryCompanionIsBound() {
        String conf = url("regex \"status: (green|yellow)\"\n regex_no_match\n regex_options caseless multiline\n"
                + " regex_stack 32768 65536\n regex_min_offset 2\n regex_max_offset 100");
        assertThat(messages(conf)).isEmpty();
        assertThat(regexOf(conf)).isEqualTo(new Url.Regex("status: (green|yellow)", true,
                java.util.Set.of(RegexOption.CASELESS, RegexOption.MULTILINE), 2, OptionalLong.of(100)));
    }

    @Test
    void aPlainRegexHasNoWindowAndNoOptions() {
        assertThat(regexOf(url("regex gre+n"))).isEqualTo(Url.Regex.of("gre+n"));
        assertThat(((Checker.HttpGet) checkers(url("")).getFirst()).urls().getFirst().regex()).isEmpty();
    }

    @Test
    void optionsWithoutAJavaCounterpartOrUnknownAreWarnedAndIgnored() {
        String conf = url("regex x\n regex_options ungreedy bogus dotall no_start_optimize");
        assertThat(messages(conf)).hasSize(2).anyMatch(m -> m.contains("ungreedy") && m.contains("no equivalent"))
                .anyMatch(m -> m.contains("unknown regex option 'bogus'"));
        assertThat(regexOf(conf).options()).containsExactlyInAnyOrder(RegexOption.DOTALL, RegexOption.NO_START_OPTIMIZE);
    }

    @Test
    void companionsWithoutRegexAndAnInvertedWindowAreWarned() {
        assertThat(messages(url("regex_no_match\n regex_min_offset 3"))).singleElement().asString()
                .contains("regex parameters but no regex");
        String inverted = url("regex x\n regex_min_offset 10\n regex_max_offset 5");
        assertThat(messages(inverted)).singleElement().asString().contains("both are ignored");
        assertThat(regexOf(inverted)).isEqualTo(Url.Regex.of("x"));
    }

    @Test
    void anInvalidRegexIsAnErrorButKeptSoTheCheckerIsDisabledNotWeakened() {
        String conf = url("regex \"(unclosed\"");
        assertThat(messages(conf)).singleElement().asString().contains("not a valid (Java) regular expression");
        assertThat(regexOf(conf).pattern()).isEqualTo("(unclosed");
        assertThat(messages(url("regex a b"))).singleElement().asString().contains("quote a pattern with spaces");
    }

    @Test
    void requireReplyWithoutArgumentMeansAnyReply() {
        var c = (Checker.UdpCheck) checkers(rs("UDP_CHECK {\n connect_port 53\n require_reply\n }")).getFirst();
        assertThat(c.requireReply()).contains("");
        var none = (Checker.UdpCheck) checkers(rs("UDP_CHECK {\n connect_port 53\n }")).getFirst();
        assertThat(none.requireReply()).isEmpty();
        assertThat(messages(rs("UDP_CHECK {\n connect_port 53\n require_reply\n }"))).isEmpty();
    }

    @Test
    void hexStringsKeepEveryGroupAndBadHexIsAnError() {
        var c = (Checker.UdpCheck) checkers(rs("UDP_CHECK {\n connect_port 53\n payload Ab12f 3 456\n require_reply 01 XX 03\n }"))
                .getFirst();
        assertThat(c.payload()).contains("Ab12f 3 456");
        assertThat(c.requireReply()).contains("01 XX 03");
        assertThat(messages(rs("UDP_CHECK {\n connect_port 53\n payload 0x12\n }"))).singleElement().asString()
                .contains("payload '0x12' is not a hex string");
        assertThat(messages(rs("UDP_CHECK {\n connect_port 53\n require_reply 1G\n }"))).singleElement().asString()
                .contains("not a hex string");
    }
}
