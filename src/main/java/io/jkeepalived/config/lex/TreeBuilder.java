package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Assembles lexed lines into the block tree. A statement is the words of a line up to a brace or
 * the end of the line; {@code {} opens a block for the words before it, or, alone at the start of a
 * line, for the last statement of the previous line.
 */
final class TreeBuilder {

    /** A node under construction; {@code keyword} is absent only for the root and for orphan blocks. */
    private static final class Draft {
        final Token keyword;
        final List<Token> args;
        final List<Draft> children = new ArrayList<>();
        boolean block;
        final boolean orphan;

        Draft(Token keyword, List<Token> args, boolean orphan) {
            this.keyword = keyword;
            this.args = args;
            this.orphan = orphan;
        }

        Node build() {
            var kids = new ArrayList<Node>(children.size());
            for (Draft d : children) {
                if (!d.orphan) {
                    kids.add(d.build());
                }
            }
            return new Node(keyword, args, kids, block);
        }
    }

    private final Diagnostics diags;
    private final Draft root = new Draft(new Token("", SourcePos.of("", 0, 0), false), List.of(), true);
    private final Deque<Draft> open = new ArrayDeque<>();
    /** The statement that ended the previous line, which a {@code {} on the next line may open. */
    private Draft pending;

    TreeBuilder(Diagnostics diags) {
        this.diags = diags;
        open.push(root);
    }

    void line(List<Lexeme> lexemes) {
        var words = new ArrayList<Token>();
        boolean first = true;
        for (Lexeme lx : lexemes) {
            switch (lx) {
                case Lexeme.Word w -> words.add(w.token());
                case Lexeme.Open o -> {
                    Draft target;
                    if (!words.isEmpty()) {
                        target = statement(words);
                        words.clear();
                    } else if (first && pending != null && !pending.block) {
                        target = pending;
                    } else {
                        diags.error(o.pos(), "'{' without a keyword before it");
                        target = new Draft(new Token("{", o.pos(), false), List.of(), true);
                        open.peek().children.add(target);
                    }
                    target.block = true;
                    open.push(target);
                }
                case Lexeme.Close c -> {
                    if (!words.isEmpty()) {
                        statement(words);
                        words.clear();
                    }
                    if (open.size() > 1) {
                        open.pop();
                    } else {
                        diags.error(c.pos(), "unmatched '}'");
                    }
                }
            }
            first = false;
        }
        pending = null;
        if (!words.isEmpty()) {
            pending = statement(words);
        }
    }

    private Draft statement(List<Token> words) {
        var d = new Draft(words.getFirst(), List.copyOf(words.subList(1, words.size())), false);
        open.peek().children.add(d);
        return d;
    }

    List<Node> finish() {
        while (open.size() > 1) {
            Draft d = open.pop();
            diags.error(d.keyword.pos(), "block '" + d.keyword.text() + "' is never closed: missing '}'");
        }
        return root.build().children();
    }
}
