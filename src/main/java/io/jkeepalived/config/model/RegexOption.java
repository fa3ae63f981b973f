package io.jkeepalived.config.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The PCRE2 options keepalived accepts in {@code regex_options}, and what each becomes for Java's
 * regex engine: a {@link Pattern} flag, nothing because Java already behaves that way (or the option
 * only tunes PCRE2's optimiser), or unsupported (no Java counterpart: reported by {@code -t} and
 * ignored). {@link #UTF} also makes the body be read as UTF-8 instead of one char per byte.
 */
public enum RegexOption {
    ALLOW_EMPTY_CLASS(Support.NONE, 0),
    ALT_BSUX(Support.NONE, 0),
    AUTO_CALLOUT(Support.NONE, 0),
    CASELESS(Support.FLAG, Pattern.CASE_INSENSITIVE),
    DOLLAR_ENDONLY(Support.NONE, 0),
    DOTALL(Support.FLAG, Pattern.DOTALL),
    DUPNAMES(Support.NONE, 0),
    EXTENDED(Support.FLAG, Pattern.COMMENTS),
    FIRSTLINE(Support.NONE, 0),
    MATCH_UNSET_BACKREF(Support.NONE, 0),
    MULTILINE(Support.FLAG, Pattern.MULTILINE),
    NEVER_UCP(Support.NATIVE, 0),
    NEVER_UTF(Support.NATIVE, 0),
    NO_AUTO_CAPTURE(Support.NATIVE, 0),
    NO_AUTO_POSSESS(Support.NATIVE, 0),
    NO_DOTSTAR_ANCHOR(Support.NATIVE, 0),
    NO_START_OPTIMIZE(Support.NATIVE, 0),
    UCP(Support.FLAG, Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNICODE_CASE),
    UNGREEDY(Support.NONE, 0),
    UTF(Support.FLAG, Pattern.UNICODE_CASE),
    NEVER_BACKSLASH_C(Support.NATIVE, 0),
    ALT_CIRCUMFLEX(Support.NONE, 0),
    ALT_VERBNAMES(Support.NONE, 0),
    USE_OFFSET_LIMIT(Support.NATIVE, 0);

    /** How Java's engine honours the option. */
    public enum Support { FLAG, NATIVE, NONE }

    public final Support support;
    public final int javaFlags;

    RegexOption(Support support, int javaFlags) {
        this.support = support;
        this.javaFlags = javaFlags;
    }

    /** The keyword as written in the config ({@code caseless}). */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RegexOption> byKeyword(String word) {
        return Arrays.stream(values()).filter(o -> o.keyword().equals(word)).findFirst();
    }
}
