package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostic;
import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Helpers shared by the lexer tests: read text, render the tree and the diagnostics compactly. */
final class LexTesting {
    private LexTesting() {}

    static final ReaderOptions OPTS = new ReaderOptions("main", Map.of("HOME_DIR", "/home/x"), false);

    record Result(List<Node> nodes, Diagnostics diags) {
        String tree() {
            return render(nodes, 0);
        }

        List<String> messages() {
            return diags.all().stream().map(Diagnostic::render).toList();
        }
    }

    static Result read(String text) {
        return read(text, Path.of("/nonexistent-dir"), OPTS);
    }

    static Result read(String text, Path dir, ReaderOptions opts) {
        var d = new Diagnostics();
        var nodes = ConfigReader.readString(text, "t.conf", dir, opts, d);
        return new Result(nodes, d);
    }

    /** One line per node: indent, keyword and args joined by spaces, "{" when it is a block. */
    static String render(List<Node> nodes, int depth) {
        var sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append("  ".repeat(depth)).append(n.name());
            for (Token t : n.args()) {
                sb.append(' ').append(t.text());
            }
            if (n.block()) {
                sb.append(" {");
            }
            sb.append('\n');
            sb.append(render(n.children(), depth + 1));
        }
        return sb.toString();
    }

    static String words(Node n) {
        return n.args().stream().map(Token::text).collect(Collectors.joining("|", n.name() + "|", ""));
    }
}
