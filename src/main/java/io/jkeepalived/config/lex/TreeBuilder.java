package io.jkeepalived.config.lex;

import io.jkeepalived.config.Diagnostics;
import io.jkeepalived.config.SourcePos;
import io.jkeepalived.config.tree.Node;
import io.jkeepalived.config.tree.Token;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Assembles the preprocessor's output ({@code {}, {@code }} or a statement) into the block tree. A
 * {@code {} opens a block for the statement right before it, which may be on an earlier line, so a
 * statement becomes a node only once the next item shows whether it has a block. A stray
 * {@code {} is reported and its contents are kept at the current level, so the binder still sees
 * (and checks) them while the braces stay balanced.
 */
final class TreeBuilder {
    /** Deeper nesting than any real keepalived.conf; stops hostile input from exhausting stacks. */
    static final int MAX_DEPTH = 64;

    /** An open block. An orphan (stray brace) shares its parent's children, so orphans never nest. */
    private record Open(Token keyword, List<Token> args, List<Node> children, boolean orphan) {}

    private final Diagnostics diags;
    /** The top level: a list, or (streaming) a sink each finished top-level node goes to at once. */
    private final List<Node> top;
    private final Deque<Open> open = new ArrayDeque<>();
    /**
     * Child lists of closed blocks, emptied for the next blocks: a block's node copies its children,
     * so one list per nesting level serves a whole config (10,000 real_server blocks made 10,000).
     */
    private final Deque<List<Node>> spare = new ArrayDeque<>();
    private int depth;
    /** The statement just read, which a following {@code {} opens; not yet a node. */
    private Token pendingKeyword;
    private List<Token> pendingArgs;

    TreeBuilder(Diagnostics diags) {
        this.diags = diags;
        this.top = new ArrayList<>();
    }

    /** Hands each top-level node to {@code topLevel} as soon as it is complete; {@link #end()} at the end. */
    TreeBuilder(Diagnostics diags, Consumer<Node> topLevel) {
        this.diags = diags;
        this.top = new Emitting(topLevel);
    }

    /**
     * The streaming top level. Only {@code add} is ever called on a block's child list (a stray brace at
     * the top level shares it too), so this list is a write-only door to the sink.
     */
    private static final class Emitting extends AbstractList<Node> {
        private final Consumer<Node> sink;

        Emitting(Consumer<Node> sink) {
            this.sink = sink;
        }

        @Override
        public boolean add(Node n) {
            sink.accept(n);
            return true;
        }

        @Override
        public Node get(int index) {
            throw new UnsupportedOperationException("the top level was streamed");
        }

        @Override
        public int size() {
            return 0;
        }
    }

    private List<Node> current() {
        Open o = open.peek();
        return o == null ? top : o.children();
    }

    private void flushPending() {
        if (pendingKeyword != null) {
            current().add(new Node(pendingKeyword, pendingArgs, List.of(), false));
            pendingKeyword = null;
            pendingArgs = null;
        }
    }

    /** A statement's words; the list is the caller's to reuse afterwards. */
    void statement(List<Token> words) {
        flushPending();
        if (!words.isEmpty()) {
            pendingKeyword = words.getFirst();
            pendingArgs = switch (words.size()) {
                // most statements have one or two arguments: no array for those
                case 1 -> List.of();
                case 2 -> List.of(words.get(1));
                case 3 -> List.of(words.get(1), words.get(2));
                default -> List.copyOf(words.subList(1, words.size()));
            };
        }
    }

    /** The '{' at column {@code index} of {@code line}; its position is made only for a diagnostic. */
    void openBrace(Line line, int index) {
        if (pendingKeyword != null && depth < MAX_DEPTH) {
            List<Node> children = spare.isEmpty() ? new ArrayList<>() : spare.pop();
            open.push(new Open(pendingKeyword, pendingArgs, children, false));
            pendingKeyword = null;
            pendingArgs = null;
        } else {
            flushPending();
            SourcePos at = line.posAt(index);
            if (open.size() < MAX_DEPTH) {
                diags.error(at, "unexpected '{': no keyword before it", "its contents are read as if the braces were not there");
            } else {
                diags.error(at, "blocks nested deeper than " + MAX_DEPTH + " levels");
            }
            open.push(new Open(new Token("{", at, false), List.of(), current(), true));
        }
        depth++;
    }

    /** The '}' at column {@code index} of {@code line}; its position is made only for a diagnostic. */
    void closeBrace(Line line, int index) {
        flushPending();
        if (open.isEmpty()) {
            diags.error(line.posAt(index), "unexpected '}': no block is open");
            return;
        }
        close();
    }

    private void close() {
        Open o = open.pop();
        depth--;
        if (!o.orphan()) {
            current().add(new Node(o.keyword(), o.args(), immutable(o.children()), true));
            o.children().clear();
            spare.push(o.children());
        }
    }

    /** The list as the node keeps it; up to two elements without the array List.copyOf makes on the way. */
    private static List<Node> immutable(List<Node> l) {
        return switch (l.size()) {
            case 0 -> List.of();
            case 1 -> List.of(l.get(0));
            case 2 -> List.of(l.get(0), l.get(1));
            default -> List.copyOf(l);
        };
    }

    List<Node> finish() {
        end();
        return List.copyOf(top);
    }

    /** Flushes the last statement and closes what is still open (each reported). */
    void end() {
        flushPending();
        while (!open.isEmpty()) {
            Open o = open.peek();
            if (o.orphan()) {
                diags.error(o.keyword().pos(), "missing '}' for the '{' opened here");
            } else {
                diags.error(o.keyword().pos(), "missing '}' for '" + o.keyword().text() + "' opened here",
                        "the block runs to the end of the file");
            }
            close();
        }
    }
}
