package io.jkeepalived.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptArgvTest {

    private static Object argv(String s) {
        return ScriptArgv.parse(s);
    }

    @Test
    void splitsOnUnquotedWhitespace() {
        assertThat(argv("/usr/bin/check  a\tb ")).isEqualTo(new ScriptArgv.Argv(java.util.List.of("/usr/bin/check", "a", "b")));
    }

    @Test
    void singleQuotesGroupAnArgumentWithSpaces() {
        assertThat(argv("/bin/sh -c 'echo hi there' x")).isEqualTo(
                new ScriptArgv.Argv(java.util.List.of("/bin/sh", "-c", "echo hi there", "x")));
    }

    @Test
    void quotesJoinAdjacentText() {
        assertThat(argv("a'b c'd")).isEqualTo(new ScriptArgv.Argv(java.util.List.of("ab cd")));
        assertThat(argv("''")).isEqualTo(new ScriptArgv.Argv(java.util.List.of("")));
    }

    @Test
    void backslashEscapesOutsideQuotes() {
        assertThat(argv("a\\ b c")).isEqualTo(new ScriptArgv.Argv(java.util.List.of("a b", "c")));
    }

    @Test
    void badInputIsARejectionNotAnException() {
        assertThat(argv("   ")).isInstanceOf(ScriptArgv.Rejected.class);
        assertThat(argv("/bin/x 'open")).isInstanceOf(ScriptArgv.Rejected.class);
    }
}
