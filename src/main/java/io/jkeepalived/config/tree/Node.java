package io.jkeepalived.config.tree;

import io.jkeepalived.config.SourcePos;
import java.util.List;

/**
 * One statement of the block tree the lexer builds: a keyword, its arguments and, for a block
 * ({@code keyword args { ... }}), its children. Includes, macros, conditionals and {@code ~SEQ}
 * have already been expanded; the binder sees only this tree.
 *
 * <p>{@code block} is true when the statement opened braces, even if they were empty, because
 * {@code notification_email { }} and {@code notification_email} mean different things to a
 * binder that must report "expected a block".
 */
public record Node(Token keyword, List<Token> args, List<Node> children, boolean block) {

    public Node {
        args = List.copyOf(args);
        children = List.copyOf(children);
    }

    public String name() {
        return keyword.text();
    }

    public SourcePos pos() {
        return keyword.pos();
    }
}
