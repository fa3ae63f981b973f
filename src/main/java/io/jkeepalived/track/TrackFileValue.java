package io.jkeepalived.track;

/**
 * Reads a {@code track_file}'s content the way keepalived does: C {@code strtol} with base 0 on
 * the first 127 bytes (leading whitespace and a sign allowed; {@code 0x} hex and leading-zero
 * octal accepted; trailing text ignored), no number at all reads as 0, and the value is clamped to
 * -254..254. {@code clean} is false when the content was anything but one number plus whitespace:
 * keepalived accepts that silently, we count it and warn.
 */
public record TrackFileValue(int value, boolean clean) {

    static final int MAX_BYTES = 127;
    static final int LIMIT = 254;

    public static TrackFileValue parse(String content) {
        String s = content.length() > MAX_BYTES ? content.substring(0, MAX_BYTES) : content;
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int digitsStart = i;
        long v = 0;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
            v = Math.min(v * radix + Character.digit(s.charAt(i), radix), Integer.MAX_VALUE);
            i++;
        }
        boolean any = i > digitsStart;
        int rest = i;
        while (rest < s.length() && isSpace(s.charAt(rest))) {
            rest++;
        }
        boolean clean = any && rest == s.length() && content.length() <= MAX_BYTES;
        long signed = any ? (negative ? -v : v) : 0;
        int clamped = (int) Math.max(-LIMIT, Math.min(LIMIT, signed));
        return new TrackFileValue(clamped, clean);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
