package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlocksTest {

    @Test
    void braceOnNextLineEvenAfterCommentsAndBlankLines() {
        var r = read("vrrp_instance VI_1\n\n# comment\n{\n state MASTER\n}\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("vrrp_instance VI_1 {\n  state MASTER\n");
    }

    @Test
    void textAfterBracesIsANewLine() {
        var r = read("a { b 1 } c { d { e } }\nf");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("a {\n  b 1\nc {\n  d {\n    e\nf\n");
    }

    @Test
    void braceAttachedToAWordStillOpensTheBlock() {
        var r = read("virtual_ipaddress{\n198.18.0.1/24}\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("virtual_ipaddress {\n  198.18.0.1/24\n");
    }

    @Test
    void emptyBlockIsStillABlock() {
        var r = read("notification_email { }\nnotification_email\n");
        assertThat(r.nodes().get(0).block()).isTrue();
        assertThat(r.nodes().get(1).block()).isFalse();
    }

    @Test
    void bracesInsideDoubleQuotesAreText() {
        var r = read("script \"/bin/x {a}\"\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("script /bin/x {a}\n");
    }

    @Test
    void bracesInsideSingleQuotesSplitTheLineAsInKeepalived() {
        var r = read("'k{x'\n}\n");
        assertThat(r.tree()).isEqualTo("'k {\n  x'\n");
    }

    @Test
    void textAfterABraceIsProcessedAsAWholeBeforeItIsSplitAgain() {
        // keepalived 2.2.7: in "q{$X}" the rest "$X}" is one line, where $X is followed by '}' and so is no use
        var r = read("$X=abc\nq{$X}\nr{ $X }\n");
        assertThat(r.tree()).isEqualTo("q {\n  $X\nr {\n  abc\n");
    }

    @Test
    void missingClosingBraceReportsTheOpeningLine() {
        var r = read("global_defs {\n  router_id a\nvrrp_instance X {\n  state MASTER\n");
        assertThat(r.messages()).containsExactly(
                "t.conf:3:1: error: missing '}' for 'vrrp_instance' opened here\n    hint: the block runs to the end of the file",
                "t.conf:1:1: error: missing '}' for 'global_defs' opened here\n    hint: the block runs to the end of the file");
    }

    @Test
    void extraClosingBraceIsAnError() {
        var r = read("a {\n}\n  }\nb\n");
        assertThat(r.messages()).containsExactly("t.conf:3:3: error: unexpected '}': no block is open");
        assertThat(r.tree()).isEqualTo("a {\nb\n");
    }

    @Test
    void strayOpeningBraceKeepsItsContentsAtTheCurrentLevel() {
        var r = read("a {\n}\n{\n b\n}\nc\n");
        assertThat(r.messages()).containsExactly(
                "t.conf:3:1: error: unexpected '{': no keyword before it\n    hint: its contents are read as if the braces were not there");
        assertThat(r.tree()).isEqualTo("a {\nb\nc\n");
    }

    @Test
    void aLineFullOfBracesIsReadInLinearTime() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            var r = read("a" + "{".repeat(200_000) + "\n" + "\"}\" }".repeat(200_000) + "\n");
            assertThat(r.messages()).hasSize(199_999);
        });
    }

    @Test
    void quotesAroundBracesInOneLine() {
        var r = read("a \"{\" { b \"}\" } c\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("a { {\n  b }\nc\n");
    }

    @Test
    void deepNestingIsBoundedNotAStackOverflow() {
        String text = "a {\n".repeat(100_000) + "}\n".repeat(100_000);
        var r = read(text);
        assertThat(r.messages()).hasSize(100_000 - TreeBuilder.MAX_DEPTH);
        assertThat(r.messages().getFirst()).isEqualTo("t.conf:65:3: error: blocks nested deeper than 64 levels");
    }
}
