package io.jkeepalived.config.lex;

/** Removes a {@code #} or {@code !} comment, which may start anywhere outside quotes. */
final class Comments {
    private Comments() {}

    static Line strip(Line line) {
        String s = line.text();
        int n = s.length();
        char quote = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' || c == '!') {
                return line.prefix(i);
            }
        }
        return line;
    }
}
