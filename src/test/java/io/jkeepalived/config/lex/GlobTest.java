package io.jkeepalived.config.lex;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void fnmatchLikeGlob3() {
        assertThat(Glob.fnmatch("*.conf", "a.conf")).isTrue();
        assertThat(Glob.fnmatch("*.conf", "a.conf.bak")).isFalse();
        assertThat(Glob.fnmatch("a?c", "abc")).isTrue();
        assertThat(Glob.fnmatch("[a-c]x", "bx")).isTrue();
        assertThat(Glob.fnmatch("[!a-c]x", "bx")).isFalse();
        assertThat(Glob.fnmatch("[^a-c]x", "dx")).isTrue();
        assertThat(Glob.fnmatch("[]]x", "]x")).isTrue();
        assertThat(Glob.fnmatch("[ab", "[ab")).isTrue();
        assertThat(Glob.fnmatch("\\*", "*")).isTrue();
        assertThat(Glob.fnmatch("\\*", "a")).isFalse();
        assertThat(Glob.fnmatch("*a*a*a*a*a*a*a*b", "a".repeat(5000))).isFalse();
    }

    @Test
    void cshBraces() {
        assertThat(Glob.braces("{foo/{,cat,dog},bar}")).containsExactly("foo/", "foo/cat", "foo/dog", "bar");
        assertThat(Glob.braces("a{}b")).containsExactly("a{}b");
        assertThat(Glob.braces("a{b")).containsExactly("a{b");
        assertThat(Glob.braces("{a,b}{c,d}")).containsExactly("ac", "ad", "bc", "bd");
        assertThat(Glob.braces("{a,b}".repeat(20))).hasSize(Glob.MAX_ALTERNATIVES + 1);
        assertThat(Glob.braces("{a}".repeat(100_000))).hasSize(1);
    }
}
