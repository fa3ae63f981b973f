package io.jkeepalived.config.bind;

import io.jkeepalived.config.model.Script;
import io.jkeepalived.config.tree.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Script strings. The first token is the command line: when it was quoted it holds the command and
 * its arguments, split on blanks with single quotes grouping an argument. Following tokens name the
 * user and group: {@code user}, {@code user group}, {@code user:group} or {@code user :group}.
 */
final class Scripts {
    private Scripts() {}

    static Script parse(List<Token> args) {
        String command = args.getFirst().text();
        List<String> argv = args.getFirst().quoted() ? split(command) : List.of(command);
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        if (args.size() > 1) {
            String u = args.get(1).text();
            int colon = u.indexOf(':');
            if (colon >= 0) {
                user = Optional.of(u.substring(0, colon));
                if (colon + 1 < u.length()) group = Optional.of(u.substring(colon + 1));
            } else {
                user = Optional.of(u);
            }
            if (args.size() > 2) {
                String g = args.get(2).text();
                group = Optional.of(g.startsWith(":") ? g.substring(1) : g);
            }
        }
        return new Script(command, argv, user, group);
    }

    static List<String> split(String command) {
        var out = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean inQuote = false;
        boolean have = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                inQuote = !inQuote;
                have = true;
            } else if (!inQuote && (c == ' ' || c == '\t')) {
                if (have) out.add(cur.toString());
                cur.setLength(0);
                have = false;
            } else {
                cur.append(c);
                have = true;
            }
        }
        if (have) out.add(cur.toString());
        return out;
    }
}
