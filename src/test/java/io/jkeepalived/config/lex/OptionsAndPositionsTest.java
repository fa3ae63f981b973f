package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.tree.Token;
import org.junit.jupiter.api.Test;

class OptionsAndPositionsTest {

    @Test
    void defaultsUseTheShortHostNameAndTheProcessEnvironment() {
        var d = ReaderOptions.defaults();
        assertThat(d.configId()).isNotEmpty().doesNotContain(".");
        assertThat(d.environment()).isEqualTo(System.getenv());
        assertThat(d.allConfig()).isFalse();
    }

    @Test
    void seqRoundsKeepTheColumnsOfTheirLine() {
        var r = read("~SEQ(i, 2)   ip 198.18.0.$i\n");
        assertThat(r.nodes()).hasSize(2);
        for (var n : r.nodes()) {
            assertThat(n.pos().toString()).isEqualTo("t.conf:1:14");
            assertThat(n.args().getFirst().pos().toString()).isEqualTo("t.conf:1:17");
        }
    }

    @Test
    void multiLineParameterLinesReportTheUse() {
        var r = read("$M= \\\na 1 \\\nb 2\n\n   $M\n");
        assertThat(r.nodes()).extracting(n -> n.pos().toString()).containsExactly("t.conf:5:4", "t.conf:5:4");
    }

    @Test
    void piecesAfterBracesKeepTheirColumns() {
        var r = read("a {  b 1 }  c\n");
        assertThat(r.nodes().get(0).children().getFirst().pos().toString()).isEqualTo("t.conf:1:6");
        assertThat(r.nodes().get(1).pos().toString()).isEqualTo("t.conf:1:13");
    }

    @Test
    void quotedWordPositionIsItsOpeningQuote() {
        var r = read("notify  \"/bin/x y\"\n");
        Token t = r.nodes().getFirst().args().getFirst();
        assertThat(t.pos().toString()).isEqualTo("t.conf:1:9");
        assertThat(t.quoted()).isTrue();
    }

    @Test
    void windowsLineEndingsAreAccepted() {
        var r = read("a {\r\n b\r\n}\r\n");
        assertThat(r.messages()).isEmpty();
        assertThat(r.tree()).isEqualTo("a {\n  b\n");
    }
}
