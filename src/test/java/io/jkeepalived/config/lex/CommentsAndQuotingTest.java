package io.jkeepalived.config.lex;

import static io.jkeepalived.config.lex.LexTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.jkeepalived.config.tree.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentsAndQuotingTest {

    private static List<String> words(String text) {
        var r = read(text);
        var n = r.nodes().getFirst();
        var out = new java.util.ArrayList<String>();
        out.add(n.name());
        n.args().stream().map(Token::text).forEach(out::add);
        return out;
    }

    @Test
    void hashAndBangStartCommentsAnywhereOutsideDoubleQuotes() {
        assertThat(words("a b#c d")).containsExactly("a", "b");
        assertThat(words("a b!c d")).containsExactly("a", "b");
        assertThat(words("a \"b # c\" d ! e")).containsExactly("a", "b # c", "d");
    }

    @Test
    void singleQuotesDoNotProtectComments() {
        // keepalived 2.2.7: `'it # is'` reads as `'it`
        assertThat(words("'it # is'")).containsExactly("'it");
    }

    @Test
    void backslashEscapesCommentCharactersOutsideQuotes() {
        assertThat(words("a b\\#c \\!d")).containsExactly("a", "b#c", "!d");
    }

    @Test
    void commentOnlyAndBlankLinesProduceNothing() {
        var r = read("  # x\n\n\t! y\n   \n");
        assertThat(r.nodes()).isEmpty();
        assertThat(r.messages()).isEmpty();
    }

    @Test
    void doubleQuotedWordIsVerbatimAndMarkedQuoted() {
        var n = read("notify \"/bin/x.sh a\\tb 'c d'\" root").nodes().getFirst();
        assertThat(n.args()).extracting(Token::text).containsExactly("/bin/x.sh a\\tb 'c d'", "root");
        assertThat(n.args()).extracting(Token::quoted).containsExactly(true, false);
    }

    @Test
    void quotesSplitWordsLikeKeepalived() {
        // keepalived's general tokenizer ends a word at '"'; joining happens only in script lines
        assertThat(words("abcd\" efg\" h")).containsExactly("abcd", " efg", "h");
        assertThat(words("\"a\"b")).containsExactly("a", "b");
        assertThat(words("abc' x y'z")).containsExactly("abc'", "x", "y'z");
    }

    @Test
    void escapesAreNotDecodedInOrdinaryWords() {
        assertThat(words("a\\x41b \"c\\td\"")).containsExactly("a\\x41b", "c\\td");
    }

    @Test
    void unterminatedDoubleQuoteIsAnError() {
        var r = read("router_id \"abc\n");
        assertThat(r.messages()).containsExactly(
                "t.conf:1:11: error: missing closing '\"'\n    hint: the rest of the line is ignored");
        assertThat(r.tree()).isEqualTo("router_id\n");
    }

    @Test
    void scriptWordsJoinQuotesAndDecodeEscapes() {
        assertThat(ScriptWords.split("abcd\" efg h jkl \"mnop").words()).containsExactly("abcd efg h jkl mnop");
        assertThat(ScriptWords.split("abcd \"efg h jkl\" mnop").words()).containsExactly("abcd", "efg h jkl", "mnop");
        assertThat(ScriptWords.split("/bin/x.sh 'a b' c").words()).containsExactly("/bin/x.sh", "a b", "c");
        assertThat(ScriptWords.split("a\\tb \\x41\\101 \\cA \\E \\\\ \\\" \\q").words())
                .containsExactly("a\tb", "AA", "\u0001", "\u001b", "\\", "\"", "q");
        assertThat(ScriptWords.split("\\a\\b\\f\\n\\r\\v").words()).containsExactly("\u0007\b\f\n\r\u000b");
    }

    @Test
    void scriptWordsReportBadInput() {
        assertThat(ScriptWords.split("a 'b").error()).contains("missing terminating ' in 'a 'b'");
        assertThat(ScriptWords.split("a \"b").error()).contains("missing terminating \" in 'a \"b'");
        assertThat(ScriptWords.split("a\\").error()).contains("missing character after '\\' at the end of 'a\\'");
        assertThat(ScriptWords.split("a 'b").words()).isEmpty();
    }
}
