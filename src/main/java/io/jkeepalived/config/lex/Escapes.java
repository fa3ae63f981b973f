package io.jkeepalived.config.lex;

/** Shell-like backslash escapes: {@code \a \b \E \f \n \r \t \v \nnn \xXX \cC} and {@code \C}. */
final class Escapes {
    private Escapes() {}

    /**
     * Decodes the escape whose backslash is at {@code at}, appends the character to {@code out}
     * and returns the index after the escape. The caller handles a backslash at the very end.
     */
    static int decode(String s, int at, StringBuilder out) {
        int i = at + 1;
        int n = s.length();
        if (i >= n) {
            out.append('\\');
            return i;
        }
        char c = s.charAt(i);
        switch (c) {
            case 'a' -> out.append((char) 7);
            case 'b' -> out.append('\b');
            case 'E' -> out.append((char) 0x1b);
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append((char) 0x0b);
            case 'x' -> {
                if (i + 1 < n && hex(s.charAt(i + 1)) >= 0) {
                    int v = 0;
                    int j = i + 1;
                    // keepalived takes every following hex digit and keeps the low byte
                    while (j < n && hex(s.charAt(j)) >= 0) {
                        v = (v << 4) | hex(s.charAt(j));
                        j++;
                    }
                    out.append((char) (v & 0xff));
                    return j;
                }
                out.append('x');
            }
            case 'c' -> {
                if (i + 1 < n) {
                    out.append((char) (s.charAt(i + 1) & 0x1f));
                    return i + 2;
                }
                out.append('c');
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int v = 0;
                    int j = i;
                    while (j < n && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = (v << 3) | (s.charAt(j) - '0');
                        j++;
                    }
                    out.append((char) (v & 0xff));
                    return j;
                }
                out.append(c);
            }
        }
        return i + 1;
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
