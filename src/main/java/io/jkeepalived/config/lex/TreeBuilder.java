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
 * Assembles the preprocessor's output ({@code {}, {@code }} or a statement) into the block tree. A
 * {@code {} opens a block for the statement right before it, which may be on an earlier line.
 * A stray {@code {} is reported and its contents are kept at the current level, so the binder
 * still sees (and checks) them while the braces stay balanced.
 */
final class TreeBuilder {
    /** Deeper nesting than any real keepalived.conf; stops hostile input from exhausting stacks. */
    static final int MAX_DEPTH = 64;

    /**
     * A node under construction. An orphan stands for a stray brace: it shares its parent's
     * children, so what it contains lands one level up and orphans never nest.
     */
    private static final class Draft {
        final Token keyword;
        final List<Token> args;
        final List<Draft> children;
        boolean block;
        final boolean orphan;
        final SourcePos openedAt;

        Draft(Token keyword, List<Token> args, SourcePos openedAt) {
            this.keyword = keyword;
            this.args = args;
            this.children = new ArrayList<>();
            this.orphan = false;
            this.openedAt = openedAt;
        }

        Draft(Draft parent, SourcePos openedAt) {
            this.keyword = new Token("{", openedAt, false);
            this.args = List.of();
            this.children = parent.children;
            this.orphan = true;
            this.openedAt = openedAt;
        }

        void addTo(List<Node> out) {
            var kids = new ArrayList<Node>(children.size());
            for (Draft d : children) {
                d.addTo(kids);
            }
            out.add(new Node(keyword, args, kids, block));
        }
    }

    private final Diagnostics diags;
    private final Draft root;
    private final Deque<Draft> open = new ArrayDeque<>();
    private int depth;
    /** The statement just read, which a following {@code {} opens. */
    private Draft pending;

    TreeBuilder(Diagnostics diags) {
        this.diags = diags;
        SourcePos none = SourcePos.of("", 0, 0);
        this.root = new Draft(new Token("", none, false), List.of(), none);
        open.push(root);
    }

    void statement(List<Token> words) {
        if (words.isEmpty()) {
            pending = null;
            return;
        }
        var d = new Draft(words.getFirst(), List.copyOf(words.subList(1, words.size())), words.getFirst().pos());
        open.peek().children.add(d);
        pending = d;
    }

    void openBrace(SourcePos at) {
        Draft target;
        if (pending != null && depth < MAX_DEPTH) {
            target = pending;
            target.block = true;
        } else {
            if (pending == null) {
                diags.error(at, "unexpected '{': no keyword before it", "its contents are read as if the braces were not there");
            } else {
                diags.error(at, "blocks nested deeper than " + MAX_DEPTH + " levels");
            }
            target = new Draft(open.peek(), at);
        }
        open.push(target);
        depth++;
        pending = null;
    }

    void closeBrace(SourcePos at) {
        pending = null;
        if (open.size() > 1) {
            open.pop();
            depth--;
        } else {
            diags.error(at, "unexpected '}': no block is open");
        }
    }

    List<Node> finish() {
        while (open.size() > 1) {
            Draft d = open.pop();
            if (d.orphan) {
                diags.error(d.openedAt, "missing '}' for the '{' opened here");
            } else {
                diags.error(d.openedAt, "missing '}' for '" + d.keyword.text() + "' opened here",
                        "the block runs to the end of the file");
            }
        }
        var out = new ArrayList<Node>(root.children.size());
        for (Draft d : root.children) {
            d.addTo(out);
        }
        return out;
    }
}
